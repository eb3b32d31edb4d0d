/**
 * The collaboration map as a plain SVG document: lines along their tracks
 * (network-routes.ts), dots in their kind's colour and shape, HT units as
 * pills with their names, every label where the label placement put it,
 * and a caption (what, as of when, with which filters) and a legend at the
 * top. Real vector shapes and text, so it opens in PowerPoint, Keynote,
 * Illustrator or Inkscape, unlike the browser's foreignObject pictures
 * (docs/decisions/013, 086). Pure: a string.
 */
import type { Network, NetworkEdge, NetworkNode } from "./network";
import { LABEL_FONT_PX, LABEL_LINE_PX, UNIT_FONT_PX } from "./network-label-text";
import { partnerLook, shapePath, SHAPE_OUTLINE, unitColour } from "./network-palette";
import { routePath, routePoints } from "./network-routes";
import { PARTNER_KINDS } from "./vocabulary";

export interface SvgOptions {
  /** First line of the caption. */
  title: string;
  /** Further caption lines: the date, the filters, the counts. */
  lines: string[];
  /** A line's colour and width. */
  edgeStyle: (edge: NetworkEdge) => { colour: string; width: number; dashed?: boolean; opacity?: number };
  /** A node's fill, when not its kind's (colour by community, what-if). */
  nodeFill?: (node: NetworkNode) => string | undefined;
}

const FONT = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif`;

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const f = (n: number) => (Math.round(n * 10) / 10).toString();

/** The points a line runs through, for the canvas, the SVG and picking. */
export function edgeRoute(network: Network, edge: NetworkEdge, nodeById: Map<string, NetworkNode>, at?: (id: string) => { x: number; y: number } | undefined) {
  const source = nodeById.get(edge.source);
  const target = nodeById.get(edge.target);
  if (!source || !target) return null;
  const track = network.meta.geometry.tracks[source.parentId ?? source.id] ?? null;
  return routePoints(at?.(source.id) ?? source, at?.(target.id) ?? target, track, network.meta.geometry.aspect);
}

function bounds(network: Network) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of network.nodes) {
    const boxes = [{ x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width, h: n.height }];
    if (n.labelBox) boxes.push({ x: n.x + n.labelBox.dx, y: n.y + n.labelBox.dy, w: n.labelBox.w, h: n.labelBox.h });
    for (const b of boxes) {
      x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.w); y1 = Math.max(y1, b.y + b.h);
    }
  }
  return Number.isFinite(x0) ? { x0, y0, x1, y1 } : { x0: -100, y0: -100, x1: 100, y1: 100 };
}

function nodeSvg(node: NetworkNode, fill: string | undefined): string {
  const t = `translate(${f(node.x)} ${f(node.y)})`;
  if (node.lines) {
    const w = node.width;
    const h = node.height;
    const text = node.lines
      .map((line, i) => `<text x="0" y="${f(-((node.lines!.length - 1) * LABEL_LINE_PX) / 2 + i * LABEL_LINE_PX + UNIT_FONT_PX * 0.35)}">${escapeXml(line)}</text>`)
      .join("");
    return `<g transform="${t}" class="unit"><rect x="${f(-w / 2)}" y="${f(-h / 2)}" width="${f(w)}" height="${f(h)}" rx="${f(h / 2)}" fill="${fill ?? unitColour(node.kind)}" stroke="#fff" stroke-width="2"/><g fill="#fff" font-size="${UNIT_FONT_PX}" font-weight="700" text-anchor="middle">${text}</g></g>`;
  }
  if (node.type === "unit") return `<circle transform="${t}" r="${f(node.size / 2)}" fill="${fill ?? unitColour(node.kind)}" stroke="#fff" stroke-width="1.5"/>`;
  const look = partnerLook(node.kind);
  if (node.type === "cluster") {
    return `<g transform="${t}"><circle r="${f(node.size / 2)}" fill="#fff" stroke="${look.colour}" stroke-width="3"/><text y="4" text-anchor="middle" font-size="12" font-weight="800" fill="#16232e">${node.memberCount ?? 0}</text></g>`;
  }
  return `<path transform="${t}" d="${shapePath(look.shape, node.size)}" fill="${fill ?? look.colour}" stroke="${SHAPE_OUTLINE}" stroke-width="1"/>`;
}

function labelSvg(node: NetworkNode, text: string): string {
  const box = node.labelBox;
  if (!box) return "";
  const x = node.x + box.dx;
  const y = node.y + box.dy;
  return `<g><rect x="${f(x)}" y="${f(y)}" width="${f(box.w)}" height="${f(box.h)}" rx="2" fill="#fff" fill-opacity="0.85"/><text x="${f(x + 4)}" y="${f(y + box.h / 2 + LABEL_FONT_PX * 0.36)}">${escapeXml(text)}</text></g>`;
}

/** The legend's entries: the partner kinds on the map, with their colour and shape. */
function legendSvg(network: Network, x: number, y: number): { svg: string; height: number } {
  const kinds = PARTNER_KINDS.values.filter((k) => network.nodes.some((n) => n.type !== "unit" && n.kind === k));
  const items = kinds.map((k, i) => {
    const look = partnerLook(k);
    const col = i % 4;
    const row = Math.floor(i / 4);
    const ix = x + col * 190;
    const iy = y + row * 18;
    return `<path transform="translate(${f(ix + 6)} ${f(iy)})" d="${shapePath(look.shape, 11)}" fill="${look.colour}" stroke="${SHAPE_OUTLINE}" stroke-width="1"/><text x="${f(ix + 16)}" y="${f(iy + 4)}">${escapeXml(PARTNER_KINDS.label(k))}</text>`;
  });
  return { svg: `<g font-size="11.5" fill="#16232e">${items.join("")}</g>`, height: Math.ceil(kinds.length / 4) * 18 };
}

/** The whole map as an SVG document. */
export function networkSvg(network: Network, options: SvgOptions, labelOf: (node: NetworkNode) => string): string {
  const nodeById = new Map(network.nodes.map((n) => [n.id, n]));
  const box = bounds(network);
  const margin = 24;
  const captionHeight = 20 + options.lines.length * 16;
  const legend = legendSvg(network, box.x0, box.y0 - margin - 8);
  const top = box.y0 - margin - captionHeight - legend.height - 16;
  const width = box.x1 - box.x0 + margin * 2;
  const height = box.y1 - top + margin;
  const edges = [...network.edges]
    .sort((a, b) => a.weight - b.weight || (a.id < b.id ? -1 : 1))
    .map((edge) => {
      const points = edgeRoute(network, edge, nodeById);
      if (!points) return "";
      const style = options.edgeStyle(edge);
      return `<path d="${routePath(points)}" stroke="${style.colour}" stroke-width="${f(style.width)}" stroke-opacity="${style.opacity ?? 0.55}"${style.dashed ? ' stroke-dasharray="6 4"' : ""}/>`;
    });
  const caption = [
    `<text x="${f(box.x0)}" y="${f(top + 16)}" font-size="15" font-weight="700">${escapeXml(options.title)}</text>`,
    ...options.lines.map((line, i) => `<text x="${f(box.x0)}" y="${f(top + 34 + i * 16)}" font-size="12" fill="#4a5a68">${escapeXml(line)}</text>`),
  ];
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f(width)}" height="${f(height)}" viewBox="${f(box.x0 - margin)} ${f(top - margin / 2)} ${f(width)} ${f(height)}" font-family="${FONT}">`,
    `<rect x="${f(box.x0 - margin)}" y="${f(top - margin / 2)}" width="${f(width)}" height="${f(height)}" fill="#fff"/>`,
    `<g fill="#16232e">${caption.join("")}</g>`,
    legend.svg,
    `<g fill="none" stroke-linecap="round">${edges.join("")}</g>`,
    `<g>${network.nodes.map((n) => nodeSvg(n, options.nodeFill?.(n))).join("")}</g>`,
    `<g font-size="${LABEL_FONT_PX}" font-weight="600" fill="#16232e">${network.nodes.map((n) => labelSvg(n, labelOf(n))).join("")}</g>`,
    `</svg>`,
  ].join("\n");
}

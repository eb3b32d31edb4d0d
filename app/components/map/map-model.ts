/**
 * Pure functions between the API's network and what React Flow draws, the
 * CSV and the keyboard navigation: no React, no DOM, unit-tested
 * (map-model.test.ts).
 */
import type { NetworkFilters } from "~/domain/network-filters";
import {
  AGREEMENT_KIND_SHORT,
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  PARTNER_KINDS,
  UNIT_KINDS,
  type AgreementKind,
} from "~/domain/vocabulary";
import type { MapEdgeData, MapFlowEdge } from "./edge";
import type { EdgeLook } from "./edge-geometry";
import type { MapFlowNode, MapNodeData } from "./nodes";
import { CHANGE_COLOURS, communityColour, kindGroup, LIFECYCLE_COLOURS, NEUTRAL_LINE, partnerLook, unitColour, type NodeShape } from "./palette";
import type { Network, NetworkEdge, NetworkNode } from "./types";

export type ColourBy = "kind" | "lifecycle" | "none";
export type Positions = Record<string, { x: number; y: number }>;

/** The layout's origin is the middle of the map (app/domain/network-layout.ts): HT in the centre. */
export const LAYOUT_CENTRE = { x: 0, y: 0 } as const;

/** A node's colour and shape: by kind, or (nodeColour=community) by its detected community, the shape still telling the kind. */
export function nodeLook(node: NetworkNode, byCommunity = false): { colour: string; shape: NodeShape } {
  const look = node.type === "unit" ? { colour: unitColour(node.kind), shape: "circle" as NodeShape } : partnerLook(node.kind);
  return byCommunity && node.measures && node.type !== "unit" ? { ...look, colour: communityColour(node.measures.community) } : look;
}

/** Line width in map pixels: 1.5 px for the weakest, 8 px for the strongest (square root: area-like). */
export function edgeWidth(weight: number, maxWeight: number): number {
  if (!(maxWeight > 0) || !(weight > 0)) return 1.5;
  return Math.round((1.5 + 6.5 * Math.sqrt(Math.min(1, weight / maxWeight))) * 10) / 10;
}

export function edgeColour(edge: NetworkEdge, colourBy: ColourBy, comparing: boolean): string {
  if (comparing && edge.change) return CHANGE_COLOURS[edge.change];
  if (colourBy === "lifecycle") return LIFECYCLE_COLOURS[edge.lifecycle];
  if (colourBy === "none") return NEUTRAL_LINE;
  return kindGroup(edge.dominantKind).colour;
}

/** How a line is drawn (edge-layer.tsx): colour, width, dashes, and a mark for a deadline soon. */
export function edgeLookOf(network: Network, colourBy: ColourBy): (edge: NetworkEdge) => EdgeLook {
  const maxWeight = network.edges.reduce((m, e) => Math.max(m, e.weight), 0);
  const comparing = Boolean(network.meta.compare);
  return (edge) => ({
    colour: edgeColour(edge, colourBy, comparing),
    width: edgeWidth(edge.weight, maxWeight),
    dashed: comparing ? edge.change === "lapsed" : edge.lifecycle === "expired",
    marked: Boolean(edge.deadline),
  });
}

/** Top-left corner of a node whose centre is at the server's (x, y). */
export function topLeft(node: NetworkNode): { x: number; y: number } {
  return { x: node.x - node.width / 2, y: node.y - node.height / 2 };
}

export function nodeAriaLabel(node: NetworkNode): string {
  const what =
    node.type === "unit"
      ? UNIT_KINDS.label(node.kind)
      : node.type === "cluster"
        ? `group of ${node.memberCount ?? 0} partners`
        : PARTNER_KINDS.label(node.kind);
  const count = `${node.agreementCount} agreement${node.agreementCount === 1 ? "" : "s"}`;
  return `${node.name} (${what}), ${count}`;
}

/**
 * A node placed by its left and top rather than by React Flow's translate:
 * an element with a transform of its own is painted and composited
 * separately, and a thousand of them made every frame of a pan lay out a
 * thousand pieces. Kept in step with `position` as nodes are dragged
 * (canvas-hooks.ts).
 */
export function placedStyle(position: { x: number; y: number }): { transform: string; left: number; top: number } {
  return { transform: "none", left: position.x, top: position.y };
}

/**
 * React Flow's nodes. Their size is given, in whole pixels, both as the box
 * and as already measured: React Flow then has no size to report back
 * (a measurement that differs, by a fraction of a pixel, would rebuild
 * every node and line once more at load). `handles`: the invisible centre
 * handles React Flow's own SVG edges hang from (?edges=svg only).
 */
export function toFlowNodes(network: Network, options: { positions?: Positions; expanded?: string[]; handles?: boolean } = {}): MapFlowNode[] {
  const expanded = new Set(options.expanded ?? []);
  const byCommunity = network.meta.filters.nodeColour === "community";
  const handles = Boolean(options.handles);
  return network.nodes.map((n) => {
    const data: MapNodeData = { node: n, ...nodeLook(n, byCommunity), expanded: expanded.has(n.id), hidden: n.hiddenNeighbours, handles };
    const width = Math.round(n.width);
    const height = Math.round(n.height);
    const position = options.positions?.[n.id] ?? topLeft(n);
    return {
      id: n.id,
      type: n.type,
      position,
      style: placedStyle(position),
      width,
      height,
      measured: { width, height },
      data,
      ariaLabel: nodeAriaLabel(n),
      connectable: false,
    } as MapFlowNode;
  });
}

/** Node centres to save as the shared arrangement: this person's drags (top-left corners) or the server's centres. */
export function centresToSave(network: Network, positions: Positions): Positions {
  const centres: Positions = {};
  for (const n of network.nodes) {
    if (n.type === "cluster") continue;
    const p = positions[n.id];
    centres[n.id] = p ? { x: Math.round(p.x + n.width / 2), y: Math.round(p.y + n.height / 2) } : { x: n.x, y: n.y };
  }
  return centres;
}

/** The filters in words: on the map's caption, the exported picture and the table's caption. */
export function describeFilters(filters: NetworkFilters, network: Network, unitName: string | undefined): string[] {
  const parts: string[] = [];
  parts.push(`Status: ${filters.status.map((s) => AGREEMENT_STATUSES.label(s)).join(", ")}`);
  if (filters.kind.length) parts.push(`Kinds: ${filters.kind.map((k) => AGREEMENT_KIND_SHORT[k as AgreementKind] ?? k).join(", ")}`);
  if (filters.partnerKind.length) parts.push(`Partners: ${filters.partnerKind.map((k) => PARTNER_KINDS.label(k)).join(", ")}`);
  if (filters.unit) parts.push(`HT unit: ${unitName ?? filters.unit}`);
  if (filters.minWeight > 1) parts.push(`At least ${filters.minWeight} agreements per line`);
  if (filters.weight === "value") parts.push("Thickness by value");
  if (filters.focus) parts.push(`Focus: ${network.nodes.find((n) => n.id === filters.focus)?.name ?? filters.focus}`);
  const months = filters.whatIf?.startsWith("ending:") ? filters.whatIf.slice(7) : null;
  if (filters.whatIf) parts.push(months ? `What if everything ending in the next ${months} months ended` : "What if a framework agreement ended");
  if (filters.explore.length) parts.push(`Exploring from ${filters.explore.map((id) => network.nodes.find((n) => n.id === id)?.name ?? id).join(", ")}`);
  return parts;
}

/**
 * React Flow's own SVG edges (?edges=svg): what the map drew before the
 * canvas layer, kept so that the benchmark measures both in one run.
 */
export function toFlowEdges(network: Network, colourBy: ColourBy): MapFlowEdge[] {
  const look = edgeLookOf(network, colourBy);
  const sorted = [...network.edges].sort((a, b) => a.weight - b.weight || a.id.localeCompare(b.id));
  return sorted.map((e) => {
    const { colour, width, dashed } = look(e);
    const data: MapEdgeData = { edge: e, colour, width, dashed, clickable: network.edges.length <= 1500 };
    return { id: e.id, type: "network" as const, source: e.source, target: e.target, data, focusable: false };
  });
}

/** Node id → ids of the nodes it shares a line with. */
export function neighbourIndex(edges: NetworkEdge[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    let set = index.get(a);
    if (!set) index.set(a, (set = new Set()));
    set.add(b);
  };
  for (const e of edges) {
    add(e.source, e.target);
    add(e.target, e.source);
  }
  return index;
}

/**
 * Keyboard navigation: the nearest node in the direction of an arrow key,
 * within a 45° cone either side, preferring nodes straight ahead.
 */
export function nearestInDirection(
  from: { x: number; y: number },
  candidates: { id: string; x: number; y: number }[],
  key: "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight",
): string | null {
  const dir = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] }[key] as [number, number];
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const along = dx * dir[0] + dy * dir[1];
    if (along <= 0.5) continue;
    const across = Math.abs(dx * dir[1] - dy * dir[0]);
    if (across > along) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = c.id;
    }
  }
  return best;
}

/** Nodes whose label or name contains `query` (case- and accent-insensitive), best matches first. */
export function searchNodes(nodes: NetworkNode[], query: string, limit = 8): NetworkNode[] {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();
  const q = fold(query);
  if (!q) return [];
  const scored: [number, NetworkNode][] = [];
  for (const n of nodes) {
    const label = fold(n.label);
    const name = fold(n.name);
    const score =
      label === q || name === q ? 0 : label.startsWith(q) || name.startsWith(q) ? 1 : name.includes(q) || label.includes(q) ? 2 : -1;
    if (score >= 0) scored.push([score, n]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || b[1].agreementCount - a[1].agreementCount || a[1].name.localeCompare(b[1].name))
    .slice(0, limit)
    .map(([, n]) => n);
}

export function kindsSummary(kinds: Record<string, number>, short = true): string {
  return Object.entries(kinds)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${short ? (AGREEMENT_KIND_SHORT[k as AgreementKind] ?? k) : AGREEMENT_KINDS.label(k)} ×${n}`)
    .join(", ");
}

/** One row per line of the map: the unit end and the partner end, whichever way round the API put them. */
export interface PairRow {
  id: string;
  unit: NetworkNode;
  partner: NetworkNode;
  edge: NetworkEdge;
}

export function pairRows(network: Network): PairRow[] {
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const rows: PairRow[] = [];
  for (const e of network.edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b) continue;
    const [unit, partner] = a.type === "unit" ? [a, b] : [b, a];
    rows.push({ id: e.id, unit, partner, edge: e });
  }
  return rows;
}

export const PAIR_SORTS = ["unit", "partner", "agreements", "value", "since", "first", "last"] as const;
export type PairSort = (typeof PAIR_SORTS)[number];

export function sortPairs(rows: PairRow[], sort: PairSort, direction: "asc" | "desc"): PairRow[] {
  const sign = direction === "asc" ? 1 : -1;
  const text = (a: string, b: string) => a.localeCompare(b, "en", { sensitivity: "base" });
  const date = (a: string | null, b: string | null) => (a ?? "9999").localeCompare(b ?? "9999");
  const cmp: Record<PairSort, (a: PairRow, b: PairRow) => number> = {
    unit: (a, b) => text(a.unit.name, b.unit.name),
    partner: (a, b) => text(a.partner.name, b.partner.name),
    agreements: (a, b) => a.edge.count - b.edge.count,
    value: (a, b) => a.edge.valueCents - b.edge.valueCents,
    since: (a, b) => date(a.edge.since, b.edge.since),
    first: (a, b) => date(a.edge.firstDate, b.edge.firstDate),
    last: (a, b) => date(a.edge.lastDate, b.edge.lastDate),
  };
  return [...rows].sort(
    (a, b) => sign * cmp[sort](a, b) || text(a.unit.name, b.unit.name) || text(a.partner.name, b.partner.name),
  );
}

// ---------------------------------------------------------------------------
// CSV of the lines on the map (client side: the data is already here)

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const day = (d: string | null) => (d ? d.slice(0, 10) : "");

export function edgesCsv(network: Network): string {
  const header = [
    "HT unit", "HT unit kind", "Partner", "Partner kind", "Agreements", "Value (EUR)",
    "Kinds", "Dominant kind", "Lifecycle", "Since", "First counted", "Last end", "Change",
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const { unit, partner, edge } of sortPairs(pairRows(network), "unit", "asc")) {
    lines.push(
      [
        unit.name,
        unit.type === "unit" ? UNIT_KINDS.label(unit.kind) : unit.type,
        partner.name,
        partner.type === "cluster" ? `Group of ${partner.memberCount ?? 0} partners` : PARTNER_KINDS.label(partner.kind),
        edge.count,
        (edge.valueCents / 100).toFixed(2),
        kindsSummary(edge.kinds, false),
        AGREEMENT_KINDS.label(edge.dominantKind),
        edge.lifecycle,
        day(edge.since),
        day(edge.firstDate),
        day(edge.lastDate),
        edge.change ?? "",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  // BOM: Excel then reads the file as UTF-8 (accents in partner names).
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

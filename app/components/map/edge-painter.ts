/**
 * Paints the map's lines on two canvases (edge-layer.tsx mounts them). The
 * lines are rendered into the lower canvas, which is larger than the view
 * (a margin of half a view on each side) and is then only moved and scaled
 * with a CSS transform as the viewport pans and zooms: a pan never redraws
 * a line, the compositor moves a picture. The lines are drawn again, sharp,
 * when the picture no longer covers the view (moved past the margin, or
 * the frame grew past it) or once the zoom rests. Lit lines
 * (a neighbourhood, a path, the line under the pointer) go on the upper
 * canvas, drawn directly each frame (they are few), while the lower one
 * fades. Browser only.
 */
import { routeMiddle, traceRoute } from "~/domain/network-routes";
import { batchEdges, type EdgeLook, type RoutedEdge } from "./edge-geometry";

/** React Flow's viewport: x and y offsets in CSS pixels, and the zoom. */
export type Transform = [number, number, number];

interface Drawing {
  batches: { look: EdgeLook; path: Path2D }[];
  marks: Path2D | null;
}

const FADED = 0.16;
const LINE_ALPHA = 0.6;
const MARK_COLOUR = "#C25E00";
/** The zoom has rested this long: draw the lines again at the new zoom. */
const SETTLE_MS = 160;

export function drawingOf(routed: RoutedEdge[], restyle?: (look: EdgeLook) => EdgeLook): Drawing {
  const batches = batchEdges(restyle ? routed.map((r) => ({ ...r, look: restyle(r.look) })) : routed).map((batch) => {
    const path = new Path2D();
    for (const r of batch.edges) traceRoute(path, r.points);
    return { look: batch.look, path };
  });
  const marked = routed.filter((r) => r.look.marked);
  let marks: Path2D | null = null;
  if (marked.length) {
    marks = new Path2D();
    for (const r of marked) {
      const m = routeMiddle(r.points);
      marks.moveTo(m.x + 4.5, m.y);
      marks.arc(m.x, m.y, 4.5, 0, Math.PI * 2);
    }
  }
  return { batches, marks };
}

function stroke(ctx: CanvasRenderingContext2D, drawing: Drawing, alpha: number) {
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.globalAlpha = alpha;
  for (const { look, path } of drawing.batches) {
    ctx.strokeStyle = look.colour;
    ctx.lineWidth = look.width;
    ctx.setLineDash(look.dashed ? [6, 4] : []);
    ctx.stroke(path);
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  if (drawing.marks) {
    ctx.fillStyle = MARK_COLOUR;
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 1.5;
    ctx.fill(drawing.marks);
    ctx.stroke(drawing.marks);
  }
}

/** Sizes a canvas for a box of CSS pixels at a density; returns its context, cleared, in CSS pixels. */
function fit(canvas: HTMLCanvasElement, width: number, height: number, density: number): CanvasRenderingContext2D | null {
  const w = Math.max(1, Math.round(width * density));
  const h = Math.max(1, Math.round(height * density));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.setTransform(density, 0, 0, density, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

export class EdgePainter {
  /** The viewport the lower canvas was drawn for, and its margin. */
  private drawnAt: Transform | null = null;
  private margin = 0;
  /** The lower canvas's size in CSS pixels (the view it was drawn for plus the margins). */
  private drawnSize: [number, number] = [0, 0];
  private frame = 0;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private lines: Drawing = { batches: [], marks: null };
  private lit: Drawing | null = null;
  private litDrawn = false;

  constructor(
    private readonly frameElement: HTMLElement,
    private readonly base: HTMLCanvasElement,
    private readonly top: HTMLCanvasElement,
    private readonly transform: () => Transform,
  ) {}

  /** New lines: drawn again at the next frame. */
  setLines(lines: Drawing) {
    this.lines = lines;
    this.drawnAt = null;
    this.schedule();
  }

  /** New lit lines (null: none): only the upper canvas changes. */
  setLit(lit: Drawing | null) {
    this.lit = lit && lit.batches.length ? lit : null;
    this.schedule();
  }

  /** The view moved or changed size (drawn again only if the picture no longer covers the view). */
  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.paint(false));
  }

  stop() {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.settle);
  }

  /** Draws every line into the lower canvas for viewport `t`, with a margin around the view. */
  private render(t: Transform, width: number, height: number) {
    const density = Math.min(window.devicePixelRatio || 1, 1.5);
    this.margin = Math.round(Math.max(width, height) / 2);
    const m = this.margin;
    this.drawnSize = [width + m * 2, height + m * 2];
    const ctx = fit(this.base, width + m * 2, height + m * 2, density);
    if (!ctx) return;
    this.base.style.left = `${-m}px`;
    this.base.style.top = `${-m}px`;
    ctx.setTransform(density * t[2], 0, 0, density * t[2], density * (t[0] + m), density * (t[1] + m));
    stroke(ctx, this.lines, LINE_ALPHA);
    this.drawnAt = t;
  }

  private paint(settled: boolean) {
    this.frame = 0;
    const width = this.frameElement.clientWidth;
    const height = this.frameElement.clientHeight;
    if (!width || !height) return;
    const t = this.transform();
    const at = this.drawnAt;
    const zoomed = at !== null && Math.abs(at[2] - t[2]) > 1e-6;
    if (!at || !this.covers(t, at, width, height) || (zoomed && settled)) this.render(t, width, height);
    const drawn = this.drawnAt;
    if (drawn) {
      const { s, tx, ty } = this.placement(t, drawn);
      this.base.style.transform = `translate(${tx}px, ${ty}px) scale(${s})`;
    }
    this.base.style.opacity = this.lit ? String(FADED) : "1";
    this.paintLit(t, width, height);
    if (zoomed && !settled && this.drawnAt && Math.abs(this.drawnAt[2] - t[2]) > 1e-6) {
      clearTimeout(this.settle);
      this.settle = setTimeout(() => this.paint(true), SETTLE_MS);
    }
  }

  /** Where the picture drawn for `drawn` goes for `t` (the canvas's corner sits at -margin, -margin). */
  private placement(t: Transform, drawn: Transform) {
    const s = t[2] / drawn[2];
    const m = this.margin;
    return { s, tx: m - s * m - s * drawn[0] + t[0], ty: m - s * m - s * drawn[1] + t[1] };
  }

  /** Whether the picture drawn for `drawn`, moved for `t`, still covers a view of `width` × `height` (a pan within the margin, a wider frame once a panel closes). */
  private covers(t: Transform, drawn: Transform, width: number, height: number) {
    const { s, tx, ty } = this.placement(t, drawn);
    const left = tx - this.margin;
    const top = ty - this.margin;
    return left <= 0 && top <= 0 && left + s * this.drawnSize[0] >= width && top + s * this.drawnSize[1] >= height;
  }

  private paintLit(t: Transform, width: number, height: number) {
    if (!this.lit && !this.litDrawn) return;
    const density = window.devicePixelRatio || 1;
    const ctx = fit(this.top, width, height, density);
    this.litDrawn = Boolean(this.lit);
    if (!ctx || !this.lit) return;
    ctx.setTransform(density * t[2], 0, 0, density * t[2], density * t[0], density * t[1]);
    stroke(ctx, this.lit, 1);
  }
}

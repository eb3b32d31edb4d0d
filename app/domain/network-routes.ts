/**
 * How a line of the collaboration map runs: from its HT unit straight out
 * to the unit's own track (a ring between the units and the partners,
 * network-layout.ts), along that track the short way round to the
 * partner's angle, then straight out to the partner. Lines of one unit
 * share its track, so they read as one route and never cross the middle of
 * the map. The points are joined with quadratic curves through their
 * midpoints (smooth corners): the canvas, the SVG export and hit testing
 * all use these same points. Pure.
 */
import { ASPECT, type Point } from "./network-layout";

/** Between two points along a track, at most this angle (radians). */
const ARC_STEP = 0.1;

export interface RouteGeometry {
  /** The ellipses' aspect (x = aspect · r · cos a). */
  aspect: number;
}

/** Radius and angle of a point on the map's ellipses (the inverse of onRing). */
export function polarOf(p: Point, aspect = ASPECT): { r: number; a: number } {
  const x = p.x / aspect;
  return { r: Math.hypot(x, p.y), a: Math.atan2(p.y, x) };
}

const at = (r: number, a: number, aspect: number): Point => ({ x: aspect * r * Math.cos(a), y: r * Math.sin(a) });

/** The points of the line from `source` (a unit) to `target` along `track` (null: straight). */
export function routePoints(source: Point, target: Point, track: number | null, aspect = ASPECT): Point[] {
  if (track === null) return [source, target];
  const s = polarOf(source, aspect);
  const t = polarOf(target, aspect);
  // A partner dragged inside the track is reached straight from the unit's exit.
  if (t.r <= track || s.r >= track) return [source, target];
  let delta = t.a - s.a;
  while (delta > Math.PI) delta -= Math.PI * 2;
  while (delta <= -Math.PI) delta += Math.PI * 2;
  const steps = Math.max(1, Math.ceil(Math.abs(delta) / ARC_STEP));
  const points: Point[] = [source];
  for (let i = 0; i <= steps; i++) points.push(at(track, s.a + (delta * i) / steps, aspect));
  points.push(target);
  return points;
}

/** An SVG path for the points: straight ends, quadratic curves through the midpoints in between. */
export function routePath(points: Point[]): string {
  const f = (n: number) => (Math.round(n * 10) / 10).toString();
  if (points.length < 3) return `M${f(points[0]!.x)} ${f(points[0]!.y)}L${f(points.at(-1)!.x)} ${f(points.at(-1)!.y)}`;
  let d = `M${f(points[0]!.x)} ${f(points[0]!.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const next = points[i + 1]!;
    const end = i === points.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d += `Q${f(p.x)} ${f(p.y)} ${f(end.x)} ${f(end.y)}`;
  }
  return d;
}

/** Draws the same curve on a 2D canvas context (or a Path2D). */
export function traceRoute(ctx: Pick<CanvasRenderingContext2D, "moveTo" | "lineTo" | "quadraticCurveTo">, points: Point[]) {
  ctx.moveTo(points[0]!.x, points[0]!.y);
  if (points.length < 3) {
    ctx.lineTo(points.at(-1)!.x, points.at(-1)!.y);
    return;
  }
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const next = points[i + 1]!;
    const end = i === points.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    ctx.quadraticCurveTo(p.x, p.y, end.x, end.y);
  }
}

/** Distance from `p` to the polyline through `points` (close enough to the smoothed curve for picking a line). */
export function distanceToRoute(p: Point, points: Point[]): number {
  let best = Infinity;
  for (let i = 1; i < points.length; i++) best = Math.min(best, distanceToSegment(p, points[i - 1]!, points[i]!));
  return best;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The point halfway along a route (by its points): where a line's marks (a deadline) sit. */
export function routeMiddle(points: Point[]): Point {
  let total = 0;
  const lengths: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const l = Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
    lengths.push(l);
    total += l;
  }
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const l = lengths[i - 1]!;
    if (left <= l && l > 0) {
      const t = left / l;
      return { x: points[i - 1]!.x + t * (points[i]!.x - points[i - 1]!.x), y: points[i - 1]!.y + t * (points[i]!.y - points[i - 1]!.y) };
    }
    left -= l;
  }
  return points.at(-1)!;
}

/**
 * The collaboration map's layout: pure, deterministic, computed over the
 * whole node universe (every unit and partner, whatever the filters) so
 * that each entity keeps its place across filters and reloads
 * (docs/decisions/012 and 080).
 *
 * - HT centres and facilities on an inner ellipse, in a fixed order (kind,
 *   then code), each drawn as a pill with its name inside.
 * - Research groups inside that ellipse, near their centre (they are drawn
 *   only when a centre is opened, where the middle of the map is empty).
 * - Between the units and the partners, one circular track per centre or
 *   facility: its lines run along it (app/domain/network-routes.ts), so no
 *   line crosses the middle of the map.
 * - Partners on outer ellipses, one sector per partner kind, ordered inside
 *   their sector by the mean angle of the units they work with. Each takes
 *   the angle its dot and its horizontal label need where it stands
 *   (labels beside the dot on the left and right of the map, above or below
 *   it at the top and bottom), so that every label has room
 *   (network-labels.ts places them); a sector uses as many rings as it
 *   needs.
 *
 * Positions are node centres in pixels, the origin at the middle of the map.
 */
import { PARTNER_KINDS, UNIT_KINDS } from "./vocabulary";

export interface LayoutUnit {
  /** Node id, "unit:<id>". */
  id: string;
  kind: string;
  code: string;
  /** The top-level unit (centre) node id, for research groups. */
  parentId?: string;
  /** The node's box in px: a pill for centres and facilities, the dot for groups. */
  width: number;
  height: number;
  /** A group's label box (centres and facilities carry their name inside). */
  label?: Size;
}

export interface LayoutPartner {
  /** Node id, "partner:<id>". */
  id: string;
  kind: string;
  /** Tie-breaker for a stable order. */
  name: string;
  /** The largest diameter the dot can be drawn at (from its all-time agreement count). */
  size: number;
  /** Its label's box. */
  label: Size;
  /** The unit node ids it works with, and how many agreements with each. */
  links: { unitId: string; weight: number }[];
}

export interface Size {
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutSector {
  kind: string;
  /** Angles in radians, clockwise from the top on screen. */
  start: number;
  end: number;
  mid: number;
  /** Radius (vertical half-axis) of its first ring and the number of rings it uses. */
  radius: number;
  rings: number;
  /** Where a cluster standing for the whole sector goes. */
  centre: Point;
}

export interface NetworkLayout {
  positions: Map<string, Point>;
  sectors: Map<string, LayoutSector>;
  /** Every ring is an ellipse: x = aspect · r · cos(a), y = r · sin(a). */
  aspect: number;
  /** Radius of the units' ellipse, and of the first partner ring. */
  unitRadius: number;
  partnerRadius: number;
  /** Distance between partner rings. */
  ringStep: number;
  /** Track radius of each centre and facility (node id), between the units and the partners. */
  tracks: Map<string, number>;
}

/** Space kept between two boxes, in px. */
export const NODE_GAP = 6;
export const MIN_NODE_SIZE = 10;
export const MAX_NODE_SIZE = 34;
export const MAX_CLUSTER_SIZE = 64;
/** The map is wider than tall: rings are ellipses this many times wider than high. */
export const ASPECT = 1.35;
/** Between two tracks. */
export const TRACK_STEP = 5;
const MAX_RINGS = 8;
const START = -Math.PI / 2;
const TAU = Math.PI * 2;
/** A little more than a full turn is never used: the last node must not touch the first. */
const FULL_TURN = TAU - 0.02;

/** A dot's diameter for a number of agreements (clusters may grow larger). */
export function nodeSize(agreements: number, cluster = false): number {
  const s = MIN_NODE_SIZE + 2.2 * Math.sqrt(Math.max(0, agreements));
  return Math.round(Math.min(cluster ? MAX_CLUSTER_SIZE : MAX_NODE_SIZE, s));
}

const UNIT_KIND_ORDER: readonly string[] = UNIT_KINDS.values;
const PARTNER_KIND_ORDER: readonly string[] = PARTNER_KINDS.values;
const rank = (order: readonly string[], k: string) => {
  const i = order.indexOf(k);
  return i < 0 ? order.length : i;
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A point of the ellipse of radius `r` (rounded to a tenth of a pixel: identical on every run and platform). */
export function onRing(r: number, angle: number, aspect = ASPECT): Point {
  return { x: Math.round(aspect * r * Math.cos(angle) * 10) / 10, y: Math.round(r * Math.sin(angle) * 10) / 10 };
}

/** Angle difference wrapped to (-π, π]. */
export function wrapAngle(a: number): number {
  let d = a % TAU;
  if (d <= -Math.PI) d += TAU;
  if (d > Math.PI) d -= TAU;
  return d;
}

// ---------------------------------------------------------------------------
// Boxes

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type LabelSide = "e" | "w" | "n" | "s";

export const intersects = (a: Box, b: Box, gap = 0) =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/** The side facing away from the middle of the map: right and left of it beside the dot, top and bottom above and below. */
export function outwardSide(at: Point): LabelSide {
  const screen = Math.atan2(at.y, at.x);
  const deg = (screen * 180) / Math.PI;
  if (Math.abs(deg) <= 55) return "e";
  if (Math.abs(deg) >= 125) return "w";
  return deg > 0 ? "s" : "n";
}

/** A label's box on `side` of a dot of diameter `size` centred at `at`. */
export function labelBox(at: Point, size: number, label: Size, side: LabelSide, offset = 0): Box {
  const r = size / 2;
  switch (side) {
    case "e":
      return { x: at.x + r + 3 + offset, y: at.y - label.h / 2, w: label.w, h: label.h };
    case "w":
      return { x: at.x - r - 3 - label.w - offset, y: at.y - label.h / 2, w: label.w, h: label.h };
    case "n":
      return { x: at.x - label.w / 2, y: at.y - r - 2 - label.h - offset, w: label.w, h: label.h };
    case "s":
      return { x: at.x - label.w / 2, y: at.y + r + 2 + offset, w: label.w, h: label.h };
  }
}

const dotBox = (at: Point, w: number, h = w): Box => ({ x: at.x - w / 2, y: at.y - h / 2, w, h });

// ---------------------------------------------------------------------------
// Sweeping a ring: each item takes the least angle after the one before at which its boxes clear the last few

interface RingItem {
  id: string;
  /** The dot's (or pill's) box size. */
  w: number;
  h: number;
  /** The label beside it, if any (its side is the outward one where it stands). */
  label?: Size;
}

function boxesAt(item: RingItem, r: number, angle: number, aspect: number): Box[] {
  const at = onRing(r, angle, aspect);
  const boxes = [dotBox(at, item.w, item.h)];
  if (item.label) boxes.push(labelBox(at, Math.max(item.w, item.h), item.label, outwardSide(at)));
  return boxes;
}

const clear = (a: Box[], b: Box[]) => a.every((x) => b.every((y) => !intersects(x, y, NODE_GAP)));

/** The least angle after `from` at which `item` clears the boxes of the items placed just before it (`guess`: a likely step). */
function nextAngle(item: RingItem, recent: Box[][], r: number, from: number, aspect: number, guess: number): number {
  const fits = (d: number) => {
    const boxes = boxesAt(item, r, from + d, aspect);
    return recent.every((other) => clear(boxes, other));
  };
  if (!recent.length || fits(0)) return from;
  let lo = 0;
  let hi = Math.max(0.0005, guess);
  while (!fits(hi) && hi < Math.PI) {
    lo = hi;
    hi *= 2;
  }
  // To a thousandth of the step: finer changes nothing on screen.
  for (let i = 0; i < 10; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return from + hi;
}

/** One ring of a sweep: its radius, the boxes of its last items, where its next item may go. */
interface RingState {
  r: number;
  recent: Box[][];
  at: number;
  /** The last step this ring took: the first guess for the next. */
  step: number;
}

const RECENT = 4;

/**
 * Places groups of items (sectors) one after the other around rings, item i
 * of a group on ring i mod rings.length, each sector starting on every ring
 * where the last one ended on any ring; every step is at least `minStep`
 * radians (0: as tight as the boxes allow), so that the items spread evenly
 * where they have room. Returns the end of the last sector and each
 * sector's span, or null when it overflows a turn.
 */
function sweep(
  groups: RingItem[][],
  radii: number[],
  aspect: number,
  minStep: number,
  positions: Map<string, Point> | null,
): { end: number; spans: [number, number][] } | null {
  const rings: RingState[] = radii.map((r) => ({ r, recent: [], at: START, step: 0.01 }));
  const spans: [number, number][] = [];
  let start = START;
  for (const items of groups) {
    for (const ring of rings) ring.at = start;
    let end = start;
    items.forEach((item, i) => {
      const ring = rings[i % rings.length]!;
      const least = nextAngle(item, ring.recent, ring.r, ring.at, aspect, ring.step);
      const angle = ring.recent.length ? Math.max(least, ring.at + minStep) : least;
      if (least > ring.at) ring.step = least - ring.at;
      positions?.set(item.id, onRing(ring.r, angle, aspect));
      ring.recent.push(boxesAt(item, ring.r, angle, aspect));
      if (ring.recent.length > RECENT) ring.recent.shift();
      ring.at = angle;
      end = Math.max(end, angle);
    });
    spans.push([start, end]);
    // The next sector starts a little after this one's last item, on every ring.
    start = end + (items.length ? 0.01 + minStep : 0);
    if (start - START > FULL_TURN) return null;
  }
  return { end: start, spans };
}

/** The largest least step with which the sweep still fits in a turn: the items spread over the whole circle. */
function spread(groups: RingItem[][], radii: number[], aspect: number): number {
  const count = groups.reduce((n, items) => n + items.length, 0);
  let lo = 0;
  let hi = (FULL_TURN / Math.max(1, Math.ceil(count / radii.length) + groups.length)) * 1.05;
  const fits = (step: number) => fitsTurn(groups, radii, aspect, step);
  if (fits(hi)) return hi;
  for (let i = 0; i < 10; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The sweep fits in a turn, and the last items of each ring, a full turn on, still clear its first ones. */
function fitsTurn(groups: RingItem[][], radii: number[], aspect: number, minStep: number): boolean {
  const positions = new Map<string, Point>();
  if (!sweep(groups, radii, aspect, minStep, positions)) return false;
  const byRing = radii.map(() => [] as RingItem[]);
  for (const items of groups) items.forEach((item, i) => byRing[i % radii.length]!.push(item));
  return byRing.every((items, k) => {
    if (items.length < 2) return true;
    const boxes = (item: RingItem) => {
      const at = positions.get(item.id)!;
      return boxesAt(item, radii[k]!, Math.atan2(at.y, at.x / aspect), aspect);
    };
    return clear(boxes(items[0]!), boxes(items[items.length - 1]!));
  });
}

// ---------------------------------------------------------------------------
// The layout

export function computeLayout(units: LayoutUnit[], partners: LayoutPartner[]): NetworkLayout {
  const positions = new Map<string, Point>();
  const rings = placeUnits(units, positions);
  const tracks = new Map<string, number>();
  rings.top.forEach((u, i) => tracks.set(u.id, rings.trackStart + i * TRACK_STEP));
  const trackEnd = rings.trackStart + Math.max(0, rings.top.length - 1) * TRACK_STEP;
  const placed = placePartners(partners, rings.angleOf, trackEnd, positions);
  return { positions, sectors: placed.sectors, aspect: ASPECT, unitRadius: rings.unitRadius, partnerRadius: placed.partnerRadius, ringStep: placed.ringStep, tracks };
}

interface UnitRings {
  top: LayoutUnit[];
  angleOf: Map<string, number>;
  unitRadius: number;
  /** Radius of the first track. */
  trackStart: number;
}

/** The smallest radius ≥ `from` (in steps of 5 %) at which `groups` fit a turn on `rings` rings `ringStep` apart. */
function radiusFor(groups: RingItem[][], from: number, ringCount: number, ringStep: number, aspect: number): number {
  let r = from;
  const radii = () => Array.from({ length: ringCount }, (_, k) => r + k * ringStep);
  while (!sweep(groups, radii(), aspect, 0, null) && r < 200_000) r = Math.ceil(r * 1.05);
  return r;
}

/** Centres and facilities on the inner ellipse, evenly spread; their groups inside it, by their centre. */
function placeUnits(units: LayoutUnit[], positions: Map<string, Point>): UnitRings {
  const byId = new Map(units.map((u) => [u.id, u]));
  const isGroup = (u: LayoutUnit) => Boolean(u.parentId && byId.has(u.parentId));
  const top = units
    .filter((u) => !isGroup(u))
    .sort((a, b) => rank(UNIT_KIND_ORDER, a.kind) - rank(UNIT_KIND_ORDER, b.kind) || cmp(a.code, b.code) || cmp(a.id, b.id));
  const items: RingItem[] = top.map((u) => ({ id: u.id, w: u.width, h: u.height }));
  const unitRadius = radiusFor([items], 150, 1, 0, ASPECT);
  sweep([items], [unitRadius], ASPECT, spread([items], [unitRadius], ASPECT), positions);
  const angleOf = new Map<string, number>();
  for (const u of top) {
    const p = positions.get(u.id)!;
    angleOf.set(u.id, Math.atan2(p.y, p.x / ASPECT));
  }
  placeGroups(units.filter(isGroup), angleOf, unitRadius, positions);
  const tallest = Math.max(0, ...top.map((u) => u.height));
  return { top, angleOf, unitRadius, trackStart: Math.ceil(unitRadius + tallest / 2 + 3 * NODE_GAP) };
}

/** Research groups on small rings inside the unit ellipse, around the angle of their centre. */
function placeGroups(groups: LayoutUnit[], angleOf: Map<string, number>, unitRadius: number, positions: Map<string, Point>) {
  const byCentre = new Map<string, LayoutUnit[]>();
  for (const g of groups) byCentre.set(g.parentId!, [...(byCentre.get(g.parentId!) ?? []), g]);
  const centres = [...byCentre.keys()].sort();
  for (const centre of centres) {
    const list = byCentre.get(centre)!.sort((a, b) => cmp(a.code, b.code) || cmp(a.id, b.id));
    const mid = angleOf.get(centre) ?? 0;
    const width = TAU / Math.max(angleOf.size, 1);
    list.forEach((g, i) => {
      const ring = i % 3;
      const perRing = Math.ceil(list.length / 3);
      const slot = Math.floor(i / 3);
      const angle = mid - width / 2 + ((slot + 0.5) / perRing) * width;
      positions.set(g.id, onRing(unitRadius * (0.72 - ring * 0.16), angle));
    });
  }
}

/** Partners on outer rings: a sector per kind, ordered inside by the mean angle of their units. */
function placePartners(partners: LayoutPartner[], angleOf: Map<string, number>, trackEnd: number, positions: Map<string, Point>) {
  const byKind = new Map<string, LayoutPartner[]>();
  for (const p of partners) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const kinds = [...byKind.keys()].sort((a, b) => rank(PARTNER_KIND_ORDER, a) - rank(PARTNER_KIND_ORDER, b) || cmp(a, b));
  const maxDot = Math.max(MIN_NODE_SIZE, ...partners.map((p) => p.size));
  const maxLabel = Math.max(0, ...partners.map((p) => p.label.w));
  const ringStep = Math.ceil(maxDot + maxLabel + 4 * NODE_GAP);
  const first = Math.ceil(trackEnd + maxDot / 2 + 6 * NODE_GAP);
  // Sector order is fixed; inside, the partners of a kind by the units they work with (around the sector's rough middle).
  const share = (kind: string) => byKind.get(kind)!.length / Math.max(1, partners.length);
  let at = START;
  const groups = kinds.map((kind) => {
    const mid = at + (share(kind) * TAU) / 2;
    at += share(kind) * TAU;
    return orderAround(byKind.get(kind)!, angleOf, mid).map((p) => ({ id: p.id, w: p.size, h: p.size, label: p.label }));
  });
  const { ringCount, r } = ringsFor(groups, first, ringStep);
  const radii = Array.from({ length: ringCount }, (_, k) => r + k * ringStep);
  const { spans } = sweep(groups, radii, ASPECT, spread(groups, radii, ASPECT), positions)!;
  const sectors = new Map<string, LayoutSector>();
  kinds.forEach((kind, i) => {
    const [start, end] = spans[i]!;
    const used = Math.min(ringCount, groups[i]!.length);
    const mid = (start + end) / 2;
    sectors.set(kind, { kind, start, end, mid, radius: r, rings: used, centre: onRing(r + ((used - 1) * ringStep) / 2, mid) });
  });
  return { sectors, partnerRadius: r, ringStep };
}

/** The fewest rings (then the smallest first radius) on which the partners fit a turn: rings by bisection, more always fit. */
function ringsFor(groups: RingItem[][], first: number, ringStep: number): { ringCount: number; r: number } {
  const fits = (count: number, r: number) => fitsTurn(groups, Array.from({ length: count }, (_, k) => r + k * ringStep), ASPECT, 0);
  for (let r = first; ; r = Math.ceil(r * 1.25)) {
    if (!fits(MAX_RINGS, r)) continue;
    let lo = 0;
    let hi = MAX_RINGS;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (fits(mid, r)) hi = mid;
      else lo = mid;
    }
    return { ringCount: hi, r };
  }
}

/** Partners by the circular mean angle of the units they work with (weighted), relative to `mid`; unlinked ones in the middle. */
function orderAround(partners: LayoutPartner[], angleOf: Map<string, number>, mid: number): LayoutPartner[] {
  const keyed = partners.map((p) => {
    let sx = 0;
    let sy = 0;
    for (const link of p.links) {
      const t = angleOf.get(link.unitId);
      if (t === undefined) continue;
      sx += link.weight * Math.cos(t);
      sy += link.weight * Math.sin(t);
    }
    const key = sx === 0 && sy === 0 ? 0 : wrapAngle(Math.atan2(sy, sx) - mid);
    return { p, key: Math.round(key * 1e6) };
  });
  keyed.sort((x, y) => x.key - y.key || cmp(x.p.name, y.p.name) || cmp(x.p.id, y.p.id));
  return keyed.map((k) => k.p);
}

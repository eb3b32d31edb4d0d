/**
 * The collaboration map's layout: pure, deterministic, computed over the
 * whole node universe (every unit and partner, whatever the filters) so that
 * each entity keeps its place across filters and reloads.
 *
 * - HT centres and facilities on an inner ring, in a fixed order (kind, then
 *   code). Each owns a wedge of the circle, wider when it has research groups.
 * - Research groups on rings just outside the inner ring, inside their
 *   centre's wedge.
 * - Partners on outer rings, one angular sector per partner kind (fixed kind
 *   order, sector angle proportional to the kind's number of partners),
 *   ordered inside the sector by the circular mean angle of the units they
 *   work with, so lines cross less. A sector uses as many rings as it needs
 *   for its nodes not to overlap (spacing from node sizes).
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
  /** Diameter in px: the largest the node can be drawn (from its all-time agreement count). */
  size: number;
}

export interface LayoutPartner {
  /** Node id, "partner:<id>". */
  id: string;
  kind: string;
  /** Tie-breaker for a stable order. */
  name: string;
  size: number;
  /** The unit node ids it works with, and how many agreements with each. */
  links: { unitId: string; weight: number }[];
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
  /** Radius of its first ring and the number of rings it uses. */
  radius: number;
  rings: number;
  /** Where a cluster standing for the whole sector goes. */
  centre: Point;
}

export interface NetworkLayout {
  positions: Map<string, Point>;
  sectors: Map<string, LayoutSector>;
  /** Radii of the unit ring and of the first partner ring. */
  unitRadius: number;
  partnerRadius: number;
  /** Distance between partner rings. */
  ringStep: number;
}

/** Space kept between two nodes, in px. */
export const NODE_GAP = 12;
export const MIN_NODE_SIZE = 16;
export const MAX_NODE_SIZE = 72;
export const MAX_CLUSTER_SIZE = 120;
const MIN_UNIT_RADIUS = 260;
/** Chords are shorter than arcs: keep a margin so neighbours never touch. */
const FILL = 0.9;
const START = -Math.PI / 2;
const TAU = Math.PI * 2;

/** A node's diameter for a number of agreements (clusters may grow larger). */
export function nodeSize(agreements: number, cluster = false): number {
  const s = MIN_NODE_SIZE + 4 * Math.sqrt(Math.max(0, agreements));
  return Math.round(Math.min(cluster ? MAX_CLUSTER_SIZE : MAX_NODE_SIZE, s));
}

const UNIT_KIND_ORDER: readonly string[] = UNIT_KINDS.values;
const PARTNER_KIND_ORDER: readonly string[] = PARTNER_KINDS.values;
const rank = (order: readonly string[], k: string) => {
  const i = order.indexOf(k);
  return i < 0 ? order.length : i;
};
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function polar(r: number, angle: number): Point {
  // Rounded to a tenth of a pixel: identical output on every run and platform.
  return { x: Math.round(r * Math.cos(angle) * 10) / 10, y: Math.round(r * Math.sin(angle) * 10) / 10 };
}

/** Angle difference wrapped to (-π, π]. */
function wrap(a: number): number {
  let d = a % TAU;
  if (d <= -Math.PI) d += TAU;
  if (d > Math.PI) d -= TAU;
  return d;
}

/**
 * Places `items` (in order) inside the wedge [startAngle, endAngle] on rings
 * radius, radius + ringStep, ... using the fewest rings on which they fit:
 * item i goes to ring i mod R, and along each ring every item takes an arc
 * proportional to its size plus the gap, so neighbours never overlap and the
 * order is kept across rings. Returns the number of rings used.
 */
export function placeInWedge(
  items: { id: string; size: number }[],
  startAngle: number,
  endAngle: number,
  radius: number,
  ringStep: number,
  positions: Map<string, Point>,
): number {
  const n = items.length;
  if (!n) return 0;
  const span = endAngle - startAngle;
  const demandOn = (ring: number, rings: number) => {
    let demand = 0;
    for (let i = ring; i < n; i += rings) demand += items[i]!.size + NODE_GAP;
    return demand;
  };
  let rings = 1;
  for (; rings < n; rings++) {
    let fits = true;
    for (let k = 0; k < rings && fits; k++) fits = demandOn(k, rings) <= (radius + k * ringStep) * span * FILL;
    if (fits) break;
  }
  for (let k = 0; k < rings; k++) {
    const r = radius + k * ringStep;
    // Arc per px of demand; never less than 1 px per px (the ring fits) unless nothing could.
    const scale = (r * span) / demandOn(k, rings);
    let at = 0;
    for (let i = k; i < n; i += rings) {
      const w = items[i]!.size + NODE_GAP;
      positions.set(items[i]!.id, polar(r, startAngle + ((at + w / 2) * scale) / r));
      at += w;
    }
  }
  return rings;
}

/** What placing the units leaves for the partners: angles to order them by, and how far out the units reach. */
interface UnitRings {
  angleOf: Map<string, number>;
  unitRadius: number;
  /** The outer edge of the units' rings. */
  outer: number;
}

export function computeLayout(units: LayoutUnit[], partners: LayoutPartner[]): NetworkLayout {
  const positions = new Map<string, Point>();
  const rings = placeUnits(units, positions);
  const { sectors, partnerRadius, ringStep } = placePartners(partners, rings, positions);
  return { positions, sectors, unitRadius: rings.unitRadius, partnerRadius, ringStep };
}

/** Top-level units on the inner ring, each in a wedge sized by its groups; the groups just outside, in their centre's wedge. */
function placeUnits(units: LayoutUnit[], positions: Map<string, Point>): UnitRings {
  const angleOf = new Map<string, number>();
  const byId = new Map(units.map((u) => [u.id, u]));
  const isGroup = (u: LayoutUnit) => Boolean(u.parentId && byId.has(u.parentId));
  const top = units
    .filter((u) => !isGroup(u))
    .sort((a, b) => rank(UNIT_KIND_ORDER, a.kind) - rank(UNIT_KIND_ORDER, b.kind) || cmp(a.code, b.code) || cmp(a.id, b.id));
  const groupsOf = new Map<string, LayoutUnit[]>();
  for (const u of units.filter(isGroup)) groupsOf.set(u.parentId!, [...(groupsOf.get(u.parentId!) ?? []), u]);
  for (const list of groupsOf.values()) list.sort((a, b) => cmp(a.code, b.code) || cmp(a.id, b.id));

  const base = Math.max(1, Math.ceil((units.length - top.length) / Math.max(1, top.length)));
  const shares = top.map((u) => base + (groupsOf.get(u.id)?.length ?? 0));
  const shareSum = shares.reduce((sum, share) => sum + share, 0) || 1;
  const wedges: [number, number][] = [];
  let unitRadius = MIN_UNIT_RADIUS;
  let angle = START;
  top.forEach((u, i) => {
    const width = (shares[i]! / shareSum) * TAU;
    wedges.push([angle, angle + width]);
    unitRadius = Math.max(unitRadius, (u.size + NODE_GAP) / (width * FILL));
    angle += width;
  });
  unitRadius = Math.ceil(unitRadius);
  top.forEach((u, i) => {
    const mid = (wedges[i]![0] + wedges[i]![1]) / 2;
    positions.set(u.id, polar(unitRadius, mid));
    angleOf.set(u.id, mid);
  });

  const maxUnit = Math.max(MIN_NODE_SIZE, ...top.map((u) => u.size));
  const maxGroup = Math.max(MIN_NODE_SIZE, ...units.filter(isGroup).map((g) => g.size));
  const groupStep = maxGroup + NODE_GAP;
  const groupRadius = unitRadius + (maxUnit + maxGroup) / 2 + NODE_GAP;
  let outer = unitRadius + maxUnit / 2;
  top.forEach((u, i) => {
    const list = groupsOf.get(u.id);
    if (!list?.length) return;
    const used = placeInWedge(list, wedges[i]![0], wedges[i]![1], groupRadius, groupStep, positions);
    outer = Math.max(outer, groupRadius + (used - 1) * groupStep + maxGroup / 2);
    for (const g of list) {
      const p = positions.get(g.id)!;
      angleOf.set(g.id, Math.atan2(p.y, p.x));
    }
  });
  return { angleOf, unitRadius, outer };
}

/** Partners on outer rings: a sector per kind, sized by its count, ordered inside by the mean angle of their units. */
function placePartners(partners: LayoutPartner[], units: UnitRings, positions: Map<string, Point>) {
  const maxPartner = Math.max(MIN_NODE_SIZE, ...partners.map((p) => p.size));
  const ringStep = maxPartner + NODE_GAP;
  const partnerRadius = Math.ceil(units.outer + NODE_GAP * 4 + maxPartner / 2 + 120);
  const byKind = new Map<string, LayoutPartner[]>();
  for (const p of partners) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const kinds = [...byKind.keys()].sort((a, b) => rank(PARTNER_KIND_ORDER, a) - rank(PARTNER_KIND_ORDER, b) || cmp(a, b));
  const sectors = new Map<string, LayoutSector>();
  let angle = START;
  for (const kind of kinds) {
    const list = byKind.get(kind)!;
    const start = angle;
    const end = angle + (list.length / partners.length) * TAU;
    const mid = (start + end) / 2;
    angle = end;
    const ordered = orderAround(list, units.angleOf, mid);
    const rings = placeInWedge(ordered, start, end, partnerRadius, ringStep, positions);
    const centre = polar(partnerRadius + ((rings - 1) * ringStep) / 2, mid);
    sectors.set(kind, { kind, start, end, mid, radius: partnerRadius, rings, centre });
  }
  return { sectors, partnerRadius, ringStep };
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
    const key = sx === 0 && sy === 0 ? 0 : wrap(Math.atan2(sy, sx) - mid);
    return { p, key: Math.round(key * 1e6) };
  });
  keyed.sort((x, y) => x.key - y.key || cmp(x.p.name, y.p.name) || cmp(x.p.id, y.p.id));
  return keyed.map((k) => k.p);
}

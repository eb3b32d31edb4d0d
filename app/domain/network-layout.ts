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
 * Places `items` (in order) inside the wedge [a0, a1] on rings r0, r0 + step,
 * ... using the fewest rings on which they fit: item i goes to ring i mod R,
 * and along each ring every item takes an arc proportional to its size plus
 * the gap, so neighbours never overlap and the order is kept across rings.
 */
export function placeInWedge(
  items: { id: string; size: number }[],
  a0: number,
  a1: number,
  r0: number,
  step: number,
  out: Map<string, Point>,
): number {
  const n = items.length;
  if (!n) return 0;
  const span = a1 - a0;
  let rings = 1;
  for (; rings < n; rings++) {
    let fits = true;
    for (let k = 0; k < rings && fits; k++) {
      let demand = 0;
      for (let i = k; i < n; i += rings) demand += items[i]!.size + NODE_GAP;
      fits = demand <= (r0 + k * step) * span * FILL;
    }
    if (fits) break;
  }
  for (let k = 0; k < rings; k++) {
    const r = r0 + k * step;
    let demand = 0;
    for (let i = k; i < n; i += rings) demand += items[i]!.size + NODE_GAP;
    // Arc per px of demand; never less than 1 px per px (the ring fits) unless nothing could.
    const scale = (r * span) / demand;
    let at = 0;
    for (let i = k; i < n; i += rings) {
      const w = items[i]!.size + NODE_GAP;
      const angle = a0 + ((at + w / 2) * scale) / r;
      out.set(items[i]!.id, polar(r, angle));
      at += w;
    }
  }
  return rings;
}

export function computeLayout(units: LayoutUnit[], partners: LayoutPartner[]): NetworkLayout {
  const positions = new Map<string, Point>();
  const angleOf = new Map<string, number>();

  // 1. Top-level units on the inner ring, each in a wedge sized by its groups.
  const byId = new Map(units.map((u) => [u.id, u]));
  const top = units
    .filter((u) => !u.parentId || !byId.has(u.parentId))
    .sort((a, b) => rank(UNIT_KIND_ORDER, a.kind) - rank(UNIT_KIND_ORDER, b.kind) || cmp(a.code, b.code) || cmp(a.id, b.id));
  const groupsOf = new Map<string, LayoutUnit[]>();
  for (const u of units) {
    if (u.parentId && byId.has(u.parentId)) {
      const list = groupsOf.get(u.parentId) ?? [];
      list.push(u);
      groupsOf.set(u.parentId, list);
    }
  }
  for (const list of groupsOf.values()) list.sort((a, b) => cmp(a.code, b.code) || cmp(a.id, b.id));
  const totalGroups = units.length - top.length;
  const base = Math.max(1, Math.ceil(totalGroups / Math.max(1, top.length)));
  const shares = top.map((u) => base + (groupsOf.get(u.id)?.length ?? 0));
  const shareSum = shares.reduce((s, x) => s + x, 0) || 1;
  const wedges: [number, number][] = [];
  let unitRadius = MIN_UNIT_RADIUS;
  {
    let a = START;
    top.forEach((u, i) => {
      const w = (shares[i]! / shareSum) * TAU;
      wedges.push([a, a + w]);
      unitRadius = Math.max(unitRadius, (u.size + NODE_GAP) / (w * FILL));
      a += w;
    });
  }
  unitRadius = Math.ceil(unitRadius);
  const maxUnit = Math.max(MIN_NODE_SIZE, ...top.map((u) => u.size));
  top.forEach((u, i) => {
    const [a0, a1] = wedges[i]!;
    const mid = (a0 + a1) / 2;
    positions.set(u.id, polar(unitRadius, mid));
    angleOf.set(u.id, mid);
  });

  // 2. Research groups just outside, inside their centre's wedge.
  const groups = units.filter((u) => u.parentId && byId.has(u.parentId));
  const maxGroup = Math.max(MIN_NODE_SIZE, ...groups.map((g) => g.size));
  const groupStep = maxGroup + NODE_GAP;
  const groupRadius = unitRadius + (maxUnit + maxGroup) / 2 + NODE_GAP;
  let outer = unitRadius + maxUnit / 2;
  top.forEach((u, i) => {
    const list = groupsOf.get(u.id);
    if (!list?.length) return;
    const [a0, a1] = wedges[i]!;
    const rings = placeInWedge(list, a0, a1, groupRadius, groupStep, positions);
    outer = Math.max(outer, groupRadius + (rings - 1) * groupStep + maxGroup / 2);
    for (const g of list) {
      const p = positions.get(g.id)!;
      angleOf.set(g.id, Math.atan2(p.y, p.x));
    }
  });

  // 3. Partners: a sector per kind, ordered by the mean angle of their units.
  const maxPartner = Math.max(MIN_NODE_SIZE, ...partners.map((p) => p.size));
  const ringStep = maxPartner + NODE_GAP;
  const partnerRadius = Math.ceil(outer + NODE_GAP * 4 + maxPartner / 2 + 120);
  const byKind = new Map<string, LayoutPartner[]>();
  for (const p of partners) {
    const list = byKind.get(p.kind) ?? [];
    list.push(p);
    byKind.set(p.kind, list);
  }
  const kinds = [...byKind.keys()].sort((a, b) => rank(PARTNER_KIND_ORDER, a) - rank(PARTNER_KIND_ORDER, b) || cmp(a, b));
  const sectors = new Map<string, LayoutSector>();
  let a = START;
  for (const kind of kinds) {
    const list = byKind.get(kind)!;
    const span = (list.length / partners.length) * TAU;
    const a0 = a;
    const a1 = a + span;
    const mid = (a0 + a1) / 2;
    a = a1;
    const keyed = list.map((p) => {
      let sx = 0;
      let sy = 0;
      for (const l of p.links) {
        const t = angleOf.get(l.unitId);
        if (t === undefined) continue;
        sx += l.weight * Math.cos(t);
        sy += l.weight * Math.sin(t);
      }
      // Unlinked partners sit in the middle of their sector.
      const key = sx === 0 && sy === 0 ? 0 : wrap(Math.atan2(sy, sx) - mid);
      return { p, key: Math.round(key * 1e6) };
    });
    keyed.sort((x, y) => x.key - y.key || cmp(x.p.name, y.p.name) || cmp(x.p.id, y.p.id));
    const rings = placeInWedge(keyed.map((k) => k.p), a0, a1, partnerRadius, ringStep, positions);
    sectors.set(kind, {
      kind,
      start: a0,
      end: a1,
      mid,
      radius: partnerRadius,
      rings,
      centre: polar(partnerRadius + ((rings - 1) * ringStep) / 2, mid),
    });
  }

  return { positions, sectors, unitRadius, partnerRadius, ringStep };
}

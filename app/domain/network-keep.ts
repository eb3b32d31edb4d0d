/**
 * What is in play on the collaboration map (network-build.ts, steps 1 and
 * 2): which unit each unit's agreements are drawn on (its centre, or its
 * group when the centre is opened), which partners the partner-kind filter
 * leaves, and which unit–partner pairs stay: at least minWeight
 * agreements, the focus node's lines, the explored nodes and their
 * neighbours, and for a reader who may not read restricted agreements only
 * lines with one they may read. Counts the network "as of" (the headline's
 * numbers, network-words.ts). Pure.
 */
import type { NetworkMeta } from "./network";
import type { Pass } from "./network-aggregate";
import type { NetworkFilters } from "./network-filters";
import type { NetworkIndex } from "./network-index";

export type Focus = { type: "unit" | "partner"; index: number } | { type: "cluster"; index: -1 };

/** The pairs of one pass that stay on the map. */
export interface Keep {
  /** unit slot × raw partner. */
  mask: Uint8Array;
  /** True when some pair was left out (the pass must then be run again over the kept pairs). */
  pruned: boolean;
}

export interface Kept {
  now: Keep;
  before: Keep | null;
  shownUnit: Uint8Array;
  shownPartner: Uint8Array;
  /** The network as of asOf (compare mode: not counting the lapsed lines). */
  totals: NetworkMeta["totals"];
  /** Compare mode: the network on the earlier date. */
  compareTotals: { nodes: number; edges: number } | null;
  /** Explore mode: the nodes shown (unit slots and raw partners), and the neighbours each has off the map. */
  explored: { units: Uint8Array; partners: Uint8Array; hidden: Map<string, number> } | null;
}

export function parseFocus(index: NetworkIndex, nodeId: string): Focus {
  if (nodeId.startsWith("unit:")) return { type: "unit", index: index.unitIndex.get(nodeId.slice(5)) ?? -1 };
  if (nodeId.startsWith("partner:")) return { type: "partner", index: index.partnerIndex.get(nodeId.slice(8)) ?? -1 };
  return { type: "cluster", index: -1 };
}

/** A unit and everything below it (indices); empty for an unknown unit. */
function subtreeOf(index: NetworkIndex, unitId: string): Set<number> {
  const subtree = new Set<number>();
  const root = index.unitIndex.get(unitId);
  const stack = root === undefined ? [] : [root];
  while (stack.length) {
    const u = stack.pop()!;
    if (subtree.has(u)) continue;
    subtree.add(u);
    stack.push(...index.unitChildren[u]!);
  }
  return subtree;
}

/**
 * Raw unit → the unit shown for it: its top-level unit, or for an expanded
 * centre the group right below the centre; -1 outside `unit`'s subtree.
 */
export function unitSlots(index: NetworkIndex, filters: NetworkFilters): Int32Array {
  const unitCount = index.units.length;
  const expanded = new Set(filters.expand.map((id) => index.unitIndex.get(id)).filter((i): i is number => i !== undefined));
  const subtree = filters.unit === undefined ? null : subtreeOf(index, filters.unit);
  const unitOf = new Int32Array(unitCount).fill(-1);
  for (let u = 0; u < unitCount; u++) {
    if (subtree && !subtree.has(u)) continue;
    const top = index.units[u]!.top;
    if (u === top || !expanded.has(top)) {
      unitOf[u] = top;
      continue;
    }
    let group = u;
    for (let guard = 0; index.units[group]!.parent >= 0 && index.units[group]!.parent !== top && guard < unitCount; guard++) {
      group = index.units[group]!.parent;
    }
    unitOf[u] = group;
  }
  return unitOf;
}

/** Raw partner → itself, or -1 when its kind is filtered out. */
export function partnerSlots(index: NetworkIndex, filters: NetworkFilters): Int32Array {
  const kinds = filters.partnerKind.length ? new Set<string>(filters.partnerKind) : null;
  const partnerOf = new Int32Array(index.partners.length).fill(-1);
  index.partners.forEach((partner, p) => {
    if (!kinds || kinds.has(partner.kind)) partnerOf[p] = p;
  });
  return partnerOf;
}

export interface KeepInput {
  unitOf: Int32Array;
  pairFocus: Focus | null;
  baseNow: Pass;
  baseBefore: Pass | null;
  hideRestricted: boolean;
}

/** A pair that may be on the map at all: heavy enough, and (for such a reader) with one agreement the reader may read. */
const eligible = (pass: Pass, e: number, filters: NetworkFilters, hideRestricted: boolean) =>
  pass.count[e]! >= filters.minWeight && (!hideRestricted || pass.readable[e]! > 0);

/**
 * Explore mode: the explored nodes and all their neighbours (on either
 * date), and how many neighbours each node shown still has off the map.
 */
function exploreSet(index: NetworkIndex, filters: NetworkFilters, input: KeepInput): NonNullable<Kept["explored"]> {
  const units = new Uint8Array(index.units.length);
  const partners = new Uint8Array(index.partners.length);
  const seedUnits = new Set<number>();
  const seedPartners = new Set<number>();
  for (const id of filters.explore) {
    const node = parseFocus(index, id);
    if (node.index < 0) continue;
    if (node.type === "unit" && input.unitOf[node.index]! >= 0) seedUnits.add(input.unitOf[node.index]!);
    if (node.type === "partner") seedPartners.add(node.index);
  }
  const passes = [input.baseNow, input.baseBefore].filter((p): p is Pass => p !== null);
  const degree = new Map<string, number>();
  for (const pass of passes) {
    for (let e = 0; e < pass.src.length; e++) {
      if (!eligible(pass, e, filters, input.hideRestricted)) continue;
      const u = pass.src[e]!;
      const p = pass.tgt[e]!;
      if (seedUnits.has(u) || seedPartners.has(p)) {
        units[u] = 1;
        partners[p] = 1;
      }
    }
  }
  for (const u of seedUnits) units[u] = 1;
  for (const p of seedPartners) partners[p] = 1;
  // Neighbours off the map, per node shown (a pair counted once even if it is there on both dates).
  const seen = new Set<number>();
  for (const pass of passes) {
    for (let e = 0; e < pass.src.length; e++) {
      if (!eligible(pass, e, filters, input.hideRestricted)) continue;
      const u = pass.src[e]!;
      const p = pass.tgt[e]!;
      const key = u * index.partners.length + p;
      if (seen.has(key) || (units[u] && partners[p]) || (!units[u] && !partners[p])) continue;
      seen.add(key);
      const id = units[u] ? index.units[u]!.nodeId : index.partners[p]!.nodeId;
      degree.set(id, (degree.get(id) ?? 0) + 1);
    }
  }
  return { units, partners, hidden: degree };
}

/** The pairs of a pass that stay (see the module's comment), marking the units and partners they show. */
function keepOf(pass: Pass, filters: NetworkFilters, input: KeepInput, explored: Kept["explored"], shown: { units: Uint8Array; partners: Uint8Array }): Keep {
  const partnerCount = shown.partners.length;
  const mask = new Uint8Array(shown.units.length * partnerCount);
  const focus = input.pairFocus;
  let pruned = false;
  for (let e = 0; e < pass.src.length; e++) {
    const source = pass.src[e]!;
    const partner = pass.tgt[e]!;
    const keep =
      eligible(pass, e, filters, input.hideRestricted) &&
      (!focus || (focus.type === "unit" ? source === focus.index : partner === focus.index)) &&
      (!explored || (explored.units[source] === 1 && explored.partners[partner] === 1));
    if (!keep) {
      pruned = true;
      continue;
    }
    mask[source * partnerCount + partner] = 1;
    shown.units[source] = 1;
    shown.partners[partner] = 1;
  }
  return { mask, pruned };
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

export function keepPairs(index: NetworkIndex, filters: NetworkFilters, input: KeepInput): Kept {
  const unitCount = index.units.length;
  const partnerCount = index.partners.length;
  const explored = filters.explore.length ? exploreSet(index, filters, input) : null;
  const nowShown = { units: new Uint8Array(unitCount), partners: new Uint8Array(partnerCount) };
  const beforeShown = { units: new Uint8Array(unitCount), partners: new Uint8Array(partnerCount) };
  const now = keepOf(input.baseNow, filters, input, explored, nowShown);
  const before = input.baseBefore ? keepOf(input.baseBefore, filters, input, explored, beforeShown) : null;
  // Units are shown even without a line (the gaps are part of the picture), except in focus and explore modes.
  const focus = input.pairFocus;
  const allUnits = new Uint8Array(unitCount);
  if (explored) {
    for (let u = 0; u < unitCount; u++) if (explored.units[u] && input.unitOf.includes(u)) allUnits[u] = 1;
  } else if (!focus) {
    for (const slot of input.unitOf) if (slot >= 0) allUnits[slot] = 1;
  } else if (focus.type === "unit" && focus.index >= 0 && input.unitOf.includes(focus.index)) {
    allUnits[focus.index] = 1;
  }
  const shownUnit = new Uint8Array(unitCount);
  const shownPartner = new Uint8Array(partnerCount);
  for (let u = 0; u < unitCount; u++) shownUnit[u] = allUnits[u]! | nowShown.units[u]! | beforeShown.units[u]!;
  for (let p = 0; p < partnerCount; p++) shownPartner[p] = nowShown.partners[p]! | beforeShown.partners[p]!;
  const unitsNow = (shown: Uint8Array) => {
    let n = 0;
    for (let u = 0; u < unitCount; u++) n += allUnits[u]! | shown[u]!;
    return n;
  };
  const totals = { nodes: unitsNow(nowShown.units) + count(nowShown.partners), edges: count(now.mask), agreements: 0 };
  const compareTotals = before ? { nodes: unitsNow(beforeShown.units) + count(beforeShown.partners), edges: count(before.mask) } : null;
  return { now, before, shownUnit, shownPartner, totals, compareTotals, explored };
}

/**
 * The collaboration map for a set of filters, from the index
 * (network-index.ts), in named steps: which units and partners are in play,
 * one aggregation pass per date (network-aggregate.ts), which pairs are kept
 * (minimum weight, focus, confidentiality), clusters, the final passes, the
 * edges, the nodes (network-nodes.ts) and the meta. Pure: no database.
 *
 * Confidentiality (docs/decisions/010-confidentiality.md): for a reader who
 * may not read restricted agreements, those still add to the counts, kinds,
 * values and weights of lines that exist anyway, but a line whose agreements
 * are all restricted is not kept, so neither is a partner known only through
 * such lines; a line's dates and lifecycle, and the first agreement date,
 * come from the agreements the reader may read.
 */
import { mayReadRestricted, type Reader } from "./confidentiality";
import {
  CLUSTER_THRESHOLD_EDGES,
  CLUSTER_THRESHOLD_NODES,
  clusterNodeId,
  edgeId,
  type EdgeChange,
  type Network,
  type NetworkEdge,
  type NetworkMeta,
} from "./network";
import { aggregate, kindCounts, listsOf, selectAgreements, type Pass } from "./network-aggregate";
import type { NetworkFilters } from "./network-filters";
import { dayNumber, dayString, KINDS, NEVER, type NetworkIndex } from "./network-index";
import { networkNodes, type SavedLayout } from "./network-nodes";

export type { SavedLayout } from "./network-nodes";

export interface BuildOptions {
  /** Who asks: decides whether a restricted agreement may show a line of its own. */
  reader: Reader;
  /** The day on which the effective status of statuses other than Active is read. */
  today: Date;
  /** The arrangement an editor saved, over the computed layout. */
  saved?: SavedLayout | null;
}

export interface Built {
  network: Network;
  /** The agreements (positions in the index) behind an edge of the network. */
  agreementsOf(edgeId: string): number[] | undefined;
}

type Focus = { type: "unit" | "partner"; index: number } | { type: "cluster"; index: -1 };

/** The pairs of one pass that stay on the map. */
interface Keep {
  /** unit slot × raw partner. */
  mask: Uint8Array;
  /** True when some pair was left out (the pass must then be run again over the kept pairs). */
  pruned: boolean;
}

interface Kept {
  now: Keep;
  before: Keep | null;
  shownUnit: Uint8Array;
  shownPartner: Uint8Array;
  totals: NetworkMeta["totals"];
}

export interface Clusters {
  /** "kind:<PARTNER_KIND>" or "parent:<Partner.id>", sorted; cluster c is target slot partners + c. */
  keys: string[];
  /** The partners (raw indices) each cluster stands for, in display order. */
  members: number[][];
  /** Raw partner → partner or cluster slot, -1 when filtered out. */
  targetOf: Int32Array;
  nTargets: number;
}

/** An edge to draw: edge `edge` of `pass`, and in compare mode how it changed. */
export interface ChosenEdge {
  pass: Pass;
  edge: number;
  change?: EdgeChange;
}

/** The network for `filters` from an index (pure: no database). */
export function buildNetwork(index: NetworkIndex, filters: NetworkFilters, options: BuildOptions): Built {
  const hideRestricted = !mayReadRestricted(options.reader);
  const todayDay = dayNumber(options.today)!;
  const asOfDay = dayNumber(filters.asOf) ?? todayDay;
  const compareDay = filters.compare ? dayNumber(filters.compare) : null;
  const unitOf = unitSlots(index, filters);
  const partnerOf = partnerSlots(index, filters);
  const partnerCount = index.partners.length;

  // 1. Unit-partner edges on asOf (and on the compare date; lifecycles always read on asOf).
  const direct = { unitOf, targetOf: partnerOf, nTargets: partnerCount, allowed: null };
  const listNow = selectAgreements(index, filters, asOfDay, todayDay);
  const listBefore = compareDay === null ? null : selectAgreements(index, filters, compareDay, todayDay);
  const baseNow = aggregate(index, listNow, asOfDay, direct, hideRestricted);
  const baseBefore = listBefore && aggregate(index, listBefore, asOfDay, direct, hideRestricted);

  // 2. The pairs kept; 3. clusters; 4. the final passes over the kept pairs, partners mapped to their clusters.
  const focus = filters.focus ? parseFocus(index, filters.focus) : null;
  const pairFocus = focus && focus.type !== "cluster" ? focus : null;
  const kept = keepPairs(index, filters, { unitOf, pairFocus, baseNow, baseBefore, hideRestricted });
  const clusters = clusterPartners(index, clusterMode(filters, pairFocus, kept.totals), kept.shownPartner, filters.expandCluster, partnerOf);
  const finalPass = (list: number[], base: Pass, keep: Keep) =>
    clusters.keys.length === 0 && !keep.pruned
      ? base
      : aggregate(index, list, asOfDay, { unitOf, targetOf: clusters.targetOf, nTargets: clusters.nTargets, allowed: keep.mask }, hideRestricted);
  const now = finalPass(listNow, baseNow, kept.now);
  const before = listBefore && baseBefore && kept.before ? finalPass(listBefore, baseBefore, kept.before) : null;

  // 5. Edges; 6. nodes, at their stable positions (or where an editor saved them).
  const focusSlot = focus?.type === "cluster" ? partnerCount + clusters.keys.findIndex((key) => clusterNodeId(key) === filters.focus) : null;
  const chosen = chooseEdges(index, clusters, now, before, focusSlot);
  const edges = chosen.map((choice) => toNetworkEdge(index, clusters, choice, filters.weight));
  const focusOnCluster = focusSlot !== null;
  kept.totals.agreements = countAgreements(index, chosen, now, before, focusOnCluster);
  const saved = options.saved ?? null;
  const nodes = networkNodes({ index, clusters, now, before, chosen, shownUnit: kept.shownUnit, focusOnCluster, saved });
  const firstDay = hideRestricted ? index.firstReadableDay : index.firstDay;

  let refs: Map<string, ChosenEdge> | undefined;
  return {
    network: { nodes, edges, meta: networkMeta(filters, kept.totals, clusters.keys.length > 0, firstDay, saved) },
    agreementsOf(id: string) {
      refs ??= new Map(chosen.map((choice, i) => [edges[i]!.id, choice]));
      const ref = refs.get(id);
      return ref ? listsOf(index, ref.pass)[ref.edge] : undefined;
    },
  };
}

function parseFocus(index: NetworkIndex, nodeId: string): Focus {
  if (nodeId.startsWith("unit:")) return { type: "unit", index: index.unitIndex.get(nodeId.slice(5)) ?? -1 };
  if (nodeId.startsWith("partner:")) return { type: "partner", index: index.partnerIndex.get(nodeId.slice(8)) ?? -1 };
  return { type: "cluster", index: -1 };
}

// ---------------------------------------------------------------------------
// What is in play

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
function unitSlots(index: NetworkIndex, filters: NetworkFilters): Int32Array {
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
function partnerSlots(index: NetworkIndex, filters: NetworkFilters): Int32Array {
  const kinds = filters.partnerKind.length ? new Set<string>(filters.partnerKind) : null;
  const partnerOf = new Int32Array(index.partners.length).fill(-1);
  index.partners.forEach((partner, p) => {
    if (!kinds || kinds.has(partner.kind)) partnerOf[p] = p;
  });
  return partnerOf;
}

// ---------------------------------------------------------------------------
// The pairs kept

interface KeepInput {
  unitOf: Int32Array;
  pairFocus: Focus | null;
  baseNow: Pass;
  baseBefore: Pass | null;
  hideRestricted: boolean;
}

/**
 * minWeight (per date), focus on a unit or a partner (its lines only), and,
 * for a reader who may not read restricted agreements, only lines with at
 * least one agreement they may read. Marks the units and partners shown.
 */
function keepOf(pass: Pass, filters: NetworkFilters, input: KeepInput, shownUnit: Uint8Array, shownPartner: Uint8Array): Keep {
  const partnerCount = shownPartner.length;
  const mask = new Uint8Array(shownUnit.length * partnerCount);
  const focus = input.pairFocus;
  let pruned = false;
  for (let e = 0; e < pass.src.length; e++) {
    const source = pass.src[e]!;
    const partner = pass.tgt[e]!;
    const keep =
      pass.count[e]! >= filters.minWeight &&
      (!input.hideRestricted || pass.readable[e]! > 0) &&
      (!focus || (focus.type === "unit" ? source === focus.index : partner === focus.index));
    if (!keep) {
      pruned = true;
      continue;
    }
    mask[source * partnerCount + partner] = 1;
    shownUnit[source] = 1;
    shownPartner[partner] = 1;
  }
  return { mask, pruned };
}

function keepPairs(index: NetworkIndex, filters: NetworkFilters, input: KeepInput): Kept {
  const unitCount = index.units.length;
  const partnerCount = index.partners.length;
  const shownUnit = new Uint8Array(unitCount);
  const shownPartner = new Uint8Array(partnerCount);
  const now = keepOf(input.baseNow, filters, input, shownUnit, shownPartner);
  const before = input.baseBefore ? keepOf(input.baseBefore, filters, input, shownUnit, shownPartner) : null;
  let edges = 0;
  for (let i = 0; i < unitCount * partnerCount; i++) if (now.mask[i] || before?.mask[i]) edges += 1;
  // Units are shown even without a line (the gaps are part of the picture), except in focus.
  const focus = input.pairFocus;
  if (!focus) {
    for (const slot of input.unitOf) if (slot >= 0) shownUnit[slot] = 1;
  } else if (focus.type === "unit" && focus.index >= 0 && input.unitOf.includes(focus.index)) {
    shownUnit[focus.index] = 1;
  }
  let nodes = 0;
  for (const shown of shownUnit) nodes += shown;
  for (const shown of shownPartner) nodes += shown;
  return { now, before, shownUnit, shownPartner, totals: { nodes, edges, agreements: 0 } };
}

// ---------------------------------------------------------------------------
// Clusters

function clusterMode(filters: NetworkFilters, pairFocus: Focus | null, totals: NetworkMeta["totals"]): "kind" | "parent" | null {
  if (filters.cluster === "none" || pairFocus) return null;
  if (filters.cluster !== "auto") return filters.cluster;
  return totals.nodes > CLUSTER_THRESHOLD_NODES || totals.edges > CLUSTER_THRESHOLD_EDGES ? "kind" : null;
}

/** Groups the partners shown into clusters of two or more, except those opened (`expandCluster`). */
function clusterPartners(
  index: NetworkIndex,
  mode: "kind" | "parent" | null,
  shownPartner: Uint8Array,
  expandCluster: string[],
  partnerOf: Int32Array,
): Clusters {
  const partnerCount = index.partners.length;
  const clusters: Clusters = { keys: [], members: [], targetOf: new Int32Array(partnerOf), nTargets: partnerCount };
  if (!mode) return clusters;
  const byKey = new Map<string, number[]>();
  for (let p = 0; p < partnerCount; p++) {
    if (!shownPartner[p]) continue;
    const partner = index.partners[p]!;
    let key: string | null = null;
    if (mode === "kind") key = `kind:${partner.kind}`;
    else if (partner.top !== p || partner.hasChildren) key = `parent:${index.partners[partner.top]!.id}`;
    if (key === null || expandCluster.includes(key)) continue;
    const list = byKey.get(key) ?? [];
    list.push(p);
    byKey.set(key, list);
  }
  for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (list.length < 2) continue; // a cluster of one is just the partner
    const slot = partnerCount + clusters.keys.length;
    clusters.keys.push(key);
    clusters.members.push(list.sort((a, b) => index.partnerRank[a]! - index.partnerRank[b]!));
    for (const p of list) clusters.targetOf[p] = slot;
  }
  clusters.nTargets = partnerCount + clusters.keys.length;
  return clusters;
}

// ---------------------------------------------------------------------------
// Edges

/** Now's edges, marked against the earlier date in compare mode, then the lapsed ones; sorted by source, then target. */
function chooseEdges(index: NetworkIndex, clusters: Clusters, now: Pass, before: Pass | null, focusSlot: number | null): ChosenEdge[] {
  const chosen: ChosenEdge[] = [];
  const slotOf = (pass: Pass, e: number) => pass.src[e]! * clusters.nTargets + pass.tgt[e]!;
  for (let e = 0; e < now.src.length; e++) {
    if (focusSlot !== null && now.tgt[e] !== focusSlot) continue;
    const change: EdgeChange | undefined = before ? (before.slot[slotOf(now, e)]! >= 0 ? "unchanged" : "new") : undefined;
    chosen.push({ pass: now, edge: e, change });
  }
  if (before) {
    for (let e = 0; e < before.src.length; e++) {
      if (focusSlot !== null && before.tgt[e] !== focusSlot) continue;
      if (now.slot[slotOf(before, e)]! < 0) chosen.push({ pass: before, edge: e, change: "lapsed" });
    }
  }
  // Clusters first, then partners by id.
  const partnerCount = index.partners.length;
  const targetRank = (t: number) => (t >= partnerCount ? t - partnerCount : clusters.keys.length + t);
  return chosen.sort(
    (x, y) => x.pass.src[x.edge]! - y.pass.src[y.edge]! || targetRank(x.pass.tgt[x.edge]!) - targetRank(y.pass.tgt[y.edge]!),
  );
}

/** The node id of target slot `target`: a partner, or a cluster after them. */
export function targetNodeId(index: NetworkIndex, clusters: Clusters, target: number): string {
  const partnerCount = index.partners.length;
  return target < partnerCount ? index.partners[target]!.nodeId : clusterNodeId(clusters.keys[target - partnerCount]!);
}

function toNetworkEdge(index: NetworkIndex, clusters: Clusters, { pass, edge: e, change }: ChosenEdge, weight: NetworkFilters["weight"]): NetworkEdge {
  const source = index.units[pass.src[e]!]!.nodeId;
  const target = targetNodeId(index, clusters, pass.tgt[e]!);
  const offset = e * KINDS.length;
  let dominant = 0;
  for (let k = 1; k < KINDS.length; k++) if (pass.kinds[offset + k]! > pass.kinds[offset + dominant]!) dominant = k;
  const life = pass.life[e]!;
  const edge: NetworkEdge = {
    id: edgeId(source, target),
    source,
    target,
    count: pass.count[e]!,
    valueCents: pass.value[e]!,
    weight: weight === "value" ? pass.value[e]! : pass.count[e]!,
    kinds: kindCounts(pass.kinds, offset),
    dominantKind: KINDS[dominant]!,
    lifecycle: life === 2 ? "active" : life === 1 ? "ending" : "expired",
    firstDate: pass.first[e] === NEVER ? null : dayString(pass.first[e]!),
    lastDate: pass.last[e] === -NEVER ? null : dayString(pass.last[e]!),
  };
  if (change) edge.change = change;
  return edge;
}

/** Distinct agreements behind the lines shown (compare mode: on either date). */
function countAgreements(index: NetworkIndex, chosen: ChosenEdge[], now: Pass, before: Pass | null, focusOnCluster: boolean): number {
  if (focusOnCluster) {
    const seen = new Set<number>();
    for (const { pass, edge } of chosen) for (const position of listsOf(index, pass)[edge]!) seen.add(position);
    return seen.size;
  }
  if (!before) return now.touchedCount;
  let count = 0;
  for (let i = 0; i < now.touched.length; i++) if (now.touched[i] || before.touched[i]) count += 1;
  return count;
}

function networkMeta(
  filters: NetworkFilters,
  totals: NetworkMeta["totals"],
  clustered: boolean,
  firstDay: number | null,
  saved: SavedLayout | null,
): NetworkMeta {
  return {
    asOf: filters.asOf,
    ...(filters.compare ? { compare: filters.compare } : {}),
    firstAgreementDate: firstDay === null ? null : dayString(firstDay),
    totals,
    clustered,
    threshold: { nodes: CLUSTER_THRESHOLD_NODES, edges: CLUSTER_THRESHOLD_EDGES },
    filters,
    layout: { saved: Boolean(saved), updatedAt: saved?.updatedAt ?? null, updatedBy: saved?.updatedBy ?? null },
  };
}

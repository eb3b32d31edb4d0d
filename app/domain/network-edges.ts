/**
 * The collaboration map's lines (network-build.ts, steps 5 and 7): which
 * edges of the passes are drawn (compare mode marks them new, unchanged or
 * lapsed), each as a NetworkEdge, how many agreements they count, and the
 * answers added to them: "since when" from every signed agreement
 * (network-aggregate.ts sinceOf), the nearest deadline within 90 days, and
 * what a what-if scenario would take away. Pure.
 */
import { clusterNodeId, edgeId, type EdgeChange, type NetworkEdge } from "./network";
import { kindCounts, listsOf, type Pass } from "./network-aggregate";
import type { Clusters } from "./network-clusters";
import type { NetworkFilters } from "./network-filters";
import { dayString, DEADLINE_KIND_CODES, KINDS, NEVER, type NetworkIndex } from "./network-index";

/** An edge to draw: edge `edge` of `pass`, and in compare mode how it changed. */
export interface ChosenEdge {
  pass: Pass;
  edge: number;
  change?: EdgeChange;
}

/** Now's edges, marked against the earlier date in compare mode, then the lapsed ones; sorted by source, then target. */
export function chooseEdges(index: NetworkIndex, clusters: Clusters, now: Pass, before: Pass | null, focusSlot: number | null): ChosenEdge[] {
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

export function toNetworkEdge(index: NetworkIndex, clusters: Clusters, { pass, edge: e, change }: ChosenEdge, weight: NetworkFilters["weight"]): NetworkEdge {
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
    since: null,
  };
  if (change) edge.change = change;
  return edge;
}

/** Distinct agreements behind the lines drawn on asOf (never the lapsed ones of compare mode). */
export function countAgreements(index: NetworkIndex, chosen: ChosenEdge[], now: Pass, focusOnCluster: boolean): number {
  if (!focusOnCluster) return now.touchedCount;
  const seen = new Set<number>();
  for (const { pass, edge } of chosen) if (pass === now) for (const position of listsOf(index, pass)[edge]!) seen.add(position);
  return seen.size;
}

// ---------------------------------------------------------------------------
// Answers added to the lines

export interface AnnotateInput {
  clusters: Clusters;
  chosen: ChosenEdge[];
  edges: NetworkEdge[];
  /** pair slot → first day (sinceOf), over the final mapping. */
  since: Int32Array;
  whatIf: boolean;
}

/** Adds "since", the nearest deadline and the what-if (all worked out by the passes) to every line. */
export function annotateEdges({ clusters, chosen, edges, since, whatIf }: AnnotateInput) {
  chosen.forEach(({ pass, edge: e, change }, i) => {
    const edge = edges[i]!;
    const first = since[pass.src[e]! * clusters.nTargets + pass.tgt[e]!]!;
    edge.since = first === NEVER ? null : dayString(first);
    const soon = pass.deadline[e]!;
    if (soon !== NEVER && change !== "lapsed") {
      edge.deadline = { kind: DEADLINE_KIND_CODES[soon % 4]!, date: dayString(Math.floor(soon / 4)), count: pass.deadlineCount[e]! };
    }
    if (whatIf && change !== "lapsed") edge.whatIf = { removed: pass.removed[e]! };
  });
}

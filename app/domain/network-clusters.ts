/**
 * Groups of partners on the collaboration map (network-build.ts, step 3):
 * by kind above the threshold (cluster=auto, docs/decisions/014) or when
 * asked, by parent organisation, and "+N more" groups of the partners whose
 * label found no room (network-labels.ts), so that every node drawn has a
 * label. Pure.
 */
import { CLUSTER_THRESHOLD_EDGES, CLUSTER_THRESHOLD_NODES, type NetworkMeta } from "./network";
import type { NetworkFilters } from "./network-filters";
import type { NetworkIndex } from "./network-index";
import type { Focus } from "./network-keep";

export interface Clusters {
  /** "kind:<PARTNER_KIND>", "parent:<Partner.id>" or "more:<PARTNER_KIND>", sorted; cluster c is target slot partners + c. */
  keys: string[];
  /** The partners (raw indices) each cluster stands for, in display order. */
  members: number[][];
  /** Raw partner → partner or cluster slot, -1 when filtered out. */
  targetOf: Int32Array;
  nTargets: number;
}

export type ClusterMode = "kind" | "parent" | null;

export function clusterMode(filters: NetworkFilters, focus: Focus | null, totals: NetworkMeta["totals"]): ClusterMode {
  if (filters.cluster === "none" || focus || filters.explore.length) return null;
  if (filters.cluster !== "auto") return filters.cluster;
  return totals.nodes > CLUSTER_THRESHOLD_NODES || totals.edges > CLUSTER_THRESHOLD_EDGES ? "kind" : null;
}

const MORE = "more:";
/** Whether a cluster key is a "+N more" group (partners whose labels found no room), not a kind or a parent. */
export const isMoreGroup = (key: string) => key.startsWith(MORE);

/**
 * Groups the partners shown into clusters of two or more, except those
 * opened (`expandCluster`); `more` (raw partner indices) go into a "+N
 * more" group per kind.
 */
export function clusterPartners(
  index: NetworkIndex,
  mode: ClusterMode,
  shownPartner: Uint8Array,
  expandCluster: string[],
  partnerOf: Int32Array,
  more: ReadonlySet<number> = new Set(),
): Clusters {
  const partnerCount = index.partners.length;
  const clusters: Clusters = { keys: [], members: [], targetOf: new Int32Array(partnerOf), nTargets: partnerCount };
  if (!mode && !more.size) return clusters;
  const byKey = new Map<string, number[]>();
  for (let p = 0; p < partnerCount; p++) {
    if (!shownPartner[p]) continue;
    const partner = index.partners[p]!;
    let key: string | null = null;
    if (mode === "kind") key = `kind:${partner.kind}`;
    else if (mode === "parent" && (partner.top !== p || partner.hasChildren)) key = `parent:${index.partners[partner.top]!.id}`;
    if (key !== null && expandCluster.includes(key)) key = null;
    if (key === null && more.has(p)) key = `${MORE}${partner.kind}`;
    if (key === null) continue;
    const list = byKey.get(key) ?? [];
    list.push(p);
    byKey.set(key, list);
  }
  for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (list.length < 2 && !isMoreGroup(key)) continue; // a cluster of one is just the partner
    const slot = partnerCount + clusters.keys.length;
    clusters.keys.push(key);
    clusters.members.push(list.sort((a, b) => index.partnerRank[a]! - index.partnerRank[b]!));
    for (const p of list) clusters.targetOf[p] = slot;
  }
  clusters.nTargets = partnerCount + clusters.keys.length;
  return clusters;
}

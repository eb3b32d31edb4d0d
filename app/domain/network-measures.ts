/**
 * "Where it concentrates" and "how is X connected to Y" on the collaboration
 * map, from the measures network-graph-measures.ts puts on each node
 * (graphology, on the network as its reader sees it):
 *
 * - the partners that matter most by degree, weighted degree or betweenness,
 *   and the HT units that depend on a single partner (one partner carries at
 *   least half of their agreements);
 * - every shortest path between two nodes, through shared partners or units.
 *
 * Pure and free of graphology, so the page's panels can use it in the browser.
 */
import type { NetworkEdge, NetworkNode, NodeMeasures } from "./network";

export type RankBy = "degree" | "weighted" | "betweenness";

const measureOf = (m: NodeMeasures, by: RankBy) => (by === "degree" ? m.degree : by === "weighted" ? m.weightedDegree : m.betweenness);

/** The partners (and groups of partners) that matter most by `by`, highest first (ties by name). */
export function mostCentral(nodes: NetworkNode[], by: RankBy, limit = 10): NetworkNode[] {
  return nodes
    .filter((node) => node.type !== "unit" && node.measures)
    .sort((a, b) => measureOf(b.measures!, by) - measureOf(a.measures!, by) || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export interface Dependency {
  unit: NetworkNode;
  partner: NetworkNode;
  /** The partner's agreements with the unit, and the unit's agreements on the map. */
  agreements: number;
  total: number;
}

/** HT units for which one partner carries at least half of their agreements on the map (most dependent first). */
export function singlePartnerUnits(nodes: NetworkNode[], edges: NetworkEdge[]): Dependency[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const lines = new Map<string, NetworkEdge[]>();
  for (const edge of edges) {
    for (const end of [edge.source, edge.target]) if (byId.get(end)?.type === "unit") lines.set(end, [...(lines.get(end) ?? []), edge]);
  }
  const out: Dependency[] = [];
  for (const [unitId, list] of lines) {
    const total = list.reduce((sum, edge) => sum + edge.count, 0);
    const top = [...list].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))[0]!;
    const partner = byId.get(top.source === unitId ? top.target : top.source);
    if (partner && partner.type !== "unit" && top.count * 2 >= total) out.push({ unit: byId.get(unitId)!, partner, agreements: top.count, total });
  }
  return out.sort((a, b) => b.agreements / b.total - a.agreements / a.total || b.total - a.total || a.unit.name.localeCompare(b.unit.name));
}

/**
 * Every shortest path (in lines) from `from` to `to`, at most `limit` of
 * them, each a list of node ids from `from` to `to`; [] when they are not
 * connected. Breadth-first from `from`, then back along the predecessors,
 * neighbours in id order so the answer is deterministic.
 */
export function shortestPaths(edges: Pick<NetworkEdge, "source" | "target">[], from: string, to: string, limit = 5): string[][] {
  const around = new Map<string, string[]>();
  const link = (a: string, b: string) => around.set(a, [...(around.get(a) ?? []), b]);
  for (const edge of edges) {
    link(edge.source, edge.target);
    link(edge.target, edge.source);
  }
  if (!around.has(from) || !around.has(to) || from === to) return [];
  for (const list of around.values()) list.sort();
  const depth = new Map([[from, 0]]);
  const before = new Map<string, string[]>();
  let frontier = [from];
  while (frontier.length && !depth.has(to)) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const neighbour of around.get(at)!) {
        const d = depth.get(neighbour);
        if (d === undefined) {
          depth.set(neighbour, depth.get(at)! + 1);
          next.push(neighbour);
        }
        if ((d ?? depth.get(neighbour)) === depth.get(at)! + 1) before.set(neighbour, [...(before.get(neighbour) ?? []), at]);
      }
    }
    frontier = next;
  }
  if (!depth.has(to)) return [];
  const paths: string[][] = [];
  const walk = (at: string, tail: string[]) => {
    if (paths.length >= limit) return;
    if (at === from) {
      paths.push([from, ...tail]);
      return;
    }
    for (const previous of before.get(at) ?? []) walk(previous, [at, ...tail]);
  };
  walk(to, []);
  return paths;
}

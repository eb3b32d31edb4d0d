/**
 * "Where it concentrates" and "how is X connected to Y" on the collaboration
 * map: network measures with graphology (docs/decisions/083), computed on the
 * network as its reader sees it (the nodes and lines buildNetwork drew for
 * them, so a viewer's measures never count a line known only through
 * restricted agreements):
 *
 * - degree (lines), weighted degree (agreements on its lines), betweenness
 *   (shortest paths in hops through the node, normalised to 0..1 by
 *   (n-1)(n-2)/2), Louvain communities (seeded: the same answer every run,
 *   numbered from the largest);
 * - the partners that matter most, and the HT units that depend on a single
 *   partner (one partner carries at least half of their agreements);
 * - every shortest path between two nodes, through shared partners or units.
 *
 * Pure; runs on the server inside buildNetwork.
 */
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import betweenness from "graphology-metrics/centrality/betweenness.js";
import type { NetworkEdge, NetworkNode, NodeMeasures } from "./network";

/** The network as an undirected graphology graph: one edge per line, weighted by its agreements. */
export function toGraph(nodes: Pick<NetworkNode, "id">[], edges: Pick<NetworkEdge, "source" | "target" | "count">[]): Graph {
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (const node of [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) graph.addNode(node.id);
  for (const edge of edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || edge.source === edge.target) continue;
    if (graph.hasEdge(edge.source, edge.target)) graph.updateEdgeAttribute(edge.source, edge.target, "weight", (w: number) => w + edge.count);
    else graph.addEdge(edge.source, edge.target, { weight: edge.count });
  }
  return graph;
}

/** A small deterministic random generator (mulberry32), so Louvain gives the same communities every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every node's measures, by node id. */
export function computeMeasures(nodes: Pick<NetworkNode, "id">[], edges: Pick<NetworkEdge, "source" | "target" | "count">[]): Map<string, NodeMeasures> {
  const graph = toGraph(nodes, edges);
  const n = graph.order;
  const raw = n > 2 ? betweenness(graph, { getEdgeWeight: null, normalized: false }) : {};
  const scale = n > 2 ? ((n - 1) * (n - 2)) / 2 : 1;
  const communityOf = graph.size ? louvain(graph, { getEdgeWeight: "weight", rng: seeded(13) }) : {};
  // Communities numbered from the largest (then by their first node id), so colours are stable.
  const members = new Map<number, string[]>();
  graph.forEachNode((id) => {
    const c = communityOf[id] ?? -1;
    members.set(c, [...(members.get(c) ?? []), id]);
  });
  const order = [...members.entries()].sort((a, b) => b[1].length - a[1].length || (a[1][0]! < b[1][0]! ? -1 : 1));
  const renumber = new Map(order.map(([c], i) => [c, i]));
  const out = new Map<string, NodeMeasures>();
  graph.forEachNode((id) => {
    let weighted = 0;
    graph.forEachEdge(id, (_edge, attributes) => {
      weighted += attributes.weight as number;
    });
    out.set(id, {
      degree: graph.degree(id),
      weightedDegree: weighted,
      betweenness: Math.round(((raw[id] ?? 0) / scale) * 1e6) / 1e6,
      community: renumber.get(communityOf[id] ?? -1) ?? 0,
    });
  });
  return out;
}

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

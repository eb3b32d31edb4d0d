/**
 * Network measures with graphology (docs/decisions/083), computed on the
 * network as its reader sees it (the nodes and lines buildNetwork drew for
 * them, so a viewer's measures never count a line known only through
 * restricted agreements): degree (lines), weighted degree (agreements on its
 * lines), betweenness (shortest paths in hops through the node, normalised
 * to 0..1 by (n-1)(n-2)/2), Louvain communities (seeded: the same answer
 * every run, numbered from the largest). Pure; runs on the server inside
 * buildNetwork (network-measures.ts reads the results in the browser).
 */
import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import betweenness from "graphology-metrics/centrality/betweenness.js";
import type { NetworkEdge, NetworkNode, NodeMeasures } from "./network";
import type { NodeSizeMeasure } from "./network-filters";
import { MAX_NODE_SIZE, MIN_NODE_SIZE } from "./network-layout";
import { mulberry32 } from "./random";

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

/** Every node's measures, by node id. */
export function computeMeasures(nodes: Pick<NetworkNode, "id">[], edges: Pick<NetworkEdge, "source" | "target" | "count">[]): Map<string, NodeMeasures> {
  const graph = toGraph(nodes, edges);
  const n = graph.order;
  const raw = n > 2 ? betweenness(graph, { getEdgeWeight: null, normalized: false }) : {};
  const scale = n > 2 ? ((n - 1) * (n - 2)) / 2 : 1;
  const communityOf = graph.size ? louvain(graph, { getEdgeWeight: "weight", rng: mulberry32(13) /* seeded: the same communities every run */ }) : {};
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

const measureValue = (m: NodeMeasures, by: Exclude<NodeSizeMeasure, "agreements">) =>
  by === "degree" ? m.degree : by === "weighted" ? m.weightedDegree : m.betweenness;

/**
 * The measures on every node and, when the map is asked to size nodes by
 * one (size=degree|weighted|betweenness), each partner's dot in proportion
 * to it (area, as for agreements: the square root), between the same
 * smallest and largest sizes. Units keep their shape and groups their
 * count. Done before the labels are placed, so a label goes around the
 * size drawn.
 */
export function measureNodes(nodes: NetworkNode[], edges: Pick<NetworkEdge, "source" | "target" | "count">[], size: NodeSizeMeasure) {
  const measures = computeMeasures(nodes, edges);
  for (const node of nodes) {
    const m = measures.get(node.id);
    if (m) node.measures = m;
  }
  if (size === "agreements") return;
  const partners = nodes.filter((n) => n.type === "partner" && n.measures);
  const top = Math.max(0, ...partners.map((n) => measureValue(n.measures!, size)));
  for (const node of partners) {
    const share = top > 0 ? measureValue(node.measures!, size) / top : 0;
    node.size = node.width = node.height = Math.round(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(share));
  }
}


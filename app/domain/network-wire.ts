/**
 * The network as the map page carries it: one JSON string, with the lines
 * packed as rows. /map inlines the network into its HTML; as a nested
 * object, Remix's turbo-stream encoding of a whole network (1,000 partners,
 * 6,000 lines) took about 150 ms on the server and as long again to decode
 * in the browser, and its 6,000 lines were 3 MB of repeated keys, mostly
 * the twelve agreement kinds of every line. A string crosses both in one
 * JSON pass; a line is a row of values in a fixed order, its kinds twelve
 * numbers, its end points indices into the nodes, its id left out (it is
 * always `<source>__<target>`). unpackNetwork gives back the same Network,
 * deep-equal (network-wire.test.ts). /api/network keeps the plain JSON.
 * docs/decisions/091-map-network-on-the-wire.md
 */
import { edgeId, type Network, type NetworkEdge } from "./network";
import { AGREEMENT_KINDS, type AgreementKind } from "./vocabulary";

const KINDS = AGREEMENT_KINDS.values;
const LIFECYCLES = ["active", "ending", "expired"] as const;

/** The fields every line has, in row order; anything else rides in the row's last cell. */
const ROW_FIELDS = ["source", "target", "count", "valueCents", "weight", "kinds", "dominantKind", "lifecycle", "firstDate", "lastDate", "since"] as const;
const PACKED = new Set<string>([...ROW_FIELDS, "id"]);

type Row = [number, number, number, number, number, number[] | Record<string, number>, number | string, number | string, string | null, string | null, string | null, Record<string, unknown>?];

interface Packed {
  v: 1;
  nodes: Network["nodes"];
  rows: Row[];
  meta: Network["meta"];
  /** Top-level fields other than nodes, edges and meta, as they are. */
  rest?: Record<string, unknown>;
}

function hasEveryKindOnly(kinds: Record<string, number>): boolean {
  const keys = Object.keys(kinds);
  return keys.length === KINDS.length && KINDS.every((k) => typeof kinds[k] === "number");
}

function packEdge(edge: NetworkEdge, index: Map<string, number>): Row {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(edge)) if (!PACKED.has(key) && value !== undefined) extra[key] = value;
  if (edge.id !== edgeId(edge.source, edge.target)) extra.id = edge.id;
  const source = index.get(edge.source);
  const target = index.get(edge.target);
  // A line whose end is not among the nodes keeps its ids as they are.
  if (source === undefined) extra.source = edge.source;
  if (target === undefined) extra.target = edge.target;
  const dominant = KINDS.indexOf(edge.dominantKind);
  const lifecycle = LIFECYCLES.indexOf(edge.lifecycle);
  const row: Row = [
    source ?? -1,
    target ?? -1,
    edge.count,
    edge.valueCents,
    edge.weight,
    hasEveryKindOnly(edge.kinds) ? KINDS.map((k) => edge.kinds[k]) : edge.kinds,
    dominant >= 0 ? dominant : edge.dominantKind,
    lifecycle >= 0 ? lifecycle : edge.lifecycle,
    edge.firstDate,
    edge.lastDate,
    edge.since,
  ];
  if (Object.keys(extra).length) row.push(extra);
  return row;
}

export function packNetwork<N extends Network>(network: N): string {
  const { nodes, edges, meta, ...rest } = network;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const packed: Packed = { v: 1, nodes, rows: edges.map((e) => packEdge(e, index)), meta };
  if (Object.keys(rest).length) packed.rest = rest;
  return JSON.stringify(packed);
}

function unpackEdge(row: Row, nodes: Network["nodes"]): NetworkEdge {
  const [s, t, count, valueCents, weight, kinds, dominant, lifecycle, firstDate, lastDate, since, extra] = row;
  const source = s >= 0 ? nodes[s]!.id : (extra!.source as string);
  const target = t >= 0 ? nodes[t]!.id : (extra!.target as string);
  let kindCounts: Record<AgreementKind, number>;
  if (Array.isArray(kinds)) {
    kindCounts = {} as Record<AgreementKind, number>;
    for (let k = 0; k < KINDS.length; k++) kindCounts[KINDS[k]!] = kinds[k]!;
  } else kindCounts = kinds as Record<AgreementKind, number>;
  const edge: NetworkEdge = {
    id: edgeId(source, target),
    source,
    target,
    count,
    valueCents,
    weight,
    kinds: kindCounts,
    dominantKind: typeof dominant === "number" ? KINDS[dominant]! : (dominant as AgreementKind),
    lifecycle: typeof lifecycle === "number" ? LIFECYCLES[lifecycle]! : (lifecycle as NetworkEdge["lifecycle"]),
    firstDate,
    lastDate,
    since,
  };
  return extra ? Object.assign(edge, extra) : edge;
}

export function unpackNetwork<N extends Network = Network>(text: string): N {
  const packed = JSON.parse(text) as Packed;
  if (packed.v !== 1) throw new Error(`unknown network packing ${String(packed.v)}`);
  const edges = packed.rows.map((row) => unpackEdge(row, packed.nodes));
  return { ...packed.rest, nodes: packed.nodes, edges, meta: packed.meta } as N;
}

/**
 * The collaboration map's view as URL search parameters, read by one zod
 * schema on the server (/api/network and its drill-downs) and on the client
 * (the map page's URL). A bad value never fails: it falls back to its default.
 *
 *   asOf=YYYY-MM-DD        the day the network is drawn for (default today)
 *   compare=YYYY-MM-DD     compare mode: edges marked new / lapsed / unchanged since that (earlier) day
 *   kind=…                 agreement kinds (repeatable)
 *   status=…               statuses (repeatable; default ACTIVE = in force on asOf)
 *   partnerKind=…          partner kinds (repeatable)
 *   unit=<unit id>         only the edges of that unit and its groups
 *   minWeight=N            at least N agreements per edge
 *   expand=<centre id>     show that centre's research groups as nodes (repeatable)
 *   cluster=auto|kind|parent|none
 *   expandCluster=<key>    show a cluster's members ("kind:UNIVERSITY", "parent:<partner id>"; repeatable)
 *   focus=<node id>        only that node and its neighbours
 *   weight=count|value     what an edge's weight measures
 *   whatIf=<agreement id>  what if this framework agreement (and its implementing agreements) ended?
 *   whatIf=ending:12       what if everything ending in the next 12 months (or 3, 6, 24) ended?
 *   explore=<node id>      explore mode: only these nodes and their neighbours (repeatable: expanded step by step)
 *   measures=1             network measures on every node (degree, weighted degree, betweenness, community)
 *   size=agreements|degree|weighted|betweenness   what a node's size shows
 *   nodeColour=kind|community                     what a node's colour shows
 *   pathFrom=<node id>&pathTo=<node id>           the shortest paths between two nodes
 */
import { z } from "zod";
import { parseDay, toDay, utcToday } from "./dates";
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  PARTNER_KINDS,
  type AgreementKind,
  type AgreementStatus,
  type PartnerKind,
} from "./vocabulary";

export const CLUSTER_MODES = ["auto", "kind", "parent", "none"] as const;
export type ClusterMode = (typeof CLUSTER_MODES)[number];
export const WEIGHT_MEASURES = ["count", "value"] as const;
export type WeightMeasure = (typeof WEIGHT_MEASURES)[number];

export const NODE_SIZES = ["agreements", "degree", "weighted", "betweenness"] as const;
export type NodeSizeMeasure = (typeof NODE_SIZES)[number];
export const NODE_COLOURS = ["kind", "community"] as const;
export type NodeColourBy = (typeof NODE_COLOURS)[number];
/** "Everything ending in the next N months": the windows offered. */
export const WHAT_IF_MONTHS = [3, 6, 12, 24] as const;

export const DEFAULT_NETWORK_STATUS: AgreementStatus[] = ["ACTIVE"];

const MAX_LIST = 200;

/** Keeps the values that are in the vocabulary, once each, in vocabulary order. */
const listOf = <T extends string>(values: readonly T[]) =>
  z
    .array(z.string())
    .catch([])
    .default([])
    .transform((xs) => values.filter((v) => xs.includes(v)));

/** Ids: short strings without spaces; a "unit:" / "cluster:" prefix is accepted and dropped. */
const ids = (prefix: string) =>
  z
    .array(z.string())
    .catch([])
    .default([])
    .transform((xs) => [
      ...new Set(
        xs
          .map((x) => stripPrefix(x.trim(), prefix))
          .filter((x) => x && x.length <= 128 && !/\s/.test(x))
          .slice(0, MAX_LIST),
      ),
    ].sort());

const optionalId = (prefix: string) =>
  z
    .string()
    .optional()
    .catch(undefined)
    .transform((x) => {
      const v = x === undefined ? "" : stripPrefix(x.trim(), prefix);
      return v && v.length <= 128 && !/\s/.test(v) ? v : undefined;
    });

function stripPrefix(value: string, prefix: string) {
  return prefix && value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

const day = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => (v && parseDay(v) ? v : undefined));

const NODE_ID = /^(unit|partner|cluster):\S{1,160}$/;
const nodeId = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => (v && NODE_ID.test(v.trim()) ? v.trim() : undefined));

export const NetworkFiltersSchema = z.object({
  asOf: day,
  compare: day,
  kind: listOf(AGREEMENT_KINDS.values),
  status: listOf(AGREEMENT_STATUSES.values),
  partnerKind: listOf(PARTNER_KINDS.values),
  unit: optionalId("unit:"),
  minWeight: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  expand: ids("unit:"),
  cluster: z.enum(CLUSTER_MODES).catch("auto").default("auto"),
  expandCluster: ids("cluster:"),
  focus: nodeId,
  weight: z.enum(WEIGHT_MEASURES).catch("count").default("count"),
  whatIf: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => {
      const value = v?.trim();
      if (!value) return undefined;
      const months = /^ending:(\d{1,2})$/.exec(value)?.[1];
      if (months) return (WHAT_IF_MONTHS as readonly number[]).includes(Number(months)) ? `ending:${Number(months)}` : undefined;
      return value.length <= 128 && /^[\w-]+$/.test(value) ? value : undefined;
    }),
  explore: z
    .array(z.string())
    .catch([])
    .default([])
    .transform((xs) => [...new Set(xs.map((x) => x.trim()).filter((x) => NODE_ID.test(x)).slice(0, MAX_LIST))]),
  measures: z.string().optional().catch(undefined).transform((v) => v === "1" || v === "true"),
  size: z.enum(NODE_SIZES).catch("agreements").default("agreements"),
  nodeColour: z.enum(NODE_COLOURS).catch("kind").default("kind"),
  pathFrom: nodeId,
  pathTo: nodeId,
});

/** The normalised filters (also echoed in meta.filters). */
export interface NetworkFilters {
  asOf: string;
  compare?: string;
  kind: AgreementKind[];
  status: AgreementStatus[];
  partnerKind: PartnerKind[];
  unit?: string;
  minWeight: number;
  expand: string[];
  cluster: ClusterMode;
  expandCluster: string[];
  focus?: string;
  weight: WeightMeasure;
  whatIf?: string;
  explore: string[];
  measures: boolean;
  size: NodeSizeMeasure;
  nodeColour: NodeColourBy;
  pathFrom?: string;
  pathTo?: string;
}

const MULTI = ["kind", "status", "partnerKind", "expand", "expandCluster", "explore"] as const;

/** Reads the map's filters from a URL's search parameters; never throws. */
export function parseNetworkFilters(searchParams: URLSearchParams, today: Date = utcToday()): NetworkFilters {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key).filter((v) => v !== "");
    if ((MULTI as readonly string[]).includes(key)) raw[key] = values;
    else if (values.length) raw[key] = values[0];
  }
  const p = NetworkFiltersSchema.parse(raw);
  const f: NetworkFilters = {
    asOf: p.asOf ?? toDay(today),
    kind: p.kind,
    status: p.status.length ? p.status : [...DEFAULT_NETWORK_STATUS],
    partnerKind: p.partnerKind,
    minWeight: p.minWeight,
    expand: p.expand,
    cluster: p.cluster,
    expandCluster: p.expandCluster,
    weight: p.weight,
    explore: p.explore,
    measures: p.measures || p.size !== "agreements" || p.nodeColour !== "kind",
    size: p.size,
    nodeColour: p.nodeColour,
  };
  if (p.compare) f.compare = p.compare;
  if (p.unit) f.unit = p.unit;
  if (p.focus) f.focus = p.focus;
  if (p.whatIf) f.whatIf = p.whatIf;
  if (p.pathFrom && p.pathTo && p.pathFrom !== p.pathTo) {
    f.pathFrom = p.pathFrom;
    f.pathTo = p.pathTo;
  }
  return f;
}

/** "ending:12" → 12; an agreement id → null; nothing → undefined. */
export function whatIfMonths(whatIf: string | undefined): number | null | undefined {
  if (!whatIf) return undefined;
  const months = /^ending:(\d+)$/.exec(whatIf)?.[1];
  return months ? Number(months) : null;
}

/**
 * The filters as search parameters, defaults left out (so shared URLs stay
 * short). `asOf` is kept unless it equals `today`.
 */
export function networkSearchParams(filters: Partial<NetworkFilters>, today: Date = utcToday()): URLSearchParams {
  const out = new URLSearchParams();
  if (filters.asOf && filters.asOf !== toDay(today)) out.set("asOf", filters.asOf);
  if (filters.compare) out.set("compare", filters.compare);
  for (const k of filters.kind ?? []) out.append("kind", k);
  const status = filters.status ?? [];
  if (!(status.length === DEFAULT_NETWORK_STATUS.length && status.every((s) => DEFAULT_NETWORK_STATUS.includes(s)))) {
    for (const s of status) out.append("status", s);
  }
  for (const k of filters.partnerKind ?? []) out.append("partnerKind", k);
  if (filters.unit) out.set("unit", filters.unit);
  if (filters.minWeight && filters.minWeight > 1) out.set("minWeight", String(filters.minWeight));
  for (const e of filters.expand ?? []) out.append("expand", e);
  if (filters.cluster && filters.cluster !== "auto") out.set("cluster", filters.cluster);
  for (const e of filters.expandCluster ?? []) out.append("expandCluster", e);
  if (filters.focus) out.set("focus", filters.focus);
  if (filters.weight && filters.weight !== "count") out.set("weight", filters.weight);
  if (filters.whatIf) out.set("whatIf", filters.whatIf);
  for (const e of filters.explore ?? []) out.append("explore", e);
  if (filters.measures && (!filters.size || filters.size === "agreements") && (!filters.nodeColour || filters.nodeColour === "kind")) out.set("measures", "1");
  if (filters.size && filters.size !== "agreements") out.set("size", filters.size);
  if (filters.nodeColour && filters.nodeColour !== "kind") out.set("nodeColour", filters.nodeColour);
  if (filters.pathFrom && filters.pathTo) {
    out.set("pathFrom", filters.pathFrom);
    out.set("pathTo", filters.pathTo);
  }
  return out;
}

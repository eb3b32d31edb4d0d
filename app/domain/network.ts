/**
 * The collaboration map's JSON contract (/api/network and its drill-downs),
 * shared by the server (app/domain/network-build.ts, built for each reader
 * by app/models/network.server.ts) and the map page.
 *
 * Ids: "unit:<Unit.id>", "partner:<Partner.id>", "cluster:<key>" where the
 * key is "kind:<PARTNER_KIND>" or "parent:<Partner.id>". Edge ids are
 * "<source>__<target>". Dates are calendar days, "YYYY-MM-DD".
 */
import { z } from "zod";
import type { NetworkFilters } from "./network-filters";
import type { AgreementKind, AgreementStatus } from "./vocabulary";

export type NetworkNodeType = "unit" | "partner" | "cluster";

export interface NetworkNode {
  id: string;
  type: NetworkNodeType;
  /** Acronym, code or short name: what the map writes on the node. */
  label: string;
  /** Full name (tooltips, side panel, search). */
  name: string;
  /** UNIT_KINDS value for units; PARTNER_KINDS value for partners and clusters. */
  kind: string;
  /** Distinct agreements on the node's visible edges (restricted ones on those edges included, for every role). */
  agreementCount: number;
  /** Their total value in euro cents (each agreement counted once). */
  valueCents: number;
  /** Position of the node's CENTRE, in pixels (React Flow's position is the top-left corner: subtract size / 2). */
  x: number;
  y: number;
  /** Diameter in pixels, growing with agreementCount (a pill's height for centres and facilities). */
  size: number;
  /** The node's box in pixels: a dot's diameter both ways, or a centre's or facility's pill. */
  width: number;
  height: number;
  /** Centres and facilities: their name on one or two lines, written inside their pill. */
  lines?: string[];
  /** Where its label goes, relative to its centre (network-labels.ts): placed so that no two labels overlap. */
  labelBox?: { dx: number; dy: number; w: number; h: number };
  /** A research group's centre ("unit:<id>"), when groups are expanded. */
  parentId?: string;
  /** Clusters: the partner node ids they stand for. */
  memberIds?: string[];
  memberCount?: number;
  /** A centre that has research groups (expand=<centre id>), or a cluster (expandCluster=<key>). */
  expandable?: boolean;
  /** "Since when" for the whole node: its first signed agreement on its lines' pairs (as NetworkEdge.since). */
  since?: string | null;
  /** Explore mode: neighbours not yet on the map (expand it to show them). */
  hiddenNeighbours?: number;
  /** Network measures (measures=1), on the network as the reader sees it, ungrouped. */
  measures?: NodeMeasures;
}

export interface NodeMeasures {
  /** Lines. */
  degree: number;
  /** Agreements on its lines (an agreement with two of its partners counts twice). */
  weightedDegree: number;
  /** Betweenness centrality, normalised to 0..1. */
  betweenness: number;
  /** Louvain community (0 the largest). */
  community: number;
}

export type EdgeLifecycle = "active" | "ending" | "expired";
export type EdgeChange = "new" | "lapsed" | "unchanged";

export interface NetworkEdge {
  /** "<source>__<target>" */
  id: string;
  /** A unit node id. */
  source: string;
  /** A partner or cluster node id. */
  target: string;
  /**
   * Distinct agreements between the pair, restricted ones included for
   * every role. (For a reader who may not read restricted agreements, a
   * pair whose agreements are all restricted has no edge at all.)
   */
  count: number;
  /** Their total value in euro cents (an agreement's whole value on each of its pairs). */
  valueCents: number;
  /** count or valueCents, as filters.weight asks. */
  weight: number;
  kinds: Record<AgreementKind, number>;
  dominantKind: AgreementKind;
  /**
   * active: at least one agreement in force on asOf that does not end within
   * 90 days; ending: in force, all ending within 90 days; expired: none in
   * force on asOf (lapsed links in compare mode, or statuses other than Active).
   * Read from the agreements the reader may read.
   */
  lifecycle: EdgeLifecycle;
  /** Earliest start date of the agreements counted on the line that the reader may read (null when none has one). */
  firstDate: string | null;
  /** Latest end date of the agreements counted on the line that the reader may read (null when none has one). */
  lastDate: string | null;
  /**
   * "Since when": the day the pair's first signed agreement came into force,
   * whatever its status now (expired and terminated included) and whatever
   * the status filter, on or before asOf, of the kinds asked for, among the
   * agreements the reader may read.
   */
  since: string | null;
  /** Compare mode only: relative to meta.compare (the earlier date). */
  change?: EdgeChange;
  /** The nearest deadline (a notice to give, a renewal to decide, an end of term) within 90 days of today, among the line's agreements the reader may read. */
  deadline?: EdgeDeadline;
  /** What-if mode: how many of the line's agreements would end (all of them: the line vanishes). */
  whatIf?: { removed: number };
}

export interface EdgeDeadline {
  date: string;
  kind: "NOTICE" | "RENEWAL" | "END";
  /** Deadlines on the line within the window. */
  count: number;
}

export interface NetworkMeta {
  asOf: string;
  compare?: string;
  /** The first start (or signature) date of any agreement the reader may read that was in force: the date slider's lower bound. */
  firstAgreementDate: string | null;
  /**
   * The filtered network on asOf, before clustering: unit and partner nodes,
   * unit-partner lines, distinct agreements. The same numbers in every view
   * of the same filters (the map, compare mode, the table, the matrix): the
   * headline is written from them alone (network-words.ts). The arrays may
   * be shorter once clustered, and longer in compare mode (lapsed lines).
   */
  totals: { nodes: number; edges: number; agreements: number };
  /** Compare mode: the network on the earlier date, and the lines new since then and lapsed since then. */
  comparison?: { nodes: number; edges: number; newLines: number; lapsedLines: number };
  /** What-if mode: the scenario asked (filters.whatIf), whether it was found, and what it does to the map. */
  whatIf?: {
    found: boolean;
    effect: {
      /** Agreements on the map that would end. */
      agreements: number;
      /** Lines that would vanish, and lines that would thin. */
      vanish: number;
      thin: number;
      /** Partners (node ids) left with no line, and partners with fewer agreements. */
      partnersLost: string[];
      partnersThinner: string[];
    };
  };
  /** pathFrom and pathTo: every shortest path between them on the map (network-measures.ts), at most five; [] when not connected. */
  paths?: { from: string; to: string; paths: string[][] };
  /** Partners whose label found no room and which are drawn without one (cluster=none only; otherwise grouped into "+N more"). */
  unlabelled: number;
  /** True when partners were grouped into cluster nodes. */
  clustered: boolean;
  /** Above either number, cluster=auto groups partners by kind. */
  threshold: { nodes: number; edges: number };
  filters: NetworkFilters;
  /** The shared arrangement an editor saved, applied over the computed layout. */
  layout: { saved: boolean; updatedAt: string | null; updatedBy: string | null };
  /** How lines run (network-routes.ts): the rings' aspect and each centre's or facility's track radius (by node id). */
  geometry: { aspect: number; tracks: Record<string, number> };
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  meta: NetworkMeta;
}

/** /api/network.matrix: HT units by partner kind, zeros included (the gaps). */
export interface NetworkMatrix {
  units: { id: string; label: string; name: string; kind: string; parentId?: string }[];
  partnerKinds: string[];
  cells: { unitId: string; partnerKind: string; agreements: number; partners: number }[];
  /** totals: the same numbers as the map's for the same filters (NetworkMeta.totals). */
  meta: { asOf: string; compare?: string; filters: NetworkFilters; totals: NetworkMeta["totals"] };
}

/** One agreement behind a line or a node that the reader may read. */
export interface NetworkAgreement {
  id: string;
  reference: string;
  title: string;
  kind: AgreementKind;
  /** Effective status today. */
  status: AgreementStatus;
  startDate: string | null;
  endDate: string | null;
  /** Restricted (only ever true for readers who may read restricted agreements). */
  restricted: boolean;
}

/** /api/network.edge */
export interface NetworkEdgeDetail {
  /** The agreements behind the line that the reader may read, newest first. */
  agreements: NetworkAgreement[];
  /** How many restricted agreements behind the line were left out: all the reader learns of them (0 for those who may read them). */
  restricted: number;
}

/** /api/network.node */
export interface NetworkNodeDetail {
  node: NetworkNode;
  /** The agreements on the node's lines that the reader may read, newest first, at most NODE_AGREEMENTS_LIMIT. */
  agreements: NetworkAgreement[];
  /** How many restricted agreements on its lines were left out (0 for readers who may read them). */
  restricted: number;
  /** All agreements behind the node, restricted ones included. */
  total: number;
}

export const NODE_AGREEMENTS_LIMIT = 500;

/** Above either number the filtered network is drawn with cluster nodes (cluster=auto). */
export const CLUSTER_THRESHOLD_NODES = 400;
export const CLUSTER_THRESHOLD_EDGES = 1200;

/** An edge whose agreements all end within this many days of asOf is "ending". */
export const ENDING_WITHIN_DAYS = 90;

export const unitNodeId = (id: string) => `unit:${id}`;
export const partnerNodeId = (id: string) => `partner:${id}`;
export const clusterNodeId = (key: string) => `cluster:${key}`;
export const edgeId = (source: string, target: string) => `${source}__${target}`;

/** "unit:abc" → { type: "unit", id: "abc" }; undefined for anything else. */
export function parseNodeId(nodeId: string): { type: NetworkNodeType; id: string } | undefined {
  const m = /^(unit|partner|cluster):(.+)$/.exec(nodeId);
  return m ? { type: m[1] as NetworkNodeType, id: m[2]! } : undefined;
}

// ---------------------------------------------------------------------------
// Saved arrangement (POST /api/network/layout)

export const MAX_LAYOUT_POSITIONS = 5_000;
const COORDINATE_LIMIT = 1_000_000;

const coordinate = z.number().finite().min(-COORDINATE_LIMIT).max(COORDINATE_LIMIT);

/** { [nodeId]: { x, y } }: node centres in px, at most MAX_LAYOUT_POSITIONS of them. */
export const LayoutPositionsSchema = z
  .record(z.string().regex(/^(unit|partner|cluster):\S{1,160}$/, "is not a map node id"), z.object({ x: coordinate, y: coordinate }).strict())
  .refine((p) => Object.keys(p).length <= MAX_LAYOUT_POSITIONS, `At most ${MAX_LAYOUT_POSITIONS} positions can be saved.`)
  .refine((p) => Object.keys(p).length > 0, "There are no positions to save.");

export type LayoutPositions = z.infer<typeof LayoutPositionsSchema>;

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
import { CLUSTER_THRESHOLD_EDGES, CLUSTER_THRESHOLD_NODES, clusterNodeId, ENDING_WITHIN_DAYS, type Network, type NetworkMeta, type NetworkNode } from "./network";
import { aggregate, deadlinesSoon, listsOf, selectAgreements, sinceOf, type Pass, type PassExtras, type PassMapping } from "./network-aggregate";
import { clusterMode, clusterPartners, type Clusters } from "./network-clusters";
import { annotateEdges, chooseEdges, countAgreements, toNetworkEdge, type ChosenEdge } from "./network-edges";
import type { NetworkFilters } from "./network-filters";
import { dayNumber, dayString, type NetworkIndex } from "./network-index";
import { keepPairs, parseFocus, partnerSlots, unitSlots, type Focus, type Keep, type Kept } from "./network-keep";
import { labelSize, labelText } from "./network-label-text";
import { placeLabels, type LabelNode } from "./network-labels";
import { networkNodes, type SavedLayout } from "./network-nodes";
import { measureNodes } from "./network-graph-measures";
import { shortestPaths } from "./network-measures";
import { whatIfScenario, whatIfSummary, type Scenario } from "./network-whatif";

export type { SavedLayout } from "./network-nodes";
export type { Clusters } from "./network-clusters";
export type { ChosenEdge } from "./network-edges";

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
  /** What-if mode: the agreements on the map the scenario ends (positions). */
  ended: number[];
}

/** What every step needs: the index, the filters, the days and the slots. */
interface Context {
  index: NetworkIndex;
  filters: NetworkFilters;
  hideRestricted: boolean;
  todayDay: number;
  asOfDay: number;
  unitOf: Int32Array;
  partnerOf: Int32Array;
  listNow: number[];
  listBefore: number[] | null;
  saved: SavedLayout | null;
  /** What every pass adds up besides counts: deadlines within 90 days, the what-if scenario's ends. */
  extras: PassExtras;
  scenario: Scenario | null;
}

/** What one drawing of the kept pairs gives, for a set of clusters. */
interface Drawn {
  clusters: Clusters;
  now: Pass;
  before: Pass | null;
  chosen: ChosenEdge[];
  network: Network;
  /** Partners (raw indices) whose label found no room. */
  unplaced: number[];
}

/** The network for `filters` from an index (pure: no database). */
export function buildNetwork(index: NetworkIndex, filters: NetworkFilters, options: BuildOptions): Built {
  const todayDay = dayNumber(options.today)!;
  const asOfDay = dayNumber(filters.asOf) ?? todayDay;
  const compareDay = filters.compare ? dayNumber(filters.compare) : null;
  const ctx: Context = {
    index, filters, todayDay, asOfDay,
    hideRestricted: !mayReadRestricted(options.reader),
    unitOf: unitSlots(index, filters),
    partnerOf: partnerSlots(index, filters),
    listNow: selectAgreements(index, filters, asOfDay, todayDay),
    listBefore: compareDay === null ? null : selectAgreements(index, filters, compareDay, todayDay),
    saved: options.saved ?? null,
    extras: {},
    scenario: null,
  };
  ctx.scenario = whatIfScenario(index, filters.whatIf, asOfDay, ctx.hideRestricted);
  ctx.extras = { deadlineOf: deadlinesSoon(index, [ctx.listNow, ctx.listBefore], todayDay, ENDING_WITHIN_DAYS), ends: ctx.scenario?.ends };
  // 1. Unit-partner edges on asOf (and on the compare date; lifecycles always read on asOf).
  const direct = { unitOf: ctx.unitOf, targetOf: ctx.partnerOf, nTargets: index.partners.length, allowed: null };
  const baseNow = aggregate(index, ctx.listNow, asOfDay, direct, ctx.hideRestricted, ctx.extras);
  const baseBefore = ctx.listBefore && aggregate(index, ctx.listBefore, asOfDay, direct, ctx.hideRestricted, ctx.extras);
  // 2. The pairs kept; 3. clusters; 4-6. the final passes, the edges and the nodes with their labels.
  const focus = filters.focus ? parseFocus(index, filters.focus) : null;
  const pairFocus = focus && focus.type !== "cluster" ? focus : null;
  const kept = keepPairs(index, filters, { unitOf: ctx.unitOf, pairFocus, baseNow, baseBefore, hideRestricted: ctx.hideRestricted });
  const mode = clusterMode(filters, pairFocus, kept.totals);
  let drawn = draw(ctx, { baseNow, baseBefore, kept, focus }, clusterPartners(index, mode, kept.shownPartner, filters.expandCluster, ctx.partnerOf));
  if (drawn.unplaced.length && filters.cluster !== "none") {
    // A label with no room: its partner joins a "+N more" group of its kind, so every node drawn has a label.
    const more = new Set(drawn.unplaced);
    drawn = draw(ctx, { baseNow, baseBefore, kept, focus }, clusterPartners(index, mode, kept.shownPartner, filters.expandCluster, ctx.partnerOf, more));
  }
  // 7. The answers added to the lines: since when, deadlines, what if.
  const ended = annotate(ctx, drawn, kept);
  let refs: Map<string, ChosenEdge> | undefined;
  return {
    network: drawn.network,
    ended,
    agreementsOf(id: string) {
      refs ??= new Map(drawn.chosen.map((choice, i) => [drawn.network.edges[i]!.id, choice]));
      const ref = refs.get(id);
      return ref ? listsOf(index, ref.pass)[ref.edge] : undefined;
    },
  };
}

/** Steps 4 to 6 for a set of clusters: the final passes over the kept pairs, the edges, the nodes and their labels. */
function draw(ctx: Context, base: { baseNow: Pass; baseBefore: Pass | null; kept: Kept; focus: Focus | null }, clusters: Clusters): Drawn {
  const { index, filters } = ctx;
  const { kept, focus } = base;
  const finalPass = (list: number[], pass: Pass, keep: Keep) =>
    clusters.keys.length === 0 && !keep.pruned ? pass : aggregate(index, list, ctx.asOfDay, mappingOf(ctx, clusters, keep.mask), ctx.hideRestricted, ctx.extras);
  const now = finalPass(ctx.listNow, base.baseNow, kept.now);
  const before = ctx.listBefore && base.baseBefore && kept.before ? finalPass(ctx.listBefore, base.baseBefore, kept.before) : null;
  const partnerCount = index.partners.length;
  const focusSlot = focus?.type === "cluster" ? partnerCount + clusters.keys.findIndex((key) => clusterNodeId(key) === filters.focus) : null;
  const chosen = chooseEdges(index, clusters, now, before, focusSlot);
  const edges = chosen.map((choice) => toNetworkEdge(index, clusters, choice, filters.weight));
  const focusOnCluster = focusSlot !== null;
  const totals = { ...kept.totals, agreements: countAgreements(index, chosen, now, focusOnCluster) };
  if (focusOnCluster) totals.edges = chosen.filter((c) => c.pass === now).length;
  const nodes = networkNodes({ index, clusters, now, before, chosen, shownUnit: kept.shownUnit, focusOnCluster, saved: ctx.saved });
  // The measures (measures=1) before the labels: a node sized by one has its label placed around the size drawn.
  if (filters.measures) measureNodes(nodes, edges, filters.size);
  const unplacedIds = new Set(labelNodes(nodes));
  const unplaced = index.partners.flatMap((partner, p) => (unplacedIds.has(partner.nodeId) ? [p] : []));
  const firstDay = ctx.hideRestricted ? index.firstReadableDay : index.firstDay;
  const meta = networkMeta(filters, totals, clusters.keys.length > 0, firstDay, ctx.saved);
  meta.geometry = { aspect: index.layout.aspect, tracks: Object.fromEntries(index.layout.tracks) };
  meta.unlabelled = unplaced.length;
  if (kept.compareTotals) {
    meta.comparison = {
      ...kept.compareTotals,
      newLines: edges.filter((e) => e.change === "new").length,
      lapsedLines: edges.filter((e) => e.change === "lapsed").length,
    };
  }
  return { clusters, now, before, chosen, network: { nodes, edges, meta }, unplaced };
}

function mappingOf(ctx: Context, clusters: Clusters, allowed: Uint8Array | null): PassMapping {
  return { unitOf: ctx.unitOf, targetOf: clusters.targetOf, nTargets: clusters.nTargets, allowed };
}

/** Step 7: since when, the nearest deadline and the what-if on every line; each node's "since"; explore's hidden neighbours. */
function annotate(ctx: Context, drawn: Drawn, kept: Kept): number[] {
  const { index, filters, scenario } = ctx;
  const { network, clusters, now } = drawn;
  const since = sinceOf(index, filters.kind, ctx.asOfDay, mappingOf(ctx, clusters, null), ctx.hideRestricted);
  annotateEdges({ clusters, chosen: drawn.chosen, edges: network.edges, since, whatIf: scenario !== null });
  const first = new Map<string, string>();
  for (const edge of network.edges) {
    for (const id of [edge.source, edge.target]) {
      const day = first.get(id);
      if (edge.since && (!day || edge.since < day)) first.set(id, edge.since);
    }
  }
  for (const node of network.nodes) {
    node.since = first.get(node.id) ?? null;
    const hidden = kept.explored?.hidden.get(node.id);
    if (hidden) node.hiddenNeighbours = hidden;
  }
  const ended: number[] = [];
  if (scenario) for (let i = 0; i < now.touched.length; i++) if (now.touched[i] && scenario.ends[i]) ended.push(i);
  if (filters.whatIf) {
    network.meta.whatIf = { found: scenario !== null, effect: whatIfSummary(network.nodes, network.edges, ended.length) };
    // An agreement the reader may not read (or none) is not echoed back: the answer is the same for both.
    if (!scenario) network.meta.filters = { ...network.meta.filters, whatIf: undefined };
  }
  questions(filters, network);
  return ended;
}

/** The shortest paths asked for (pathFrom, pathTo), on the network drawn. */
function questions(filters: NetworkFilters, network: Network) {
  if (filters.pathFrom && filters.pathTo) {
    network.meta.paths = { from: filters.pathFrom, to: filters.pathTo, paths: shortestPaths(network.edges, filters.pathFrom, filters.pathTo) };
  }
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
    geometry: { aspect: 1, tracks: {} },
    unlabelled: 0,
  };
}

// ---------------------------------------------------------------------------
// Labels

/** Places every label (network-labels.ts); returns the nodes whose label found no room. */
export function labelNodes(nodes: NetworkNode[]): string[] {
  const requests: LabelNode[] = nodes.map((node) => ({
    id: node.id,
    x: node.x,
    y: node.y,
    w: node.width,
    h: node.height,
    ...(node.lines ? {} : { label: labelSize([labelText(node)]) }),
    priority: node.type === "cluster" ? 1e9 : node.agreementCount,
  }));
  const { labels, unplaced } = placeLabels(requests);
  for (const node of nodes) {
    const placed = labels.get(node.id);
    if (placed) node.labelBox = { dx: placed.dx, dy: placed.dy, w: placed.w, h: placed.h };
  }
  return unplaced;
}

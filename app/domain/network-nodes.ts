/**
 * The collaboration map's nodes for the edges chosen (network-build.ts):
 * HT units, partners and clusters, in display order, each at its stable
 * place in the computed layout or where an editor saved it, with the
 * numbers of the agreements on its visible lines. Pure: no database.
 */
import { clusterNodeId, type NetworkNode } from "./network";
import type { Pass } from "./network-aggregate";
import { isMoreGroup, type Clusters } from "./network-clusters";
import type { ChosenEdge } from "./network-edges";
import { pillSize, type NetworkIndex } from "./network-index";
import { MIN_NODE_SIZE, nodeSize, type Point } from "./network-layout";
import { PARTNER_KINDS } from "./vocabulary";

/** The shared arrangement an editor saved: node centres over the computed layout. */
export interface SavedLayout {
  positions: Map<string, Point>;
  updatedAt: string;
  updatedBy: string | null;
}

export interface NodesInput {
  index: NetworkIndex;
  clusters: Clusters;
  now: Pass;
  /** Compare mode: the pass on the earlier date. */
  before: Pass | null;
  chosen: ChosenEdge[];
  shownUnit: Uint8Array;
  /** Focus on a cluster: only the units it works with, and no partners. */
  focusOnCluster: boolean;
  saved: SavedLayout | null;
}

interface Stat {
  count: number;
  value: number;
}

/** Units, then partners, then clusters; each list in display order. */
export function networkNodes(input: NodesInput): NetworkNode[] {
  const { index, clusters, chosen } = input;
  const withEdge = { units: new Uint8Array(index.units.length), targets: new Uint8Array(clusters.nTargets) };
  for (const { pass, edge } of chosen) {
    withEdge.units[pass.src[edge]!] = 1;
    withEdge.targets[pass.tgt[edge]!] = 1;
  }
  return [
    ...unitNodes(input, input.focusOnCluster ? withEdge.units : input.shownUnit),
    ...(input.focusOnCluster ? [] : partnerNodes(input, withEdge.targets)),
    ...clusterNodes(input, withEdge.targets),
  ];
}

/** Where a node is drawn: the saved arrangement wins over the computed layout. */
function place(saved: SavedLayout | null, id: string, fallback: Point | undefined): Point {
  return saved?.positions.get(id) ?? fallback ?? { x: 0, y: 0 };
}

/** A node only on the earlier date (compare mode) shows its numbers from then. */
function statOf(count: (pass: Pass) => number, value: (pass: Pass) => number, now: Pass, before: Pass | null): Stat {
  const pass = count(now) > 0 || !before ? now : before;
  return { count: count(pass), value: value(pass) };
}

const unitStat = ({ now, before }: NodesInput, u: number) =>
  statOf((pass) => pass.srcCount[u]!, (pass) => pass.srcValue[u]!, now, before);

const targetStat = ({ now, before }: NodesInput, t: number) =>
  statOf((pass) => pass.tgtCount[t]!, (pass) => pass.tgtValue[t]!, now, before);

function unitNodes(input: NodesInput, shown: Uint8Array): NetworkNode[] {
  const { index, saved } = input;
  const slots: number[] = [];
  for (let u = 0; u < shown.length; u++) if (shown[u]) slots.push(u);
  slots.sort((a, b) => index.unitRank[a]! - index.unitRank[b]!);
  return slots.map((u) => {
    const unit = index.units[u]!;
    const stat = unitStat(input, u);
    const isTop = unit.top === u;
    const dot = Math.max(MIN_NODE_SIZE, nodeSize(stat.count));
    const pill = isTop ? pillSize(unit.labelLines) : null;
    const node: NetworkNode = {
      id: unit.nodeId,
      type: "unit",
      label: isTop ? unit.code : unit.labelLines[0]!,
      name: unit.name,
      kind: unit.kind,
      agreementCount: stat.count,
      valueCents: stat.value,
      ...place(saved, unit.nodeId, index.layout.positions.get(unit.nodeId)),
      size: pill ? pill.height : dot,
      width: pill ? pill.width : dot,
      height: pill ? pill.height : dot,
    };
    if (pill) node.lines = unit.labelLines;
    if (unit.top !== u) node.parentId = index.units[unit.top]!.nodeId;
    if (unit.top === u && unit.hasChildren) node.expandable = true;
    return node;
  });
}

function partnerNodes(input: NodesInput, withEdge: Uint8Array): NetworkNode[] {
  const { index, saved } = input;
  const slots: number[] = [];
  for (let p = 0; p < index.partners.length; p++) if (withEdge[p]) slots.push(p);
  slots.sort((a, b) => index.partnerRank[a]! - index.partnerRank[b]!);
  return slots.map((p) => {
    const partner = index.partners[p]!;
    const stat = targetStat(input, p);
    const size = nodeSize(stat.count);
    return {
      id: partner.nodeId,
      type: "partner",
      label: partner.label,
      name: partner.name,
      kind: partner.kind,
      agreementCount: stat.count,
      valueCents: stat.value,
      ...place(saved, partner.nodeId, index.layout.positions.get(partner.nodeId)),
      size,
      width: size,
      height: size,
    };
  });
}

/** Where a group of partners is drawn: the middle of its members' places. */
function middleOf(index: NetworkIndex, members: number[]): Point | undefined {
  const places = members.flatMap((p) => index.layout.positions.get(index.partners[p]!.nodeId) ?? []);
  if (!places.length) return undefined;
  return { x: places.reduce((sum, q) => sum + q.x, 0) / places.length, y: places.reduce((sum, q) => sum + q.y, 0) / places.length };
}

/**
 * A cluster's words and place: a kind's sector centre; "+N more" partners
 * of a kind whose labels found no room, in the middle of them; or a parent
 * organisation's place.
 */
function clusterLook(index: NetworkIndex, key: string, members: number[]): { node: Pick<NetworkNode, "label" | "name" | "kind">; at: Point | undefined } {
  const value = key.slice(key.indexOf(":") + 1);
  const n = members.length;
  if (key.startsWith("kind:")) {
    const label = PARTNER_KINDS.label(value);
    return { node: { label, name: `${label}: ${n} partners`, kind: value }, at: index.layout.sectors.get(value)?.centre };
  }
  if (isMoreGroup(key)) {
    const kind = PARTNER_KINDS.label(value);
    return { node: { label: `+${n} more`, name: `${n} more: ${kind.toLowerCase()} partners without room for their names`, kind: value }, at: middleOf(index, members) };
  }
  const parent = index.partners[index.partnerIndex.get(value)!]!;
  return {
    node: { label: parent.label, name: `${parent.name} and its sub-units (${n})`, kind: parent.kind },
    at: index.layout.positions.get(parent.nodeId),
  };
}

function clusterNodes(input: NodesInput, withEdge: Uint8Array): NetworkNode[] {
  const { index, clusters, saved } = input;
  const partnerCount = index.partners.length;
  return clusters.keys.flatMap((key, c) => {
    if (!withEdge[partnerCount + c]) return [];
    const id = clusterNodeId(key);
    const stat = targetStat(input, partnerCount + c);
    const members = clusters.members[c]!;
    const { node, at } = clusterLook(index, key, members);
    return [{
      id,
      type: "cluster" as const,
      ...node,
      agreementCount: stat.count,
      valueCents: stat.value,
      ...place(saved, id, at),
      size: nodeSize(stat.count, true),
      width: nodeSize(stat.count, true),
      height: nodeSize(stat.count, true),
      memberIds: members.map((p) => index.partners[p]!.nodeId),
      memberCount: members.length,
      // A "+N more" group has nothing to open into (its partners' labels found no room): clicked, it shows its panel.
      expandable: !isMoreGroup(key),
    }];
  });
}

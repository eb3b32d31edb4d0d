/**
 * The collaboration map's aggregation over the index (network-index.ts):
 * which agreements match the filters on a day, and one pass that adds them
 * up into edges from unit slots to target slots (partners, or clusters
 * after them), kept in flat arrays rather than one object per edge: 10,000
 * edges from 50,000 unit-partner pairs in a few milliseconds. Which
 * agreements lie behind an edge is found again on demand (drill-downs) by
 * re-running the pass's mapping, rather than recorded for every request.
 * Pure: no database.
 */
import { effectiveStatus } from "./lifecycle";
import { ENDING_WITHIN_DAYS } from "./network";
import type { NetworkFilters } from "./network-filters";
import { inForce, KIND_INDEX, KINDS, NEVER, type IndexedAgreement, type NetworkIndex } from "./network-index";
import type { AgreementKind } from "./vocabulary";

/** Where a pass sends each agreement's parties. */
export interface PassMapping {
  /** Raw unit → the unit slot shown for it, -1 when filtered out. */
  unitOf: Int32Array;
  /** Raw partner → partner or cluster slot, -1 when filtered out. */
  targetOf: Int32Array;
  nTargets: number;
  /** unit slot × raw partner: 1 for the pairs that survived minWeight, focus and confidentiality; null for all. */
  allowed: Uint8Array | null;
}

/** One aggregation pass: per edge e, src[e] → tgt[e] and its numbers. */
export interface Pass extends PassMapping {
  src: number[];
  tgt: number[];
  count: number[];
  value: number[];
  /** KINDS.length counts per edge, flat. */
  kinds: number[];
  /** Agreements behind the edge that the reader may read (all of them for a reader who may read restricted ones). */
  readable: number[];
  /** From readable agreements only. 2: one in force on the day and not ending soon; 1: in force, all ending within 90 days; 0: none in force. */
  life: number[];
  /** Earliest start and latest end of the readable agreements (NEVER / -NEVER for none). */
  first: number[];
  last: number[];
  /** The inputs, to find an edge's agreements again. */
  list: number[];
  /** 1 for each agreement (index position) behind at least one edge. */
  touched: Uint8Array;
  touchedCount: number;
  /** unit slot * nTargets + target → edge, -1 for none. */
  slot: Int32Array;
  srcCount: Int32Array;
  srcValue: Float64Array;
  tgtCount: Int32Array;
  tgtValue: Float64Array;
  /** Lazily: the agreements of each edge. */
  lists?: number[][];
}

/** The agreements (index positions) matching the filters' kinds and statuses on `day`. */
export function selectAgreements(index: NetworkIndex, filters: NetworkFilters, day: number, todayDay: number): number[] {
  let kinds: Uint8Array | null = null;
  if (filters.kind.length) {
    kinds = new Uint8Array(KINDS.length);
    for (const kind of filters.kind) kinds[KIND_INDEX.get(kind)!] = 1;
  }
  const wantActive = filters.status.includes("ACTIVE");
  const others = new Set<string>(filters.status.filter((status) => status !== "ACTIVE"));
  const out: number[] = [];
  const agreements = index.agreements;
  for (let i = 0; i < agreements.length; i++) {
    const agreement = agreements[i]!;
    if (kinds && !kinds[agreement.kind]) continue;
    if (wantActive && inForce(agreement, day)) out.push(i);
    // Other statuses: the effective status today (an Active agreement past its end is Expired).
    else if (others.size && others.has(effectiveStatus(agreement.status, agreement.end, todayDay))) out.push(i);
  }
  return out;
}

function emptyPass(index: NetworkIndex, list: number[], mapping: PassMapping): Pass {
  const units = index.units.length;
  return {
    unitOf: mapping.unitOf,
    targetOf: mapping.targetOf,
    nTargets: mapping.nTargets,
    allowed: mapping.allowed,
    src: [], tgt: [], count: [], value: [], kinds: [], readable: [], life: [], first: [], last: [],
    list,
    touched: new Uint8Array(index.agreements.length),
    touchedCount: 0,
    slot: new Int32Array(units * mapping.nTargets).fill(-1),
    srcCount: new Int32Array(units),
    srcValue: new Float64Array(units),
    tgtCount: new Int32Array(mapping.nTargets),
    tgtValue: new Float64Array(mapping.nTargets),
  };
}

/** Opens the edge from unit slot `source` to `target` (slot `key`), all its numbers at zero. */
function openEdge(pass: Pass, key: number, source: number, target: number): number {
  const edge = pass.src.length;
  pass.slot[key] = edge;
  pass.src.push(source);
  pass.tgt.push(target);
  pass.count.push(0);
  pass.value.push(0);
  for (let k = 0; k < KINDS.length; k++) pass.kinds.push(0);
  pass.readable.push(0);
  pass.life.push(0);
  pass.first.push(NEVER);
  pass.last.push(-NEVER);
  return edge;
}

/** 2, 1 or 0 as in Pass.life, for one agreement on `day`. */
function lifeOf(agreement: IndexedAgreement, day: number): number {
  if (!inForce(agreement, day)) return 0;
  return agreement.end !== null && agreement.end - day <= ENDING_WITHIN_DAYS ? 1 : 2;
}

/** Not yet worked out for this agreement; and hidden from this reader (restricted). */
const UNKNOWN = -2;
const HIDDEN = -1;

/**
 * Aggregates the agreements in `list` (index positions) along `mapping`.
 * Each agreement counts once per edge and once per node (the marks: the
 * agreement that last added to each). Lifecycles are read on `lifeDay`.
 * With `hideRestricted`, restricted agreements still add to counts, kinds
 * and values, but not to `readable`, `life`, `first` or `last`. The hot
 * loop of the map: plain local arrays, nothing allocated per pair.
 */
export function aggregate(index: NetworkIndex, list: number[], lifeDay: number, mapping: PassMapping, hideRestricted: boolean): Pass {
  const pass = emptyPass(index, list, mapping);
  const { slot, count, value, kinds, readable, life: lives, first, last, touched, srcCount, srcValue, tgtCount, tgtValue } = pass;
  const { unitOf, targetOf, allowed, nTargets } = mapping;
  const kindCount = KINDS.length;
  const partnerCount = index.partners.length;
  const edgeMark: number[] = [];
  const srcMark = new Int32Array(index.units.length).fill(-1);
  const tgtMark = new Int32Array(nTargets).fill(-1);
  let touchedCount = 0;
  for (const position of list) {
    const agreement = index.agreements[position]!;
    let life = UNKNOWN;
    for (const u of agreement.units) {
      const source = unitOf[u]!;
      if (source < 0) continue;
      for (const p of agreement.partners) {
        const target = targetOf[p]!;
        if (target < 0 || (allowed && !allowed[source * partnerCount + p])) continue;
        const key = source * nTargets + target;
        let e = slot[key]!;
        if (e < 0) {
          e = openEdge(pass, key, source, target);
          edgeMark.push(-1);
        } else if (edgeMark[e] === position) continue; // e.g. a centre and its group both sign
        edgeMark[e] = position;
        if (life === UNKNOWN) life = hideRestricted && agreement.restricted ? HIDDEN : lifeOf(agreement, lifeDay);
        count[e]! += 1;
        value[e]! += agreement.value;
        kinds[e * kindCount + agreement.kind]! += 1;
        if (life !== HIDDEN) {
          // A readable agreement: it alone may date the line and give its lifecycle.
          readable[e]! += 1;
          if (life > lives[e]!) lives[e] = life;
          if (agreement.start !== null && agreement.start < first[e]!) first[e] = agreement.start;
          if (agreement.end !== null && agreement.end > last[e]!) last[e] = agreement.end;
        }
        if (!touched[position]) {
          touched[position] = 1;
          touchedCount += 1;
        }
        if (srcMark[source] !== position) {
          srcMark[source] = position;
          srcCount[source]! += 1;
          srcValue[source]! += agreement.value;
        }
        if (tgtMark[target] !== position) {
          tgtMark[target] = position;
          tgtCount[target]! += 1;
          tgtValue[target]! += agreement.value;
        }
      }
    }
  }
  pass.touchedCount = touchedCount;
  return pass;
}

/** The agreements behind each edge of a pass, found again by the pass's own mapping (once, when a drill-down asks). */
export function listsOf(index: NetworkIndex, pass: Pass): number[][] {
  if (pass.lists) return pass.lists;
  const partnerCount = index.partners.length;
  const lists: number[][] = pass.src.map(() => []);
  for (const position of pass.list) {
    const agreement = index.agreements[position]!;
    for (const u of agreement.units) {
      const source = pass.unitOf[u]!;
      if (source < 0) continue;
      for (const p of agreement.partners) {
        const target = pass.targetOf[p]!;
        if (target < 0 || (pass.allowed && !pass.allowed[source * partnerCount + p])) continue;
        const edgeList = lists[pass.slot[source * pass.nTargets + target]!];
        if (edgeList && edgeList[edgeList.length - 1] !== position) edgeList.push(position);
      }
    }
  }
  pass.lists = lists;
  return lists;
}

/**
 * An edge's counts per kind as one object literal (one hidden class, built in
 * one go: thousands of edges per response). The order is AGREEMENT_KINDS'.
 */
export function kindCounts(counts: number[], offset: number): Record<AgreementKind, number> {
  const k = counts;
  const o = offset;
  return {
    MOU: k[o]!, FRAMEWORK: k[o + 1]!, IMPLEMENTING: k[o + 2]!, RESEARCH_COLLABORATION: k[o + 3]!,
    CONSORTIUM: k[o + 4]!, DATA_SHARING: k[o + 5]!, MTA: k[o + 6]!, NDA: k[o + 7]!,
    JOINT_LAB: k[o + 8]!, AFFILIATION: k[o + 9]!, SERVICE: k[o + 10]!, AMENDMENT: k[o + 11]!,
  };
}
// kindCounts lists the kinds by position: fail at start-up, not silently, if the vocabulary changes.
if (Object.keys(kindCounts(new Array<number>(KINDS.length).fill(0), 0)).join() !== KINDS.join()) {
  throw new Error("network-aggregate.ts kindCounts() is out of step with AGREEMENT_KINDS");
}

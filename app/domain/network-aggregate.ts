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

/**
 * Per agreement of `lists` (positions): its nearest own deadline (as
 * IndexedAgreement.deadlines) due by `todayDay + days` while it is still
 * running (overdue notices included), NEVER for none.
 */
export function deadlinesSoon(index: NetworkIndex, lists: (number[] | null)[], todayDay: number, days: number): Int32Array {
  const out = new Int32Array(index.agreements.length).fill(NEVER);
  const until = (todayDay + days) * 4 + 3;
  for (const list of lists) {
    for (const position of list ?? []) {
      const agreement = index.agreements[position]!;
      const first = agreement.deadlines[0];
      if (first === undefined || agreement.end === null || agreement.end < todayDay || first > until) continue;
      out[position] = first;
    }
  }
  return out;
}

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
  /** With `extras.deadlineOf`: the nearest deadline of the readable agreements (as IndexedAgreement.deadlines, NEVER for none) and how many agreements have one. */
  deadline: number[];
  deadlineCount: number[];
  /** With `extras.ends`: how many of its agreements the what-if scenario ends. */
  removed: number[];
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
    src: [], tgt: [], count: [], value: [], kinds: [], readable: [], life: [], first: [], last: [], deadline: [], deadlineCount: [], removed: [],
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
  pass.deadline.push(NEVER);
  pass.deadlineCount.push(0);
  pass.removed.push(0);
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
export interface PassExtras {
  /** Per agreement (position): its nearest deadline within the window (as Pass.deadline), NEVER for none. */
  deadlineOf?: Int32Array;
  /** Per agreement (position): 1 when the what-if scenario ends it. */
  ends?: Uint8Array;
}

export function aggregate(
  index: NetworkIndex,
  list: number[],
  lifeDay: number,
  mapping: PassMapping,
  hideRestricted: boolean,
  extras: PassExtras = {},
): Pass {
  const pass = emptyPass(index, list, mapping);
  const { slot, count, value, kinds, readable, life: lives, first, last, touched, srcCount, srcValue, tgtCount, tgtValue } = pass;
  const { deadline, deadlineCount, removed } = pass;
  const { deadlineOf, ends } = extras;
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
        if (ends && ends[position]) removed[e]! += 1;
        if (life !== HIDDEN) {
          // A readable agreement: it alone may date the line and give its lifecycle, and show a deadline.
          readable[e]! += 1;
          if (life > lives[e]!) lives[e] = life;
          if (agreement.start !== null && agreement.start < first[e]!) first[e] = agreement.start;
          if (agreement.end !== null && agreement.end > last[e]!) last[e] = agreement.end;
          const soon = deadlineOf ? deadlineOf[position]! : NEVER;
          if (soon !== NEVER) {
            deadlineCount[e]! += 1;
            if (soon < deadline[e]!) deadline[e] = soon;
          }
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

/**
 * "Since when" for every pair of a mapping: the earliest start (or
 * signature) of the agreements of `kinds` (all when empty) that were ever
 * in force, from on or before `asOfDay`, whatever their status, that the
 * reader may read; keyed as Pass.slot (unit slot × nTargets + target),
 * NEVER for none. Statuses do not matter: a collaboration that began with
 * an agreement now expired began then.
 */
export function sinceOf(index: NetworkIndex, kinds: readonly string[], asOfDay: number, mapping: PassMapping, hideRestricted: boolean): Int32Array {
  const { unitOf, targetOf, allowed, nTargets } = mapping;
  const since = new Int32Array(index.units.length * nTargets).fill(NEVER);
  let wanted: Uint8Array | null = null;
  if (kinds.length) {
    wanted = new Uint8Array(KINDS.length);
    for (const kind of kinds) wanted[KIND_INDEX.get(kind)!] = 1;
  }
  const partnerCount = index.partners.length;
  for (const agreement of index.agreements) {
    if (agreement.from === NEVER || agreement.from > asOfDay) continue;
    if ((wanted && !wanted[agreement.kind]) || (hideRestricted && agreement.restricted)) continue;
    const day = agreement.start ?? agreement.signature ?? agreement.from;
    for (const u of agreement.units) {
      const source = unitOf[u]!;
      if (source < 0) continue;
      for (const p of agreement.partners) {
        const target = targetOf[p]!;
        if (target < 0 || (allowed && !allowed[source * partnerCount + p])) continue;
        const key = source * nTargets + target;
        if (day < since[key]!) since[key] = day;
      }
    }
  }
  return since;
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

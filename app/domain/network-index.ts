/**
 * The collaboration map's index: the whole "who signed what with whom"
 * structure in memory, built from plain rows (app/models/network.server.ts
 * reads them with one raw query; tests hand-make them). For every
 * non-archived agreement: its kind, status, the days it was in force, value,
 * confidentiality and party indices; no titles. Also the units' and
 * partners' display order and the layout over the whole universe
 * (docs/decisions/008-collaboration-map-index.md). Pure: no database.
 */
import { wasInForce } from "./lifecycle";
import { partnerNodeId, unitNodeId } from "./network";
import { computeLayout, nodeSize, type NetworkLayout } from "./network-layout";
import { AGREEMENT_KINDS, PARTNER_KINDS, UNIT_KINDS } from "./vocabulary";

// ---------------------------------------------------------------------------
// Days as integers (days since 1970-01-01, UTC): comparisons without Dates.

const DAY_MS = 86_400_000;

export function dayNumber(value: Date | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const time = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(time) ? null : Math.floor(time / DAY_MS);
}

const DAY_STRINGS = new Map<number, string>();

/** "YYYY-MM-DD" for a day number (memoised: the same few thousand days recur on every edge). */
export function dayString(day: number): string {
  let text = DAY_STRINGS.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (DAY_STRINGS.size < 100_000) DAY_STRINGS.set(day, text);
  }
  return text;
}

/** "Never in force", and an open end: larger than any real day. */
export const NEVER = 2 ** 31 - 1;
const OPEN = 2 ** 31 - 1;

export const KINDS = AGREEMENT_KINDS.values;
export const KIND_INDEX = new Map<string, number>(KINDS.map((kind, i) => [kind, i]));

// ---------------------------------------------------------------------------
// The index's shape

export interface IndexedUnit {
  id: string;
  nodeId: string;
  code: string;
  name: string;
  kind: string;
  /** Index of the parent unit, -1 for none. */
  parent: number;
  /** Index of the top-level unit (itself for centres and facilities). */
  top: number;
  hasChildren: boolean;
}

export interface IndexedPartner {
  id: string;
  nodeId: string;
  name: string;
  acronym: string | null;
  kind: string;
  /** Index of the top-level organisation (itself when it has no parent). */
  top: number;
  hasChildren: boolean;
}

export interface IndexedAgreement {
  id: string;
  /** Position in KINDS. */
  kind: number;
  status: string;
  signature: number | null;
  start: number | null;
  end: number | null;
  /** The day it was terminated or superseded, when recorded: not in force from then on. */
  endedOn: number | null;
  value: number;
  restricted: boolean;
  units: number[];
  partners: number[];
  /** First and last day in force, both included (see inForceSpan); NEVER when it never was. */
  from: number;
  to: number;
}

export interface NetworkIndex {
  units: IndexedUnit[];
  partners: IndexedPartner[];
  agreements: IndexedAgreement[];
  unitIndex: Map<string, number>;
  partnerIndex: Map<string, number>;
  /** Children of each unit (indices). */
  unitChildren: number[][];
  /** Display order of units (kind, centre code, then groups) and partners (kind, name). */
  unitRank: Int32Array;
  partnerRank: Int32Array;
  /** The first day any agreement was in force; and any agreement that is not restricted. */
  firstDay: number | null;
  firstReadableDay: number | null;
  layout: NetworkLayout;
}

/** The rows the index is built from, as the database returns them. */
export interface UnitRow { id: string; code: string; name: string; kind: string; parentId: string | null }
export interface PartnerRow { id: string; name: string; acronym: string | null; kind: string; parentId: string | null }
export interface AgreementRow {
  id: string;
  kind: string;
  status: string;
  signatureDate: Date | string | null;
  startDate: Date | string | null;
  endDate: Date | string | null;
  valueCents: bigint | number | null;
  confidentiality: string;
  endedOn: Date | string | null;
  /** Comma-separated party ids. */
  units: string | null;
  partners: string | null;
}

// ---------------------------------------------------------------------------
// Building it

/** Builds the index from plain rows (no database: tests hand-make the rows). */
export function buildIndex(unitRows: UnitRow[], partnerRows: PartnerRow[], agreementRows: AgreementRow[]): NetworkIndex {
  const sortedUnits = sortById(unitRows);
  const sortedPartners = sortById(partnerRows);
  const unitIndex = new Map(sortedUnits.map((row, i) => [row.id, i]));
  const partnerIndex = new Map(sortedPartners.map((row, i) => [row.id, i]));
  const { units, unitChildren } = indexUnits(sortedUnits, unitIndex);
  const partners = indexPartners(sortedPartners, partnerIndex);
  const agreements = sortById(agreementRows.map((row) => indexAgreement(row, unitIndex, partnerIndex)));
  return {
    units,
    partners,
    agreements,
    unitIndex,
    partnerIndex,
    unitChildren,
    unitRank: rankOf(units.map((_, i) => i).sort((a, b) => unitOrder(units, a, b))),
    partnerRank: rankOf(partners.map((_, i) => i).sort((a, b) => partnerOrder(partners, a, b))),
    firstDay: firstDayInForce(agreements, () => true),
    firstReadableDay: firstDayInForce(agreements, (agreement) => !agreement.restricted),
    layout: layoutOf(units, partners, agreements),
  };
}

function sortById<T extends { id: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** For each row, the index of its top-level ancestor (itself without a parent; cycles stop where they loop). */
function topOf<T extends { parentId: string | null }>(rows: T[], index: Map<string, number>): number[] {
  return rows.map((row, i) => {
    let at = i;
    const seen = new Set<number>();
    for (let parent = rows[at]!.parentId; parent !== null && index.has(parent) && !seen.has(at); ) {
      seen.add(at);
      at = index.get(parent)!;
      parent = rows[at]!.parentId;
    }
    return row.parentId === null ? i : at;
  });
}

function indexUnits(rows: UnitRow[], unitIndex: Map<string, number>): { units: IndexedUnit[]; unitChildren: number[][] } {
  const top = topOf(rows, unitIndex);
  const parentOf = rows.map((row) => (row.parentId === null ? -1 : (unitIndex.get(row.parentId) ?? -1)));
  const unitChildren: number[][] = rows.map(() => []);
  parentOf.forEach((parent, i) => {
    if (parent >= 0) unitChildren[parent]!.push(i);
  });
  const units = rows.map((row, i) => ({
    id: row.id, nodeId: unitNodeId(row.id), code: row.code, name: row.name, kind: row.kind,
    parent: parentOf[i]!, top: top[i]!, hasChildren: unitChildren[i]!.length > 0,
  }));
  return { units, unitChildren };
}

function indexPartners(rows: PartnerRow[], partnerIndex: Map<string, number>): IndexedPartner[] {
  const top = topOf(rows, partnerIndex);
  const parents = new Set<number>();
  for (const row of rows) {
    const parent = row.parentId === null ? undefined : partnerIndex.get(row.parentId);
    if (parent !== undefined) parents.add(parent);
  }
  return rows.map((row, i) => ({
    id: row.id, nodeId: partnerNodeId(row.id), name: row.name, acronym: row.acronym, kind: row.kind,
    top: top[i]!, hasChildren: parents.has(i),
  }));
}

/** "id1,id2" → their indices, once each, unknown ids dropped. */
function partyIndices(ids: string | null, index: Map<string, number>): number[] {
  const out: number[] = [];
  if (ids) {
    for (const id of ids.split(",")) {
      const i = index.get(id);
      if (i !== undefined && !out.includes(i)) out.push(i);
    }
  }
  return out;
}

function indexAgreement(row: AgreementRow, unitIndex: Map<string, number>, partnerIndex: Map<string, number>): IndexedAgreement {
  const agreement: IndexedAgreement = {
    id: row.id,
    kind: KIND_INDEX.get(row.kind) ?? 0,
    status: row.status,
    signature: dayNumber(row.signatureDate),
    start: dayNumber(row.startDate),
    end: dayNumber(row.endDate),
    endedOn: dayNumber(row.endedOn),
    value: row.valueCents === null ? 0 : Number(row.valueCents),
    restricted: row.confidentiality === "RESTRICTED",
    units: partyIndices(row.units, unitIndex),
    partners: partyIndices(row.partners, partnerIndex),
    from: NEVER,
    to: NEVER,
  };
  [agreement.from, agreement.to] = inForceSpan(agreement);
  return agreement;
}

/**
 * The days an agreement was in force, both included: only if it ever was
 * (wasInForce: signed, or terminated after its signature), from its
 * signature and start dates, to its end date or the day before a recorded
 * termination or supersession.
 */
export function inForceSpan(agreement: Pick<IndexedAgreement, "status" | "signature" | "start" | "end" | "endedOn">): [number, number] {
  if (!wasInForce({ status: agreement.status, signatureDate: agreement.signature })) return [NEVER, NEVER];
  if (agreement.signature === null && agreement.start === null) return [NEVER, NEVER];
  const from = Math.max(agreement.signature ?? -NEVER, agreement.start ?? -NEVER);
  let to = agreement.end ?? OPEN;
  if (agreement.endedOn !== null) to = Math.min(to, agreement.endedOn - 1);
  return to < from ? [NEVER, NEVER] : [from, to];
}

export const inForce = (agreement: IndexedAgreement, day: number) => agreement.from <= day && day <= agreement.to;

/** The earliest start (or signature) date of the agreements that were ever in force and pass `include`. */
function firstDayInForce(agreements: IndexedAgreement[], include: (agreement: IndexedAgreement) => boolean): number | null {
  let first: number | null = null;
  for (const agreement of agreements) {
    if (!include(agreement) || !wasInForce({ status: agreement.status, signatureDate: agreement.signature })) continue;
    const from = agreement.start ?? agreement.signature;
    if (from !== null && (first === null || from < first)) first = from;
  }
  return first;
}

// ---------------------------------------------------------------------------
// Display order

/** order[at] = i  →  rank[i] = at. */
function rankOf(order: number[]): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((i, at) => (rank[i] = at));
  return rank;
}

const collator = new Intl.Collator("en");
const UNIT_KIND_ORDER: readonly string[] = UNIT_KINDS.values;
const PARTNER_KIND_ORDER: readonly string[] = PARTNER_KINDS.values;
const orderOf = (order: readonly string[], kind: string) => {
  const i = order.indexOf(kind);
  return i < 0 ? order.length : i;
};

/** Centres and facilities by kind and code, each followed by its groups by code. */
function unitOrder(units: IndexedUnit[], a: number, b: number): number {
  const unitA = units[a]!;
  const unitB = units[b]!;
  const topA = units[unitA.top]!;
  const topB = units[unitB.top]!;
  return (
    orderOf(UNIT_KIND_ORDER, topA.kind) - orderOf(UNIT_KIND_ORDER, topB.kind) ||
    collator.compare(topA.code, topB.code) ||
    unitA.top - unitB.top ||
    Number(unitA.top !== a) - Number(unitB.top !== b) ||
    collator.compare(unitA.code, unitB.code) ||
    a - b
  );
}

function partnerOrder(partners: IndexedPartner[], a: number, b: number): number {
  const partnerA = partners[a]!;
  const partnerB = partners[b]!;
  return (
    orderOf(PARTNER_KIND_ORDER, partnerA.kind) - orderOf(PARTNER_KIND_ORDER, partnerB.kind) ||
    collator.compare(partnerA.name, partnerB.name) ||
    a - b
  );
}

// ---------------------------------------------------------------------------
// Layout

/** The layout over the whole universe, sized by each node's all-time agreement count. */
function layoutOf(units: IndexedUnit[], partners: IndexedPartner[], agreements: IndexedAgreement[]): NetworkLayout {
  const unitTotal = new Array<number>(units.length).fill(0);
  const topTotal = new Array<number>(units.length).fill(0);
  const partnerTotal = new Array<number>(partners.length).fill(0);
  const links = partners.map(() => new Map<number, number>());
  for (const agreement of agreements) {
    const tops: number[] = [];
    for (const u of agreement.units) {
      unitTotal[u]! += 1;
      const top = units[u]!.top;
      if (!tops.includes(top)) tops.push(top);
    }
    for (const top of tops) topTotal[top]! += 1;
    for (const p of agreement.partners) {
      partnerTotal[p]! += 1;
      for (const u of agreement.units) links[p]!.set(u, (links[p]!.get(u) ?? 0) + 1);
    }
  }
  return computeLayout(
    units.map((unit, i) => ({
      id: unit.nodeId,
      kind: unit.kind,
      code: unit.code,
      parentId: unit.top === i ? undefined : units[unit.top]!.nodeId,
      size: nodeSize(unit.top === i ? topTotal[i]! : unitTotal[i]!),
    })),
    partners.map((partner, i) => ({
      id: partner.nodeId,
      kind: partner.kind,
      name: partner.name,
      size: nodeSize(partnerTotal[i]!),
      links: [...links[i]!].map(([u, weight]) => ({ unitId: units[u]!.nodeId, weight })),
    })),
  );
}

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
import { labelSize, partnerLabel, shorten, UNIT_FONT_PX, unitLabelLines } from "./network-label-text";
import { computeLayout, MIN_NODE_SIZE, nodeSize, type NetworkLayout } from "./network-layout";
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
  /** What the map writes: a centre's or facility's name on one or two lines (in its pill), a group's short name. */
  labelLines: string[];
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
  /** What the map writes beside it: its acronym or its name shortened (network-label-text.ts). */
  label: string;
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
  /** NONE, EXPRESS or TACIT; and the stored notice deadline (app/domain/deadlines.ts keeps it). */
  renewal: string;
  notice: number | null;
  /**
   * Its own deadlines not yet dealt with (a notice to give, a renewal to
   * decide, its end), as app/domain/deadlines.ts derives them for an active
   * agreement: day × 4 + DEADLINE_KIND_CODES position, ascending.
   */
  deadlines: number[];
  /** The agreements it implements or amends (positions in the index): it ends with them. */
  parents: number[];
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
  /** The agreements that implement or amend each one (positions): they end with it. */
  children: number[][];
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
  renewalType?: string | null;
  noticeDeadline?: Date | string | null;
  /** "IMPLEMENTS:<id>,AMENDS:<id>": the agreements it links to. */
  links?: string | null;
  /** "NOTICE:2026-12-21,END:2027-01-31": its deadlines dealt with. */
  resolved?: string | null;
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
  const children = linkAgreements(agreements, agreementRows);
  return {
    units,
    partners,
    agreements,
    unitIndex,
    partnerIndex,
    unitChildren,
    children,
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
    labelLines: top[i] === i ? unitLabelLines(row.name) : [shorten(row.name)],
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
  return rows.map((row, i) => {
    const parent = top[i] === i ? null : rows[top[i]!]!;
    return {
      id: row.id, nodeId: partnerNodeId(row.id), name: row.name, acronym: row.acronym, kind: row.kind,
      top: top[i]!, hasChildren: parents.has(i),
      label: partnerLabel({ name: row.name, acronym: row.acronym, parent: parent && { name: parent.name, acronym: parent.acronym } }),
    };
  });
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
    renewal: row.renewalType ?? "NONE",
    notice: dayNumber(row.noticeDeadline ?? null),
    deadlines: [],
    parents: [],
  };
  [agreement.from, agreement.to] = inForceSpan(agreement);
  agreement.deadlines = ownDeadlines(agreement, row.resolved ? row.resolved.split(",") : []);
  return agreement;
}

/** The kinds of an agreement's own deadlines, by code (the code is the position here). */
export const DEADLINE_KIND_CODES = ["NOTICE", "RENEWAL", "END"] as const;

/** An active agreement's notice or renewal decision and its end (unless it renews tacitly), minus those dealt with. */
function ownDeadlines(agreement: IndexedAgreement, resolved: string[]): number[] {
  if (agreement.status !== "ACTIVE" || agreement.end === null) return [];
  const out: number[] = [];
  const add = (code: number, day: number | null) => {
    if (day !== null && !resolved.includes(`${DEADLINE_KIND_CODES[code]}:${dayString(day)}`)) out.push(day * 4 + code);
  };
  if (agreement.renewal === "TACIT") add(0, agreement.notice);
  if (agreement.renewal === "EXPRESS") add(1, agreement.notice);
  if (agreement.renewal !== "TACIT") add(2, agreement.end);
  return out.sort((a, b) => a - b);
}

/** Implementing agreements and amendments: each one's parents, and each parent's children (positions). */
function linkAgreements(agreements: IndexedAgreement[], rows: AgreementRow[]): number[][] {
  const position = new Map(agreements.map((a, i) => [a.id, i]));
  const children: number[][] = agreements.map(() => []);
  for (const row of rows) {
    const from = position.get(row.id);
    if (from === undefined || !row.links) continue;
    for (const link of row.links.split(",")) {
      const [type, to] = link.split(":");
      const parent = to === undefined ? undefined : position.get(to);
      if (parent === undefined || parent === from || (type !== "IMPLEMENTS" && type !== "AMENDS")) continue;
      if (!agreements[from]!.parents.includes(parent)) agreements[from]!.parents.push(parent);
      if (!children[parent]!.includes(from)) children[parent]!.push(from);
    }
  }
  return children;
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

/** The size of a centre's or facility's pill: its name inside, on one or two lines. */
export function pillSize(lines: string[]): { width: number; height: number } {
  const { w, h } = labelSize(lines, UNIT_FONT_PX);
  return { width: w + 12, height: h + 8 };
}

/** The layout over the whole universe, sized by each node's all-time agreement count. */
function layoutOf(units: IndexedUnit[], partners: IndexedPartner[], agreements: IndexedAgreement[]): NetworkLayout {
  const unitTotal = new Array<number>(units.length).fill(0);
  const partnerTotal = new Array<number>(partners.length).fill(0);
  const links = partners.map(() => new Map<number, number>());
  for (const agreement of agreements) {
    for (const u of agreement.units) unitTotal[u]! += 1;
    for (const p of agreement.partners) {
      partnerTotal[p]! += 1;
      // Partners are ordered by the centres and facilities they work with (a group counts for its centre).
      for (const u of new Set(agreement.units.map((unit) => units[unit]!.top))) links[p]!.set(u, (links[p]!.get(u) ?? 0) + 1);
    }
  }
  return computeLayout(
    units.map((unit, i) => {
      const isTop = unit.top === i;
      const group = nodeSize(unitTotal[i]!);
      return {
        id: unit.nodeId,
        kind: unit.kind,
        code: unit.code,
        parentId: isTop ? undefined : units[unit.top]!.nodeId,
        ...(isTop ? pillSize(unit.labelLines) : { width: Math.max(MIN_NODE_SIZE, group), height: Math.max(MIN_NODE_SIZE, group), label: labelSize(unit.labelLines) }),
      };
    }),
    partners.map((partner, i) => ({
      id: partner.nodeId,
      kind: partner.kind,
      name: partner.name,
      size: nodeSize(partnerTotal[i]!),
      label: labelSize([partner.label]),
      links: [...links[i]!].map(([u, weight]) => ({ unitId: units[u]!.nodeId, weight })),
    })),
  );
}

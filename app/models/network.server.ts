/**
 * The collaboration map's data: HT units, partners and one edge per
 * unit-partner pair aggregating the agreements between them.
 *
 * How it stays fast (docs/decisions/006-collaboration-map-index.md): the
 * whole "who signed what with whom" structure (every non-archived agreement's
 * kind, status, dates, value, confidentiality and party ids: no titles) is
 * read with one raw query into memory, together with the layout computed over
 * it, and reused while a cheap fingerprint of the tables stays the same. Each
 * request then filters and aggregates in plain JavaScript: a few milliseconds
 * at 50,000 agreements, whatever the filters.
 *
 * Restricted agreements count in every number for every role; nothing here
 * returns a title. The drill-downs (agreements behind a line or a node) read
 * titles from the database and mask them for roles that may not read them.
 */
import {
  CLUSTER_THRESHOLD_EDGES,
  CLUSTER_THRESHOLD_NODES,
  clusterNodeId,
  edgeId,
  ENDING_WITHIN_DAYS,
  MAX_LAYOUT_POSITIONS,
  NODE_AGREEMENTS_LIMIT,
  partnerNodeId,
  RESTRICTED_TITLE,
  unitNodeId,
  type EdgeChange,
  type Network,
  type NetworkAgreement,
  type NetworkEdge,
  type NetworkMatrix,
  type NetworkNode,
  type NetworkNodeDetail,
} from "~/domain/network";
import type { NetworkFilters } from "~/domain/network-filters";
import { computeLayout, nodeSize, type NetworkLayout, type Point } from "~/domain/network-layout";
import { effectiveStatus } from "~/domain/lifecycle";
import { utcToday } from "~/domain/dates";
import { can } from "~/domain/permissions";
import { AGREEMENT_KINDS, PARTNER_KINDS, UNIT_KINDS, type AgreementKind } from "~/domain/vocabulary";
import { prisma } from "~/utils/db.server";
import type { Reader } from "~/domain/confidentiality";
import { recordAudit, type Actor } from "./audit.server";

// ---------------------------------------------------------------------------
// Days as integers (days since 1970-01-01, UTC): comparisons without Dates.

const DAY_MS = 86_400_000;
function dayNumber(v: Date | string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(v);
  return Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
}
const DAY_STRINGS = new Map<number, string>();
/** "YYYY-MM-DD" for a day number (memoised: the same few thousand days recur on every edge). */
function dayString(n: number): string {
  let s = DAY_STRINGS.get(n);
  if (s === undefined) {
    s = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (DAY_STRINGS.size < 100_000) DAY_STRINGS.set(n, s);
  }
  return s;
}

const KINDS = AGREEMENT_KINDS.values;
const KIND_INDEX = new Map<string, number>(KINDS.map((k, i) => [k, i]));
/** Statuses an agreement may have been in force under (TERMINATED only when it was signed). */
const SIGNED = new Set(["ACTIVE", "EXPIRED", "SUPERSEDED", "TERMINATED"]);

// ---------------------------------------------------------------------------
// The in-memory index

interface IdxUnit {
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

interface IdxPartner {
  id: string;
  nodeId: string;
  name: string;
  acronym: string | null;
  kind: string;
  /** Index of the top-level organisation (itself when it has no parent). */
  top: number;
  hasChildren: boolean;
}

interface IdxAgreement {
  id: string;
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

const NEVER = 2 ** 31 - 1;
const OPEN = 2 ** 31 - 1;

export interface NetworkIndex {
  units: IdxUnit[];
  partners: IdxPartner[];
  agreements: IdxAgreement[];
  unitIndex: Map<string, number>;
  partnerIndex: Map<string, number>;
  /** Children of each unit (indices). */
  unitChildren: number[][];
  /** Display order of units (kind, centre code, then groups) and partners (kind, name). */
  unitRank: Int32Array;
  partnerRank: Int32Array;
  firstDay: number | null;
  layout: NetworkLayout;
}

interface SavedLayout {
  positions: Map<string, Point>;
  updatedAt: string;
  updatedBy: string | null;
}

interface UnitRow { id: string; code: string; name: string; kind: string; parentId: string | null }
interface PartnerRow { id: string; name: string; acronym: string | null; kind: string; parentId: string | null }
interface AgreementRow {
  id: string;
  kind: string;
  status: string;
  signatureDate: Date | string | null;
  startDate: Date | string | null;
  endDate: Date | string | null;
  valueCents: bigint | number | null;
  confidentiality: string;
  endedOn: Date | string | null;
  units: string | null;
  partners: string | null;
}

/** Builds the index from plain rows (exported for tests of the aggregation without a database). */
export function buildIndex(unitRows: UnitRow[], partnerRows: PartnerRow[], agreementRows: AgreementRow[]): NetworkIndex {
  const sortedUnits = [...unitRows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const sortedPartners = [...partnerRows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const unitIndex = new Map(sortedUnits.map((u, i) => [u.id, i]));
  const partnerIndex = new Map(sortedPartners.map((p, i) => [p.id, i]));

  const topOf = <T extends { id: string; parentId: string | null }>(rows: T[], index: Map<string, number>) =>
    rows.map((row, i) => {
      let at = i;
      const seen = new Set<number>();
      for (let parent = rows[at]!.parentId; parent !== null && index.has(parent) && !seen.has(at); ) {
        seen.add(at);
        at = index.get(parent)!;
        parent = rows[at]!.parentId;
      }
      return row.parentId === null ? i : at;
    });
  const unitTop = topOf(sortedUnits, unitIndex);
  const partnerTop = topOf(sortedPartners, partnerIndex);
  const unitChildren: number[][] = sortedUnits.map(() => []);
  sortedUnits.forEach((u, i) => {
    const parent = u.parentId === null ? undefined : unitIndex.get(u.parentId);
    if (parent !== undefined) unitChildren[parent]!.push(i);
  });
  const partnerHasChildren = new Set<number>();
  sortedPartners.forEach((p) => {
    const parent = p.parentId === null ? undefined : partnerIndex.get(p.parentId);
    if (parent !== undefined) partnerHasChildren.add(parent);
  });

  const units: IdxUnit[] = sortedUnits.map((u, i) => ({
    id: u.id, nodeId: unitNodeId(u.id), code: u.code, name: u.name, kind: u.kind,
    parent: u.parentId === null ? -1 : (unitIndex.get(u.parentId) ?? -1), top: unitTop[i]!,
    hasChildren: unitChildren[i]!.length > 0,
  }));
  const partners: IdxPartner[] = sortedPartners.map((p, i) => ({
    id: p.id, nodeId: partnerNodeId(p.id), name: p.name, acronym: p.acronym, kind: p.kind, top: partnerTop[i]!,
    hasChildren: partnerHasChildren.has(i),
  }));

  const agreements: IdxAgreement[] = [];
  let firstDay: number | null = null;
  const split = (s: string | null, index: Map<string, number>) => {
    const out: number[] = [];
    if (s) for (const id of s.split(",")) {
      const i = index.get(id);
      if (i !== undefined && !out.includes(i)) out.push(i);
    }
    return out;
  };
  for (const r of agreementRows) {
    const a: IdxAgreement = {
      id: r.id,
      kind: KIND_INDEX.get(r.kind) ?? 0,
      status: r.status,
      signature: dayNumber(r.signatureDate),
      start: dayNumber(r.startDate),
      end: dayNumber(r.endDate),
      endedOn: dayNumber(r.endedOn),
      value: r.valueCents === null ? 0 : Number(r.valueCents),
      restricted: r.confidentiality === "RESTRICTED",
      units: split(r.units, unitIndex),
      partners: split(r.partners, partnerIndex),
      from: NEVER,
      to: NEVER,
    };
    [a.from, a.to] = inForceSpan(a);
    agreements.push(a);
    if (SIGNED.has(a.status)) {
      const from = a.start ?? a.signature;
      if (from !== null && (firstDay === null || from < firstDay)) firstDay = from;
    }
  }
  agreements.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const rank = (order: number[]) => {
    const r = new Int32Array(order.length);
    order.forEach((i, at) => (r[i] = at));
    return r;
  };
  const unitRank = rank(units.map((_, i) => i).sort((a, b) => unitOrder(units, a, b)));
  const partnerRank = rank(partners.map((_, i) => i).sort((a, b) => partnerOrder(partners, a, b)));

  return {
    units, partners, agreements, unitIndex, partnerIndex, unitChildren, unitRank, partnerRank, firstDay,
    layout: layoutOf(units, partners, agreements),
  };
}

/**
 * The days an agreement was in force, both included: signed (any of the
 * statuses a signed agreement can have; a Terminated one only if it has a
 * signature date), from its signature and start dates, to its end date or the
 * day before a recorded termination or supersession.
 */
function inForceSpan(a: Pick<IdxAgreement, "status" | "signature" | "start" | "end" | "endedOn">): [number, number] {
  if (!SIGNED.has(a.status)) return [NEVER, NEVER];
  if (a.status === "TERMINATED" && a.signature === null) return [NEVER, NEVER]; // abandoned before signature
  if (a.signature === null && a.start === null) return [NEVER, NEVER];
  const from = Math.max(a.signature ?? -NEVER, a.start ?? -NEVER);
  let to = a.end ?? OPEN;
  if (a.endedOn !== null) to = Math.min(to, a.endedOn - 1);
  return to < from ? [NEVER, NEVER] : [from, to];
}

const collator = new Intl.Collator("en");
const UNIT_KIND_ORDER: readonly string[] = UNIT_KINDS.values;
const PARTNER_KIND_ORDER: readonly string[] = PARTNER_KINDS.values;
const orderOf = (order: readonly string[], k: string) => {
  const i = order.indexOf(k);
  return i < 0 ? order.length : i;
};

function unitOrder(units: IdxUnit[], a: number, b: number): number {
  const ua = units[a]!;
  const ub = units[b]!;
  const ta = units[ua.top]!;
  const tb = units[ub.top]!;
  return (
    orderOf(UNIT_KIND_ORDER, ta.kind) - orderOf(UNIT_KIND_ORDER, tb.kind) ||
    collator.compare(ta.code, tb.code) ||
    ua.top - ub.top ||
    Number(ua.top !== a) - Number(ub.top !== b) ||
    collator.compare(ua.code, ub.code) ||
    a - b
  );
}

function partnerOrder(partners: IdxPartner[], a: number, b: number): number {
  const pa = partners[a]!;
  const pb = partners[b]!;
  return orderOf(PARTNER_KIND_ORDER, pa.kind) - orderOf(PARTNER_KIND_ORDER, pb.kind) || collator.compare(pa.name, pb.name) || a - b;
}

/** The layout over the whole universe, sized by each node's all-time agreement count. */
function layoutOf(units: IdxUnit[], partners: IdxPartner[], agreements: IdxAgreement[]): NetworkLayout {
  const unitTotal = new Array<number>(units.length).fill(0);
  const topTotal = new Array<number>(units.length).fill(0);
  const partnerTotal = new Array<number>(partners.length).fill(0);
  const links = partners.map(() => new Map<number, number>());
  for (const a of agreements) {
    const tops: number[] = [];
    for (const u of a.units) {
      unitTotal[u]! += 1;
      const t = units[u]!.top;
      if (!tops.includes(t)) tops.push(t);
    }
    for (const t of tops) topTotal[t]! += 1;
    for (const p of a.partners) {
      partnerTotal[p]! += 1;
      for (const u of a.units) links[p]!.set(u, (links[p]!.get(u) ?? 0) + 1);
    }
  }
  return computeLayout(
    units.map((u, i) => ({
      id: u.nodeId,
      kind: u.kind,
      code: u.code,
      parentId: u.top === i ? undefined : units[u.top]!.nodeId,
      size: nodeSize(u.top === i ? topTotal[i]! : unitTotal[i]!),
    })),
    partners.map((p, i) => ({
      id: p.nodeId,
      kind: p.kind,
      name: p.name,
      size: nodeSize(partnerTotal[i]!),
      links: [...links[i]!].map(([u, weight]) => ({ unitId: units[u]!.nodeId, weight })),
    })),
  );
}

const FINGERPRINT_SQL = `SELECT
  (SELECT COUNT(*) FROM "Agreement") AS a,
  (SELECT MAX("updatedAt") FROM "Agreement") AS b,
  (SELECT MAX(rowid) FROM "AgreementParty") AS c,
  (SELECT COUNT(*) FROM "Partner") AS d,
  (SELECT MAX("updatedAt") FROM "Partner") AS e,
  (SELECT COUNT(*) FROM "Unit") AS f,
  (SELECT MAX("updatedAt") FROM "Unit") AS g`;
const LAYOUT_STAMP_SQL = `SELECT "updatedAt" AS h FROM "MapLayout" WHERE "name" = 'default'`;

const AGREEMENTS_SQL = `SELECT a."id", a."kind", a."status", a."signatureDate", a."startDate", a."endDate",
    a."valueCents", a."confidentiality",
    CASE WHEN a."status" IN ('TERMINATED', 'SUPERSEDED') THEN (SELECT MIN(sc."effectiveOn") FROM "StatusChange" sc
      WHERE sc."agreementId" = a."id" AND sc."toStatus" IN ('TERMINATED', 'SUPERSEDED')) END AS "endedOn",
    (SELECT group_concat(p."unitId") FROM "AgreementParty" p WHERE p."agreementId" = a."id" AND p."unitId" IS NOT NULL) AS "units",
    (SELECT group_concat(p."partnerId") FROM "AgreementParty" p WHERE p."agreementId" = a."id" AND p."partnerId" IS NOT NULL) AS "partners"
  FROM "Agreement" a WHERE a."archivedAt" IS NULL`;

/** Bump when the index's shape or the layout changes: a dev server's cache survives module reloads. */
const INDEX_VERSION = "3";

interface Cache {
  dataKey: string;
  index: NetworkIndex;
  layoutKey: string;
  saved: SavedLayout | null;
}
const holder = globalThis as unknown as { __htNetworkCache?: Cache; __htNetworkLoading?: Promise<Cache> };

/**
 * The index and the saved arrangement, read again only when the tables have
 * changed since (counts and latest update times; a few ms).
 */
export async function loadNetworkIndex(): Promise<{ index: NetworkIndex; saved: SavedLayout | null }> {
  const [fp] = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(FINGERPRINT_SQL);
  const str = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ""));
  const dataKey = [INDEX_VERSION, ...["a", "b", "c", "d", "e", "f", "g"].map((k) => str(fp?.[k]))].join("|");
  // A database not yet migrated to the MapLayout table simply has no saved arrangement.
  const [stamp] = await prisma.$queryRawUnsafe<{ h: unknown }[]>(LAYOUT_STAMP_SQL).catch(() => []);
  const layoutKey = str(stamp?.h);
  const cached = holder.__htNetworkCache;
  if (cached && cached.dataKey === dataKey && cached.layoutKey === layoutKey) return cached;
  // One load at a time; a request arriving meanwhile waits for it.
  while (holder.__htNetworkLoading) await holder.__htNetworkLoading.catch(() => undefined);
  const again = holder.__htNetworkCache;
  if (again && again.dataKey === dataKey && again.layoutKey === layoutKey) return again;
  const loading = (async (): Promise<Cache> => {
    const index =
      again && again.dataKey === dataKey
        ? again.index
        : buildIndex(
            await prisma.$queryRawUnsafe<UnitRow[]>(`SELECT "id", "code", "name", "kind", "parentId" FROM "Unit"`),
            await prisma.$queryRawUnsafe<PartnerRow[]>(`SELECT "id", "name", "acronym", "kind", "parentId" FROM "Partner"`),
            await prisma.$queryRawUnsafe<AgreementRow[]>(AGREEMENTS_SQL),
          );
    const saved = layoutKey ? await readSavedLayout().catch(() => null) : null;
    return { dataKey, index, layoutKey, saved };
  })();
  holder.__htNetworkLoading = loading;
  try {
    const cache = await loading;
    holder.__htNetworkCache = cache;
    return cache;
  } finally {
    holder.__htNetworkLoading = undefined;
  }
}

/** Forgets the cached index (tests; the fingerprint catches every change made through the app). */
export function clearNetworkCache() {
  holder.__htNetworkCache = undefined;
}

// ---------------------------------------------------------------------------
// Saved arrangement

export const DEFAULT_LAYOUT_NAME = "default";

async function readSavedLayout(name = DEFAULT_LAYOUT_NAME): Promise<SavedLayout | null> {
  const row = await prisma.mapLayout.findUnique({
    where: { name },
    select: { positions: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  if (!row) return null;
  const positions = new Map<string, Point>();
  try {
    const parsed: unknown = JSON.parse(row.positions);
    if (parsed && typeof parsed === "object") {
      for (const [id, p] of Object.entries(parsed as Record<string, unknown>)) {
        const { x, y } = (p ?? {}) as { x?: unknown; y?: unknown };
        if (typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)) positions.set(id, { x, y });
      }
    }
  } catch {
    // A damaged row is ignored: the computed layout still draws everything.
  }
  return { positions, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy?.name ?? null };
}

/**
 * Saves node centres into the shared arrangement, with its audit row, in one
 * transaction. By default the positions are merged into those already saved
 * (a view shows only some nodes: saving it must not forget the others);
 * `replace` makes them the whole arrangement. The arrangement never holds
 * more than MAX_LAYOUT_POSITIONS nodes: the merge fails past that.
 */
export async function saveMapLayout(
  actor: Actor & { id: string },
  positions: Record<string, Point>,
  { replace = false, name = DEFAULT_LAYOUT_NAME }: { replace?: boolean; name?: string } = {},
): Promise<{ id: string; saved: number; total: number } | { error: string }> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.mapLayout.findUnique({ where: { name }, select: { id: true, positions: true } });
    const previous = before ? parsePositions(before.positions) : {};
    const next = replace ? { ...positions } : { ...previous, ...positions };
    const total = Object.keys(next).length;
    if (total > MAX_LAYOUT_POSITIONS) {
      return { error: `The arrangement would hold ${total} positions; at most ${MAX_LAYOUT_POSITIONS} can be saved. Reset it first.` };
    }
    const json = JSON.stringify(next);
    const row = await tx.mapLayout.upsert({
      where: { name },
      create: { name, positions: json, updatedById: actor.id },
      update: { positions: json, updatedById: actor.id },
      select: { id: true },
    });
    const saved = Object.keys(positions).length;
    const plural = (n: number) => `${n} node position${n === 1 ? "" : "s"}`;
    await recordAudit(tx, actor, {
      entity: "MapLayout",
      entityId: row.id,
      action: before ? "UPDATE" : "CREATE",
      summary: `Saved ${plural(saved)} in the map arrangement “${name}”${replace ? ", replacing it" : ""} (${plural(total)} in all)`,
      before: before ? { name, positions: Object.keys(previous).length } : {},
      after: { name, positions: total },
    });
    return { id: row.id, saved, total };
  });
}

/** Drops the saved arrangement: everyone sees the computed layout again. False when there was none. */
export async function resetMapLayout(actor: Actor, name = DEFAULT_LAYOUT_NAME): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.mapLayout.findUnique({ where: { name }, select: { id: true, positions: true } });
    if (!before) return false;
    await tx.mapLayout.delete({ where: { name } });
    await recordAudit(tx, actor, {
      entity: "MapLayout",
      entityId: before.id,
      action: "DELETE",
      summary: `Reset the map arrangement “${name}” to the computed layout`,
      before: { name, positions: Object.keys(parsePositions(before.positions)).length },
    });
    return true;
  });
}

function parsePositions(json: string): Record<string, Point> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as Record<string, Point>) : {};
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------
// Aggregation

/**
 * One aggregation pass: edges from unit slots to target slots (partners, or
 * clusters after them), kept in flat arrays rather than one object per edge:
 * 10,000 edges from 50,000 unit-partner pairs in a few milliseconds. Which
 * agreements lie behind an edge is found again on demand (drill-downs) by
 * re-running the pass's mapping, rather than recorded for every request.
 */
interface Pass {
  nTargets: number;
  src: number[];
  tgt: number[];
  count: number[];
  value: number[];
  /** KINDS.length counts per edge, flat. */
  kinds: number[];
  /** 2: an agreement in force on asOf and not ending soon; 1: in force, all ending within 90 days; 0: none in force. */
  life: number[];
  first: number[];
  last: number[];
  /** The inputs, to find an edge's agreements again. */
  list: number[];
  unitOf: Int32Array;
  targetOf: Int32Array;
  allowed: Uint8Array | null;
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

const inForce = (a: IdxAgreement, day: number) => a.from <= day && day <= a.to;

/** The agreements (indices) matching the filters' kinds and statuses on `day`. */
function selectAgreements(ix: NetworkIndex, f: NetworkFilters, day: number, today: number): number[] {
  let kinds: Uint8Array | null = null;
  if (f.kind.length) {
    kinds = new Uint8Array(KINDS.length);
    for (const k of f.kind) kinds[KIND_INDEX.get(k)!] = 1;
  }
  const wantActive = f.status.includes("ACTIVE");
  const others = new Set<string>(f.status.filter((s) => s !== "ACTIVE"));
  const out: number[] = [];
  const agreements = ix.agreements;
  for (let i = 0; i < agreements.length; i++) {
    const a = agreements[i]!;
    if (kinds && !kinds[a.kind]) continue;
    if (wantActive && a.from <= day && day <= a.to) out.push(i);
    else if (others.size) {
      // Other statuses: the effective status today (an Active agreement past its end is Expired).
      const eff = a.status === "ACTIVE" && a.end !== null && a.end < today ? "EXPIRED" : a.status;
      if (others.has(eff)) out.push(i);
    }
  }
  return out;
}

/**
 * Aggregates `list` into edges from unit slots (`unitOf`: raw unit → the unit
 * shown for it, -1 when filtered out) to targets (`targetOf`: raw partner →
 * partner or cluster slot, -1 when filtered out). Each agreement counts once
 * per edge and once per node. `allowed` (unit slot × raw partner) keeps only
 * the pairs that survived minWeight and focus.
 */
function aggregate(
  ix: NetworkIndex,
  list: number[],
  lifeDay: number,
  unitOf: Int32Array,
  targetOf: Int32Array,
  nTargets: number,
  allowed: Uint8Array | null,
): Pass {
  const U = ix.units.length;
  const P = ix.partners.length;
  const K = KINDS.length;
  const slot = new Int32Array(U * nTargets).fill(-1);
  const src: number[] = [];
  const tgt: number[] = [];
  const count: number[] = [];
  const value: number[] = [];
  const kinds: number[] = [];
  const life: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  const touched = new Uint8Array(ix.agreements.length);
  let touchedCount = 0;
  const edgeLast: number[] = [];
  const srcCount = new Int32Array(U);
  const srcValue = new Float64Array(U);
  const tgtCount = new Int32Array(nTargets);
  const tgtValue = new Float64Array(nTargets);
  const srcMark = new Int32Array(U).fill(-1);
  const tgtMark = new Int32Array(nTargets).fill(-1);
  const agreements = ix.agreements;
  for (const ai of list) {
    const a = agreements[ai]!;
    let l = -1;
    for (const u of a.units) {
      const s = unitOf[u]!;
      if (s < 0) continue;
      for (const p of a.partners) {
        const t = targetOf[p]!;
        if (t < 0) continue;
        if (allowed && !allowed[s * P + p]) continue;
        const key = s * nTargets + t;
        let e = slot[key]!;
        if (e < 0) {
          e = src.length;
          slot[key] = e;
          src.push(s);
          tgt.push(t);
          count.push(0);
          value.push(0);
          for (let k = 0; k < K; k++) kinds.push(0);
          life.push(0);
          first.push(NEVER);
          last.push(-NEVER);
          edgeLast.push(-1);
        } else if (edgeLast[e] === ai) continue; // e.g. a centre and its group both sign
        edgeLast[e] = ai;
        if (l < 0) l = inForce(a, lifeDay) ? (a.end !== null && a.end - lifeDay <= ENDING_WITHIN_DAYS ? 1 : 2) : 0;
        count[e]! += 1;
        value[e]! += a.value;
        kinds[e * K + a.kind]! += 1;
        if (l > life[e]!) life[e] = l;
        if (a.start !== null && a.start < first[e]!) first[e] = a.start;
        if (a.end !== null && a.end > last[e]!) last[e] = a.end;
        if (!touched[ai]) {
          touched[ai] = 1;
          touchedCount += 1;
        }
        if (srcMark[s] !== ai) {
          srcMark[s] = ai;
          srcCount[s]! += 1;
          srcValue[s]! += a.value;
        }
        if (tgtMark[t] !== ai) {
          tgtMark[t] = ai;
          tgtCount[t]! += 1;
          tgtValue[t]! += a.value;
        }
      }
    }
  }
  return {
    nTargets, src, tgt, count, value, kinds, life, first, last, slot, srcCount, srcValue, tgtCount, tgtValue,
    list, unitOf, targetOf, allowed, touched, touchedCount,
  };
}

/** The agreements behind each edge of a pass, found again by the pass's own mapping (once, when a drill-down asks). */
function listsOf(ix: NetworkIndex, pass: Pass): number[][] {
  if (!pass.lists) {
    const P = ix.partners.length;
    const lists: number[][] = pass.src.map(() => []);
    for (const ai of pass.list) {
      const a = ix.agreements[ai]!;
      for (const u of a.units) {
        const s = pass.unitOf[u]!;
        if (s < 0) continue;
        for (const p of a.partners) {
          const t = pass.targetOf[p]!;
          if (t < 0 || (pass.allowed && !pass.allowed[s * P + p])) continue;
          const l = lists[pass.slot[s * pass.nTargets + t]!];
          if (l && l[l.length - 1] !== ai) l.push(ai);
        }
      }
    }
    pass.lists = lists;
  }
  return pass.lists;
}

/**
 * An edge's counts per kind as one object literal (one hidden class, built in
 * one go: thousands of edges per response). The order is AGREEMENT_KINDS'.
 */
function kindCounts(k: number[], o: number): Record<AgreementKind, number> {
  return {
    MOU: k[o]!, FRAMEWORK: k[o + 1]!, IMPLEMENTING: k[o + 2]!, RESEARCH_COLLABORATION: k[o + 3]!,
    CONSORTIUM: k[o + 4]!, DATA_SHARING: k[o + 5]!, MTA: k[o + 6]!, NDA: k[o + 7]!,
    JOINT_LAB: k[o + 8]!, AFFILIATION: k[o + 9]!, SERVICE: k[o + 10]!, AMENDMENT: k[o + 11]!,
  };
}
// kindCounts lists the kinds by position: fail at start-up, not silently, if the vocabulary changes.
if (Object.keys(kindCounts(new Array<number>(KINDS.length).fill(0), 0)).join() !== KINDS.join()) {
  throw new Error("network.server.ts kindCounts() is out of step with AGREEMENT_KINDS");
}

function shortName(name: string): string {
  return name.length <= 28 ? name : `${name.slice(0, 26).trimEnd()}…`;
}

export interface Built {
  network: Network;
  /** The agreements (positions in the index) behind an edge of the network. */
  agreementsOf(edgeId: string): number[] | undefined;
}

/**
 * The network for `f` from an index (pure: no database). `today` is the day
 * on which the effective status of statuses other than Active is read.
 */
export function buildNetwork(ix: NetworkIndex, f: NetworkFilters, today: Date, saved: SavedLayout | null = null): Built {
  const todayDay = dayNumber(today)!;
  const asOfDay = dayNumber(f.asOf) ?? todayDay;
  const compareDay = f.compare ? dayNumber(f.compare) : null;
  const U = ix.units.length;
  const P = ix.partners.length;

  // Units shown: top-level units, and the groups of expanded centres; `unit` keeps one subtree.
  const expanded = new Set(f.expand.map((id) => ix.unitIndex.get(id)).filter((i): i is number => i !== undefined));
  const unitOf = new Int32Array(U).fill(-1);
  let subtree: Set<number> | null = null;
  if (f.unit !== undefined) {
    subtree = new Set();
    const root = ix.unitIndex.get(f.unit);
    const stack = root === undefined ? [] : [root];
    while (stack.length) {
      const u = stack.pop()!;
      if (subtree.has(u)) continue;
      subtree.add(u);
      stack.push(...ix.unitChildren[u]!);
    }
  }
  for (let u = 0; u < U; u++) {
    if (subtree && !subtree.has(u)) continue;
    const top = ix.units[u]!.top;
    if (u === top || !expanded.has(top)) unitOf[u] = top;
    else {
      // A deeper unit shows under the group right below the expanded centre.
      let g = u;
      for (let guard = 0; ix.units[g]!.parent >= 0 && ix.units[g]!.parent !== top && guard < U; guard++) g = ix.units[g]!.parent;
      unitOf[u] = g;
    }
  }

  const partnerKinds = f.partnerKind.length ? new Set<string>(f.partnerKind) : null;
  const base = new Int32Array(P).fill(-1);
  for (let p = 0; p < P; p++) if (!partnerKinds || partnerKinds.has(ix.partners[p]!.kind)) base[p] = p;

  // 1. Unit-partner edges on asOf (and on the compare date).
  const listNow = selectAgreements(ix, f, asOfDay, todayDay);
  const listBefore = compareDay === null ? null : selectAgreements(ix, f, compareDay, todayDay);
  const baseNow = aggregate(ix, listNow, asOfDay, unitOf, base, P, null);
  const baseBefore = listBefore ? aggregate(ix, listBefore, asOfDay, unitOf, base, P, null) : null;

  // 2. minWeight (per date) and focus on a unit or a partner (its lines only).
  const focus = f.focus ? parseFocus(ix, f.focus) : null;
  const pairFocus = focus && focus.type !== "cluster" ? focus : null;
  const shownUnit = new Uint8Array(U);
  const shownPartner = new Uint8Array(P);
  let kept = 0;
  const keepOf = (pass: Pass) => {
    const mask = new Uint8Array(U * P);
    let pruned = false;
    for (let e = 0; e < pass.src.length; e++) {
      const s = pass.src[e]!;
      const p = pass.tgt[e]!;
      const ok =
        pass.count[e]! >= f.minWeight &&
        (!pairFocus || (pairFocus.type === "unit" ? s === pairFocus.index : p === pairFocus.index));
      if (!ok) {
        pruned = true;
        continue;
      }
      mask[s * P + p] = 1;
      shownUnit[s] = 1;
      shownPartner[p] = 1;
    }
    return { mask, pruned };
  };
  const keepNow = keepOf(baseNow);
  const keepBefore = baseBefore ? keepOf(baseBefore) : null;
  for (let i = 0; i < U * P; i++) if (keepNow.mask[i] || keepBefore?.mask[i]) kept += 1;
  // Units are shown even without a line (the gaps are part of the picture), except in focus.
  if (!pairFocus) {
    for (let u = 0; u < U; u++) if (unitOf[u]! >= 0) shownUnit[unitOf[u]!] = 1;
  } else if (pairFocus.type === "unit" && pairFocus.index >= 0 && unitOf.includes(pairFocus.index)) {
    shownUnit[pairFocus.index] = 1;
  }
  let unitCount = 0;
  let partnerCount = 0;
  for (let u = 0; u < U; u++) unitCount += shownUnit[u]!;
  for (let p = 0; p < P; p++) partnerCount += shownPartner[p]!;
  const totals = { nodes: unitCount + partnerCount, edges: kept, agreements: 0 };

  // 3. Clusters.
  const clusterMode =
    f.cluster === "none" || pairFocus
      ? null
      : f.cluster === "auto"
        ? totals.nodes > CLUSTER_THRESHOLD_NODES || totals.edges > CLUSTER_THRESHOLD_EDGES
          ? "kind"
          : null
        : f.cluster;
  const clusterKeys: string[] = [];
  const members: number[][] = [];
  const targetOf = new Int32Array(base);
  if (clusterMode) {
    const byKey = new Map<string, number[]>();
    for (let p = 0; p < P; p++) {
      if (!shownPartner[p]) continue;
      const partner = ix.partners[p]!;
      let key: string | null = null;
      if (clusterMode === "kind") key = `kind:${partner.kind}`;
      else if (partner.top !== p || partner.hasChildren) key = `parent:${ix.partners[partner.top]!.id}`;
      if (key === null || f.expandCluster.includes(key)) continue;
      const list = byKey.get(key) ?? [];
      list.push(p);
      byKey.set(key, list);
    }
    for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (list.length < 2) continue; // a cluster of one is just the partner
      const c = clusterKeys.length;
      clusterKeys.push(key);
      members.push(list.sort((a, b) => ix.partnerRank[a]! - ix.partnerRank[b]!));
      for (const p of list) targetOf[p] = P + c;
    }
  }
  const nTargets = P + clusterKeys.length;
  const clustered = clusterKeys.length > 0;

  // 4. The final passes, over the kept pairs only, partners mapped to their clusters.
  const now = !clustered && !keepNow.pruned ? baseNow : aggregate(ix, listNow, asOfDay, unitOf, targetOf, nTargets, keepNow.mask);
  const before =
    listBefore && baseBefore && keepBefore
      ? !clustered && !keepBefore.pruned
        ? baseBefore
        : aggregate(ix, listBefore, asOfDay, unitOf, targetOf, nTargets, keepBefore.mask)
      : null;

  // 5. Edges: now's, marked against the earlier date in compare mode, then the lapsed ones.
  const targetNodeId = (t: number) => (t < P ? ix.partners[t]!.nodeId : clusterNodeId(clusterKeys[t - P]!));
  const focusCluster = focus?.type === "cluster" ? f.focus! : null;
  const focusClusterSlot = focusCluster ? P + clusterKeys.findIndex((k) => clusterNodeId(k) === focusCluster) : -1;
  const chosen: { pass: Pass; e: number; change?: EdgeChange }[] = [];
  for (let e = 0; e < now.src.length; e++) {
    if (focusCluster && now.tgt[e] !== focusClusterSlot) continue;
    const change: EdgeChange | undefined = before ? (before.slot[now.src[e]! * nTargets + now.tgt[e]!]! >= 0 ? "unchanged" : "new") : undefined;
    chosen.push({ pass: now, e, change });
  }
  if (before) {
    for (let e = 0; e < before.src.length; e++) {
      if (focusCluster && before.tgt[e] !== focusClusterSlot) continue;
      if (now.slot[before.src[e]! * nTargets + before.tgt[e]!]! < 0) chosen.push({ pass: before, e, change: "lapsed" });
    }
  }
  // Sorted by source, then target (clusters first, then partners by id).
  const targetRank = (t: number) => (t >= P ? t - P : clusterKeys.length + t);
  chosen.sort((x, y) => x.pass.src[x.e]! - y.pass.src[y.e]! || targetRank(x.pass.tgt[x.e]!) - targetRank(y.pass.tgt[y.e]!));

  const K = KINDS.length;
  const edges: NetworkEdge[] = chosen.map(({ pass, e, change }) => {
    const source = ix.units[pass.src[e]!]!.nodeId;
    const target = targetNodeId(pass.tgt[e]!);
    const o = e * K;
    const kinds = kindCounts(pass.kinds, o);
    let dominant = 0;
    for (let k = 1; k < K; k++) if (pass.kinds[o + k]! > pass.kinds[o + dominant]!) dominant = k;
    const life = pass.life[e]!;
    const edge: NetworkEdge = {
      id: edgeId(source, target),
      source,
      target,
      count: pass.count[e]!,
      valueCents: pass.value[e]!,
      weight: f.weight === "value" ? pass.value[e]! : pass.count[e]!,
      kinds,
      dominantKind: KINDS[dominant]!,
      lifecycle: life === 2 ? "active" : life === 1 ? "ending" : "expired",
      firstDate: pass.first[e] === NEVER ? null : dayString(pass.first[e]!),
      lastDate: pass.last[e] === -NEVER ? null : dayString(pass.last[e]!),
    };
    if (change) edge.change = change;
    return edge;
  });

  // Distinct agreements behind the lines shown (compare mode: on either date).
  if (focusCluster) {
    const seen = new Set<number>();
    for (const { pass, e } of chosen) for (const a of listsOf(ix, pass)[e]!) seen.add(a);
    totals.agreements = seen.size;
  } else if (before) {
    for (let i = 0; i < now.touched.length; i++) if (now.touched[i] || before.touched[i]) totals.agreements += 1;
  } else totals.agreements = now.touchedCount;

  // 6. Nodes, at their stable positions (or where an editor saved them).
  const pos = (id: string, fallback: Point | undefined): Point => saved?.positions.get(id) ?? fallback ?? { x: 0, y: 0 };
  // A node only on the earlier date (compare mode) shows its numbers from then.
  const unitStat = (u: number) =>
    now.srcCount[u]! > 0 || !before ? { count: now.srcCount[u]!, value: now.srcValue[u]! } : { count: before.srcCount[u]!, value: before.srcValue[u]! };
  const targetStat = (t: number) =>
    now.tgtCount[t]! > 0 || !before ? { count: now.tgtCount[t]!, value: now.tgtValue[t]! } : { count: before.tgtCount[t]!, value: before.tgtValue[t]! };

  const edgeSources = new Uint8Array(U);
  const edgeTargets = new Uint8Array(nTargets);
  for (const { pass, e } of chosen) {
    edgeSources[pass.src[e]!] = 1;
    edgeTargets[pass.tgt[e]!] = 1;
  }
  const nodes: NetworkNode[] = [];
  const unitSlots: number[] = [];
  for (let u = 0; u < U; u++) if (focusCluster ? edgeSources[u] : shownUnit[u]) unitSlots.push(u);
  unitSlots.sort((a, b) => ix.unitRank[a]! - ix.unitRank[b]!);
  for (const u of unitSlots) {
    const unit = ix.units[u]!;
    const st = unitStat(u);
    const node: NetworkNode = {
      id: unit.nodeId,
      type: "unit",
      label: unit.code,
      name: unit.name,
      kind: unit.kind,
      agreementCount: st.count,
      valueCents: st.value,
      ...pos(unit.nodeId, ix.layout.positions.get(unit.nodeId)),
      size: nodeSize(st.count),
    };
    if (unit.top !== u) node.parentId = ix.units[unit.top]!.nodeId;
    if (unit.top === u && unit.hasChildren) node.expandable = true;
    nodes.push(node);
  }
  if (!focusCluster) {
    const partnerSlots: number[] = [];
    for (let p = 0; p < P; p++) if (edgeTargets[p]) partnerSlots.push(p);
    partnerSlots.sort((a, b) => ix.partnerRank[a]! - ix.partnerRank[b]!);
    for (const p of partnerSlots) {
      const partner = ix.partners[p]!;
      const st = targetStat(p);
      nodes.push({
        id: partner.nodeId,
        type: "partner",
        label: partner.acronym || shortName(partner.name),
        name: partner.name,
        kind: partner.kind,
        agreementCount: st.count,
        valueCents: st.value,
        ...pos(partner.nodeId, ix.layout.positions.get(partner.nodeId)),
        size: nodeSize(st.count),
      });
    }
  }
  clusterKeys.forEach((key, c) => {
    if (!edgeTargets[P + c]) return;
    const id = clusterNodeId(key);
    const st = targetStat(P + c);
    const list = members[c]!;
    const colon = key.indexOf(":");
    const value = key.slice(colon + 1);
    let node: Pick<NetworkNode, "label" | "name" | "kind">;
    let at: Point | undefined;
    if (key.startsWith("kind:")) {
      node = { label: PARTNER_KINDS.label(value), name: `${PARTNER_KINDS.label(value)}: ${list.length} partners`, kind: value };
      at = ix.layout.sectors.get(value)?.centre;
    } else {
      const parent = ix.partners[ix.partnerIndex.get(value)!]!;
      node = { label: parent.acronym || shortName(parent.name), name: `${parent.name} and its sub-units (${list.length})`, kind: parent.kind };
      at = ix.layout.positions.get(parent.nodeId);
    }
    nodes.push({
      id,
      type: "cluster",
      ...node,
      agreementCount: st.count,
      valueCents: st.value,
      ...pos(id, at),
      size: nodeSize(st.count, true),
      memberIds: list.map((p) => ix.partners[p]!.nodeId),
      memberCount: list.length,
      expandable: true,
    });
  });

  let refs: Map<string, { pass: Pass; e: number }> | undefined;
  return {
    network: {
      nodes,
      edges,
      meta: {
        asOf: f.asOf,
        ...(f.compare ? { compare: f.compare } : {}),
        firstAgreementDate: ix.firstDay === null ? null : dayString(ix.firstDay),
        totals,
        clustered,
        threshold: { nodes: CLUSTER_THRESHOLD_NODES, edges: CLUSTER_THRESHOLD_EDGES },
        filters: f,
        layout: { saved: Boolean(saved), updatedAt: saved?.updatedAt ?? null, updatedBy: saved?.updatedBy ?? null },
      },
    },
    agreementsOf(id: string) {
      refs ??= new Map(chosen.map((c, i) => [edges[i]!.id, c]));
      const ref = refs.get(id);
      return ref ? listsOf(ix, ref.pass)[ref.e] : undefined;
    },
  };
}

function parseFocus(ix: NetworkIndex, id: string): { type: "unit" | "partner"; index: number } | { type: "cluster"; index: -1 } {
  if (id.startsWith("unit:")) return { type: "unit", index: ix.unitIndex.get(id.slice(5)) ?? -1 };
  if (id.startsWith("partner:")) return { type: "partner", index: ix.partnerIndex.get(id.slice(8)) ?? -1 };
  return { type: "cluster", index: -1 };
}

// ---------------------------------------------------------------------------
// What the routes call

export async function getNetwork(f: NetworkFilters, today: Date = utcToday()): Promise<Network> {
  const { index, saved } = await loadNetworkIndex();
  return buildNetwork(index, f, today, saved).network;
}

/** HT units by partner kind for the same filters, zeros included: where there are no collaborations. */
export async function getNetworkMatrix(f: NetworkFilters, today: Date = utcToday()): Promise<NetworkMatrix> {
  const { index } = await loadNetworkIndex();
  return buildMatrix(index, f, today);
}

export function buildMatrix(ix: NetworkIndex, f: NetworkFilters, today: Date): NetworkMatrix {
  // The same network as the graph, without clusters and without compare's lapsed links.
  const { network, agreementsOf } = buildNetwork(ix, { ...f, cluster: "none", compare: undefined, expandCluster: [] }, today);
  const partnerKinds: string[] = f.partnerKind.length ? [...f.partnerKind] : [...PARTNER_KINDS.values];
  const units = network.nodes
    .filter((n) => n.type === "unit")
    .map((n) => ({ id: n.id, label: n.label, name: n.name, kind: n.kind, ...(n.parentId ? { parentId: n.parentId } : {}) }));
  const kindOf = new Map(network.nodes.filter((n) => n.type === "partner").map((n) => [n.id, n.kind]));
  const cellAgreements = new Map<string, Set<number>>();
  const cellPartners = new Map<string, Set<string>>();
  for (const e of network.edges) {
    const kind = kindOf.get(e.target);
    if (!kind) continue;
    const key = `${e.source}\u0000${kind}`;
    let as = cellAgreements.get(key);
    if (!as) cellAgreements.set(key, (as = new Set()));
    for (const a of agreementsOf(e.id)!) as.add(a);
    let ps = cellPartners.get(key);
    if (!ps) cellPartners.set(key, (ps = new Set()));
    ps.add(e.target);
  }
  const cells = units.flatMap((u) =>
    partnerKinds.map((kind) => {
      const key = `${u.id}\u0000${kind}`;
      return { unitId: u.id, partnerKind: kind, agreements: cellAgreements.get(key)?.size ?? 0, partners: cellPartners.get(key)?.size ?? 0 };
    }),
  );
  return { units, partnerKinds, cells, meta: { asOf: f.asOf, ...(f.compare ? { compare: f.compare } : {}), filters: f } };
}

const AGREEMENT_SELECT = {
  id: true, reference: true, title: true, kind: true, status: true, startDate: true, endDate: true, confidentiality: true,
} as const;

/** Agreement rows for drill-downs, in the order of `ids`, masked for `reader`. */
async function agreementRows(ids: string[], reader: Reader, today: Date): Promise<NetworkAgreement[]> {
  const mayRead = can(reader.role, "agreement:read-restricted");
  const rows = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...(await prisma.agreement.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: AGREEMENT_SELECT })));
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const restricted = r.confidentiality === "RESTRICTED";
    const masked = restricted && !mayRead;
    return [{
      id: r.id,
      reference: masked ? "" : r.reference,
      title: masked ? RESTRICTED_TITLE : r.title,
      kind: r.kind as AgreementKind,
      status: effectiveStatus(r.status, r.endDate, today),
      startDate: r.startDate ? r.startDate.toISOString().slice(0, 10) : null,
      endDate: r.endDate ? r.endDate.toISOString().slice(0, 10) : null,
      restricted,
    }];
  });
}

/** Newest first: by start date, then id. */
function newestFirst(ix: NetworkIndex, list: Iterable<number>): number[] {
  return [...list].sort((x, y) => {
    const a = ix.agreements[x]!;
    const b = ix.agreements[y]!;
    return (b.start ?? -Infinity) - (a.start ?? -Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** The agreements behind one line; null when the line is not in the network for these filters. */
export async function getEdgeAgreements(
  f: NetworkFilters,
  source: string,
  target: string,
  reader: Reader,
  today: Date = utcToday(),
): Promise<NetworkAgreement[] | null> {
  const { index } = await loadNetworkIndex();
  const { agreementsOf } = buildNetwork(index, f, today);
  const list = agreementsOf(edgeId(source, target));
  if (!list) return null;
  return agreementRows(newestFirst(index, list).map((i) => index.agreements[i]!.id), reader, today);
}

/** A node's summary and the agreements on its visible lines; null when it is not in the network. */
export async function getNodeDetail(
  f: NetworkFilters,
  nodeId: string,
  reader: Reader,
  today: Date = utcToday(),
): Promise<NetworkNodeDetail | null> {
  const { index, saved } = await loadNetworkIndex();
  const { network, agreementsOf } = buildNetwork(index, f, today, saved);
  const node = network.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const all = new Set<number>();
  for (const e of network.edges) {
    if (e.source === nodeId || e.target === nodeId) for (const a of agreementsOf(e.id)!) all.add(a);
  }
  const ordered = newestFirst(index, all);
  const agreements = await agreementRows(
    ordered.slice(0, NODE_AGREEMENTS_LIMIT).map((i) => index.agreements[i]!.id),
    reader,
    today,
  );
  return { node, agreements, total: ordered.length };
}

/**
 * The collaboration map's database side: the raw queries that read the
 * index's rows, the cache that keeps the index (and the saved arrangement)
 * while a cheap fingerprint of the tables stays the same, and the
 * drill-downs that read the agreements behind a line or a node. Building
 * the network itself is pure code in app/domain/network-build.ts.
 *
 * How it stays fast (docs/decisions/008-collaboration-map-index.md): the
 * whole "who signed what with whom" structure is read with one raw query
 * into memory, together with the layout computed over it; each request then
 * filters and aggregates in plain JavaScript: a few milliseconds at 50,000
 * agreements, whatever the filters.
 *
 * Confidentiality (docs/decisions/010-confidentiality.md): the network is
 * built for the reader; the drill-downs return only the agreements the
 * reader may read, and how many restricted ones were left out.
 */
import { mayReadRestricted, partitionReadable, readableWhere, type Reader } from "~/domain/confidentiality";
import { utcToday } from "~/domain/dates";
import { effectiveStatus } from "~/domain/lifecycle";
import {
  edgeId,
  NODE_AGREEMENTS_LIMIT,
  type Network,
  type NetworkAgreement,
  type NetworkEdgeDetail,
  type NetworkMatrix,
  type NetworkNodeDetail,
} from "~/domain/network";
import { buildNetwork, type SavedLayout } from "~/domain/network-build";
import type { NetworkFilters } from "~/domain/network-filters";
import { buildIndex, type AgreementRow, type NetworkIndex, type PartnerRow, type UnitRow } from "~/domain/network-index";
import { buildMatrix } from "~/domain/network-matrix";
import type { AgreementKind } from "~/domain/vocabulary";
import { prisma } from "~/utils/db.server";
import { readSavedLayout, savedLayoutStamp } from "./map-layout.server";

// ---------------------------------------------------------------------------
// The index, cached

const FINGERPRINT_SQL = `SELECT
  (SELECT COUNT(*) FROM "Agreement") AS a,
  (SELECT MAX("updatedAt") FROM "Agreement") AS b,
  (SELECT MAX(rowid) FROM "AgreementParty") AS c,
  (SELECT COUNT(*) FROM "Partner") AS d,
  (SELECT MAX("updatedAt") FROM "Partner") AS e,
  (SELECT COUNT(*) FROM "Unit") AS f,
  (SELECT MAX("updatedAt") FROM "Unit") AS g,
  (SELECT COUNT(*) || '/' || IFNULL(MAX(rowid), 0) FROM "AgreementLink") AS h,
  (SELECT COUNT(*) || '/' || IFNULL(MAX(rowid), 0) FROM "DeadlineResolution") AS i`;

const UNITS_SQL = `SELECT "id", "code", "name", "kind", "parentId" FROM "Unit"`;
const PARTNERS_SQL = `SELECT "id", "name", "acronym", "kind", "parentId" FROM "Partner"`;
const AGREEMENTS_SQL = `SELECT a."id", a."kind", a."status", a."signatureDate", a."startDate", a."endDate",
    a."valueCents", a."confidentiality", a."renewalType", a."noticeDeadline",
    (SELECT group_concat(l."type" || ':' || l."toId") FROM "AgreementLink" l WHERE l."fromId" = a."id") AS "links",
    (SELECT group_concat(substr(r."deadlineKey", 1, instr(r."deadlineKey", ':') - 1) || ':' || substr(r."deadlineKey", -10))
      FROM "DeadlineResolution" r WHERE r."agreementId" = a."id") AS "resolved",
    CASE WHEN a."status" IN ('TERMINATED', 'SUPERSEDED') THEN (SELECT MIN(sc."effectiveOn") FROM "StatusChange" sc
      WHERE sc."agreementId" = a."id" AND sc."toStatus" IN ('TERMINATED', 'SUPERSEDED')) END AS "endedOn",
    (SELECT group_concat(p."unitId") FROM "AgreementParty" p WHERE p."agreementId" = a."id" AND p."unitId" IS NOT NULL) AS "units",
    (SELECT group_concat(p."partnerId") FROM "AgreementParty" p WHERE p."agreementId" = a."id" AND p."partnerId" IS NOT NULL) AS "partners"
  FROM "Agreement" a WHERE a."archivedAt" IS NULL`;

/** Bump when the index's shape or the layout changes: a dev server's cache survives module reloads. */
const INDEX_VERSION = "5";

interface Cache {
  dataKey: string;
  index: NetworkIndex;
  layoutKey: string;
  saved: SavedLayout | null;
}
const holder = globalThis as unknown as { __htNetworkCache?: Cache; __htNetworkLoading?: Promise<Cache> };

async function fingerprint(): Promise<string> {
  const [row] = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(FINGERPRINT_SQL);
  const text = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value ?? ""));
  return [INDEX_VERSION, ...["a", "b", "c", "d", "e", "f", "g", "h", "i"].map((key) => text(row?.[key]))].join("|");
}

async function readIndex(): Promise<NetworkIndex> {
  return buildIndex(
    await prisma.$queryRawUnsafe<UnitRow[]>(UNITS_SQL),
    await prisma.$queryRawUnsafe<PartnerRow[]>(PARTNERS_SQL),
    await prisma.$queryRawUnsafe<AgreementRow[]>(AGREEMENTS_SQL),
  );
}

/**
 * The index and the saved arrangement, read again only when the tables have
 * changed since (counts and latest update times; a few ms).
 */
export async function loadNetworkIndex(): Promise<{ index: NetworkIndex; saved: SavedLayout | null }> {
  const dataKey = await fingerprint();
  const layoutKey = await savedLayoutStamp();
  const fresh = (cache: Cache | undefined) => cache && cache.dataKey === dataKey && cache.layoutKey === layoutKey;
  if (fresh(holder.__htNetworkCache)) return holder.__htNetworkCache!;
  // One load at a time; a request arriving meanwhile waits for it.
  while (holder.__htNetworkLoading) await holder.__htNetworkLoading.catch(() => undefined);
  const again = holder.__htNetworkCache;
  if (fresh(again)) return again!;
  const loading = (async (): Promise<Cache> => {
    const index = again && again.dataKey === dataKey ? again.index : await readIndex();
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
// What the routes call

/** The map for `filters`, as `reader` may see it. */
export async function getNetwork(filters: NetworkFilters, reader: Reader, today: Date = utcToday()): Promise<Network> {
  const { index, saved } = await loadNetworkIndex();
  return buildNetwork(index, filters, { reader, today, saved }).network;
}

/** HT units by partner kind for the same filters, zeros included: where there are no collaborations. */
export async function getNetworkMatrix(filters: NetworkFilters, reader: Reader, today: Date = utcToday()): Promise<NetworkMatrix> {
  const { index } = await loadNetworkIndex();
  return buildMatrix(index, filters, { reader, today });
}

const AGREEMENT_SELECT = {
  id: true, reference: true, title: true, kind: true, status: true, startDate: true, endDate: true, confidentiality: true,
} as const;

/**
 * The agreements (index positions) behind a line or a node, newest first,
 * split into those `reader` may read and a count of the restricted rest.
 * The index already knows which are restricted, so their rows are never read.
 */
function readableOf(index: NetworkIndex, positions: Iterable<number>, reader: Reader): { readable: string[]; restricted: number } {
  const ordered = newestFirst(index, positions);
  const mayRead = mayReadRestricted(reader);
  const readable = ordered.filter((position) => mayRead || !index.agreements[position]!.restricted);
  return { readable: readable.map((position) => index.agreements[position]!.id), restricted: ordered.length - readable.length };
}

/** Newest first: by start date, then id. */
function newestFirst(index: NetworkIndex, positions: Iterable<number>): number[] {
  return [...positions].sort((x, y) => {
    const a = index.agreements[x]!;
    const b = index.agreements[y]!;
    return (b.start ?? -Infinity) - (a.start ?? -Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/**
 * Agreement rows for drill-downs, in the order of `ids`. Rows the database
 * now holds as restricted (changed since the index was read) are left out
 * for a reader who may not read them, and counted.
 */
async function agreementRows(ids: string[], reader: Reader, today: Date): Promise<{ agreements: NetworkAgreement[]; hidden: number }> {
  const rows = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...(await prisma.agreement.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: AGREEMENT_SELECT })));
  }
  const byId = new Map(rows.map((row) => [row.id, row]));
  const found = ids.flatMap((id) => byId.get(id) ?? []);
  const { readable, hidden } = partitionReadable(reader, found);
  const agreements = readable.map((row) => ({
    id: row.id,
    reference: row.reference,
    title: row.title,
    kind: row.kind as AgreementKind,
    status: effectiveStatus(row.status, row.endDate, today),
    startDate: row.startDate ? row.startDate.toISOString().slice(0, 10) : null,
    endDate: row.endDate ? row.endDate.toISOString().slice(0, 10) : null,
    restricted: row.confidentiality === "RESTRICTED",
  }));
  return { agreements, hidden };
}

/** The agreements behind one line; null when the line is not on the map for these filters and this reader. */
export async function getEdgeAgreements(
  filters: NetworkFilters,
  source: string,
  target: string,
  reader: Reader,
  today: Date = utcToday(),
): Promise<NetworkEdgeDetail | null> {
  const { index } = await loadNetworkIndex();
  const list = buildNetwork(index, filters, { reader, today }).agreementsOf(edgeId(source, target));
  if (!list) return null;
  const { readable, restricted } = readableOf(index, list, reader);
  const { agreements, hidden } = await agreementRows(readable, reader, today);
  return { agreements, restricted: restricted + hidden };
}

/** A node's summary and the agreements on its visible lines; null when it is not on the map. */
export async function getNodeDetail(
  filters: NetworkFilters,
  nodeId: string,
  reader: Reader,
  today: Date = utcToday(),
): Promise<NetworkNodeDetail | null> {
  const { index, saved } = await loadNetworkIndex();
  const { network, agreementsOf } = buildNetwork(index, filters, { reader, today, saved });
  const node = network.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const all = new Set<number>();
  for (const edge of network.edges) {
    if (edge.source === nodeId || edge.target === nodeId) for (const position of agreementsOf(edge.id)!) all.add(position);
  }
  const { readable, restricted } = readableOf(index, all, reader);
  const { agreements, hidden } = await agreementRows(readable.slice(0, NODE_AGREEMENTS_LIMIT), reader, today);
  return { node, agreements, restricted: restricted + hidden, total: all.size };
}

// ---------------------------------------------------------------------------
// The map page's questions

export interface MapAnswers {
  network: Network;
  /** What-if mode: the agreements on the map the scenario ends, as the reader may read them, and how many restricted ones. */
  whatIf: { agreements: NetworkAgreement[]; restricted: number } | null;
}

/** The map for `filters` with what the page shows beside it (the what-if's agreements). */
export async function getMapAnswers(filters: NetworkFilters, reader: Reader, today: Date = utcToday()): Promise<MapAnswers> {
  const { index, saved } = await loadNetworkIndex();
  const built = buildNetwork(index, filters, { reader, today, saved });
  if (!filters.whatIf) return { network: built.network, whatIf: null };
  const { readable, restricted } = readableOf(index, built.ended, reader);
  const { agreements, hidden } = await agreementRows(readable, reader, today);
  return { network: built.network, whatIf: { agreements, restricted: restricted + hidden } };
}

/** The framework agreements the reader may read, active and not archived: what the what-if offers. */
export async function frameworkOptions(reader: Reader): Promise<{ id: string; label: string }[]> {
  const rows = await prisma.agreement.findMany({
    where: { kind: "FRAMEWORK", archivedAt: null, status: "ACTIVE", ...readableWhere(reader) },
    select: { id: true, reference: true, title: true },
    orderBy: [{ reference: "asc" }],
    take: 500,
  });
  return rows.map((row) => ({ id: row.id, label: row.reference ? `${row.reference} · ${row.title}` : row.title }));
}

/**
 * Keeps the search index in step with the data (docs/decisions/052).
 * Triggers on every source table queue the records whose text changed
 * (SearchQueue, see the migration); `refreshSearchIndex` rebuilds their
 * entries in the FTS5 tables (agreement_fts, directory_fts, name_trigram),
 * keyed by SearchKey.key. Every search calls it first, so a search always
 * sees every write, by whatever writer (model functions, an import, SQL).
 *
 * A source is a kind of record: its FTS table, and a loader that builds the
 * entries of some of its records (null for records that no longer exist).
 */
import {
  agreementEntry, partnerEntry, researchLineEntry, unitEntry, type SearchEntry,
} from "~/domain/search-documents";
import { prisma, type Tx } from "~/utils/db.server";

export type SearchKind = "agreement" | "partner" | "unit" | "line";

interface Source {
  table: "agreement_fts" | "directory_fts";
  columns: [string, string];
  load(tx: Tx, ids: string[]): Promise<Map<string, SearchEntry>>;
}

async function loadAgreements(tx: Tx, ids: string[]) {
  const rows = await tx.agreement.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, reference: true, title: true, kind: true, summary: true, details: true, htOwner: true, partnerContact: true,
      protocolNumber: true,
      parties: {
        select: {
          contactName: true,
          unit: { select: { name: true, code: true, parent: { select: { name: true } } } },
          partner: { select: { name: true, acronym: true, aliases: true, parent: { select: { name: true, acronym: true } } } },
        },
      },
      researchLines: { select: { researchLine: { select: { name: true } } } },
      approvals: { select: { bodyName: true, resolutionNumber: true } },
      documents: {
        select: {
          title: true,
          versions: { orderBy: { number: "desc" }, take: 1, select: { fileName: true, pages: { orderBy: { page: "asc" }, select: { text: true } } } },
        },
      },
    },
  });
  return new Map(
    rows.map((a) => [
      a.id,
      agreementEntry({
        ...a,
        researchLines: a.researchLines.map((r) => r.researchLine.name),
        documents: a.documents.flatMap((d) =>
          d.versions.map((v) => ({ title: d.title, fileName: v.fileName, pages: v.pages.map((p) => p.text) }))),
      }),
    ]),
  );
}

async function loadPartners(tx: Tx, ids: string[]) {
  const rows = await tx.partner.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, name: true, acronym: true, aliases: true, city: true,
      parent: { select: { name: true, acronym: true } },
      children: { select: { name: true, acronym: true } },
    },
  });
  return new Map(rows.map((p) => [p.id, partnerEntry(p)]));
}

async function loadUnits(tx: Tx, ids: string[]) {
  const rows = await tx.unit.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, code: true, description: true, parent: { select: { name: true } } },
  });
  return new Map(rows.map((u) => [u.id, unitEntry(u)]));
}

async function loadLines(tx: Tx, ids: string[]) {
  const rows = await tx.researchLine.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, unit: { select: { name: true } } },
  });
  return new Map(rows.map((l) => [l.id, researchLineEntry(l)]));
}

export const SOURCES: Record<SearchKind, Source> = {
  agreement: { table: "agreement_fts", columns: ["record", "documents"], load: loadAgreements },
  partner: { table: "directory_fts", columns: ["name", "body"], load: loadPartners },
  unit: { table: "directory_fts", columns: ["name", "body"], load: loadUnits },
  line: { table: "directory_fts", columns: ["name", "body"], load: loadLines },
};

const BATCH = 200;

/** The record's key, created on first use. */
async function keyOf(tx: Tx, kind: string, entityId: string): Promise<number> {
  await tx.$executeRaw`INSERT INTO "SearchKey" ("kind", "entityId") VALUES (${kind}, ${entityId}) ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<{ key: number | bigint }[]>`SELECT "key" FROM "SearchKey" WHERE "kind" = ${kind} AND "entityId" = ${entityId}`;
  return Number(rows[0]!.key);
}

/** Replaces (or removes, when `entry` is null) one record's rows in the index. */
async function writeEntry(tx: Tx, source: Source, kind: string, entityId: string, entry: SearchEntry | null) {
  const key = await keyOf(tx, kind, entityId);
  await tx.$executeRawUnsafe(`DELETE FROM "${source.table}" WHERE rowid = ?`, key);
  await tx.$executeRawUnsafe(`DELETE FROM "name_trigram" WHERE rowid = ?`, key);
  if (!entry) {
    await tx.$executeRaw`DELETE FROM "SearchKey" WHERE "key" = ${key}`;
    return;
  }
  const [a, b] = source.columns;
  await tx.$executeRawUnsafe(`INSERT INTO "${source.table}" (rowid, "${a}", "${b}") VALUES (?, ?, ?)`, key, ...entry.columns);
  if (entry.names) await tx.$executeRawUnsafe(`INSERT INTO "name_trigram" (rowid, "name") VALUES (?, ?)`, key, entry.names);
}

/** Rebuilds one batch of queued entries in one transaction; how many it rebuilt. */
async function refreshBatch(): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const queued = await tx.searchQueue.findMany({ take: BATCH, select: { kind: true, entityId: true } });
      if (!queued.length) return 0;
      const byKind = new Map<string, string[]>();
      for (const q of queued) byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), q.entityId]);
      for (const [kind, ids] of byKind) {
        const source = SOURCES[kind as SearchKind];
        if (!source) continue;
        const entries = await source.load(tx, ids);
        for (const id of ids) await writeEntry(tx, source, kind, id, entries.get(id) ?? null);
      }
      for (const [kind, ids] of byKind) await tx.searchQueue.deleteMany({ where: { kind, entityId: { in: ids } } });
      await tx.$executeRaw`UPDATE "SearchState" SET "generation" = "generation" + 1 WHERE "id" = 1`;
      return queued.length;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Rebuilds every queued entry; returns how many. Cheap when nothing is queued (one indexed read). */
export async function refreshSearchIndex(): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await refreshBatch();
    total += n;
    if (n < BATCH) return total;
  }
}

/** The index's generation: it changes whenever an entry does. */
export async function searchGeneration(): Promise<number> {
  const rows = await prisma.$queryRaw<{ generation: number | bigint }[]>`SELECT "generation" FROM "SearchState" WHERE "id" = 1`;
  return Number(rows[0]?.generation ?? 0);
}

/** Queues every record for re-indexing (after a change to what the index holds). */
export async function queueEverything() {
  await prisma.$executeRawUnsafe(`
    INSERT OR IGNORE INTO "SearchQueue" ("kind", "entityId", "queuedAt")
    SELECT 'agreement', "id", CURRENT_TIMESTAMP FROM "Agreement" UNION ALL
    SELECT 'partner', "id", CURRENT_TIMESTAMP FROM "Partner" UNION ALL
    SELECT 'unit', "id", CURRENT_TIMESTAMP FROM "Unit" UNION ALL
    SELECT 'line', "id", CURRENT_TIMESTAMP FROM "ResearchLine"`);
}

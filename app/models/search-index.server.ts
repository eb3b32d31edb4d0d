/**
 * Keeps the search index in step with the data (docs/decisions/052).
 * Triggers on every source table queue the records whose text changed
 * (SearchQueue, see the migration); `refreshSearchIndex` rebuilds their
 * entries in the FTS5 tables (agreement_fts and directory_fts, and their
 * trigram tables of names, agreement_names and directory_names),
 * keyed by SearchKey.key. Every search calls it first, so a search always
 * sees every write, by whatever writer (model functions, an import, SQL).
 *
 * A source is a kind of record: its FTS table, and a loader that builds the
 * entries of some of its records (null for records that no longer exist).
 */
import {
  agreementEntry, partnerEntry, researchLineEntry, unitEntry, type SearchEntry,
} from "~/domain/search-documents";
import { chunks } from "~/utils/chunks";
import { prisma, type Tx } from "~/utils/db.server";

export type SearchKind = "agreement" | "partner" | "unit" | "line";

interface Source {
  table: "agreement_fts" | "directory_fts";
  /** The trigram table of the same records' names. */
  names: "agreement_names" | "directory_names";
  columns: [string, string];
  load(tx: Tx, ids: string[]): Promise<Map<string, SearchEntry>>;
}

type Row = Record<string, string | null>;

/** Rows of `sql` (with one "IN (?)" list for `ids`), grouped by their `agreementId` column. */
async function grouped(tx: Tx, sql: string, ids: string[]): Promise<Map<string, Row[]>> {
  const rows = await tx.$queryRawUnsafe<Row[]>(sql.replace("(?)", `(${ids.map(() => "?").join(", ")})`), ...ids);
  const out = new Map<string, Row[]>();
  for (const r of rows) out.set(r.agreementId!, [...(out.get(r.agreementId!) ?? []), r]);
  return out;
}

/**
 * The agreements' index entries. Plain SQL, one query per related table for
 * the whole batch: an import of thousands of agreements is indexed in seconds.
 */
async function loadAgreements(tx: Tx, ids: string[]) {
  const [agreements, parties, lines, approvals, documents] = await Promise.all([
    grouped(tx, `SELECT "id" AS "agreementId", "reference", "title", "kind", "summary", "details", "htOwner", "partnerContact", "protocolNumber" FROM "Agreement" WHERE "id" IN (?)`, ids),
    grouped(tx, `SELECT ap."agreementId", ap."contactName", u."name" AS "unitName", u."code" AS "unitCode", pu."name" AS "unitParent",
        p."name" AS "partnerName", p."acronym", p."aliases", pp."name" AS "parentName", pp."acronym" AS "parentAcronym"
       FROM "AgreementParty" ap LEFT JOIN "Unit" u ON u."id" = ap."unitId" LEFT JOIN "Unit" pu ON pu."id" = u."parentId"
       LEFT JOIN "Partner" p ON p."id" = ap."partnerId" LEFT JOIN "Partner" pp ON pp."id" = p."parentId"
      WHERE ap."agreementId" IN (?)`, ids),
    grouped(tx, `SELECT al."agreementId", l."name" FROM "AgreementResearchLine" al JOIN "ResearchLine" l ON l."id" = al."researchLineId" WHERE al."agreementId" IN (?)`, ids),
    grouped(tx, `SELECT "agreementId", "bodyName", "resolutionNumber" FROM "Approval" WHERE "agreementId" IN (?)`, ids),
    grouped(tx, `SELECT d."agreementId", d."title", v."fileName",
        (SELECT group_concat("text", ' \n') FROM (SELECT "text" FROM "DocumentPage" WHERE "versionId" = v."id" ORDER BY "page")) AS "text"
       FROM "Document" d JOIN "DocumentVersion" v ON v."documentId" = d."id"
      WHERE d."agreementId" IN (?) AND v."number" = (SELECT max("number") FROM "DocumentVersion" WHERE "documentId" = d."id")`, ids),
  ]);
  const entries = new Map<string, SearchEntry>();
  for (const [id, [a]] of agreements) {
    entries.set(id, agreementEntry({
      reference: a!.reference!, title: a!.title!, kind: a!.kind!, summary: a!.summary ?? "", details: a!.details ?? "{}",
      htOwner: a!.htOwner ?? "", partnerContact: a!.partnerContact ?? "", protocolNumber: a!.protocolNumber ?? null,
      parties: (parties.get(id) ?? []).map((p) => ({
        contactName: p.contactName ?? "",
        unit: p.unitName ? { name: p.unitName, code: p.unitCode ?? "", parent: p.unitParent ? { name: p.unitParent } : null } : null,
        partner: p.partnerName
          ? { name: p.partnerName, acronym: p.acronym ?? null, aliases: p.aliases ?? "", parent: p.parentName ? { name: p.parentName, acronym: p.parentAcronym ?? null } : null }
          : null,
      })),
      researchLines: (lines.get(id) ?? []).map((l) => l.name ?? ""),
      approvals: (approvals.get(id) ?? []).map((x) => ({ bodyName: x.bodyName ?? "", resolutionNumber: x.resolutionNumber ?? "" })),
      documents: (documents.get(id) ?? []).map((d) => ({ title: d.title ?? "", fileName: d.fileName ?? "", pages: d.text ? [d.text] : [] })),
    }));
  }
  return entries;
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
  agreement: { table: "agreement_fts", names: "agreement_names", columns: ["record", "documents"], load: loadAgreements },
  partner: { table: "directory_fts", names: "directory_names", columns: ["name", "body"], load: loadPartners },
  unit: { table: "directory_fts", names: "directory_names", columns: ["name", "body"], load: loadUnits },
  line: { table: "directory_fts", names: "directory_names", columns: ["name", "body"], load: loadLines },
};

const BATCH = 400;
/** SQLite's bound-parameter limit as Prisma applies it. */
const MAX_PARAMS = 990;


/** The records' keys, and which of them are new (nothing to delete from the index for those). */
async function keysOf(tx: Tx, kind: string, ids: string[]): Promise<{ keys: Map<string, number>; fresh: Set<number> }> {
  const keys = new Map<string, number>();
  const fresh = new Set<number>();
  for (const part of chunks(ids, Math.floor(MAX_PARAMS / 2))) {
    const existing = await tx.searchKey.findMany({ where: { kind, entityId: { in: part } }, select: { key: true, entityId: true } });
    for (const r of existing) keys.set(r.entityId, r.key);
    const missing = part.filter((id) => !keys.has(id));
    if (!missing.length) continue;
    const created = await tx.$queryRawUnsafe<{ key: number | bigint; entityId: string }[]>(
      `INSERT INTO "SearchKey" ("kind", "entityId") VALUES ${missing.map(() => "(?, ?)").join(", ")} RETURNING "key", "entityId"`,
      ...missing.flatMap((id) => [kind, id]),
    );
    for (const r of created) {
      keys.set(r.entityId, Number(r.key));
      fresh.add(Number(r.key));
    }
  }
  return { keys, fresh };
}

/** Replaces the index rows of these records (removes them for records that no longer exist), in a few statements. */
async function writeEntries(tx: Tx, source: Source, kind: string, ids: string[], entries: Map<string, SearchEntry>) {
  const { keys, fresh } = await keysOf(tx, kind, ids);
  const old = [...keys.values()].filter((k) => !fresh.has(k));
  for (const part of chunks(old, MAX_PARAMS)) {
    const marks = part.map(() => "?").join(", ");
    await tx.$executeRawUnsafe(`DELETE FROM "${source.table}" WHERE rowid IN (${marks})`, ...part);
    await tx.$executeRawUnsafe(`DELETE FROM "${source.names}" WHERE rowid IN (${marks})`, ...part);
  }
  const gone = ids.filter((id) => !entries.has(id)).map((id) => keys.get(id)!);
  for (const part of chunks(gone, MAX_PARAMS)) {
    await tx.$executeRawUnsafe(`DELETE FROM "SearchKey" WHERE "key" IN (${part.map(() => "?").join(", ")})`, ...part);
  }
  const rows = ids.flatMap((id) => (entries.has(id) ? [{ key: keys.get(id)!, entry: entries.get(id)! }] : []));
  const [a, b] = source.columns;
  for (const part of chunks(rows, Math.floor(MAX_PARAMS / 3))) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "${source.table}" (rowid, "${a}", "${b}") VALUES ${part.map(() => "(?, ?, ?)").join(", ")}`,
      ...part.flatMap((r) => [r.key, ...r.entry.columns]),
    );
    const named = part.filter((r) => r.entry.names);
    if (named.length) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "${source.names}" (rowid, "name") VALUES ${named.map(() => "(?, ?)").join(", ")}`,
        ...named.flatMap((r) => [r.key, r.entry.names]),
      );
    }
  }
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
        if (source) await writeEntries(tx, source, kind, ids, await source.load(tx, ids));
        await tx.searchQueue.deleteMany({ where: { kind, entityId: { in: ids } } });
      }
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

/** At a server's start: rebuilds whatever is queued (after a migration that re-made an index: everything) in the background, saying how much. */
export async function refreshSearchIndexAtStart() {
  const started = Date.now();
  try {
    const n = await refreshSearchIndex();
    if (n) console.log(`[search] rebuilt ${n} index entries at start in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error("[search] the search index could not be rebuilt at start (searches will finish it):", error);
  }
}

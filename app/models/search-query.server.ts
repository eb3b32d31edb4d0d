/**
 * Reading the search index (docs/decisions/052): the SQL that finds the
 * records matching a query's words (each word as a prefix in the word
 * index, or, from three letters on, inside a name through the trigram
 * index; every word must match, anywhere in the record), ranked candidates,
 * and the agreement list's search filter, which keeps the matching
 * agreements in SearchMatch so the list's Prisma query can filter, sort and
 * page on them. The index is refreshed first, so every write is seen.
 */
import type { Prisma } from "~/generated/prisma/client";
import { partialExpression, queryWords, wordsExpression } from "~/domain/search-text";
import { prisma } from "~/utils/db.server";
import { refreshSearchIndex, searchGeneration } from "./search-index.server";

export type FtsTable = "agreement_fts" | "directory_fts";
const NAMES: Record<FtsTable, string> = { agreement_fts: "agreement_names", directory_fts: "directory_names" };

/** How many of the most recent matches are ranked by relevance; beyond, recent first (see 052). */
const RANKED_WINDOW = 1000;

interface Sql {
  sql: string;
  params: (string | number)[];
}

/** `SELECT key`: the keys of `table`'s records matching every word (word prefixes, or partial names). */
export function matchingKeys(table: FtsTable, words: string[]): Sql {
  const parts = words.map((word) => {
    const partial = partialExpression(word);
    const exact = `SELECT rowid AS key FROM "${table}" WHERE "${table}" MATCH ?`;
    return partial
      ? { sql: `SELECT key FROM (${exact} UNION SELECT rowid AS key FROM "${NAMES[table]}" WHERE "${NAMES[table]}" MATCH ?)`, params: [`"${word}"*`, partial] }
      : { sql: `SELECT key FROM (${exact})`, params: [`"${word}"*`] };
  });
  return { sql: parts.map((p) => p.sql).join(" INTERSECT "), params: parts.flatMap((p) => p.params) };
}

/**
 * Up to `limit` keys of `table` matching the query, best first: records
 * holding every word as a word prefix ranked by BM25 (the record's name or
 * title weighs ten times its other text), then those matched only through
 * partial words, newest first.
 */
export async function rankedKeys(table: FtsTable, words: string[], limit: number): Promise<number[]> {
  const all = wordsExpression(words);
  // One pass: FTS5 walks the matches newest first and stops after the window; only those are scored.
  const ranked = await prisma.$queryRawUnsafe<{ key: number | bigint }[]>(
    `SELECT key FROM (
       SELECT rowid AS key, bm25("${table}", 10.0, 1.0) AS score FROM "${table}" WHERE "${table}" MATCH ? ORDER BY rowid DESC LIMIT ${RANKED_WINDOW}
     ) ORDER BY score, key DESC LIMIT ${limit}`,
    all,
  );
  const keys = ranked.map((r) => Number(r.key));
  if (keys.length < limit && words.some((w) => partialExpression(w))) {
    const m = matchingKeys(table, words);
    const more = await prisma.$queryRawUnsafe<{ key: number | bigint }[]>(
      `SELECT key FROM (${m.sql}) ORDER BY key DESC LIMIT ${limit}`, ...m.params,
    );
    for (const { key } of more) if (!keys.includes(Number(key)) && keys.length < limit) keys.push(Number(key));
  }
  return keys;
}

/** The records behind index keys, in the keys' order. */
export async function recordsOf(keys: number[]): Promise<{ key: number; kind: string; entityId: string }[]> {
  if (!keys.length) return [];
  const rows = await prisma.searchKey.findMany({ where: { key: { in: keys } } });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
}

const QUERY_TTL_MS = 60 * 60 * 1000;

/** Drops cached list searches made on an older index, or unused for an hour. */
async function pruneCachedSearches(tx: Prisma.TransactionClient, generation: number, keep: string) {
  const stale = await tx.searchQuery.findMany({
    where: { key: { not: keep }, OR: [{ generation: { lt: generation } }, { usedAt: { lt: new Date(Date.now() - QUERY_TTL_MS) } }] },
    select: { key: true },
    take: 100,
  });
  if (!stale.length) return;
  const keys = stale.map((s) => s.key);
  await tx.searchMatch.deleteMany({ where: { queryKey: { in: keys } } });
  await tx.searchQuery.deleteMany({ where: { key: { in: keys } } });
}

/**
 * The agreement list's condition for a search box query: the agreements
 * whose record or documents hold every word (accents and case ignored).
 * The matches are kept in SearchMatch while the index does not change, so
 * paging and sorting the same search do not search again.
 */
export async function agreementSearchWhere(q: string): Promise<Prisma.AgreementWhereInput> {
  await refreshSearchIndex();
  const words = queryWords(q);
  // Only one-letter words: match the reference or title as typed.
  if (!words.length) return { OR: [{ reference: { contains: q } }, { title: { contains: q } }] };
  const key = words.join(" ");
  const generation = await searchGeneration();
  const cached = await prisma.searchQuery.findUnique({ where: { key } });
  if (cached?.generation !== generation) {
    await prisma.$transaction(async (tx) => {
      await tx.searchMatch.deleteMany({ where: { queryKey: key } });
      const m = matchingKeys("agreement_fts", words);
      await tx.$executeRawUnsafe(
        `INSERT INTO "SearchMatch" ("queryKey", "agreementId")
         SELECT ?, k."entityId" FROM "SearchKey" k WHERE k."kind" = 'agreement' AND k."key" IN (${m.sql})`,
        key, ...m.params,
      );
      await tx.searchQuery.upsert({ where: { key }, create: { key, generation }, update: { generation, usedAt: new Date() } });
      await pruneCachedSearches(tx, generation, key);
    });
  }
  return { searchMatches: { some: { queryKey: key } } };
}

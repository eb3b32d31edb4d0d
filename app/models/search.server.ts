/**
 * One search over everything (docs/decisions/052), for the search page and
 * the quick search box: agreements (with where they matched: the title, a
 * party, the summary... or a document's page), the documents that hold the
 * words, partners, HT units and research lines; each group ranked, with
 * highlighted snippets. A restricted agreement a reader may not read is
 * dropped before any of its text is read, so it appears in no result or
 * snippet, nor do its documents.
 */
import { readableConfidentialities, readableWhere, type Reader } from "~/domain/confidentiality";
import { detailsText } from "~/domain/search-documents";
import { DOCUMENT_KINDS } from "~/domain/documents";
import { effectiveStatus } from "~/domain/lifecycle";
import { markAll, partialExpression, queryWords, snippet, wordsExpression, wordsFound, type Marked } from "~/domain/search-text";
import { prisma } from "~/utils/db.server";
import { matchingKeys, rankedKeys, recordsOf } from "./search-query.server";
import { refreshSearchIndex } from "./search-index.server";

export interface AgreementHit {
  id: string;
  reference: string;
  title: Marked;
  status: string;
  kind: string;
  archived: boolean;
  /** "in the parties", "in the signed deed “deed.pdf”, page 4" */
  where: string;
  snippet: Marked | null;
}
export interface DocumentHit {
  versionId: string;
  agreementId: string;
  agreementReference: string;
  title: string;
  kind: string;
  page: number | null;
  snippet: Marked;
}
export interface DirectoryHit {
  id: string;
  href: string;
  name: Marked;
  detail: string;
}
export interface SearchResults {
  query: string;
  words: string[];
  agreements: { total: number; more: boolean; hits: AgreementHit[] };
  documents: DocumentHit[];
  partners: DirectoryHit[];
  units: DirectoryHit[];
  lines: DirectoryHit[];
}

const COUNT_CAP = 1000;

/** `SELECT count(*)` of the readable agreements among `source`'s keys, stopping after COUNT_CAP + 1. */
async function countReadable(source: string, params: (string | number)[], reader: Reader): Promise<number> {
  const allowed = readableConfidentialities(reader);
  const rows = await prisma.$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM (${source}) m JOIN "SearchKey" k ON k."key" = m.key
       JOIN "Agreement" a ON a."id" = k."entityId"
      WHERE k."kind" = 'agreement' ${allowed ? `AND a."confidentiality" IN (${allowed.map(() => "?").join(", ")})` : ""}
      LIMIT ${COUNT_CAP + 1})`,
    ...params, ...(allowed ?? []),
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * How many agreements `reader` may read match (up to COUNT_CAP + 1). Counted
 * first on the word index, which streams and stops at the cap; only when
 * fewer match are partial words added, on a set that is then small.
 */
async function countAgreements(words: string[], reader: Reader): Promise<number> {
  const byWords = await countReadable(`SELECT rowid AS key FROM "agreement_fts" WHERE "agreement_fts" MATCH ?`, [wordsExpression(words)], reader);
  if (byWords > COUNT_CAP || !words.some((w) => partialExpression(w))) return byWords;
  const m = matchingKeys("agreement_fts", words);
  return countReadable(`SELECT key FROM (${m.sql})`, m.params, reader);
}

const agreementSelect = {
  id: true, reference: true, title: true, kind: true, status: true, endDate: true, archivedAt: true, confidentiality: true,
  summary: true, details: true, partnersLabel: true, unitsLabel: true, htOwner: true, partnerContact: true, protocolNumber: true,
  parties: { select: { contactName: true, partner: { select: { aliases: true } } } },
  approvals: { select: { resolutionNumber: true } },
  researchLines: { select: { researchLine: { select: { name: true } } } },
};

interface PageRow { agreementId: string; versionId: string; kind: string; title: string; pageCount: number | null; page: number; text: string }

/** The pages of the current versions of these agreements' documents, in page order. */
async function documentPages(agreementIds: string[]): Promise<Map<string, PageRow[]>> {
  const out = new Map<string, PageRow[]>();
  if (!agreementIds.length) return out;
  const rows = await prisma.$queryRawUnsafe<PageRow[]>(
    `SELECT d."agreementId", v."id" AS "versionId", d."kind", d."title", v."pageCount", p."page", p."text"
       FROM "Document" d JOIN "DocumentVersion" v ON v."documentId" = d."id" JOIN "DocumentPage" p ON p."versionId" = v."id"
      WHERE d."agreementId" IN (${agreementIds.map(() => "?").join(", ")})
        AND v."number" = (SELECT max("number") FROM "DocumentVersion" WHERE "documentId" = d."id")
      ORDER BY d."createdAt", p."page"`,
    ...agreementIds,
  );
  for (const r of rows) out.set(r.agreementId, [...(out.get(r.agreementId) ?? []), r]);
  return out;
}

type Found = NonNullable<Awaited<ReturnType<typeof loadAgreements>>>[number];

async function loadAgreements(ids: string[], reader: Reader) {
  return prisma.agreement.findMany({ where: { id: { in: ids }, ...readableWhere(reader) }, select: agreementSelect });
}

/** The agreement's fields in the order a person reads them, to say where the words were found. */
function fieldsOf(a: Found): [string, string][] {
  return [
    ["in the title", `${a.reference} ${a.title}`],
    ["in the parties", [a.partnersLabel, a.unitsLabel, ...a.parties.map((p) => p.partner?.aliases ?? "")].join("; ")],
    ["in the summary", a.summary],
    ["in the specific terms", detailsText(a.details)],
    ["in the contacts", [a.htOwner, a.partnerContact, ...a.parties.map((p) => p.contactName)].filter(Boolean).join("; ")],
    ["in the research lines", a.researchLines.map((r) => r.researchLine.name).join("; ")],
    ["in the approvals and registration", [a.protocolNumber ?? "", ...a.approvals.map((x) => x.resolutionNumber)].join("; ")],
  ];
}

/** Each document's page holding the most words, best documents first. */
function documentMatches(a: Found, pages: PageRow[], words: string[]): (DocumentHit & { found: number })[] {
  const best = new Map<string, PageRow & { found: number }>();
  for (const p of pages) {
    const current = best.get(p.versionId);
    if (current?.found === words.length) continue;
    const found = wordsFound(p.text, words);
    if (found && (!current || found > current.found)) best.set(p.versionId, { ...p, found });
  }
  return [...best.values()].map((p) => ({
    versionId: p.versionId, agreementId: a.id, agreementReference: a.reference, title: p.title, kind: p.kind,
    page: p.pageCount ? Number(p.page) : null, snippet: snippet(p.text, words), found: p.found,
  })).sort((x, y) => y.found - x.found);
}

function describeDocument(d: DocumentHit): string {
  return `in the ${DOCUMENT_KINDS.label(d.kind).toLowerCase()} “${d.title}”${d.page ? `, page ${d.page}` : ""}`;
}

/** The field holding the most words, with its snippet. */
function bestField(a: Found, words: string[]) {
  let where = "";
  let best: Marked | null = null;
  let bestFound = 0;
  for (const [label, text] of fieldsOf(a)) {
    const found = wordsFound(text, words, true);
    if (found > bestFound) [where, best, bestFound] = [label, snippet(text, words, 160, true), found];
    if (bestFound === words.length) break;
  }
  return { where, best, bestFound };
}

/** One agreement as a result: the place holding the most words (its fields first, then its documents' pages). */
function agreementHit(a: Found, field: ReturnType<typeof bestField>, pages: PageRow[], words: string[], today: Date) {
  let { where, best } = field;
  const bestFound = field.bestFound;
  const documents = documentMatches(a, pages, words);
  const topDoc = documents[0];
  if (topDoc && topDoc.found > bestFound) [where, best] = [describeDocument(topDoc), topDoc.snippet];
  const hit: AgreementHit = {
    id: a.id, reference: a.reference, title: markAll(a.title, words, true), kind: a.kind,
    status: effectiveStatus(a.status, a.endDate, today), archived: a.archivedAt !== null, where, snippet: where === "in the title" ? null : best,
  };
  return { hit, documents: documents.map(({ found: _found, ...d }) => d) };
}

async function agreementResults(words: string[], reader: Reader, limit: number, today: Date) {
  const keys = await rankedKeys("agreement_fts", words, limit * 3);
  const records = (await recordsOf(keys)).filter((r) => r.kind === "agreement");
  // The reader's rule first, on the candidates' ids alone; only the results shown are read in full.
  const readable = new Set((await prisma.agreement.findMany({
    where: { id: { in: records.map((r) => r.entityId) }, ...readableWhere(reader) }, select: { id: true },
  })).map((r) => r.id));
  const top = records.filter((r) => readable.has(r.entityId)).slice(0, limit).map((r) => r.entityId);
  const rows = await loadAgreements(top, reader);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = top.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const fields = ordered.map((a) => bestField(a, words));
  // Documents are read only for the agreements whose own fields do not hold every word.
  const pages = await documentPages(ordered.filter((_, i) => fields[i]!.bestFound < words.length).map((a) => a.id));
  const built = ordered.map((a, i) => agreementHit(a, fields[i]!, pages.get(a.id) ?? [], words, today));
  return { hits: built.map((b) => b.hit), documents: built.flatMap((b) => b.documents).slice(0, limit) };
}

async function directoryResults(words: string[], limit: number) {
  const records = await recordsOf(await rankedKeys("directory_fts", words, limit * 3));
  const ids = (kind: string) => records.filter((r) => r.kind === kind).map((r) => r.entityId);
  const [partners, units, lines] = await Promise.all([
    prisma.partner.findMany({ where: { id: { in: ids("partner") } }, select: { id: true, name: true, acronym: true, city: true, aliases: true } }),
    prisma.unit.findMany({ where: { id: { in: ids("unit") } }, select: { id: true, name: true, code: true, parent: { select: { name: true } } } }),
    prisma.researchLine.findMany({ where: { id: { in: ids("line") } }, select: { id: true, name: true, unit: { select: { id: true, name: true } } } }),
  ]);
  const inOrder = <T extends { id: string }>(kind: string, rows: T[]) =>
    ids(kind).flatMap((id) => rows.filter((r) => r.id === id)).slice(0, limit);
  return {
    partners: inOrder("partner", partners).map((p) => ({
      id: p.id, href: `/partners/${p.id}`, name: markAll(p.acronym ? `${p.name} (${p.acronym})` : p.name, words, true),
      detail: [p.city, p.aliases ? `also ${p.aliases.split("\n").join(", ")}` : ""].filter(Boolean).join(" · "),
    })),
    units: inOrder("unit", units).map((u) => ({ id: u.id, href: `/units/${u.id}`, name: markAll(u.name, words, true), detail: u.parent?.name ?? u.code })),
    lines: inOrder("line", lines).map((l) => ({ id: l.id, href: `/units/${l.unit.id}`, name: markAll(l.name, words, true), detail: l.unit.name })),
  };
}

/** Everything matching `query` that `reader` may see, grouped by type, `limit` per group. */
export async function searchEverything(query: string, reader: Reader, { limit = 10, today = new Date() } = {}): Promise<SearchResults> {
  const words = queryWords(query);
  const empty = { query, words, agreements: { total: 0, more: false, hits: [] }, documents: [], partners: [], units: [], lines: [] };
  if (!words.length) return empty;
  await refreshSearchIndex();
  const [agreements, total, directory] = await Promise.all([
    agreementResults(words, reader, limit, today),
    countAgreements(words, reader),
    directoryResults(words, limit),
  ]);
  return {
    query, words,
    agreements: { total: Math.min(total, COUNT_CAP), more: total > COUNT_CAP, hits: agreements.hits },
    documents: agreements.documents,
    ...directory,
  };
}

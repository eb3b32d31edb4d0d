/**
 * The synthetic database's documents and search index (prisma/synthetic.ts):
 * documents with versions and pages of extracted, contract-like text
 * (deterministic, about 350 words a page, a long-tailed vocabulary so that
 * some words are on every page and most on few), and the search index
 * built with the app's own entry builders (app/domain/search-documents.ts),
 * written straight into the FTS5 tables; the queue the triggers filled is
 * then emptied, as the app's indexer would leave it.
 */
import type Database from "better-sqlite3";
import { agreementEntry, partnerEntry, researchLineEntry, unitEntry, type SearchEntry } from "../app/domain/search-documents";

type Db = Database.Database;

const COMMON = (
  "the of and to in a shall be by parties agreement party this or for with any as on all such under its their each " +
  "other data research project results article clause provided within term period shall not may written notice"
).split(" ");
const LEGAL = (
  "intellectual property confidentiality liability indemnity termination renewal publication background foreground " +
  "governance committee obligations warranty jurisdiction arbitration milano roma consorzio università convenzione " +
  "accordo attuativo quadro dati personali titolare responsabile trattamento campioni materiale biologico genomica " +
  "sequenziamento imaging calcolo infrastruttura laboratorio ricerca finanziamento contributo rendicontazione"
).split(" ");

/** A deterministic pseudo-word vocabulary: the long tail of a real corpus. */
function vocabulary(next: () => number, size: number): string[] {
  const letters = "abcdefgilmnoprstuvz";
  const words: string[] = [];
  for (let i = 0; i < size; i++) {
    let w = "";
    const n = 5 + Math.floor(next() * 6);
    for (let j = 0; j < n; j++) w += letters[Math.floor(next() * letters.length)];
    words.push(w);
  }
  return words;
}

export interface DocumentOptions {
  documents: number;
  pages: number;
}

/** Writes `documents` documents (two per agreement at most, round the list), each with its pages of text. */
export function fillDocuments(db: Db, next: () => number, agreements: { id: string; title: string; partners: string[] }[], o: DocumentOptions, stamp: string) {
  if (!o.documents || !agreements.length) return;
  const tail = vocabulary(next, 4000);
  const pick = (list: string[], power = 1) => list[Math.floor(Math.pow(next(), power) * list.length)]!;
  const docStmt = db.prepare(`INSERT INTO "Document" ("id", "agreementId", "kind", "title", "version", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, 1, ?, ?)`);
  const versionStmt = db.prepare(
    `INSERT INTO "DocumentVersion" ("id", "documentId", "number", "fileName", "sha256", "size", "mimeType", "uploadedByEmail", "uploadedAt", "textStatus", "textPagesDone", "pageCount")
     VALUES (?, ?, 1, ?, ?, ?, 'application/pdf', 'system (synthetic)', ?, 'DONE', ?, ?)`,
  );
  const pageStmt = db.prepare(`INSERT INTO "DocumentPage" ("versionId", "page", "text") VALUES (?, ?, ?)`);
  const kinds = ["SIGNED_DEED", "DRAFT", "ANNEX", "AMENDMENT", "CORRESPONDENCE"];
  for (let d = 0; d < o.documents; d++) {
    const a = agreements[d % agreements.length]!;
    const id = `syn_doc_${String(d + 1).padStart(6, "0")}`;
    const kind = kinds[Math.floor(d / agreements.length) % kinds.length]!;
    const title = `${kind === "SIGNED_DEED" ? "Signed deed" : kind.toLowerCase()} ${a.title.slice(0, 40)}.pdf`;
    docStmt.run(id, a.id, kind, title, stamp, stamp);
    const pages: string[] = [];
    for (let p = 0; p < o.pages; p++) {
      const words: string[] = [];
      for (let k = 0; k < 350; k++) {
        const r = next();
        words.push(r < 0.45 ? pick(COMMON) : r < 0.6 ? pick(LEGAL) : r < 0.62 ? pick(a.partners) : pick(tail, 2.2));
      }
      pages.push(words.join(" "));
    }
    const size = pages.reduce((n, t) => n + t.length, 0);
    versionStmt.run(`${id}_v1`, id, title, id.padEnd(64, "0").slice(0, 64).replace(/[^0-9a-f]/g, "0"), size, stamp, o.pages, o.pages);
    pages.forEach((text, i) => pageStmt.run(`${id}_v1`, i + 1, text));
  }
}

function writer(db: Db) {
  const keyStmt = db.prepare(`INSERT INTO "SearchKey" ("kind", "entityId") VALUES (?, ?)`);
  const stmts = {
    agreement_fts: db.prepare(`INSERT INTO "agreement_fts" (rowid, "record", "documents") VALUES (?, ?, ?)`),
    directory_fts: db.prepare(`INSERT INTO "directory_fts" (rowid, "name", "body") VALUES (?, ?, ?)`),
    agreement_names: db.prepare(`INSERT INTO "agreement_names" (rowid, "name") VALUES (?, ?)`),
    directory_names: db.prepare(`INSERT INTO "directory_names" (rowid, "name") VALUES (?, ?)`),
  };
  return (table: "agreement_fts" | "directory_fts", kind: string, id: string, entry: SearchEntry) => {
    const key = Number(keyStmt.run(kind, id).lastInsertRowid);
    stmts[table].run(key, ...entry.columns);
    if (entry.names) stmts[table === "agreement_fts" ? "agreement_names" : "directory_names"].run(key, entry.names);
  };
}

/** Builds the whole search index from the rows, as the app's indexer would. */
export function buildSearchIndex(db: Db) {
  const write = writer(db);
  const parent = db.prepare(`SELECT "name", "acronym" FROM "Partner" WHERE "id" = ?`);
  for (const p of db.prepare(`SELECT * FROM "Partner"`).all() as Record<string, string | null>[]) {
    const children = db.prepare(`SELECT "name", "acronym" FROM "Partner" WHERE "parentId" = ?`).all(p.id) as { name: string; acronym: string | null }[];
    write("directory_fts", "partner", p.id!, partnerEntry({
      name: p.name!, acronym: p.acronym ?? null, aliases: p.aliases ?? "", city: p.city ?? "",
      parent: p.parentId ? (parent.get(p.parentId) as { name: string; acronym: string | null }) : null, children,
    }));
  }
  const unitParent = db.prepare(`SELECT "name" FROM "Unit" WHERE "id" = ?`);
  for (const u of db.prepare(`SELECT * FROM "Unit"`).all() as Record<string, string | null>[]) {
    write("directory_fts", "unit", u.id!, unitEntry({
      name: u.name!, code: u.code!, description: u.description ?? "", parent: u.parentId ? (unitParent.get(u.parentId) as { name: string }) : null,
    }));
  }
  for (const l of db.prepare(`SELECT l."id", l."name", u."name" AS unit FROM "ResearchLine" l JOIN "Unit" u ON u."id" = l."unitId"`).all() as { id: string; name: string; unit: string }[]) {
    write("directory_fts", "line", l.id, researchLineEntry({ name: l.name, unit: { name: l.unit } }));
  }
  buildAgreementIndex(db, write);
  db.exec(`DELETE FROM "SearchQueue"`);
  db.exec(`INSERT INTO "agreement_fts" ("agreement_fts") VALUES ('optimize')`);
}

function buildAgreementIndex(db: Db, write: ReturnType<typeof writer>) {
  const parties = db.prepare(
    `SELECT ap."contactName", u."name" AS unitName, u."code" AS unitCode, pu."name" AS unitParent,
            p."name" AS partnerName, p."acronym", p."aliases", pp."name" AS parentName, pp."acronym" AS parentAcronym
       FROM "AgreementParty" ap LEFT JOIN "Unit" u ON u."id" = ap."unitId" LEFT JOIN "Unit" pu ON pu."id" = u."parentId"
       LEFT JOIN "Partner" p ON p."id" = ap."partnerId" LEFT JOIN "Partner" pp ON pp."id" = p."parentId"
      WHERE ap."agreementId" = ?`,
  );
  const lines = db.prepare(`SELECT l."name" FROM "AgreementResearchLine" al JOIN "ResearchLine" l ON l."id" = al."researchLineId" WHERE al."agreementId" = ?`).pluck();
  const approvals = db.prepare(`SELECT "bodyName", "resolutionNumber" FROM "Approval" WHERE "agreementId" = ?`);
  const documents = db.prepare(`SELECT d."id", d."title", v."id" AS versionId, v."fileName" FROM "Document" d JOIN "DocumentVersion" v ON v."documentId" = d."id" WHERE d."agreementId" = ?`);
  const pages = db.prepare(`SELECT "text" FROM "DocumentPage" WHERE "versionId" = ? ORDER BY "page"`).pluck();
  for (const a of db.prepare(`SELECT * FROM "Agreement"`).all() as Record<string, string | null>[]) {
    const ps = parties.all(a.id) as Record<string, string | null>[];
    write("agreement_fts", "agreement", a.id!, agreementEntry({
      reference: a.reference!, title: a.title!, kind: a.kind!, summary: a.summary ?? "", details: a.details ?? "{}",
      htOwner: a.htOwner ?? "", partnerContact: a.partnerContact ?? "", protocolNumber: a.protocolNumber ?? null,
      parties: ps.map((p) => ({
        contactName: p.contactName ?? "",
        unit: p.unitName ? { name: p.unitName, code: p.unitCode!, parent: p.unitParent ? { name: p.unitParent } : null } : null,
        partner: p.partnerName
          ? { name: p.partnerName, acronym: p.acronym ?? null, aliases: p.aliases ?? "", parent: p.parentName ? { name: p.parentName, acronym: p.parentAcronym ?? null } : null }
          : null,
      })),
      researchLines: lines.all(a.id) as string[],
      approvals: approvals.all(a.id) as { bodyName: string; resolutionNumber: string }[],
      documents: (documents.all(a.id) as { title: string; versionId: string; fileName: string }[]).map((d) => ({
        title: d.title, fileName: d.fileName, pages: pages.all(d.versionId) as string[],
      })),
    }));
  }
}

/**
 * What the dry run and the commit read from the database to plan an import
 * (app/domain/import-plan.ts): the job's rows read into agreements with its
 * mapping, the decisions on its organisations, the partners they name, every
 * partner's name (a new one may not take it), and the agreements already in
 * the register that the sheet's references, source references, titles and
 * related references may be. Given the transaction client, the commit reads
 * exactly what it writes against.
 */
import { Prisma } from "~/generated/prisma/client";
import { toDay } from "~/domain/dates";
import type { ImportMapping } from "~/domain/import-mapping";
import { relatedCandidates, type Decision, type ExistingAgreement, type PartnerFacts, type PlanInput } from "~/domain/import-plan";
import { readDrafts, type ReadResult, type SheetRow } from "~/domain/import-rows";
import type { Cell } from "~/domain/import-values";
import { aliasList } from "~/domain/party-labels";
import { chunks } from "~/utils/chunks";
import type { Tx } from "~/utils/db.server";

const CHUNK = 400;

export interface JobForPlan {
  id: number;
  headers: string;
  mapping: string;
  identifierLabel: string;
}

export async function loadRows(db: Tx, jobId: number): Promise<SheetRow[]> {
  const rows = await db.importRow.findMany({ where: { jobId }, orderBy: { line: "asc" }, select: { line: true, cells: true } });
  return rows.map((r) => ({ line: r.line, cells: JSON.parse(r.cells) as Cell[] }));
}

/** The job's rows as agreements and organisations, by its mapping. */
export async function loadDrafts(db: Tx, job: JobForPlan): Promise<{ headers: string[]; mapping: ImportMapping; read: ReadResult }> {
  const headers = JSON.parse(job.headers) as string[];
  const mapping = JSON.parse(job.mapping) as ImportMapping;
  const [rows, units] = await Promise.all([loadRows(db, job.id), db.unit.findMany({ select: { id: true, code: true, name: true } })]);
  return { headers, mapping, read: readDrafts({ headers, rows, mapping, units, identifierLabel: job.identifierLabel }) };
}

export async function loadDecisions(db: Tx, jobId: number): Promise<Map<string, Decision>> {
  const rows = await db.importOrganisation.findMany({ where: { jobId } });
  return new Map(
    rows.map((r) => [
      r.key,
      {
        key: r.key, name: r.name, shortName: r.shortName, identifier: r.identifier, country: r.country, city: r.city, kindHint: r.kindHint,
        variants: aliasList(r.variants), agreements: r.agreements, lines: JSON.parse(r.lines) as number[],
        decision: r.decision as Decision["decision"], partnerId: r.partnerId, parentId: r.parentId, newName: r.newName, newKind: r.newKind,
      },
    ]),
  );
}

async function partnerFacts(db: Tx, ids: string[]): Promise<Map<string, PartnerFacts>> {
  const out = new Map<string, PartnerFacts>();
  for (const part of chunks([...new Set(ids)], CHUNK)) {
    const rows = await db.partner.findMany({ where: { id: { in: part } }, select: { id: true, name: true, acronym: true, aliases: true, version: true, kind: true } });
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

const existingSelect = {
  id: true, reference: true, sourceReference: true, version: true, archivedAt: true, title: true, kind: true, status: true, summary: true,
  signatureDate: true, startDate: true, endDate: true, renewalType: true, noticePeriodDays: true, noticePeriodMonths: true,
  valueCents: true, valueDirection: true, confidentiality: true, htOwner: true, partnerContact: true,
  parties: { select: { unitId: true, partnerId: true } },
  linksFrom: { select: { toId: true } },
} satisfies Prisma.AgreementSelect;

type ExistingRecord = Prisma.AgreementGetPayload<{ select: typeof existingSelect }>;

const day = (d: Date | null) => (d ? toDay(d) : null);

export function toExisting(r: ExistingRecord): ExistingAgreement {
  return {
    id: r.id, reference: r.reference, sourceReference: r.sourceReference, version: r.version, archived: r.archivedAt !== null,
    title: r.title, kind: r.kind, status: r.status, summary: r.summary,
    signatureDate: day(r.signatureDate), startDate: day(r.startDate), endDate: day(r.endDate),
    renewalType: r.renewalType, noticePeriodDays: r.noticePeriodDays, noticePeriodMonths: r.noticePeriodMonths,
    valueCents: r.valueCents === null ? null : Number(r.valueCents), valueDirection: r.valueDirection, confidentiality: r.confidentiality,
    htOwner: r.htOwner, partnerContact: r.partnerContact,
    unitIds: r.parties.flatMap((p) => (p.unitId ? [p.unitId] : [])),
    partnerIds: r.parties.flatMap((p) => (p.partnerId ? [p.partnerId] : [])),
    linkedIds: r.linksFrom.map((l) => l.toId),
  };
}

/** Ids of agreements whose reference, source reference (any case) or title (any case) is among these. */
async function candidateIds(db: Tx, references: string[], sources: string[], titles: string[]): Promise<string[]> {
  const ids = new Set<string>();
  const run = async (values: string[], query: (part: string[]) => Prisma.Sql) => {
    for (const part of chunks([...new Set(values)].filter(Boolean), CHUNK)) {
      for (const r of await db.$queryRaw<{ id: string }[]>(query(part))) ids.add(r.id);
    }
  };
  await run(references, (part) => Prisma.sql`SELECT "id" FROM "Agreement" WHERE "reference" IN (${Prisma.join(part)})`);
  await run(sources, (part) => Prisma.sql`SELECT "id" FROM "Agreement" WHERE upper("sourceReference") IN (${Prisma.join(part)})`);
  await run(titles, (part) => Prisma.sql`SELECT "id" FROM "Agreement" WHERE lower("title") IN (${Prisma.join(part)})`);
  return [...ids];
}

async function existingFor(db: Tx, read: ReadResult): Promise<ExistingAgreement[]> {
  const related = read.drafts.flatMap((d) => (d.related ? relatedCandidates(d.related.text) : []));
  const references = [...read.drafts.flatMap((d) => (d.reference ? [d.reference] : [])), ...related];
  const sources = [...read.drafts.flatMap((d) => (d.sourceReference ? [d.sourceReference.toUpperCase()] : [])), ...related];
  const titles = read.drafts.map((d) => d.title.toLowerCase());
  const ids = await candidateIds(db, references, sources, titles);
  const out: ExistingAgreement[] = [];
  for (const part of chunks(ids, CHUNK)) {
    out.push(...(await db.agreement.findMany({ where: { id: { in: part } }, select: existingSelect })).map(toExisting));
  }
  return out;
}

/** Everything planImport needs, read through `db` (the commit passes its transaction). */
export async function loadPlanInput(db: Tx, job: JobForPlan): Promise<PlanInput> {
  const { headers, read } = await loadDrafts(db, job);
  const decisions = await loadDecisions(db, job.id);
  const wanted = [...decisions.values()].flatMap((d) => [d.partnerId, d.parentId].filter((x): x is string => !!x));
  const [partners, names, existing] = await Promise.all([
    partnerFacts(db, wanted),
    db.partner.findMany({ select: { name: true } }),
    existingFor(db, read),
  ]);
  return { headers, read, decisions, partners, takenNames: new Set(names.map((n) => n.name.toLowerCase())), existing };
}

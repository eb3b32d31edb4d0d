/**
 * The import's partner matching (docs/decisions/062): the mapping is saved,
 * every distinct organisation of the file is matched against the register's
 * partners (app/domain/partner-match.ts) as a job, and what the person
 * decides in the review (the same partner, another one, a new partner, a new
 * department of a partner, and the new partner's name and kind) is saved on
 * ImportOrganisation. Decisions already reviewed survive a change of the
 * mapping; the dry run must run again after any change.
 */
import { z } from "zod";
import { refused } from "~/domain/errors";
import type { ImportMapping } from "~/domain/import-mapping";
import { identifierLabel } from "~/domain/organisation-names";
import { buildPartnerIndex, matchOrganisation } from "~/domain/partner-match";
import { storedAliases } from "~/domain/party-labels";
import { PARTNER_KINDS } from "~/domain/vocabulary";
import { insertObjects } from "~/utils/bulk-insert.server";
import { prisma } from "~/utils/db.server";
import { startStep, type Progress, type StepOutcome } from "./import-jobs.server";
import { loadDrafts } from "./import-plan-input.server";

/** Steps from which the mapping may be changed (the file has been read). */
const REMAP_FROM = ["MAPPING", "MATCHES", "READY", "FAILED"] as const;

/** Saves the mapping and starts matching the file's organisations. */
export async function saveMappingAndMatch(jobId: number, mapping: ImportMapping): Promise<boolean> {
  const job = await prisma.importJob.findUnique({ where: { id: jobId }, select: { headers: true, status: true, failedStep: true, rowCount: true } });
  if (!job || !REMAP_FROM.includes(job.status as (typeof REMAP_FROM)[number]) || job.rowCount === 0 || job.failedStep === "PARSING") {
    throw refused("This import's columns can no longer be changed.");
  }
  const headers = JSON.parse(job.headers) as string[];
  const idColumn = mapping.fields.indexOf("partnerIdentifier");
  await prisma.importJob.update({
    where: { id: jobId },
    data: { mapping: JSON.stringify(mapping), identifierLabel: idColumn >= 0 ? identifierLabel(headers[idColumn] ?? "") : "ID", totals: "" },
  });
  return startMatching(jobId);
}

export function startMatching(jobId: number): Promise<boolean> {
  return startStep(jobId, REMAP_FROM, "MATCHING", (progress) => matchWork(jobId, progress));
}

async function matchWork(jobId: number, progress: Progress): Promise<StepOutcome> {
  const job = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId }, select: { id: true, headers: true, mapping: true, identifierLabel: true } });
  const { read } = await loadDrafts(prisma, job);
  const [partners, reviewed] = await Promise.all([
    prisma.partner.findMany({ select: { id: true, name: true, acronym: true, aliases: true, parentId: true, country: true } }),
    prisma.importOrganisation.findMany({ where: { jobId, reviewed: true } }),
  ]);
  const index = buildPartnerIndex(partners);
  const kept = new Map(reviewed.map((r) => [r.key, r]));
  const total = read.organisations.length;
  const rows = read.organisations.map((o, i) => {
    if (i % 200 === 0) progress(i, total);
    const m = matchOrganisation(index, o);
    const before = kept.get(o.key);
    const stillThere = (id: string | null) => !id || index.partners.has(id);
    const keep = before && stillThere(before.partnerId) && stillThere(before.parentId);
    return {
      jobId, key: o.key, name: o.name, shortName: o.shortName, identifier: o.identifier, country: o.country, city: o.city, kindHint: o.kindHint,
      variants: storedAliases(o.variants), agreements: o.agreements, lines: JSON.stringify(o.lines.slice(0, 50)),
      confidence: m.confidence, needsReview: m.needsReview, candidates: JSON.stringify(m.candidates),
      decision: keep ? before.decision : m.proposal.decision,
      partnerId: keep ? before.partnerId : m.proposal.decision === "MATCH" ? m.proposal.partnerId : null,
      parentId: keep ? before.parentId : m.proposal.decision === "DEPARTMENT" ? m.proposal.parentId : null,
      newName: keep ? before.newName : "", newKind: keep ? before.newKind : "", reviewed: !!keep,
    };
  });
  await prisma.$transaction(async (tx) => {
    await tx.importOrganisation.deleteMany({ where: { jobId } });
    await tx.importLine.deleteMany({ where: { jobId } });
    await insertObjects(tx, "ImportOrganisation", rows);
  });
  progress(total, total);
  return { next: "MATCHES" };
}

const choice = z.string().regex(/^(match|department):[\w-]{1,64}$|^create$/, "Choose what this organisation is");

/** One organisation's decision, as the review form posts it. */
export const DecisionSchema = z.object({
  id: z.coerce.number().int().min(1),
  choice,
  /** "partner:<id>" from the party picker, for "Another partner…". */
  other: z.string().max(80).optional(),
  newName: z.string().trim().max(200, "A partner's name has at most 200 characters").optional(),
  newKind: z.enum(PARTNER_KINDS.values).or(z.literal("")).optional(),
});
export type DecisionInput = z.infer<typeof DecisionSchema>;

/** Saves the decisions of one page of the review; the dry run's report goes stale. */
export async function saveDecisions(jobId: number, decisions: DecisionInput[]) {
  const job = await prisma.importJob.findUnique({ where: { id: jobId }, select: { status: true, failedStep: true } });
  const editable = job && (job.status === "MATCHES" || job.status === "READY" || (job.status === "FAILED" && ["PLANNING", "COMMITTING"].includes(job.failedStep ?? "")));
  if (!editable) throw refused("This import's partners can no longer be changed.");
  const wanted = decisions.flatMap((d) => {
    const [kind, id] = d.choice.split(":");
    const other = d.other?.startsWith("partner:") ? d.other.slice(8) : null;
    return kind === "match" || kind === "department" ? [other ?? id!] : [];
  });
  const existing = new Set((await prisma.partner.findMany({ where: { id: { in: wanted } }, select: { id: true } })).map((p) => p.id));
  await prisma.$transaction(async (tx) => {
    for (const d of decisions) {
      const [kind, chosen] = d.choice.split(":");
      const other = d.other?.startsWith("partner:") ? d.other.slice(8) : null;
      const id = other ?? chosen ?? null;
      if (kind !== "create" && (!id || !existing.has(id))) throw refused("A partner chosen in this page no longer exists: reload the page.");
      await tx.importOrganisation.updateMany({
        where: { id: d.id, jobId },
        data: {
          decision: kind === "match" ? "MATCH" : kind === "department" ? "DEPARTMENT" : "CREATE",
          partnerId: kind === "match" ? id : null,
          parentId: kind === "department" ? id : null,
          newName: kind === "match" ? "" : d.newName ?? "",
          newKind: kind === "match" ? "" : d.newKind ?? "",
          reviewed: true,
        },
      });
    }
    await tx.importLine.deleteMany({ where: { jobId } });
    await tx.importJob.updateMany({ where: { id: jobId, status: "READY" }, data: { status: "MATCHES", totals: "" } });
  });
}

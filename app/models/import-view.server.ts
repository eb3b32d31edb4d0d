/**
 * What the import pages read: the first rows of the file under the mapping
 * form, one page of the partners' review (the file's organisations, those
 * to look at first, with their candidate partners' names), and the counts
 * of the review's tabs. Imports hold only what editors may see (they are
 * editors' work): no confidentiality filter applies to the file's own rows.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { Cell } from "~/domain/import-values";
import type { Candidate } from "~/domain/partner-match";
import { partnerDisplayName } from "~/domain/party-labels";
import { REVIEW_PAGE_SIZE } from "~/domain/import-status";
import { prisma } from "~/utils/db.server";

/** Rows shown under the mapping form, so the person sees what each column holds. */
const PREVIEW_ROWS = 5;

export async function previewRows(jobId: number) {
  const rows = await prisma.importRow.findMany({ where: { jobId }, orderBy: { line: "asc" }, take: PREVIEW_ROWS, select: { line: true, cells: true } });
  return rows.map((r) => ({ line: r.line, cells: (JSON.parse(r.cells) as Cell[]).map((c) => (c === null ? "" : String(c)).slice(0, 120)) }));
}

export const REVIEW_FILTERS = ["review", "create", "match", "all"] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

export function parseReviewFilter(params: URLSearchParams): { show: ReviewFilter; page: number } {
  const show = params.get("show");
  return {
    show: (REVIEW_FILTERS as readonly string[]).includes(show ?? "") ? (show as ReviewFilter) : "review",
    page: Math.max(1, Math.min(10_000, Number(params.get("page")) || 1)),
  };
}

function reviewWhere(jobId: number, show: ReviewFilter): Prisma.ImportOrganisationWhereInput {
  if (show === "review") return { jobId, needsReview: true };
  if (show === "create") return { jobId, decision: { in: ["CREATE", "DEPARTMENT"] } };
  if (show === "match") return { jobId, decision: "MATCH" };
  return { jobId };
}

/** One page of the review, each organisation with its candidates named, and the tabs' counts. */
export async function reviewPage(jobId: number, filter: { show: ReviewFilter; page: number }) {
  const where = reviewWhere(jobId, filter.show);
  const [total, rows, counts] = await Promise.all([
    prisma.importOrganisation.count({ where }),
    prisma.importOrganisation.findMany({
      where, orderBy: [{ agreements: "desc" }, { name: "asc" }], skip: (filter.page - 1) * REVIEW_PAGE_SIZE, take: REVIEW_PAGE_SIZE,
    }),
    Promise.all(REVIEW_FILTERS.map((f) => prisma.importOrganisation.count({ where: reviewWhere(jobId, f) }))),
  ]);
  const parsed = rows.map((r) => ({ ...r, candidates: JSON.parse(r.candidates) as Candidate[], lines: JSON.parse(r.lines) as number[] }));
  const ids = new Set(parsed.flatMap((r) => [...r.candidates.map((c) => c.partnerId), r.partnerId ?? "", r.parentId ?? ""]).filter(Boolean));
  const partners = await prisma.partner.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, acronym: true, country: true, parent: { select: { name: true, acronym: true } } } });
  const names = Object.fromEntries(partners.map((p) => [p.id, {
    label: partnerDisplayName(p), country: p.country, parent: p.parent ? partnerDisplayName(p.parent) : null,
  }]));
  return {
    total,
    counts: Object.fromEntries(REVIEW_FILTERS.map((f, i) => [f, counts[i]!])) as Record<ReviewFilter, number>,
    organisations: parsed.map((r) => ({
      id: r.id, name: r.name, shortName: r.shortName, identifier: r.identifier, country: r.country, city: r.city,
      variants: r.variants ? r.variants.split("\n") : [], agreements: r.agreements, lines: r.lines.slice(0, 5),
      confidence: r.confidence, needsReview: r.needsReview, reviewed: r.reviewed,
      decision: r.decision, partnerId: r.partnerId, parentId: r.parentId, newName: r.newName, newKind: r.newKind,
      candidates: r.candidates.filter((c) => names[c.partnerId]).map((c) => ({ ...c, ...names[c.partnerId]! })),
      chosen: r.partnerId && names[r.partnerId] ? names[r.partnerId]!.label : r.parentId && names[r.parentId] ? names[r.parentId]!.label : null,
    })),
  };
}
export type ReviewOrganisation = Awaited<ReturnType<typeof reviewPage>>["organisations"][number];

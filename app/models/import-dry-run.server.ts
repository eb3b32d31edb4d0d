/**
 * The dry run (docs/decisions/064): the import planned against the register
 * as it is (app/domain/import-plan.ts) without writing anything but its
 * report, one ImportLine per row of the file (will create, will update,
 * will skip, error with the reason and the cell), and its totals, which
 * the commit checks again inside its transaction. The report pages by
 * outcome, and downloads as a spreadsheet.
 */
import type { Prisma } from "~/generated/prisma/client";
import { OUTCOMES, planImport, type Outcome, type PlanTotals, type ReportMessage } from "~/domain/import-plan";
import { REPORT_PAGE_SIZE } from "~/domain/import-status";
import { insertObjects } from "~/utils/bulk-insert.server";
import { chunks } from "~/utils/chunks";
import { prisma } from "~/utils/db.server";
import { startStep, type Progress, type StepOutcome } from "./import-jobs.server";
import { loadPlanInput } from "./import-plan-input.server";

const CHUNK = 1000;

export function startDryRun(jobId: number): Promise<boolean> {
  return startStep(jobId, ["MATCHES", "READY", "FAILED"], "PLANNING", (progress) => dryRunWork(jobId, progress));
}

async function dryRunWork(jobId: number, progress: Progress): Promise<StepOutcome> {
  const job = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId }, select: { id: true, headers: true, mapping: true, identifierLabel: true, rowCount: true } });
  progress(0, job.rowCount);
  const plan = planImport(await loadPlanInput(prisma, job));
  const rows = plan.lines.map((l) => ({
    jobId, line: l.line, outcome: l.outcome, agreementKey: l.agreementKey, reference: l.reference, agreementId: l.agreementId,
    title: l.title.slice(0, 300), messages: JSON.stringify(l.messages), hasWarning: l.messages.some((m) => m.severity === "warning"),
  }));
  await prisma.importLine.deleteMany({ where: { jobId } });
  let written = 0;
  for (const part of chunks(rows, CHUNK)) {
    await insertObjects(prisma, "ImportLine", part);
    written += part.length;
    progress(written, rows.length);
  }
  return { next: "READY", data: { totals: JSON.stringify(plan.totals) } };
}

export function parseTotals(json: string): PlanTotals | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as PlanTotals;
  } catch {
    return null;
  }
}

export interface ReportFilter {
  outcome: Outcome | "WARNING" | "";
  page: number;
}

export function parseReportFilter(params: URLSearchParams): ReportFilter {
  const outcome = params.get("show") ?? "";
  const page = Math.max(1, Math.min(10_000, Number(params.get("page")) || 1));
  return { outcome: (OUTCOMES as readonly string[]).includes(outcome) || outcome === "WARNING" ? (outcome as ReportFilter["outcome"]) : "", page };
}

function reportWhere(jobId: number, outcome: ReportFilter["outcome"]): Prisma.ImportLineWhereInput {
  if (outcome === "WARNING") return { jobId, hasWarning: true };
  return outcome ? { jobId, outcome } : { jobId };
}

/** One page of the report, with the count of each outcome for the filter's tabs. */
export async function reportPage(jobId: number, filter: ReportFilter) {
  const where = reportWhere(jobId, filter.outcome);
  const [total, lines, byOutcome, warnings] = await Promise.all([
    prisma.importLine.count({ where }),
    prisma.importLine.findMany({ where, orderBy: { line: "asc" }, skip: (filter.page - 1) * REPORT_PAGE_SIZE, take: REPORT_PAGE_SIZE }),
    prisma.importLine.groupBy({ by: ["outcome"], where: { jobId }, _count: { _all: true } }),
    prisma.importLine.count({ where: { jobId, hasWarning: true } }),
  ]);
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, byOutcome.find((b) => b.outcome === o)?._count._all ?? 0])) as Record<Outcome, number>;
  return {
    total,
    counts: { ...counts, WARNING: warnings },
    lines: lines.map((l) => ({ ...l, messages: JSON.parse(l.messages) as ReportMessage[] })),
  };
}

/** Every line of the report, in batches (for the spreadsheet). */
export async function* reportLines(jobId: number) {
  let after = 0;
  for (;;) {
    const batch = await prisma.importLine.findMany({ where: { jobId, line: { gt: after } }, orderBy: { line: "asc" }, take: 1000 });
    if (!batch.length) return;
    for (const l of batch) yield { ...l, messages: JSON.parse(l.messages) as ReportMessage[] };
    after = batch[batch.length - 1]!.line;
  }
}

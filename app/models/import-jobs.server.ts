/**
 * Imports as jobs recorded in the database (docs/decisions/063). Each long
 * step (reading the file, matching, the dry run, the commit, the undo) is
 * started by moving the ImportJob from a waiting status to its running one
 * in a single conditional write (two clicks start it once), then runs in
 * this process in the background while the page shows its progress
 * (kept in memory: the commit's transaction holds the database, so its
 * progress cannot be written there meanwhile). At the end the job moves on
 * to the next waiting status, or to FAILED with the reason. A step still
 * "running" in the database that this process is not running was cut short
 * by a restart: it is marked failed with what that means (a commit's
 * transaction was never committed, so nothing of it was written).
 */
import { isAppError } from "~/domain/errors";
import { IMPORT_STATUSES, isRunning, type ImportStatus, type RunningStatus } from "~/domain/import-status";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { removeStaleUploads } from "./import-files.server";
import { recordJobRun, track } from "./jobs.server";

export interface StepProgress {
  status: RunningStatus;
  done: number;
  total: number;
}

interface ImportState {
  progress: Map<number, StepProgress>;
  running: Map<number, Promise<void>>;
  /** When this process started: a step started before it was interrupted. */
  startedAt: Date;
}

const state = ((globalThis as unknown as { __htImports?: ImportState }).__htImports ??= {
  progress: new Map(), running: new Map(), startedAt: new Date(),
});

/** Progress of a running step, kept in memory (read by the progress stream and the job page). */
export function reportProgress(jobId: number, done: number, total: number) {
  const p = state.progress.get(jobId);
  if (p) {
    p.done = done;
    p.total = Math.max(total, done);
  }
}

export function progressOf(jobId: number): StepProgress | null {
  return state.progress.get(jobId) ?? null;
}

export type Progress = (done: number, total: number) => void;

export interface StepOutcome {
  next: ImportStatus;
  data?: Prisma.ImportJobUpdateInput;
}

/** Why a step stopped when the server did. */
const INTERRUPTED: Record<RunningStatus, string> = {
  PARSING: "The server stopped while the file was being read. Nothing was imported: upload it again.",
  MATCHING: "The server stopped while the partners were being matched. Nothing was imported: start the matching again.",
  PLANNING: "The server stopped during the dry run. Nothing was imported: run it again.",
  COMMITTING: "The server stopped while the import was being written. Its transaction was never committed, so nothing of it was written: run the dry run again, then import.",
  UNDOING: "The server stopped while the import was being undone. Its transaction was never committed, so nothing was undone: the import stands as it was; try again.",
};

function failureMessage(error: unknown): string {
  if (isAppError(error)) return error.message;
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`.slice(0, 1000);
}

/**
 * Starts a step of job `jobId` if it is in one of `from`: moves it to
 * `status` (refused when another request moved it first) and runs `work` in
 * the background. Resolves once the step has started; `stepDone(jobId)`
 * waits for its end.
 */
export async function startStep(
  jobId: number,
  from: readonly ImportStatus[],
  status: RunningStatus,
  work: (progress: Progress) => Promise<StepOutcome>,
  /** Where a failure leaves the job instead of FAILED (an undo that failed left the import as it was: DONE). */
  options: { onFailure?: ImportStatus } = {},
): Promise<boolean> {
  const moved = await prisma.importJob.updateMany({
    where: { id: jobId, status: { in: [...from] } },
    data: { status, stepStartedAt: new Date(), progressDone: 0, progressTotal: 0, error: "", failedStep: null },
  });
  if (moved.count !== 1) return false;
  state.progress.set(jobId, { status, done: 0, total: 0 });
  const startedAt = new Date();
  // The job registry (/metrics, the operations page) hears of every step; a graceful shutdown waits for one in flight.
  const report = (ok: boolean, error?: unknown) =>
    recordJobRun("import", { ok, startedAt, durationMs: Date.now() - startedAt.getTime(), error: ok ? undefined : failureMessage(error), details: { jobId, step: status } }).catch(() => {});
  const run = track((async () => {
    try {
      const outcome = await work((done, total) => reportProgress(jobId, done, total));
      const p = state.progress.get(jobId);
      await prisma.importJob.update({
        where: { id: jobId },
        data: { ...outcome.data, status: outcome.next, progressDone: p?.done ?? 0, progressTotal: p?.total ?? 0, stepStartedAt: null },
      });
      await report(true);
    } catch (error) {
      if (!isAppError(error)) console.error(`[import ${jobId}] ${IMPORT_STATUSES.label(status)} failed:`, error);
      await prisma.importJob.update({
        where: { id: jobId },
        data: options.onFailure
          ? { status: options.onFailure, error: failureMessage(error), stepStartedAt: null }
          : { status: "FAILED", failedStep: status, error: failureMessage(error), stepStartedAt: null },
      });
      await report(false, error);
    } finally {
      state.progress.delete(jobId);
      state.running.delete(jobId);
    }
  })());
  state.running.set(jobId, run);
  return true;
}

/** Waits for the step running on `jobId` in this process (tests, the benchmark, the command line). */
export async function stepDone(jobId: number): Promise<void> {
  await state.running.get(jobId);
}

export function isStepRunningHere(jobId: number): boolean {
  return state.running.has(jobId);
}

/** Marks as failed every step left running by a process that stopped (run at start, and when a job is read). */
export async function recoverInterruptedImports(): Promise<number> {
  const stuck = await prisma.importJob.findMany({
    where: { status: { in: ["PARSING", "MATCHING", "PLANNING", "COMMITTING", "UNDOING"] } },
    select: { id: true, status: true, stepStartedAt: true },
  });
  let marked = 0;
  for (const job of stuck) {
    if (state.running.has(job.id) || (job.stepStartedAt && job.stepStartedAt >= state.startedAt)) continue;
    const status = job.status as RunningStatus;
    // An interrupted undo wrote nothing: the import is still committed.
    const data = status === "UNDOING"
      ? { status: "DONE", error: INTERRUPTED[status], stepStartedAt: null }
      : { status: "FAILED", failedStep: status, error: INTERRUPTED[status], stepStartedAt: null };
    const updated = await prisma.importJob.updateMany({ where: { id: job.id, status }, data });
    marked += updated.count;
  }
  return marked;
}

/** At start: interrupted steps marked failed, and the uploads a stopped process left half-read deleted. */
export async function recoverAtStart(): Promise<void> {
  try {
    const marked = await recoverInterruptedImports();
    if (marked) console.warn(`Imports: ${marked} step(s) cut short by the last stop were marked failed.`);
    await removeStaleUploads(state.startedAt);
  } catch (error) {
    console.error("Imports interrupted by the last stop could not be checked:", error);
  }
}

export const importJobSelect = {
  id: true, createdByEmail: true, fileName: true, fileSize: true, format: true, readAs: true, status: true, failedStep: true, error: true,
  progressDone: true, progressTotal: true, headers: true, headerLine: true, rowCount: true, mapping: true, identifierLabel: true, totals: true,
  committedAt: true, undoneAt: true, createdAt: true, updatedAt: true,
} satisfies Prisma.ImportJobSelect;

/** One import, with its running step's progress; a step cut short by a restart is marked failed first. */
export async function getImportJob(id: number) {
  let job = await prisma.importJob.findUnique({ where: { id }, select: { ...importJobSelect, stepStartedAt: true } });
  if (job && isRunning(job.status) && !state.running.has(id) && (!job.stepStartedAt || job.stepStartedAt < state.startedAt)) {
    await recoverInterruptedImports();
    job = await prisma.importJob.findUnique({ where: { id }, select: { ...importJobSelect, stepStartedAt: true } });
  }
  if (!job) return null;
  const p = progressOf(id);
  const { stepStartedAt: _started, ...rest } = job;
  return { ...rest, progressDone: p?.done ?? job.progressDone, progressTotal: p?.total ?? job.progressTotal };
}
export type ImportJobRecord = NonNullable<Awaited<ReturnType<typeof getImportJob>>>;

/** The latest imports, newest first. */
export async function listImportJobs(take = 30) {
  return prisma.importJob.findMany({
    orderBy: { id: "desc" },
    take,
    select: { id: true, fileName: true, status: true, createdByEmail: true, createdAt: true, committedAt: true, undoneAt: true, rowCount: true, totals: true },
  });
}

/** Discards an import that was never committed: its rows, matches and report go with it. */
export async function discardImport(jobId: number) {
  await prisma.importJob.updateMany({
    where: { id: jobId, status: { in: ["MAPPING", "MATCHES", "READY", "FAILED"] }, committedAt: null },
    data: { status: "CANCELLED" },
  });
  await prisma.$transaction([
    prisma.importRow.deleteMany({ where: { jobId, job: { status: "CANCELLED" } } }),
    prisma.importOrganisation.deleteMany({ where: { jobId, job: { status: "CANCELLED" } } }),
    prisma.importLine.deleteMany({ where: { jobId, job: { status: "CANCELLED" } } }),
  ]);
}

/**
 * Background jobs' results and the jobs in flight. Every job (the backup
 * schedule, the reminders, imports, the text extraction) reports each run
 * into one `JobStatus` row per job name, read by /metrics and the admin's
 * operations page; and registers the promise of a run in flight, so that a
 * graceful shutdown can wait for it before the database closes.
 */
import { prisma } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

export interface JobResult {
  ok: boolean;
  startedAt: Date;
  durationMs: number;
  error?: string;
  /** Anything the job wants shown (a backup's name and size). */
  details?: Record<string, unknown>;
}

/** Writes the outcome of one run of `name`. */
export async function recordJobRun(name: string, result: JobResult) {
  const data = {
    lastRunAt: result.startedAt,
    lastOutcome: result.ok ? "OK" : "FAILED",
    lastDurationMs: Math.round(result.durationMs),
    lastError: (result.error ?? "").slice(0, 1000),
    details: JSON.stringify(result.details ?? {}),
  };
  await prisma.jobStatus.upsert({
    where: { name },
    create: { name, ...data, runs: 1, failures: result.ok ? 0 : 1, lastSuccessAt: result.ok ? result.startedAt : null },
    update: {
      ...data,
      runs: { increment: 1 },
      ...(result.ok ? { lastSuccessAt: result.startedAt } : { failures: { increment: 1 } }),
    },
  });
}

const state = globalThis as unknown as { __htJobsInFlight?: Set<Promise<unknown>> };
const inFlight = (state.__htJobsInFlight ??= new Set());

/** Registers a run in flight until it settles (graceful shutdown waits for it). */
export function track<T>(promise: Promise<T>): Promise<T> {
  inFlight.add(promise);
  void promise.then(() => inFlight.delete(promise), () => inFlight.delete(promise));
  return promise;
}

/** Waits until every run in flight has settled. */
export async function drainJobs() {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

export function jobsInFlight(): number {
  return inFlight.size;
}

/**
 * Runs `name` once: tracked, timed, logged, and its outcome recorded. A
 * failure is recorded and logged, then re-thrown.
 */
export function runJob<T>(name: string, fn: () => Promise<T>, describe: (value: T) => Record<string, unknown> = () => ({})): Promise<T> {
  const startedAt = new Date();
  const t0 = performance.now();
  const run = (async () => {
    try {
      const value = await fn();
      const durationMs = performance.now() - t0;
      await recordJobRun(name, { ok: true, startedAt, durationMs, details: describe(value) });
      logger().info({ job: name, durationMs: Math.round(durationMs) }, `job ${name} done`);
      return value;
    } catch (error) {
      const durationMs = performance.now() - t0;
      const message = error instanceof Error ? error.message : String(error);
      await recordJobRun(name, { ok: false, startedAt, durationMs, error: message }).catch(() => {});
      logger().error({ job: name, durationMs: Math.round(durationMs), err: error }, `job ${name} failed`);
      throw error;
    }
  })();
  return track(run);
}

export async function listJobRuns() {
  return prisma.jobStatus.findMany({ orderBy: { name: "asc" } });
}

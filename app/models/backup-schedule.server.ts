/**
 * The server's own backup schedule (croner; BACKUP_SCHEDULE, daily at 02:30
 * by default, "off" to leave backups to cron and `npm run backup`): each
 * run makes a verified backup, prunes by the retention rule and reports into
 * the job registry ("backup"), which /metrics and the operations page read.
 * A run never overlaps the previous one; a shutdown waits for one in flight.
 */
import { Cron } from "croner";
import { env } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { createBackup, pruneBackups } from "./backup.server";
import { runJob } from "./jobs.server";

export const BACKUP_JOB = "backup";

const state = globalThis as unknown as { __htBackupCron?: Cron; __htBackupRunning?: Promise<unknown> | null };

/** One backup and prune, reported as the "backup" job; concurrent calls share the run in flight. */
export function backupNow(trigger: string) {
  if (state.__htBackupRunning) return state.__htBackupRunning as ReturnType<typeof createBackup>;
  const run = runJob(
    BACKUP_JOB,
    async () => {
      const manifest = await createBackup();
      const pruned = await pruneBackups();
      return { manifest, pruned };
    },
    ({ manifest, pruned }) => ({ name: manifest.name, bytes: manifest.database.bytes + manifest.files.bytes, pruned: pruned.length, trigger }),
  ).then((r) => r.manifest);
  state.__htBackupRunning = run;
  void run.finally(() => { state.__htBackupRunning = null; }).catch(() => {});
  return run;
}

export function backupRunning(): boolean {
  return Boolean(state.__htBackupRunning);
}

/** Starts the schedule (once per process); returns when the next run is due, or null when off. */
export function startBackupSchedule(): Date | null {
  const pattern = env().BACKUP_SCHEDULE;
  if (pattern === "off") return null;
  if (!state.__htBackupCron) {
    state.__htBackupCron = new Cron(pattern, { protect: true, name: BACKUP_JOB }, async () => {
      await backupNow("schedule").catch(() => { /* recorded and logged by runJob */ });
    });
    logger().info({ job: BACKUP_JOB, schedule: pattern, next: state.__htBackupCron.nextRun()?.toISOString() }, "backup schedule started");
  }
  return state.__htBackupCron.nextRun();
}

/** The next scheduled backup, or null when the schedule is off or not running in this process. */
export function nextScheduledBackup(): Date | null {
  return state.__htBackupCron?.nextRun() ?? null;
}

export function stopBackupSchedule() {
  state.__htBackupCron?.stop();
  state.__htBackupCron = undefined;
}

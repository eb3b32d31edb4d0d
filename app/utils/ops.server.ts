/**
 * What the production server (server.js) needs from the app to run it for
 * real (docs/decisions/074): the structured log and its per-request
 * context, route labels and request metrics, /metrics and /readyz, the
 * background jobs (backup schedule, reminders, text extraction, the search index's
 * catch-up, imports' recovery) and the graceful
 * shutdown that stops them, waits for runs in flight and closes the
 * database. Exported through entry.server as `ops`, so server.js and the
 * app share one logger, one metrics registry and one database client.
 */
import { routeMatcher } from "~/domain/route-label";
import { startBackupSchedule, stopBackupSchedule } from "~/models/backup-schedule.server";
import { recoverAtStart } from "~/models/import-jobs.server";
import { drainJobs, jobsInFlight } from "~/models/jobs.server";
import { refreshSearchIndexAtStart } from "~/models/search-index.server";
import { startTextWorker, stopTextWorker } from "~/models/text-extract.server";
import { prisma } from "./db.server";
import { loggablePath, logger, routeConsoleToLog, withRequestContext } from "./logger.server";
import { mayReadMetrics, metricsText, observeRequest } from "./metrics.server";
import { readiness } from "./readiness.server";
import { startReminderScheduler, stopReminderScheduler } from "./scheduler.server";
import { reportFileStore } from "./startup.server";

/** Starts what runs in the background of a serving process. */
export function startBackgroundJobs() {
  void reportFileStore();
  void startTextWorker();
  // Search entries queued while no server ran (or all of them, after a migration re-made an index).
  void refreshSearchIndexAtStart();
  // Imports cut short by a restart: marked failed with the reason, their half-read uploads deleted.
  void recoverAtStart();
  try {
    startBackupSchedule();
  } catch (error) {
    logger().error({ err: error }, "the backup schedule could not start (BACKUP_SCHEDULE)");
  }
  // Reminders: once now (catching up a downtime), then on REMINDER_SCHEDULE; one process at a time (a lock in SQLite).
  startReminderScheduler();
}

/** Stops the schedules, waits for job runs in flight, closes the database and flushes the log. */
export async function shutdown() {
  stopBackupSchedule();
  stopReminderScheduler();
  stopTextWorker();
  const running = jobsInFlight();
  if (running) logger().info({ jobs: running }, "waiting for background jobs to finish");
  await drainJobs();
  await prisma.$disconnect();
  logger().info("database closed; stopped");
  await new Promise<void>((resolve) => logger().flush(() => resolve()));
}

export const ops = {
  logger, routeConsoleToLog, withRequestContext, loggablePath, routeMatcher, observeRequest, metricsText, mayReadMetrics, readiness,
  startBackgroundJobs, shutdown,
};

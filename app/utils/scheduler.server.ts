/**
 * The reminder scheduler inside the server process (croner): the job runs
 * once at start (catching up whatever came due while the server was down)
 * and then on REMINDER_SCHEDULE. The lock in SQLite makes sure only one of
 * several server processes sends. Started by entry.server.tsx; never in
 * tests unless a test starts it, and not with REMINDERS=0 (then run
 * `npm run reminders` from cron or systemd). Each run reports into the
 * job registry (app/models/jobs.server.ts).
 */
import { Cron } from "croner";
import { runJob } from "~/models/jobs.server";
import { runReminders, type ReminderTrigger } from "~/models/reminder-job.server";
import { env } from "./env.server";

const state = globalThis as unknown as { __htReminderCron?: Cron };

/** One run, reported into the job registry (/metrics, the operations page) and tracked for a graceful shutdown. */
export async function runRemindersJob(trigger: ReminderTrigger) {
  try {
    const result = await runJob("reminders", async () => {
      const r = await runReminders({ trigger });
      if (r.status === "FAILED") throw new Error(r.summary);
      return r;
    }, (r) => ({ status: r.status, sent: r.sent, failed: r.failed, summary: r.summary }));
    if (result.status !== "SKIPPED" || trigger === "start") console.log(`[reminders] ${trigger}: ${result.summary}`);
  } catch {
    // runJob has logged the failure and recorded it.
  }
}

/** Starts the scheduler once per process (dev reloads keep the first one). Returns it, or null when off. */
export function startReminderScheduler(options: { force?: boolean } = {}): Cron | null {
  const e = env();
  if (!options.force && (e.NODE_ENV === "test" || !e.REMINDERS)) return null;
  if (state.__htReminderCron) return state.__htReminderCron;
  state.__htReminderCron = new Cron(e.REMINDER_SCHEDULE, { timezone: "UTC", protect: true, name: "reminders" }, () => runRemindersJob("schedule"));
  void runRemindersJob("start");
  return state.__htReminderCron;
}

export function stopReminderScheduler() {
  state.__htReminderCron?.stop();
  state.__htReminderCron = undefined;
}

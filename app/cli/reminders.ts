/**
 * `npm run reminders`: runs the reminder job once, as the server's
 * scheduler does (same lock, same claims), for cron or a systemd timer.
 * Prints what it did; exits 1 when the run failed or could not run.
 */
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");

const { runReminders } = await import("~/models/reminder-job.server");
const { prisma } = await import("~/utils/db.server");

try {
  const result = await runReminders({ trigger: "cli" });
  console.log(`Reminders ${result.status.toLowerCase()}: ${result.summary}`);
  process.exitCode = result.status === "DONE" ? 0 : 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}

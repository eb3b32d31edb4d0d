/**
 * Start-up checks: outside demo mode, refuse to run while demo accounts
 * exist; report what the file store holds that the database does not know,
 * and rows whose file is missing.
 */
import { prisma } from "./db.server";
import { checkFileStore } from "~/models/file-store.server";
import { env } from "./env.server";

/** The demo seed's accounts all live under this domain. */
export const DEMO_EMAIL_DOMAIN = "@demo.test";

/**
 * Outside demo mode (DEMO=0) the server must not start while a demo account,
 * whose password is in the README, could still log in.
 */
export async function assertSafeDeployment() {
  if (env().DEMO) return;
  const demoAccounts = await prisma.user.count({ where: { email: { endsWith: DEMO_EMAIL_DOMAIN } } });
  if (demoAccounts > 0) {
    throw new Error(
      `Refusing to start with DEMO=0: ${demoAccounts} demo account(s) (*${DEMO_EMAIL_DOMAIN}) exist in this database. ` +
        "Deploy on a database without the demo seed (npm run db:seed -- --reference-only), or run in demo mode.",
    );
  }
}

/** Logs the file store's consistency at start (npm run files:check for details, files:clean to tidy). */
export async function reportFileStore() {
  try {
    const r = await checkFileStore();
    if (r.missingFiles.length) {
      console.error(`File store ${r.dir}: ${r.missingFiles.length} document version(s) have no file. Run npm run files:check and restore them from a backup.`);
    }
    if (r.orphanFiles.length || r.tempFiles.length) {
      console.warn(`File store ${r.dir}: ${r.orphanFiles.length} file(s) without a row, ${r.tempFiles.length} temporary file(s) of interrupted uploads. npm run files:clean removes them.`);
    }
  } catch (error) {
    console.error("The file store could not be checked:", error);
  }
}

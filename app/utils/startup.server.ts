/**
 * Start-up checks: outside demo mode, refuse to run while demo accounts exist.
 */
import { prisma } from "./db.server";
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

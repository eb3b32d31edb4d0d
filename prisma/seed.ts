/**
 * Seeds the database.
 *
 *   tsx prisma/seed.ts                    reference data + demo agreements and demo accounts
 *   tsx prisma/seed.ts --reference-only   reference data only (centres, facilities, groups, lines, partners)
 *   tsx prisma/seed.ts --if-empty         does nothing at all if there is any unit or agreement already
 *
 * With DEMO=0 (a real deployment) only reference data is ever seeded.
 *
 * Reference data is created only where missing. The demo agreements are
 * written in one transaction, and only into a database without agreements:
 * nothing is ever deleted or overwritten.
 */
import { existsSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATABASE_URL } from "../app/config/database-url";
import { createClient } from "../app/utils/sqlite.server";
import { seedDemo } from "./seed/demo";
import { seedDemoDeadlines } from "./seed/demo-deadlines";
import { seedDemoUsers } from "./seed/demo-users";
import { seedReference } from "./seed/reference";
import { utcMidnight } from "./seed/util";

export { seedDemo, demoSpecs, DEMO_AGREEMENT_COUNT } from "./seed/demo";
export {
  seedReference, CENTRES, FACILITIES, GROUPS, RESEARCH_LINES, FOUNDING_PARTNERS,
} from "./seed/reference";
export { DEMO_PARTNERS } from "./seed/demo-partners";
export { DEMO_USERS, DEMO_PASSWORD, seedDemoUsers } from "./seed/demo-users";

const USAGE = "usage: tsx prisma/seed.ts [--if-empty] [--reference-only]";

async function main(argv: string[]) {
  const flags = new Set(argv);
  const unknown = [...flags].filter((f) => !["--if-empty", "--reference-only", "--help"].includes(f));
  if (unknown.length > 0 || flags.has("--help")) {
    console.log(USAGE);
    process.exitCode = unknown.length > 0 ? 2 : 0;
    return;
  }

  // Like prisma.config.ts: honour .env when there is one.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const prisma = createClient(url);
  const demoMode = process.env.DEMO !== "0" && process.env.DEMO !== "false";
  try {
    if (flags.has("--if-empty")) {
      const [units, agreements] = await Promise.all([prisma.unit.count(), prisma.agreement.count()]);
      if (units + agreements > 0) {
        console.log(`Seed skipped: the database already has data (${units} units, ${agreements} agreements).`);
        return;
      }
    }

    const started = Date.now();
    const reference = await prisma.$transaction((tx) => seedReference(tx));
    console.log(
      `Reference data: created ${reference.units} units, ${reference.researchLines} research lines, ` +
        `${reference.partners} partners (existing rows left as they were).`,
    );

    if (!demoMode && !flags.has("--reference-only")) {
      console.log("DEMO=0: demo agreements and demo accounts are not seeded.");
    }
    if (demoMode && !flags.has("--reference-only")) {
      const today = utcMidnight(new Date());
      const demo = await seedDemo(prisma, { today });
      if (demo.skipped) {
        console.log(`Demo data skipped: ${demo.reason}; nothing was changed.`);
      } else {
        console.log(
          `Demo data (dates relative to ${today.toISOString().slice(0, 10)}): ${demo.agreements} agreements, ` +
            `${demo.parties} parties, ${demo.links} links, ${demo.statusChanges} status changes, ` +
            `${demo.researchLineLinks} research-line links, ${demo.partnersCreated} extra partners.`,
        );
      }
      const users = await seedDemoUsers(prisma);
      console.log(`Demo accounts: created ${users} (admin@, editor@, viewer@demo.test and the office staff; see the README).`);
      const deadlines = await seedDemoDeadlines(prisma, today);
      console.log(
        deadlines.skipped
          ? "Demo obligations skipped: obligations already exist."
          : `Demo deadlines: ${deadlines.owners} owners linked to accounts, ${deadlines.obligations} obligations, ${deadlines.watches} watches.`,
      );
    }
    console.log(`Seed finished in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
  } finally {
    await prisma.$disconnect();
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));

if (invokedDirectly) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

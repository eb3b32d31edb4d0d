/**
 * Database helpers for unit/integration tests. The client is the app's own
 * (~/utils/db.server), which setup-test-env.ts has already pointed at this
 * worker's private copy of the migrated database.
 */
import { prisma } from "~/utils/db.server";

export { prisma };

/** Waits until the connection pragmas (WAL, foreign_keys = ON...) are applied. */
export async function databaseReady() {
  await prisma.$connect();
  return prisma;
}

/**
 * Deletes every row from every application table (the migration history is
 * kept), with foreign-key checks off while it runs so the order does not
 * matter. Call it in beforeEach when tests in one file must not see each
 * other's rows; each test file already starts from an empty, migrated copy.
 */
export async function resetDatabase() {
  await prisma.$connect();
  const all = await prisma.$queryRawUnsafe<{ name: string; sql: string }[]>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
  );
  // The search index's FTS5 tables are emptied with their own command; their
  // shadow tables (name_data, name_idx...) must not be touched.
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? "")).map((t) => t.name);
  const tables = all.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
  // The audit trail's triggers forbid deleting its rows; a test reset is the
  // one place allowed to, so it lifts them for the duration and restores them.
  const triggers = await prisma.$queryRawUnsafe<{ name: string; sql: string }[]>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'",
  );
  // PRAGMA foreign_keys is ignored inside a transaction: switch it outside.
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
  try {
    await prisma.$transaction([
      ...triggers.map(({ name }) => prisma.$executeRawUnsafe(`DROP TRIGGER "${name.replace(/"/g, '""')}"`)),
      ...tables.map(({ name }) => prisma.$executeRawUnsafe(`DELETE FROM "${name.replace(/"/g, '""')}"`)),
      ...virtual.map((name) => prisma.$executeRawUnsafe(`INSERT INTO "${name}" ("${name}") VALUES ('delete-all')`)),
      prisma.$executeRawUnsafe(`INSERT OR IGNORE INTO "SearchState" ("id", "generation") VALUES (1, 0)`),
      ...triggers.map(({ sql }) => prisma.$executeRawUnsafe(sql)),
    ]);
  } finally {
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}

/**
 * The process's one Prisma client on SQLite (better-sqlite3 adapter, the JS
 * engine: docs/decisions/002), with the connection pragmas applied as each
 * connection opens, and the transaction client type.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

/** Applied to every SQLite connection before Prisma sends it anything. */
export const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 5000",
  "PRAGMA synchronous = NORMAL",
  // Gathers planner statistics where they are missing or stale (SQLite's advice for
  // long-lived connections); without them some list filters plan badly (tests/bench).
  "PRAGMA optimize = 0x10002",
].join(";\n");

/**
 * The better-sqlite3 adapter, with the connection put in WAL mode and
 * foreign keys enforced as it opens: no query, and no transaction (inside
 * which SQLite ignores these pragmas), can run before them.
 */
class ConfiguredSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const connection = await super.connect();
    await connection.executeScript(CONNECTION_PRAGMAS);
    return connection;
  }
}

export function createClient(url: string) {
  return new PrismaClient({ adapter: new ConfiguredSQLite({ url }) });
}

export type Db = ReturnType<typeof createClient>;

/** The client inside `prisma.$transaction(async (tx) => ...)`, or the client itself. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// One client per process, kept across dev-server reloads.
const globalForPrisma = globalThis as unknown as { __htDb?: Db };

export const prisma: Db = (globalForPrisma.__htDb ??= createClient(env().DATABASE_URL));

/** A unique index refused the write (two people creating the same name at once). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Prisma's client on SQLite through the better-sqlite3 adapter (the JS
 * engine: docs/decisions/002), configured as every process of the app needs
 * it: the server, the command-line jobs, the seed, the tests' factories.
 *
 * - The connection pragmas (WAL, foreign keys, busy timeout...) run as each
 *   connection opens, before any query or transaction (inside a transaction
 *   SQLite ignores them).
 * - Interactive transactions start with BEGIN IMMEDIATE, not the adapter's
 *   deferred BEGIN. Most of the app's transactions read before they write
 *   (a version check, then the update); in a deferred transaction, another
 *   process committing between the read and the write makes SQLite refuse
 *   the write at once with SQLITE_BUSY_SNAPSHOT, which no busy timeout
 *   retries: a save fails with a 500. Taking the write lock at BEGIN makes
 *   a second writer (a command-line job, a backup, an import in another
 *   process) wait its turn, up to the busy timeout, instead
 *   (docs/decisions/017).
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Database } from "better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";

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

class ConfiguredSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const connection = await super.connect();
    await connection.executeScript(CONNECTION_PRAGMAS);
    // The adapter prepares "BEGIN" to start a transaction; its connection is the public `client`.
    const client = (connection as unknown as { client: Database }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as Database["prepare"];
    return connection;
  }
}

export function createClient(url: string, options: { fileMustExist?: boolean } = {}) {
  return new PrismaClient({ adapter: new ConfiguredSQLite({ url, ...options }) });
}

export type Db = ReturnType<typeof createClient>;

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

/**
 * One Prisma client per process, kept across dev-server reloads. SQLite is
 * put in WAL mode with foreign keys enforced before the first query.
 */
function createClient(url: string) {
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  const ready = (async () => {
    await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  })();
  return { client, ready };
}

const globalForPrisma = globalThis as unknown as {
  __htDb?: ReturnType<typeof createClient>;
};

const instance = (globalForPrisma.__htDb ??= createClient(env().DATABASE_URL));

export const prisma = instance.client;
/** Resolves once the connection pragmas are applied; awaited by entry.server. */
export const dbReady = instance.ready;
export { createClient };

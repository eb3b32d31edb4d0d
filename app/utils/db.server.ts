import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

/**
 * One Prisma client per process, kept across dev-server reloads. Before any
 * query runs, the connection is put in WAL mode with foreign keys enforced:
 * every operation waits for those pragmas, so none can slip in before them.
 */
export function createClient(url: string) {
  const base = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  const ready = (async () => {
    await base.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await base.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    await base.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await base.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  })();
  // A broken database surfaces on the first query (as /healthz's 503), not as an unhandled rejection.
  ready.catch(() => {});
  return base.$extends({
    name: "sqlite-pragmas",
    client: { $ready: () => ready },
    query: {
      async $allOperations({ args, query }) {
        await ready;
        return query(args);
      },
    },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForPrisma = globalThis as unknown as { __htDb?: Db };

export const prisma: Db = (globalForPrisma.__htDb ??= createClient(env().DATABASE_URL));

/** The client inside `prisma.$transaction(async (tx) => ...)`, or the client itself. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

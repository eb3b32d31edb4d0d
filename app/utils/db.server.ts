/**
 * The process's one Prisma client (configured in sqlite.server.ts), kept
 * across dev-server reloads, the transaction client type, and the test for
 * a unique-index violation.
 */
import { Prisma } from "~/generated/prisma/client";
import { env } from "./env.server";
import { createClient, type Db } from "./sqlite.server";



/** The client inside `prisma.$transaction(async (tx) => ...)`, or the client itself. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// One client per process, kept across dev-server reloads.
const globalForPrisma = globalThis as unknown as { __htDb?: Db };

export const prisma: Db = (globalForPrisma.__htDb ??= createClient(env().DATABASE_URL));

/** A unique index refused the write (two people creating the same name at once). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

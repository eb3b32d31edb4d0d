/**
 * Readiness (/readyz; /healthz stays liveness): the database answers, every
 * migration this build ships is applied, the files folder takes a write,
 * and the server is not shutting down. A load balancer sends traffic only
 * while it answers 200.
 */
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { prisma } from "./db.server";
import { env } from "./env.server";

// The migration folders this build ships, known at build time.
const SHIPPED = Object.keys(import.meta.glob("../../prisma/migrations/*/migration.sql"))
  .map((p) => p.split("/").at(-2)!)
  .sort();

export function shippedMigrations(): string[] {
  return SHIPPED;
}

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; migrations: { ok: boolean; missing: string[] }; files: boolean; accepting: boolean };
}

async function appliedMigrations(): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  return rows.map((r) => r.name);
}

async function filesWritable(): Promise<boolean> {
  const dir = path.join(path.resolve(env().FILES_DIR), "tmp");
  const probe = path.join(dir, `.ready-${randomUUID()}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, "ok");
    await rm(probe, { force: true });
    return true;
  } catch {
    return false;
  }
}

export async function readiness(accepting = true): Promise<Readiness> {
  const [applied, files] = await Promise.all([appliedMigrations().catch(() => null), filesWritable()]);
  const missing = applied ? SHIPPED.filter((m) => !applied.includes(m)) : SHIPPED;
  const checks = { database: applied !== null, migrations: { ok: applied !== null && missing.length === 0, missing }, files, accepting };
  return { ready: checks.database && checks.migrations.ok && files && accepting, checks };
}

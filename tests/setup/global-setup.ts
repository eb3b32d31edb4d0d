/**
 * Runs once per `vitest run`, before any worker starts: builds a freshly
 * migrated SQLite database with the committed migrations (`prisma migrate
 * deploy`, exactly as production applies them) in this run's own folder,
 * tests/.data/vitest-<pid>/base.db. Each worker then copies it
 * (setup-test-env.ts), so tests never share state and never touch the
 * development database. Runs in the same checkout at the same time (several
 * people, an editor plugin) do not collide; folders of finished runs are
 * kept for inspection and pruned by the next run.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";
import { BASE_DB_NAME, DATA_DIR, ROOT, runDir } from "./paths";

const prismaBin = path.join(ROOT, "node_modules", ".bin", "prisma");

function prisma(args: string[], env: NodeJS.ProcessEnv) {
  try {
    execFileSync(prismaBin, args, { cwd: ROOT, env, stdio: "pipe", encoding: "utf8" });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`prisma ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}\n${e.message}`);
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the folders of earlier runs whose process has ended. */
function pruneFinishedRuns() {
  if (!existsSync(DATA_DIR)) return;
  for (const entry of readdirSync(DATA_DIR)) {
    const match = /^vitest-(\d+)$/.exec(entry);
    if (match && Number(match[1]) !== process.pid && !isAlive(Number(match[1]))) {
      rmSync(path.join(DATA_DIR, entry), { recursive: true, force: true });
    }
  }
}

export default function globalSetup(project: TestProject) {
  pruneFinishedRuns();
  const dir = runDir(process.pid);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const baseDb = path.join(dir, BASE_DB_NAME);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Relative to ROOT, the working directory of the commands below.
    DATABASE_URL: `file:./${path.relative(ROOT, baseDb).split(path.sep).join("/")}`,
    PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };

  // `npm test` generates the client first; a bare `npx vitest` on a fresh
  // clone would otherwise fail with a confusing import error.
  if (!existsSync(path.join(ROOT, "app", "generated", "prisma", "client.ts"))) {
    prisma(["generate"], env);
  }
  prisma(["migrate", "deploy"], env);

  // Fold any WAL content into the main file and leave it in rollback-journal
  // mode, so that copying the one file copies the whole database.
  const db = new Database(baseDb);
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("journal_mode = DELETE");
    const applied = db
      .prepare("SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL")
      .get() as { n: number };
    if (applied.n === 0) throw new Error(`No migration was applied to ${baseDb}`);
  } finally {
    db.close();
  }

  project.provide("testRunDir", dir);
}

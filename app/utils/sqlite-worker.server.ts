/**
 * SQLite work too long for the server's event loop, run in a worker thread
 * on a connection of its own (better-sqlite3 is synchronous): VACUUM INTO
 * for a consistent copy of the live database while the app keeps writing
 * (it reads one snapshot; WAL lets writers go on meanwhile), and the
 * inspection of a copy (integrity check, applied migrations, counts, the
 * document files it points to).
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface Inspection {
  integrity: string;
  migrations: string[];
  counts: Record<string, number>;
  /** Every file hash the copy's document versions point to. */
  hashes: string[];
}

// Plain CommonJS, evaluated in the worker: no bundler sees it.
const SCRIPT = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
function run() {
  const { task, source, target } = workerData;
  if (task === "vacuumInto") {
    const db = new Database(source, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 10000");
      db.prepare("VACUUM INTO ?").run(target);
    } finally { db.close(); }
    const copy = new Database(target, { fileMustExist: true });
    try { copy.pragma("journal_mode = DELETE"); } finally { copy.close(); }
    return {};
  }
  if (task === "inspect") {
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("PRAGMA integrity_check").all();
      const integrity = rows.map((r) => Object.values(r)[0]).join("; ");
      const migrations = db.prepare("SELECT migration_name AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name").all().map((r) => r.n);
      const counts = {};
      for (const table of ["Agreement", "Partner", "Unit", "User", "DocumentVersion", "AuditEvent"]) {
        counts[table] = db.prepare('SELECT COUNT(*) AS n FROM "' + table + '"').get().n;
      }
      const hashes = db.prepare("SELECT sha256 AS h FROM DocumentVersion UNION SELECT signedContentSha256 FROM DocumentVersion WHERE signedContentSha256 IS NOT NULL").all().map((r) => r.h);
      return { integrity, migrations, counts, hashes };
    } finally { db.close(); }
  }
  throw new Error("unknown task " + task);
}
try { parentPort.postMessage({ ok: true, value: run() }); }
catch (error) { parentPort.postMessage({ ok: false, error: String(error && error.message || error) }); }
`;

function driverPath(): string {
  return createRequire(import.meta.url).resolve("better-sqlite3");
}

function runTask<T>(data: Record<string, string>): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SCRIPT, { eval: true, workerData: { ...data, driver: driverPath() } });
    let settled = false;
    worker.once("message", (message: { ok: boolean; value?: T; error?: string }) => {
      settled = true;
      if (message.ok) resolve(message.value as T);
      else reject(new Error(message.error));
    });
    worker.once("error", (error) => { settled = true; reject(error); });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the SQLite worker stopped (exit ${code})`));
    });
  });
}

/** A consistent copy of the database at `source` into `target` (which must not exist), as one self-contained file. */
export function vacuumInto(source: string, target: string): Promise<void> {
  return runTask<unknown>({ task: "vacuumInto", source, target }).then(() => undefined);
}

/** Reads a database file without changing it: integrity, migrations, counts, referenced file hashes. */
export function inspectDatabase(source: string): Promise<Inspection> {
  return runTask<Inspection>({ task: "inspect", source });
}

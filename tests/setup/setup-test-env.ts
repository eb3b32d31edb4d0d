/**
 * Runs in every test file's context before the file itself is imported.
 *
 * 1. Per-worker database. app/utils/db.server.ts reads DATABASE_URL when it
 *    is first imported, so this file points DATABASE_URL at this worker's own
 *    copy, tests/.data/vitest-<run pid>/worker-<VITEST_POOL_ID>.db, of the
 *    migrated base database made by global-setup.ts, before any test imports
 *    app code. Workers never share a file, and the copy is fresh
 *    for every test file (each runs in its own process: pool "forks",
 *    isolate true).
 * 2. console.error fails the test (STYLE.md) unless the test expects it:
 *
 *      consoleError.mockImplementation(() => {});            // from this module
 *      // or, equivalently
 *      vi.spyOn(console, "error").mockImplementation(() => {});
 *
 *    and then assert on `consoleError` / the returned spy as usual.
 */
import { copyFileSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, inject, vi, type MockInstance } from "vitest";
import { BASE_DB_NAME } from "./paths";

// ---- 1. this worker's database -------------------------------------------

const runDir = inject("testRunDir");
const baseDb = path.join(runDir, BASE_DB_NAME);
const workerId = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const workerDb = path.join(runDir, `worker-${workerId}.db`);
const marker = globalThis as unknown as { __htTestDatabase?: string };

// Copy once per process: were test files ever to share a process
// (isolate: false), replacing the file under an open connection would be wrong.
if (marker.__htTestDatabase !== workerDb) {
  if (!existsSync(baseDb)) {
    throw new Error(`${baseDb} is missing: run the tests through vitest (its globalSetup creates it).`);
  }
  // Unlink first (a lingering handle from an earlier process keeps the old
  // inode), and drop stale WAL/SHM files, which SQLite would otherwise replay.
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(workerDb + suffix, { force: true });
  copyFileSync(baseDb, workerDb);
  marker.__htTestDatabase = workerDb;
}

process.env.DATABASE_URL = `file:${workerDb}`;
// Uploaded files: this worker's own folder, emptied when the database is copied.
const filesDir = path.join(runDir, `files-${workerId}`);
if (process.env.FILES_DIR !== filesDir) rmSync(filesDir, { recursive: true, force: true });
process.env.FILES_DIR = filesDir;
// NODE_ENV is "test" under vitest already; set it for code that checks it.
process.env.NODE_ENV ??= "test";

// ---- 2. console.error fails the test unless expected ---------------------

const originalConsoleError = console.error;
const passThrough = (...args: unknown[]) => originalConsoleError(...args);

/** The spy on console.error for the running test; mock it to expect errors. */
export let consoleError: MockInstance<typeof console.error>;

beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation(passThrough);
});

afterEach(() => {
  const spy = consoleError;
  const expected = spy.getMockImplementation() !== passThrough;
  const calls = spy.mock.calls.map((args) => args.map(String).join(" "));
  spy.mockRestore();
  if (calls.length > 0 && !expected) {
    throw new Error(
      `console.error was called ${calls.length} time(s) during this test:\n` +
        calls.map((c) => `  - ${c}`).join("\n") +
        "\nIf the test expects it, mock it: consoleError.mockImplementation(() => {}).",
    );
  }
});

/**
 * "Killing the server during uploads leaves no row without its file": a
 * separate process uploads documents in a loop (store, check, commit the
 * row) on a database and file store of its own, and is killed with SIGKILL
 * (no clean-up runs) at a different point each round. Afterwards every
 * recorded version's file is there and hashes to its SHA-256; what the kills
 * left behind is at most files without rows and temporary files.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { BASE_DB_NAME } from "../setup/paths";

const dir = path.join(inject("testRunDir"), `crash-${process.pid}`);
const db = path.join(dir, "crash.db");
const files = path.join(dir, "files");

/** Runs the uploader until it has committed `commits` uploads, then kills it. */
function uploadThenKill(commits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // node itself (not the tsx wrapper, whose child would outlive the kill) with tsx's loader.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/upload-child.ts"], {
      env: { ...process.env, DATABASE_URL: `file:${db}`, FILES_DIR: files },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = 0;
    let errors = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      seen += chunk.split("\n").filter((l) => l.startsWith("committed")).length;
      if (seen >= commits) child.kill("SIGKILL");
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => { errors += chunk; });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(seen);
      else reject(new Error(`the uploader stopped by itself (${code}) after ${seen} commits: ${errors.slice(0, 3000)}`));
    });
  });
}

const blob = (sha: string) => path.join(files, "blobs", sha.slice(0, 2), sha.slice(2, 4), sha);

function blobsOnDisk(): string[] {
  const root = path.join(files, "blobs");
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((a) => readdirSync(path.join(root, a)).flatMap((b) => readdirSync(path.join(root, a, b))));
}

describe("killing the process during uploads", () => {
  it("never leaves a row without its file", async () => {
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(inject("testRunDir"), BASE_DB_NAME), db);
    let committed = 0;
    for (const commits of [1, 2, 3, 2]) committed += await uploadThenKill(commits);
    const conn = new Database(db, { readonly: true });
    const versions = conn.prepare(`SELECT "sha256" FROM "DocumentVersion"`).all() as { sha256: string }[];
    expect(conn.pragma("integrity_check", { simple: true })).toBe("ok");
    conn.close();
    expect(versions.length).toBeGreaterThanOrEqual(committed);
    for (const v of versions) {
      expect(createHash("sha256").update(readFileSync(blob(v.sha256))).digest("hex")).toBe(v.sha256);
    }
    // Whatever else is on disk is a file without a row (an upload killed before its commit).
    const referenced = new Set(versions.map((v) => v.sha256));
    expect(blobsOnDisk().filter((f) => !referenced.has(f)).length).toBeLessThanOrEqual(4);
  }, 120_000);
});

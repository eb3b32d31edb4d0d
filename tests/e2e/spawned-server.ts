/**
 * A production server of the test's own (server.js on the e2e build), for
 * what the shared e2e server cannot show: reading every line it logs,
 * stopping it with SIGTERM, serving a restored database. It listens on a
 * free loopback port (PORT=0) with its own database, files and backups
 * under tests/.data/<name>, migrated with the committed migrations.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../setup/paths";
import { openDatabase, type Db } from "./factories";
import { PORT } from "./server";

export interface Paths {
  dir: string;
  databaseFile: string;
  filesDir: string;
  backupDir: string;
}

export function freshPaths(name: string): Paths {
  const dir = path.join(ROOT, "tests", ".data", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { dir, databaseFile: path.join(dir, "app.db"), filesDir: path.join(dir, "files"), backupDir: path.join(dir, "backups") };
}

const env = (p: Paths, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NODE_ENV: "production",
  DATABASE_URL: `file:${p.databaseFile}`, FILES_DIR: p.filesDir, BACKUP_DIR: p.backupDir,
  PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", ...extra,
});

/** Applies the committed migrations to a new database; returns a client on it. */
export function migrate(p: Paths): Db {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env: env(p), stdio: "pipe" });
  return openDatabase(p.databaseFile);
}

/** Runs one of the app's commands (npm run backup / restore) as a separate process. */
export function runCli(script: "backup" | "restore", args: string[], p: Paths): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "app", "cli", `${script}.ts`), ...args], { cwd: ROOT, env: env(p) });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    // "close", not "exit": the process may exit before its last output has been read.
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

export interface Spawned {
  url: string;
  process: ChildProcess;
  /** Every line it wrote to standard output and error. */
  lines: string[];
  /** Resolves with the exit code once the process has exited and all its output is in `lines`. */
  exited: Promise<number>;
  /** Sends SIGTERM; resolves with the exit code (as `exited`). */
  stop(): Promise<number>;
  waitForLine(test: (line: string) => boolean): Promise<string>;
}

export async function spawnServer(p: Paths, extra: Record<string, string> = {}): Promise<Spawned> {
  const serveDir = path.join(ROOT, "tests", ".data", `serve-${PORT}`);
  const child = spawn("node", [path.join(ROOT, "server.js"), "./build/server/index.js"], {
    cwd: serveDir,
    env: env(p, { PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", BACKUP_SCHEDULE: "off", LOG_LEVEL: "info", ...extra }),
  });
  const lines: string[] = [];
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  // Output arrives in chunks that may end mid-line: a line is taken once its newline has come.
  const partial = { stdout: "", stderr: "" };
  const take = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
    const text = partial[stream] + chunk.toString();
    const end = text.lastIndexOf("\n");
    partial[stream] = text.slice(end + 1);
    for (const line of text.slice(0, end + 1).split("\n").filter(Boolean)) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout.on("data", take("stdout"));
  child.stderr.on("data", take("stderr"));
  const waitForLine = (test: (line: string) => boolean) =>
    new Promise<string>((resolve) => {
      const seen = lines.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  // "close", not "exit": the process may exit before its last lines have been read.
  const exited = new Promise<number>((resolve) =>
    child.on("close", (code) => {
      for (const stream of ["stdout", "stderr"] as const) if (partial[stream]) take(stream)(Buffer.from("\n"));
      resolve(code ?? 1);
    }),
  );
  const listening = await Promise.race([waitForLine((l) => l.includes('"msg":"listening')), exited.then((c) => `exited ${c}: ${lines.join("\n")}`)]);
  const port = /"port":(\d+)/.exec(listening)?.[1];
  if (!port) throw new Error(`the server did not start: ${listening}`);
  return {
    url: `http://127.0.0.1:${port}`, process: child, lines, exited, waitForLine,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Logs in through the /login form as a browser would; returns the session's Cookie header. */
export async function logInOver(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/login`, {
    method: "POST", redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("ht_session="));
  if (response.status !== 302 || !cookie) throw new Error(`log-in failed: ${response.status}`);
  return cookie.split(";")[0]!;
}

/**
 * Runs once in the Playwright runner before any worker starts: serves the
 * write lock the workers share (write-lock.ts) for the length of the run.
 * The workers find it through E2E_LOCK_SOCKET, which they inherit.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { LOCK_SOCKET } from "./server";
import { serveWriteLock } from "./write-lock";

export default async function globalSetup() {
  mkdirSync(path.dirname(LOCK_SOCKET), { recursive: true });
  const stop = await serveWriteLock(LOCK_SOCKET);
  process.env.E2E_LOCK_SOCKET = LOCK_SOCKET;
  // Playwright runs the returned function as the global teardown.
  return stop;
}

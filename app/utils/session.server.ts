/**
 * The session cookie (only the session id; the session lives in the
 * database) and its signing secret.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

/** Sessions last one working day; logging out, deactivation or a password change ends them sooner. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * The signing secret: SESSION_SECRET, or in demo mode a random one generated
 * once and kept beside the database, so restarts keep people logged in.
 */
export function sessionSecret(): string {
  const e = env();
  if (e.SESSION_SECRET) return e.SESSION_SECRET;
  const dbFile = e.DATABASE_URL.replace(/^file:/, "");
  const file = path.join(path.dirname(path.resolve(dbFile)), ".session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(48).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The cookie holds only the session id; the session itself lives in the database. */
export const sessionCookie = createCookie("ht_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: env().NODE_ENV === "production" && !env().DEMO,
  path: "/",
  secrets: [sessionSecret()],
  maxAge: SESSION_TTL_MS / 1000,
});

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

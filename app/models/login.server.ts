/**
 * Checking a log-in: the same answer and timing for unknown accounts, and
 * throttling after repeated failures per account (and per address behind a
 * trusted proxy).
 */
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { verifyPassword } from "~/utils/auth.server";

/** After this many failures within the window, each further attempt waits longer. */
export const FREE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60 * 1000;
const FIRST_DELAY_MS = 30 * 1000;
const MAX_DELAY_MS = 15 * 60 * 1000;

export type LoginResult =
  | { ok: true; user: { id: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** Throttle keys: the account always, the client's address when a trusted proxy reports it. */
function throttleKeys(email: string, request: Request): string[] {
  const keys = [`email:${email}`];
  if (env().TRUST_PROXY) {
    const ip = request.headers.get("X-Forwarded-For")?.split(",")[0]?.trim();
    if (ip) keys.push(`ip:${ip}`);
  }
  return keys;
}

/**
 * Checks an email and password. The answer never tells whether the email
 * exists: unknown accounts are throttled and timed exactly like known ones.
 */
export async function attemptLogin(emailInput: string, password: string, request: Request, now = new Date()): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const keys = throttleKeys(email, request);
  const { throttles, retryAfterSeconds } = await throttleState(keys, now);
  if (retryAfterSeconds) return { ok: false, reason: "throttled", retryAfterSeconds };

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (user && user.active && valid) {
    await prisma.$transaction([
      prisma.loginThrottle.deleteMany({ where: { key: `email:${email}` } }),
      prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
    ]);
    return { ok: true, user: { id: user.id } };
  }
  await recordFailure(keys, throttles, now);
  return { ok: false, reason: "invalid" };
}

/** The throttle rows of these keys, and how long to wait when one of them blocks. */
async function throttleState(keys: string[], now: Date) {
  const throttles = await prisma.loginThrottle.findMany({ where: { key: { in: keys } } });
  const blockedUntil = Math.max(0, ...throttles.map((t) => t.blockedUntil?.getTime() ?? 0));
  const retryAfterSeconds = blockedUntil > now.getTime() ? Math.ceil((blockedUntil - now.getTime()) / 1000) : 0;
  return { throttles, retryAfterSeconds };
}

export type PasswordCheck = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a signed-in person's current password (before they change it),
 * throttled exactly like logging in, so a stolen session cannot be used to
 * guess the password.
 */
export async function checkCurrentPassword(userId: string, password: string, now = new Date()): Promise<PasswordCheck> {
  const keys = [`password:${userId}`];
  const { throttles, retryAfterSeconds } = await throttleState(keys, now);
  if (retryAfterSeconds) return { ok: false, reason: "throttled", retryAfterSeconds };
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (await verifyPassword(user?.passwordHash ?? null, password)) {
    await prisma.loginThrottle.deleteMany({ where: { key: { in: keys } } });
    return { ok: true };
  }
  await recordFailure(keys, throttles, now);
  return { ok: false, reason: "invalid" };
}

/** "30 seconds", "15 minutes": how long to wait, in words. */
export function formatWait(seconds: number) {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

async function recordFailure(keys: string[], existing: { key: string; failures: number; firstFailureAt: Date }[], now: Date) {
  await prisma.$transaction(
    keys.map((key) => {
      const previous = existing.find((t) => t.key === key);
      const fresh = !previous || now.getTime() - previous.firstFailureAt.getTime() > WINDOW_MS;
      const failures = fresh ? 1 : previous.failures + 1;
      const over = failures - FREE_ATTEMPTS;
      const blockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** over)) : null;
      const data = { failures, blockedUntil, ...(fresh ? { firstFailureAt: now } : {}) };
      return prisma.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    }),
  );
}

/**
 * Who is asking and what they may do: password hashing (argon2id), the
 * session behind the cookie, the same-origin check on mutations,
 * requireUser / requirePermission for every loader and action, and
 * session creation and destruction.
 */
import { hash, verify } from "@node-rs/argon2";
import { redirect } from "@remix-run/node";
import { tokenAllows, type TokenScope } from "~/domain/api-tokens";
import { can, type Permission, type Role } from "~/domain/permissions";
import { apiError, bearerToken, isApiPath, requireTokenOwner, unauthenticated } from "./api-auth.server";
import { prisma } from "./db.server";
import { setRequestUser } from "./logger.server";
import { env } from "./env.server";
import { newSessionId, readSessionId, SESSION_TTL_MS, sessionCookie } from "./session.server";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set when the request came with an API token instead of a session. */
  token?: { id: string; name: string; scope: TokenScope };
}

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the email is unknown makes both paths take the same time.
const DUMMY_HASH = hash("not-a-real-password-" + Math.random());

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await DUMMY_HASH), password);
  } catch {
    return false;
  }
}

/** The logged-in user, or null. Expired sessions and deactivated accounts count as logged out. */
export async function getUser(request: Request): Promise<CurrentUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { id: true, email: true, name: true, role: true, active: true } } },
  });
  if (!session || session.expiresAt < new Date() || !session.user.active) return null;
  const { active: _active, ...user } = session.user;
  return { ...user, role: user.role as Role };
}

/** Only same-site paths: never send someone to another origin after log-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/**
 * Refuses state-changing requests that did not come from this site's own
 * pages (CSRF). The session cookie is SameSite=Lax as a second line.
 */
export function assertSameOrigin(request: Request) {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return;
  const expected = new URL(request.url).host;
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  let host: string | null = null;
  try {
    host = source && source !== "null" ? new URL(source).host : null;
  } catch {
    host = null;
  }
  const forwarded = env().TRUST_PROXY ? request.headers.get("X-Forwarded-Host") : null;
  if (!host || (host !== expected && host !== forwarded)) {
    throw new Response("This request did not come from an HT Collaborations page and was refused.", {
      status: 403,
    });
  }
}

/**
 * The logged-in user; anyone else is sent to log in and brought back
 * afterwards. On /api/*, an API token (Authorization: Bearer) names the
 * user instead of the session, and a request without either is answered
 * 401 (app/utils/api-auth.server.ts).
 */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const presented = bearerToken(request);
  if (presented !== null) return requireTokenOwner(request, presented);
  assertSameOrigin(request);
  const user = await getUser(request);
  if (!user) {
    if (isApiPath(request)) throw unauthenticated();
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  setRequestUser(user.id);
  return user;
}

/**
 * The logged-in user, if their role grants `permission`; otherwise 403. A
 * read-only API token grants only its owner's reading permissions.
 */
export async function requirePermission(request: Request, permission: Permission): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!can(user.role, permission)) {
    if (user.token) throw apiError(403, "The role of this token's owner does not allow this.");
    throw new Response("Your role does not allow this. Ask an administrator if you need access.", { status: 403 });
  }
  if (user.token && !tokenAllows(user.token.scope, permission)) {
    throw apiError(403, "This token is read-only: create a read-and-write token to make changes.");
  }
  return user;
}

export async function createSession(userId: string, request: Request, options: { ssoIdToken?: string } = {}) {
  const id = newSessionId();
  await prisma.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 300),
      ssoIdToken: options.ssoIdToken ?? null,
    },
  });
  return sessionCookie.serialize(id);
}

/** Ends the current session and clears the cookie; the provider's ID token when the session came from single sign-on. */
export async function endSession(request: Request): Promise<{ cookie: string; ssoIdToken: string | null }> {
  const id = await readSessionId(request);
  let ssoIdToken: string | null = null;
  if (id) {
    const session = await prisma.session.findUnique({ where: { id }, select: { ssoIdToken: true } });
    ssoIdToken = session?.ssoIdToken ?? null;
    await prisma.session.deleteMany({ where: { id } });
  }
  return { cookie: await sessionCookie.serialize("", { maxAge: 0 }), ssoIdToken };
}

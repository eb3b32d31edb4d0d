/**
 * Bearer tokens on /api/* (docs/decisions/072): `Authorization: Bearer
 * htc_...` names the caller instead of the session cookie. The token is
 * checked (known, not revoked, not expired, its owner active), rate limited
 * per token (429 with Retry-After), and its use recorded. Failures answer
 * JSON with the status and `WWW-Authenticate` an API client expects, never
 * a redirect to the log-in page. Same-origin checks do not apply: a
 * browser never sends a bearer token by itself, so a token cannot be used
 * by another site (CSRF).
 */
import { routePattern } from "~/domain/route-pattern";
import { checkToken, recordTokenUse, type TokenOwner } from "~/models/api-tokens.server";
import { env } from "./env.server";
import { setRequestUser } from "./logger.server";
import { takeToken } from "./rate-limit.server";

const WHY: Record<string, string> = {
  invalid: "This API token is not valid.",
  expired: "This API token has expired: create a new one at /account.",
  revoked: "This API token was revoked.",
  inactive: "The account this token belongs to is deactivated.",
};

export function isApiPath(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

/** The bearer token of an /api/ request, "" for a malformed Authorization header, null when there is none. */
export function bearerToken(request: Request): string | null {
  if (!isApiPath(request)) return null;
  const header = request.headers.get("Authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : "";
}

export function apiError(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** 401 for an /api/ request without credentials. */
export function unauthenticated(): Response {
  return apiError(401, "Authenticate with an API token (Authorization: Bearer <token>) or a session.", { "WWW-Authenticate": 'Bearer realm="HT Collaborations"' });
}

/** The token's owner; throws the JSON answer (401, 429) when the token may not be used now. */
export async function requireTokenOwner(request: Request, presented: string): Promise<TokenOwner> {
  const check = await checkToken(presented);
  if (!check.ok) {
    throw apiError(401, WHY[check.reason]!, { "WWW-Authenticate": `Bearer realm="HT Collaborations", error="invalid_token"` });
  }
  const limit = env().API_RATE_LIMIT;
  const decision = takeToken(check.owner.token.id, limit);
  if (!decision.ok) {
    throw apiError(429, `Too many requests with this token (at most ${limit} a minute). Retry in ${decision.retryAfterSeconds} s.`, {
      "Retry-After": String(decision.retryAfterSeconds),
      "RateLimit-Limit": String(limit),
    });
  }
  setRequestUser(check.owner.id, check.owner.token.id);
  await recordTokenUse(check.owner, { method: request.method, route: routePattern(new URL(request.url).pathname) });
  return check.owner;
}

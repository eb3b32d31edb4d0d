/**
 * Personal access tokens (docs/decisions/072): created at /account and
 * shown once; only their SHA-256 is stored. A token is read-only or
 * read-write, expires, can be revoked, and records when it was last used;
 * every use writes an audit row (who, which token, which endpoint, the
 * answer's status is the route's own business) in one transaction with the
 * last-used time. Creation and revocation are audited too.
 */
import { createHash, randomBytes } from "node:crypto";
import { MAX_TOKENS_PER_USER, TOKEN_PATTERN, TOKEN_PREFIX, type TokenScope } from "~/domain/api-tokens";
import { refused } from "~/domain/errors";
import type { Role } from "~/domain/permissions";
import { prisma } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

const tokenSelect = {
  id: true, name: true, prefix: true, scope: true, expiresAt: true, lastUsedAt: true, useCount: true, revokedAt: true, createdAt: true,
} as const;

export async function listTokens(userId: string) {
  return prisma.apiToken.findMany({ where: { userId }, select: tokenSelect, orderBy: [{ revokedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }] });
}

/** Creates a token for `actor`; the returned `token` is the only time it is ever seen. */
export async function createToken(actor: Actor & { id: string }, input: { name: string; scope: TokenScope; expiresInDays: number }, now = new Date()) {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  const record = await prisma.$transaction(async (tx) => {
    const live = await tx.apiToken.count({ where: { userId: actor.id, revokedAt: null, expiresAt: { gt: now } } });
    if (live >= MAX_TOKENS_PER_USER) throw refused(`You hold ${live} live tokens: revoke one you no longer use first.`, "name");
    const created = await tx.apiToken.create({
      data: { userId: actor.id, name: input.name, scope: input.scope, expiresAt, tokenHash: hashToken(token), prefix: token.slice(0, 8) },
      select: tokenSelect,
    });
    await recordAudit(tx, actor, {
      entity: "ApiToken", entityId: created.id, action: "CREATE",
      summary: `${actor.email} created the API token “${input.name}” (${input.scope === "WRITE" ? "read and write" : "read only"}, until ${expiresAt.toISOString().slice(0, 10)})`,
      after: { name: input.name, scope: input.scope, expiresAt },
    });
    return created;
  });
  return { token, record };
}

/** Revokes one of the actor's own tokens (at once: the next request with it is refused). */
export async function revokeToken(actor: Actor & { id: string }, tokenId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id }, select: { id: true, name: true, revokedAt: true } });
    if (!token) throw refused("This token no longer exists; reload the page.");
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now }, select: { id: true, name: true, revokedAt: true } });
    await recordAudit(tx, actor, {
      entity: "ApiToken", entityId: token.id, action: "UPDATE",
      summary: `${actor.email} revoked the API token “${token.name}”`,
      before: { revokedAt: null }, after: { revokedAt: now },
    });
    return revoked;
  });
}

export interface TokenOwner {
  id: string;
  email: string;
  name: string;
  role: Role;
  token: { id: string; name: string; scope: TokenScope };
}

export type TokenCheck = { ok: true; owner: TokenOwner } | { ok: false; reason: "invalid" | "expired" | "revoked" | "inactive" };

/** Who a presented token belongs to, if it may be used now. Nothing is written. */
export async function checkToken(presented: string, now = new Date()): Promise<TokenCheck> {
  if (!TOKEN_PATTERN.test(presented)) return { ok: false, reason: "invalid" };
  const found = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(presented) },
    select: { id: true, name: true, scope: true, expiresAt: true, revokedAt: true, user: { select: { id: true, email: true, name: true, role: true, active: true } } },
  });
  if (!found) return { ok: false, reason: "invalid" };
  if (found.revokedAt) return { ok: false, reason: "revoked" };
  if (found.expiresAt <= now) return { ok: false, reason: "expired" };
  if (!found.user.active) return { ok: false, reason: "inactive" };
  const { active: _active, ...user } = found.user;
  return { ok: true, owner: { ...user, role: user.role as Role, token: { id: found.id, name: found.name, scope: found.scope as TokenScope } } };
}

/** Records one use: the last-used time, the count, and an audit row naming the endpoint (never the query's values). */
export async function recordTokenUse(owner: TokenOwner, use: { method: string; route: string }, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: owner.token.id }, data: { lastUsedAt: now, useCount: { increment: 1 } } });
    await recordAudit(tx, owner, {
      entity: "ApiToken", entityId: owner.token.id, action: "USE",
      summary: `API token “${owner.token.name}”: ${use.method} ${use.route}`,
      after: { request: `${use.method} ${use.route}` },
    });
  });
}

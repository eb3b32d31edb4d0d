/**
 * Personal access tokens for the API, as rules shared by /account and the
 * server: the form that creates one, the scopes (read-only tokens use only
 * the reading permissions, and only GET), the expiries offered, the token's
 * shape ("htc_" and 43 random characters) and the statuses a list shows.
 */
import { z } from "zod";
import type { Permission } from "./permissions";
import { labels } from "./vocabulary";

export const TOKEN_SCOPES = labels({ READ: "Read only", WRITE: "Read and write" });
export type TokenScope = (typeof TOKEN_SCOPES.values)[number];

/** What a read-only token may do: its owner's reading permissions only. */
export const READ_PERMISSIONS: readonly Permission[] = ["agreement:read", "agreement:read-restricted", "audit:read"];

export function tokenAllows(scope: string, permission: Permission): boolean {
  return scope === "WRITE" || READ_PERMISSIONS.includes(permission);
}

export const TOKEN_EXPIRIES = [7, 30, 90, 365] as const;
export const TOKEN_PREFIX = "htc_";
export const TOKEN_PATTERN = /^htc_[A-Za-z0-9_-]{43}$/;
/** Each person may hold this many live tokens. */
export const MAX_TOKENS_PER_USER = 20;

export const CreateTokenSchema = z.object({
  intent: z.literal("create-token"),
  name: z
    .string({ required_error: "Name the token after what will use it (e.g. Finance sync)" })
    .trim()
    .min(2, "Name the token after what will use it (e.g. Finance sync)")
    .max(80, "A token's name has at most 80 characters"),
  scope: z.enum(TOKEN_SCOPES.values, { errorMap: () => ({ message: "Choose what the token may do" }) }),
  expiresInDays: z.coerce
    .number({ invalid_type_error: "Choose when the token expires" })
    .refine((n) => (TOKEN_EXPIRIES as readonly number[]).includes(n), "Choose when the token expires"),
});

export const RevokeTokenSchema = z.object({
  intent: z.literal("revoke-token"),
  tokenId: z.string().min(1).max(64),
});

export type TokenStatus = "active" | "expired" | "revoked";

export function tokenStatus(token: { expiresAt: Date | string; revokedAt: Date | string | null }, now: Date): TokenStatus {
  if (token.revokedAt) return "revoked";
  return new Date(token.expiresAt) <= now ? "expired" : "active";
}

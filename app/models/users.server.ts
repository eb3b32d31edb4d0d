/**
 * Accounts: listing, creating, changing role or active flag (with version
 * checks and the last-admin rule), and setting passwords; each change with
 * its audit row in the same transaction.
 */
import { refused, ruleBroken, versionConflict } from "~/domain/errors";
import type { Role } from "~/domain/permissions";
import { hashPassword } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { changedFields, recordAudit, type Actor } from "./audit.server";

const userSelect = {
  id: true, email: true, name: true, role: true, active: true, lastLoginAt: true, createdAt: true, version: true, requestedAt: true,
} as const;

export async function listUsers() {
  return prisma.user.findMany({ select: userSelect, orderBy: [{ active: "desc" }, { email: "asc" }] });
}

export async function createUser(actor: Actor, input: { email: string; name: string; role: Role; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw ruleBroken("email", `An account for ${input.email} already exists`);
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: userSelect,
    });
    await recordAudit(tx, actor, {
      entity: "User", entityId: user.id, action: "CREATE",
      summary: `Created account ${user.email} (${user.role.toLowerCase()})`,
      after: { email: user.email, name: user.name, role: user.role, active: user.active },
    });
    return user;
  });
}

/**
 * Changes name, role or active flag. `version` is the one the form was
 * loaded with: a newer one means someone else changed the account meanwhile.
 * The last active admin cannot be demoted or deactivated.
 */
export async function updateUser(
  actor: Actor,
  input: { userId: string; version: number; name: string; role: Role; active: boolean },
) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.user.findUnique({ where: { id: input.userId }, select: userSelect });
    if (!current) return null;
    if (current.version !== input.version) {
      throw versionConflict("This account was changed by someone else meanwhile. Reload the page to see the current values.");
    }
    const losesAdmin = current.role === "ADMIN" && current.active && (input.role !== "ADMIN" || !input.active);
    if (losesAdmin && (await tx.user.count({ where: { role: "ADMIN", active: true } })) <= 1) {
      throw refused("At least one active admin must remain.");
    }
    const before = { name: current.name, role: current.role, active: current.active };
    const after = { name: input.name, role: input.role, active: input.active };
    const diff = changedFields(before, after);
    if (!Object.keys(diff.after).length) return current;
    const updated = await tx.user.update({
      where: { id: current.id },
      // Activating an account asked for through single sign-on approves the request.
      data: { ...after, version: { increment: 1 }, ...(input.active ? { requestedAt: null } : {}) },
      select: userSelect,
    });
    if (!input.active) await tx.session.deleteMany({ where: { userId: current.id } });
    await recordAudit(tx, actor, {
      entity: "User", entityId: current.id, action: "UPDATE",
      summary: describeUserChange(current.email, diff.after),
      ...diff,
    });
    return updated;
  });
}

function describeUserChange(email: string, after: Record<string, unknown>) {
  const parts: string[] = [];
  if ("role" in after) parts.push(`role → ${String(after.role).toLowerCase()}`);
  if ("active" in after) parts.push(after.active ? "reactivated" : "deactivated");
  if ("name" in after) parts.push(`name → ${String(after.name)}`);
  return `Updated ${email}: ${parts.join(", ")}`;
}

/** Sets a new password and ends every session of the account. */
export async function setPassword(actor: Actor, userId: string, password: string, opts: { keepSessionId?: string } = {}) {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) return null;
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, passwordChangedAt: new Date(), version: { increment: 1 } },
    });
    await tx.session.deleteMany({
      where: { userId, ...(opts.keepSessionId ? { id: { not: opts.keepSessionId } } : {}) },
    });
    await recordAudit(tx, actor, {
      entity: "User", entityId: userId, action: "UPDATE",
      summary: actor.id === userId ? `${user.email} changed their password` : `Password of ${user.email} reset`,
      before: { passwordHash: "(hidden)" }, after: { passwordHash: "(changed)" },
    });
    return user;
  });
}

/**
 * A person's own reminder settings: the offsets they are reminded at (or
 * the default) and the weekly digest, each change with its audit row; and
 * what their reminders page shows (their feed's state, what they watch).
 */
import { formatOffsets, parseOffsets } from "~/domain/reminders";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { changedFields, recordAudit, type Actor } from "./audit.server";
import { watchesOf } from "./watches.server";

export function defaultOffsets(): number[] {
  return parseOffsets(env().REMINDER_OFFSETS);
}

export async function reminderSettings(userId: string) {
  const [user, watches] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { reminderOffsets: true, weeklyDigest: true, calendarTokenAt: true, calendarUsedAt: true, calendarTokenHash: true } }),
    watchesOf(userId),
  ]);
  const defaults = defaultOffsets();
  return {
    offsets: user.reminderOffsets ? parseOffsets(user.reminderOffsets, defaults) : defaults,
    usesDefault: !user.reminderOffsets,
    defaults,
    weeklyDigest: user.weeklyDigest,
    feed: user.calendarTokenHash ? { createdAt: user.calendarTokenAt, usedAt: user.calendarUsedAt } : null,
    watches,
  };
}

/** Saves the chosen offsets (the default when they equal it) and the weekly digest choice. */
export async function saveReminderSettings(actor: Actor & { id: string }, input: { offsets: number[]; weeklyDigest: boolean }) {
  const stored = formatOffsets(input.offsets) === formatOffsets(defaultOffsets()) ? "" : formatOffsets(input.offsets);
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { reminderOffsets: true, weeklyDigest: true } });
    const diff = changedFields(before, { reminderOffsets: stored, weeklyDigest: input.weeklyDigest });
    if (!Object.keys(diff.after).length) return;
    await tx.user.update({ where: { id: actor.id }, data: { reminderOffsets: stored, weeklyDigest: input.weeklyDigest } });
    await recordAudit(tx, actor, { entity: "User", entityId: actor.id, action: "UPDATE", summary: `${actor.email} changed their reminders`, ...diff });
  });
}

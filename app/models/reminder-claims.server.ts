/**
 * The reminder job's bookkeeping (docs/decisions/032): every e-mail is a
 * ReminderDelivery row claimed before it is sent. This module takes back
 * claims a crashed run left behind and failed sends, plans what is newly
 * due (app/domain/reminders.ts), and writes the claims in one transaction,
 * a person's late reminders as members of one digest.
 */
import { randomUUID, createHash } from "node:crypto";
import { toDay } from "~/domain/dates";
import {
  digestKey, groupReminders, isoWeek, parseOffsets, planReminders, weeklyDigestDue, weeklyKey, type PlannedReminder,
} from "~/domain/reminders";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { messageIdFor } from "~/utils/mailer.server";
import type { Audience } from "./reminder-audience.server";

/** A claim older than this belongs to a run that died: it is sent again (with the same Message-ID). */
export const CLAIM_LEASE_MS = 10 * 60_000;
/** After this many failed attempts a delivery waits for an admin (the outbox page lists it). */
export const MAX_ATTEMPTS = 8;

const hash = (s: string) => createHash("sha256").update(s).digest("hex");

/** Claims for this run what earlier runs left: sends that failed, and claims of runs that died after claiming. */
export async function takeOverLeftovers(holder: string, now: Date) {
  const abandoned = await prisma.reminderDelivery.updateMany({
    where: { status: "CLAIMED", claimedAt: { lt: new Date(now.getTime() - CLAIM_LEASE_MS) } },
    data: { claimedBy: holder, claimedAt: now },
  });
  const retried = await prisma.reminderDelivery.updateMany({
    where: { status: "FAILED", attempts: { lt: MAX_ATTEMPTS } },
    data: { status: "CLAIMED", claimedBy: holder, claimedAt: now },
  });
  return { abandoned: abandoned.count, retried: retried.count };
}

/** The day of the last run that finished (null: none ever), to tell reminders missed during a gap. */
export async function lastFinishedRunDay(before: Date): Promise<Date | null> {
  const run = await prisma.jobRun.findFirst({ where: { job: "reminders", status: "DONE", startedAt: { lt: before } }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
  return run ? new Date(toDay(run.startedAt)) : null;
}

/** What is newly due today, for every person, minus what was claimed before. */
export async function planDue(audience: Audience, today: Date, lastRunDay: Date | null): Promise<PlannedReminder[]> {
  const existing = new Set((await prisma.reminderDelivery.findMany({ where: { kind: "REMINDER" }, select: { key: true } })).map((d) => d.key));
  const fallback = parseOffsets(env().REMINDER_OFFSETS);
  const offsets = new Map([...audience.users.values()].map((u) => [u.id, parseOffsets(u.reminderOffsets, fallback)]));
  const candidates = [...audience.recipients].flatMap(([deadlineKey, people]) =>
    [...people.keys()].map((userId) => ({ deadlineKey, userId, date: audience.byKey.get(deadlineKey)!.date })));
  return planReminders(candidates, (userId) => offsets.get(userId) ?? fallback, today, existing, lastRunDay);
}

type Row = {
  id: string; key: string; kind: string; userId: string; deadlineKey: string | null; agreementId: string | null;
  offsetDays: number | null; dueOn: Date; messageId: string; status: string; bundleId: string | null; claimedBy: string | null; claimedAt: Date | null;
};

function reminderRow(p: PlannedReminder, audience: Audience, base: Pick<Row, "claimedBy" | "claimedAt">, status: string, bundleId: string | null): Row {
  return {
    id: randomUUID(), key: p.key, kind: "REMINDER", userId: p.userId, deadlineKey: p.deadlineKey,
    agreementId: audience.byKey.get(p.deadlineKey)?.agreementId ?? null, offsetDays: p.offset, dueOn: p.dueOn,
    messageId: messageIdFor(p.key), status, bundleId, ...base,
  };
}

/**
 * Writes this run's claims in one transaction: a reminder each, except a
 * person's late ones (two or more), which become the members of one digest;
 * and the weekly digests due today.
 */
export async function claimNew(planned: PlannedReminder[], audience: Audience, holder: string, now: Date, today: Date) {
  const base = { claimedBy: holder, claimedAt: now };
  const { single, digests } = groupReminders(planned);
  const rows: Row[] = single.map((p) => reminderRow(p, audience, base, "CLAIMED", null));
  for (const [userId, members] of digests) {
    const key = digestKey(userId, today, members.map((m) => m.key), hash);
    const digest: Row = { id: randomUUID(), key, kind: "CATCH_UP", userId, deadlineKey: null, agreementId: null, offsetDays: null, dueOn: today, messageId: messageIdFor(key), status: "CLAIMED", bundleId: null, ...base };
    rows.push(digest, ...members.map((m) => reminderRow(m, audience, base, "BUNDLED", digest.id)));
  }
  if (weeklyDigestDue(today, env().WEEKLY_DIGEST_DAY)) {
    const week = isoWeek(today);
    const keys = [...audience.users.values()].filter((u) => u.weeklyDigest).map((u) => ({ userId: u.id, key: weeklyKey(u.id, week) }));
    const taken = new Set((await prisma.reminderDelivery.findMany({ where: { key: { in: keys.map((k) => k.key) } }, select: { key: true } })).map((d) => d.key));
    for (const k of keys.filter((k) => !taken.has(k.key))) {
      rows.push({ id: randomUUID(), key: k.key, kind: "WEEKLY", userId: k.userId, deadlineKey: null, agreementId: null, offsetDays: null, dueOn: today, messageId: messageIdFor(k.key), status: "CLAIMED", bundleId: null, ...base });
    }
  }
  // Digests before their members (bundleId points at them); the unique keys refuse a second claim of anything.
  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) await tx.reminderDelivery.createMany({ data: rows.slice(i, i + 200) });
  }, { timeout: 60_000 });
  return { claimed: rows.filter((r) => r.status === "CLAIMED").length, digests: digests.size };
}

/**
 * The reminder job, run by the server's scheduler, by `npm run reminders`
 * and by an admin's "send now": under a lock in SQLite (one process at a
 * time), it takes over what earlier runs left (failed sends, claims of a
 * run that died), claims what is newly due, sends each claimed message
 * through the mailer and marks it sent once the SMTP server accepted it,
 * and records the run (JobRun) with a summary saying what it caught up.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { addDaysUtc, formatDay, utcToday } from "~/domain/dates";
import { noticeDeadline } from "~/domain/deadlines";
import { nextOccurrence } from "~/domain/obligations";
import { currentOffset, parseOffsets } from "~/domain/reminders";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { mailerFromEnv, type Mailer } from "~/utils/mailer.server";
import { pluralize } from "~/utils/format";
import { acquireLock, releaseLock, renewLock } from "./job-lock.server";
import { detailDeadlines } from "./deadlines.server";
import { loadAudience, type Audience } from "./reminder-audience.server";
import { claimNew, lastFinishedRunDay, planDue, takeOverLeftovers } from "./reminder-claims.server";
import { catchUpMail, reminderMail, weeklyMail } from "./reminder-mail.server";

export const REMINDER_JOB = "reminders";
const LOCK_TTL_MS = 10 * 60_000;
/** The weekly digest covers this many days ahead. */
const WEEKLY_DAYS = 14;

export type ReminderTrigger = "start" | "schedule" | "cli" | "manual";

export interface ReminderRunOptions {
  now?: Date;
  /** Default: the environment's (SMTP_URL, or the outbox in demo mode). */
  mailer?: Mailer | null;
  trigger?: ReminderTrigger;
  holder?: string;
  /** Tests: called once the SMTP server accepted a message, before it is recorded as sent. */
  afterAccept?: (delivery: { id: string; messageId: string }) => Promise<void> | void;
}

export interface ReminderRunResult {
  status: "DONE" | "SKIPPED" | "FAILED";
  runId: number;
  sent: number;
  failed: number;
  caughtUp: number;
  summary: string;
}

/** A crash on purpose (tests): the run stops where it is, as if the process died. */
export class SimulatedCrash extends Error {}

async function recordSkipped(trigger: ReminderTrigger, holder: string, now: Date, summary: string): Promise<ReminderRunResult> {
  const run = await prisma.jobRun.create({ data: { job: REMINDER_JOB, trigger, holder, startedAt: now, finishedAt: now, status: "SKIPPED", summary } });
  return { status: "SKIPPED", runId: run.id, sent: 0, failed: 0, caughtUp: 0, summary };
}

/** Derived deadline dates left empty by a write that did not set them (a safety net for imports and raw edits). */
export async function repairDerivedDates(): Promise<number> {
  const agreements = await prisma.agreement.findMany({
    where: { noticeDeadline: null, renewalType: { in: ["TACIT", "EXPRESS"] }, endDate: { not: null } },
    select: { id: true, endDate: true, renewalType: true, noticePeriodDays: true, noticePeriodMonths: true },
  });
  let fixed = 0;
  for (const a of agreements) {
    const date = noticeDeadline(a);
    if (date) fixed += (await prisma.agreement.updateMany({ where: { id: a.id, noticeDeadline: null }, data: { noticeDeadline: date } })).count;
  }
  const obligations = await prisma.obligation.findMany({
    where: { status: "OPEN", nextDueDate: null },
    select: { id: true, schedule: true, dueDate: true, intervalMonths: true, daysBeforeEnd: true, status: true, completedThrough: true, agreement: { select: { startDate: true, endDate: true } } },
  });
  for (const o of obligations) {
    const next = nextOccurrence(o, o.agreement);
    if (next) fixed += (await prisma.obligation.updateMany({ where: { id: o.id, nextDueDate: null }, data: { nextDueDate: next } })).count;
  }
  return fixed;
}

export async function runReminders(options: ReminderRunOptions = {}): Promise<ReminderRunResult> {
  const now = options.now ?? new Date();
  const trigger = options.trigger ?? "manual";
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const ownMailer = options.mailer === undefined;
  const mailer = ownMailer ? mailerFromEnv() : options.mailer;
  if (!mailer) return recordSkipped(trigger, holder, now, "Not run: outside demo mode reminders need an SMTP server (set SMTP_URL).");
  if (!(await acquireLock(REMINDER_JOB, holder, now, LOCK_TTL_MS))) {
    if (ownMailer) mailer.close();
    return recordSkipped(trigger, holder, now, "Not run: another server process is running the reminders.");
  }
  const run = await prisma.jobRun.create({ data: { job: REMINDER_JOB, trigger, holder, startedAt: now, status: "RUNNING" } });
  try {
    const result = await work(holder, now, mailer, options);
    await prisma.jobRun.update({ where: { id: run.id }, data: { status: "DONE", finishedAt: new Date(), sent: result.sent, failed: result.failed, caughtUp: result.caughtUp, summary: result.summary } });
    await releaseLock(REMINDER_JOB, holder);
    return { status: "DONE", runId: run.id, ...result };
  } catch (error) {
    if (error instanceof SimulatedCrash) throw error; // a dead process records nothing and keeps its lock until it expires
    const summary = `Failed: ${error instanceof Error ? error.message : String(error)}`;
    await prisma.jobRun.update({ where: { id: run.id }, data: { status: "FAILED", finishedAt: new Date(), summary } });
    await releaseLock(REMINDER_JOB, holder);
    return { status: "FAILED", runId: run.id, sent: 0, failed: 0, caughtUp: 0, summary };
  } finally {
    if (ownMailer) mailer.close();
  }
}

async function work(holder: string, now: Date, mailer: Mailer, options: ReminderRunOptions) {
  const today = utcToday(now);
  await repairDerivedDates();
  const lastRunDay = await lastFinishedRunDay(now);
  const fallback = parseOffsets(env().REMINDER_OFFSETS);
  const horizon = Math.max(WEEKLY_DAYS, ...fallback, ...(await prisma.user.findMany({ where: { active: true, reminderOffsets: { not: "" } }, select: { reminderOffsets: true } })).flatMap((u) => parseOffsets(u.reminderOffsets)));
  const audience = await loadAudience(today, horizon);
  const leftovers = await takeOverLeftovers(holder, now);
  const planned = await planDue(audience, today, lastRunDay);
  const claims = await claimNew(planned, audience, holder, now, today);
  const outcome = await sendClaimed(holder, now, today, audience, mailer, options);
  const caughtUp = planned.filter((p) => p.missed).length;
  const parts = [
    `Sent ${pluralize(outcome.sent, "message")} through ${mailer.describe}`,
    caughtUp ? `caught up ${pluralize(caughtUp, "reminder")} missed ${lastRunDay ? `since the last run on ${formatDay(lastRunDay)}` : "before the first run"} (${pluralize(claims.digests, "digest")})` : null,
    leftovers.retried ? `retried ${pluralize(leftovers.retried, "failed send")}` : null,
    leftovers.abandoned ? `took over ${pluralize(leftovers.abandoned, "message")} a stopped run had claimed` : null,
    outcome.failed ? `${outcome.failed} failed (${outcome.lastError})` : null,
  ].filter(Boolean);
  return { sent: outcome.sent, failed: outcome.failed, caughtUp, summary: `${parts.join("; ")}.` };
}

type Claimed = Awaited<ReturnType<typeof claimedBy>>[number];

function claimedBy(holder: string) {
  return prisma.reminderDelivery.findMany({ where: { status: "CLAIMED", claimedBy: holder }, orderBy: { createdAt: "asc" } });
}

/** What each claimed message is about: its deadline, a digest's members, a weekly digest's person's deadlines. */
async function contentsOf(claimed: Claimed[], audience: Audience, today: Date) {
  const members = new Map<string, string[]>();
  const digests = claimed.filter((d) => d.kind === "CATCH_UP").map((d) => d.id);
  for (let i = 0; i < digests.length; i += 500) {
    for (const m of await prisma.reminderDelivery.findMany({ where: { bundleId: { in: digests.slice(i, i + 500) } }, select: { bundleId: true, deadlineKey: true } })) {
      if (m.bundleId && m.deadlineKey) members.set(m.bundleId, [...(members.get(m.bundleId) ?? []), m.deadlineKey]);
    }
  }
  const until = addDaysUtc(today, WEEKLY_DAYS);
  const weekly = new Map<string, string[]>();
  for (const d of claimed.filter((x) => x.kind === "WEEKLY")) {
    weekly.set(d.id, audience.rows.filter((r) => r.date <= until && audience.recipients.get(r.key)?.has(d.userId)).map((r) => r.key));
  }
  const keys = new Set([...claimed.flatMap((d) => (d.deadlineKey ? [d.deadlineKey] : [])), ...[...members.values()].flat(), ...[...weekly.values()].flat()]);
  const stubs = [...keys].flatMap((k) => (audience.byKey.has(k) ? [audience.byKey.get(k)!] : []));
  const rows = new Map((await detailDeadlines(stubs, today)).map((r) => [r.key, r]));
  const pick = (list: string[] = []) => list.flatMap((k) => (rows.has(k) ? [rows.get(k)!] : []));
  return { rows, members: (id: string) => pick(members.get(id)), weekly: (id: string) => pick(weekly.get(id)) };
}

type Contents = Awaited<ReturnType<typeof contentsOf>>;

/** The message for a claimed delivery, from today's data; null when nothing is left to say (the deadline was dealt with). */
async function compose(d: Claimed, audience: Audience, contents: Contents, today: Date) {
  const user = audience.users.get(d.userId);
  if (!user) return null;
  if (d.kind === "REMINDER") {
    const row = d.deadlineKey ? contents.rows.get(d.deadlineKey) : undefined;
    const reason = row ? audience.recipients.get(row.key)?.get(user.id) : undefined;
    // A retry that a later reminder of the same deadline has overtaken says nothing new.
    const offset = row ? currentOffset(row.date, today, parseOffsets(user.reminderOffsets, parseOffsets(env().REMINDER_OFFSETS))) : null;
    return row && reason && offset === d.offsetDays ? reminderMail(row, user, reason, today) : null;
  }
  if (d.kind === "CATCH_UP") {
    const rows = contents.members(d.id);
    return rows.length ? catchUpMail(rows, user, today, await lastFinishedRunDay(d.dueOn)) : null;
  }
  const rows = contents.weekly(d.id);
  return rows.length ? weeklyMail(rows, user, today) : null;
}

async function sendClaimed(holder: string, now: Date, today: Date, audience: Audience, mailer: Mailer, options: ReminderRunOptions) {
  let sent = 0;
  let failed = 0;
  let lastError = "";
  const started = Date.now();
  const claimed = await claimedBy(holder);
  const contents = await contentsOf(claimed, audience, today);
  for (const [i, d] of claimed.entries()) {
    // Keep the lease while sending (on the run's clock, which tests may set).
    if (i % 25 === 24) await renewLock(REMINDER_JOB, holder, new Date(now.getTime() + Date.now() - started), LOCK_TTL_MS);
    const mail = await compose(d, audience, contents, today);
    if (!mail) {
      await prisma.reminderDelivery.updateMany({ where: { id: d.id, claimedBy: holder }, data: { status: "CANCELLED", lastError: "Dealt with before it was sent" } });
      continue;
    }
    try {
      await mailer.send({ ...mail, messageId: d.messageId });
      await options.afterAccept?.(d);
      await prisma.reminderDelivery.updateMany({
        where: { id: d.id, claimedBy: holder, status: "CLAIMED" },
        data: { status: "SENT", sentAt: new Date(), subject: mail.subject, attempts: { increment: 1 }, lastError: "" },
      });
      sent += 1;
    } catch (error) {
      if (error instanceof SimulatedCrash) throw error;
      lastError = error instanceof Error ? error.message : String(error);
      failed += 1;
      await prisma.reminderDelivery.updateMany({
        where: { id: d.id, claimedBy: holder },
        data: { status: "FAILED", claimedBy: null, attempts: { increment: 1 }, subject: mail.subject, lastError: lastError.slice(0, 500) },
      });
    }
  }
  return { sent, failed, lastError };
}

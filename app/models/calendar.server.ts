/**
 * Calendar feeds (ical-generator; docs/decisions/033): each person's private
 * iCalendar feed of the deadlines they are responsible for or watch, behind
 * a secret token kept only as its SHA-256 (regenerating it locks the old
 * URL out at once), and an agreement's own .ics file. Events are all-day,
 * with UIDs that stay the same for a deadline, so a calendar client
 * updates rather than duplicates them. A restricted agreement appears in
 * the feed of someone who may not read it only as "Restricted agreement,
 * notice deadline" on its day, with nothing else of it.
 */
import { createHash, randomBytes } from "node:crypto";
import ical, { ICalCalendarMethod } from "ical-generator";
import { isHiddenFrom, RESTRICTED_PLACEHOLDER, type Reader } from "~/domain/confidentiality";
import { addDaysUtc } from "~/domain/dates";
import { deadlineKindLabel } from "~/domain/obligations";
import type { Role } from "~/domain/permissions";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { findDeadlines, type DeadlineRow } from "./deadlines.server";
import { recordAudit, type Actor } from "./audit.server";

/** The feed covers open deadlines from this many days back (overdue ones stay visible)… */
const FEED_PAST_DAYS = 120;
/** …to this many ahead. */
const FEED_FUTURE_DAYS = 550;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const appUrl = (path: string) => `${env().APP_URL.replace(/\/$/, "")}${path}`;
const host = () => new URL(env().APP_URL).hostname;

export function feedUrl(token: string): string {
  return appUrl(`/calendar/${token}/deadlines.ics`);
}

/** A new secret for `userId`'s feed: the old URL stops working at once. Returns the new URL (shown once). */
export async function regenerateFeedToken(actor: Actor & { id: string }, now = new Date()): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await prisma.$transaction(async (tx) => {
    const had = await tx.user.findUnique({ where: { id: actor.id }, select: { calendarTokenHash: true } });
    await tx.user.update({ where: { id: actor.id }, data: { calendarTokenHash: sha256(token), calendarTokenAt: now, calendarUsedAt: null } });
    await recordAudit(tx, actor, {
      entity: "User", entityId: actor.id, action: "UPDATE",
      summary: `${actor.email} ${had?.calendarTokenHash ? "replaced the secret of their calendar feed (the old address no longer works)" : "created a calendar feed"}`,
      before: { calendarToken: had?.calendarTokenHash ? "(hidden)" : "" }, after: { calendarToken: "(changed)" },
    });
  });
  return feedUrl(token);
}

export async function revokeFeedToken(actor: Actor & { id: string }) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { calendarTokenHash: null, calendarTokenAt: null, calendarUsedAt: null } });
    await recordAudit(tx, actor, { entity: "User", entityId: actor.id, action: "UPDATE", summary: `${actor.email} turned their calendar feed off`, before: { calendarToken: "(hidden)" }, after: { calendarToken: "" } });
  });
}

/** The active person a feed token belongs to, or null (unknown, replaced, or a deactivated account). */
export async function feedOwner(token: string) {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const user = await prisma.user.findUnique({ where: { calendarTokenHash: sha256(token) }, select: { id: true, name: true, role: true, active: true } });
  return user?.active ? { ...user, role: user.role as Role } : null;
}

interface EventPart { uid: string; date: Date; summary: string; description: string | null; url: string | null }

/** What one deadline shows in `reader`'s calendar: everything, or for a restricted agreement they may not read, only the placeholder. */
function eventFor(row: DeadlineRow, reader: Reader & { id: string }): EventPart {
  if (isHiddenFrom(reader, row.agreement)) {
    return {
      // Per person, and without the agreement's id: the UID must not tie this event to anything else.
      uid: `${sha256(`${reader.id}|${row.key}`).slice(0, 32)}@${host()}`,
      date: row.date, summary: `${RESTRICTED_PLACEHOLDER}, ${deadlineKindLabel(row.kind).toLowerCase()}`, description: null, url: null,
    };
  }
  const url = appUrl(`/agreements/${row.agreement.id}`);
  return {
    uid: `${sha256(row.key).slice(0, 32)}@${host()}`,
    date: row.date,
    summary: `${row.kind === "NOTICE" ? "Give notice" : deadlineKindLabel(row.kind)}: ${row.agreement.reference} ${row.agreement.title}`.slice(0, 250),
    description: [`${row.sentence}.`, row.agreement.partnersLabel ? `Partners: ${row.agreement.partnersLabel}` : "", `Responsible: ${row.responsible?.name ?? "no one yet"}`, url].filter(Boolean).join("\n"),
    url,
  };
}

function calendar(name: string, events: EventPart[], now: Date): string {
  const cal = ical({ name, prodId: { company: "Human Technopole", product: "HT Collaborations", language: "EN" }, method: ICalCalendarMethod.PUBLISH, ttl: 60 * 60 });
  for (const e of events) {
    cal.createEvent({ id: e.uid, start: e.date, end: addDaysUtc(e.date, 1), allDay: true, stamp: now, summary: e.summary, description: e.description, url: e.url });
  }
  return cal.toString();
}

/** `user`'s feed: the deadlines they are responsible for or watch, open, from a few months back to a year and a half ahead. */
export async function personalFeed(user: { id: string; name: string; role: Role }, today: Date, now = new Date()): Promise<string> {
  // Read as the system, then show each deadline as this person may see it.
  const rows = await findDeadlines({ followerId: user.id, from: addDaysUtc(today, -FEED_PAST_DAYS), to: addDaysUtc(today, FEED_FUTURE_DAYS) }, { role: "ADMIN" }, today);
  await prisma.user.update({ where: { id: user.id }, data: { calendarUsedAt: now } });
  return calendar(`HT deadlines — ${user.name}`, rows.map((r) => eventFor(r, user)), now);
}

/** One agreement's open deadlines, whenever they fall, as an .ics file (the route checked the reader may open it). */
export async function agreementCalendar(agreementId: string, reader: Reader & { id: string }, today: Date, now = new Date()): Promise<string> {
  const rows = await findDeadlines({ agreementId, to: addDaysUtc(today, 366 * 40) }, reader, today);
  const reference = rows[0]?.agreement.reference ?? "agreement";
  return calendar(`HT deadlines — ${reference}`, rows.map((r) => eventFor(r, reader)), now);
}

/**
 * Every deadline, derived in one place (docs/decisions/030): the last day to
 * give notice before a tacit renewal, the renewal decision of an express
 * renewal, the end of a term, signatures still pending a month after
 * "Awaiting signature", and obligations' due dates (once, every N months
 * from the start, N days before the end). Each deadline has a date, a kind,
 * an agreement, a key that names it for good (reminders and calendar
 * events hang on it) and a state: upcoming, due, overdue or done.
 *
 * The notice rule, written down because offices get it wrong:
 * - in days: the end date minus the notice period (30 days before 31 Jan is 1 Jan);
 * - in months: the last day from which N calendar months still run out by
 *   the end date. Counting forward from a day g, a period of months expires
 *   on the same day of the month, or the month's last day when there is no
 *   such day (Art. 2963 of the Italian civil code). So 31 Mar minus 3 months
 *   is 31 Dec; 30 Jun minus 3 months is 31 Mar (notice on 31 Mar expires on
 *   "31 Jun", that is 30 Jun); 29 Feb 2028 minus 12 months is 28 Feb 2027;
 *   30 May minus 3 months is 28 Feb (29 Feb in a leap year).
 * - a deadline that falls on a Saturday or Sunday moves to the Friday before.
 *   Never later: whether a contractual notice may slip to the next working
 *   day is disputed, and sending it early is always valid. The end date
 *   itself never moves (an agreement ends when it says, weekend or not).
 * Public holidays are not known to the app; the office keeps an eye on them.
 */
import { addDaysUtc, daysBetween, formatDay } from "./dates";
import { labels } from "./vocabulary";

export const AGREEMENT_DEADLINE_KINDS = labels({
  NOTICE: "Notice deadline",
  RENEWAL: "Renewal decision",
  END: "End of term",
  SIGNATURE: "Signatures pending",
});
export type AgreementDeadlineKind = (typeof AGREEMENT_DEADLINE_KINDS.values)[number];

export const DEADLINE_STATES = labels({
  OVERDUE: "Overdue",
  DUE: "Due this week",
  UPCOMING: "Upcoming",
  DONE: "Done",
});
export type DeadlineState = (typeof DEADLINE_STATES.values)[number];

/** A deadline is "due" from this many days before its date. */
export const DUE_SOON_DAYS = 7;
/** Signatures still pending this many days after "Awaiting signature" need chasing. */
export const SIGNATURE_CHASE_DAYS = 30;

/** How an agreement-level deadline was dealt with. */
export const RESOLUTION_OUTCOMES = labels({
  NOTICE_GIVEN: "Notice given: it will end",
  RENEWAL_AGREED: "Renewal agreed",
  LET_RENEW: "Left to renew",
  CHASED: "Signatures chased",
  HANDLED: "Handled",
});
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES.values)[number];

/** The outcomes that make sense for each kind of agreement-level deadline. */
export const OUTCOMES_FOR: Record<AgreementDeadlineKind, ResolutionOutcome[]> = {
  NOTICE: ["NOTICE_GIVEN", "LET_RENEW"],
  RENEWAL: ["RENEWAL_AGREED", "NOTICE_GIVEN", "HANDLED"],
  END: ["HANDLED"],
  SIGNATURE: ["CHASED", "HANDLED"],
};

// ---------------------------------------------------------------------------
// Calendar arithmetic

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

/** `months` calendar months after `date` (before, when negative): same day, or the month's last day. */
export function addMonthsUtc(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const target = utc(y, m, 1);
  return utc(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date.getUTCDate(), lastDayOf(target.getUTCFullYear(), target.getUTCMonth())));
}

export function isLastDayOfMonth(date: Date): boolean {
  return date.getUTCDate() === lastDayOf(date.getUTCFullYear(), date.getUTCMonth());
}

/**
 * The last day from which a notice of `months` calendar months still runs
 * out by `end` (see the rule above): `end` minus the months, or the last day
 * of that month when `end` is the last day of its own.
 */
export function monthsBefore(end: Date, months: number): Date {
  const back = addMonthsUtc(end, -months);
  return isLastDayOfMonth(end) ? utc(back.getUTCFullYear(), back.getUTCMonth(), lastDayOf(back.getUTCFullYear(), back.getUTCMonth())) : back;
}

/** Saturday and Sunday move to the Friday before; other days stay. */
export function previousWorkingDay(date: Date): Date {
  const dow = date.getUTCDay();
  return dow === 6 ? addDaysUtc(date, -1) : dow === 0 ? addDaysUtc(date, -2) : date;
}

export function isWeekend(date: Date): boolean {
  return date.getUTCDay() === 0 || date.getUTCDay() === 6;
}

export interface NoticePeriod {
  noticePeriodDays?: number | null;
  noticePeriodMonths?: number | null;
}

/** The day the notice period itself allows (before any weekend move), or undefined without a period. */
export function legalNoticeDay(end: Date, period: NoticePeriod): Date | undefined {
  if (period.noticePeriodMonths) return monthsBefore(end, period.noticePeriodMonths);
  if (period.noticePeriodDays) return addDaysUtc(end, -period.noticePeriodDays);
  return undefined;
}

export interface RenewalTerms extends NoticePeriod {
  endDate: Date | string | null | undefined;
  renewalType: string;
  startDate?: Date | string | null;
  renewalTermMonths?: number | null;
}

const asDate = (d: Date | string | null | undefined) => (d ? (typeof d === "string" ? new Date(d) : d) : undefined);

/**
 * The last day to act before the end: give notice (tacit renewal) or decide
 * on the renewal (express renewal: the notice day when a period is agreed,
 * the end date otherwise), moved off a weekend. Undefined without renewal.
 * `legal` is the day before the weekend move.
 */
export function renewalDeadline(terms: RenewalTerms): { date: Date; legal: Date } | undefined {
  const end = asDate(terms.endDate);
  if (!end || terms.renewalType === "NONE") return undefined;
  const legal = legalNoticeDay(end, terms) ?? (terms.renewalType === "EXPRESS" ? end : undefined);
  return legal ? { date: previousWorkingDay(legal), legal } : undefined;
}

/** The stored Agreement.noticeDeadline: the renewal deadline's day, or null. */
export function noticeDeadline(terms: RenewalTerms): Date | null {
  return renewalDeadline(terms)?.date ?? null;
}

/** Whole calendar months from `start` to the day after `end`, when the term is a whole number of months. */
export function termMonths(start: Date | undefined, end: Date | undefined): number | undefined {
  if (!start || !end || end < start) return undefined;
  const after = addDaysUtc(end, 1);
  const months = (after.getUTCFullYear() - start.getUTCFullYear()) * 12 + after.getUTCMonth() - start.getUTCMonth();
  if (months > 0 && addMonthsUtc(start, months).getTime() === after.getTime()) return months;
  // A term from a day the end month lacks (29 Feb, 31 Jan) ends on that month's last day: 29 Feb 2024 to 28 Feb 2025.
  const clamped = months - (after.getUTCMonth() === end.getUTCMonth() ? 0 : 1);
  const anniversary = addMonthsUtc(start, clamped);
  return clamped > 0 && anniversary.getTime() === end.getTime() && anniversary.getUTCDate() < start.getUTCDate() ? clamped : undefined;
}

/** "3 years", "18 months", "1 month". */
export function describeMonths(months: number): string {
  if (months % 12 === 0) return months === 12 ? "1 year" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}

/** How long a tacit renewal lasts, in words: "for 3 years", or "automatically" when unknown. */
export function renewalLength(terms: RenewalTerms): string {
  const months = terms.renewalTermMonths ?? termMonths(asDate(terms.startDate), asDate(terms.endDate));
  return months ? `for ${describeMonths(months)}` : "automatically";
}

/** "30 days' notice", "3 months' notice". */
export function describeNotice(period: NoticePeriod): string {
  const months = period.noticePeriodMonths;
  if (months) return months === 1 ? "1 month's notice" : `${months} months' notice`;
  const days = period.noticePeriodDays;
  if (days) return days === 1 ? "1 day's notice" : `${days} days' notice`;
  return "no notice period";
}

// ---------------------------------------------------------------------------
// Deadlines

export interface DeadlineCore {
  /** Names the deadline for good: kind, subject and date ("NOTICE:<agreement>:2026-12-21"). */
  key: string;
  /** NOTICE, RENEWAL, END, SIGNATURE, or the obligation's kind (REPORT, PAYMENT_DUE...). */
  kind: string;
  source: "agreement" | "obligation";
  date: Date;
  /** The day before a weekend move, when it moved. */
  legalDate: Date | null;
  agreementId: string;
  obligationId: string | null;
  /** What has to happen, as a sentence a person reads in a list or an e-mail. */
  sentence: string;
}

export const dayKey = (d: Date) => d.toISOString().slice(0, 10);
export const deadlineKey = (kind: string, subject: string, date: Date) => `${kind}:${subject}:${dayKey(date)}`;

export interface AgreementDeadlineInput extends RenewalTerms {
  id: string;
  status: string;
  archivedAt?: Date | string | null;
  /** When it entered "Awaiting signature" (its latest such move), for the signature chase. */
  awaitingSince?: Date | string | null;
}

/**
 * The deadlines an agreement itself carries today: a renewal's notice or
 * decision, its end (unless it renews tacitly), and a signature chase while
 * it awaits signature. A notice or decision stays (overdue) until the end
 * date; an end date, once passed, is no longer a deadline.
 */
export function agreementDeadlines(a: AgreementDeadlineInput, today: Date): DeadlineCore[] {
  if (a.archivedAt) return [];
  const out: DeadlineCore[] = [];
  const core = (kind: AgreementDeadlineKind, date: Date, legal: Date | null, sentence: string): DeadlineCore => ({
    key: deadlineKey(kind, a.id, date), kind, source: "agreement", date, legalDate: legal && legal.getTime() !== date.getTime() ? legal : null,
    agreementId: a.id, obligationId: null, sentence,
  });
  const end = asDate(a.endDate);
  if (a.status === "ACTIVE" && end && end >= today) {
    const renewal = renewalDeadline(a);
    if (renewal && a.renewalType === "TACIT") {
      out.push(core("NOTICE", renewal.date, renewal.legal, `Give notice by ${formatDay(renewal.date)} or it renews ${renewalLength(a)}`));
    }
    if (renewal && a.renewalType === "EXPRESS") {
      out.push(core("RENEWAL", renewal.date, renewal.legal, `Decide on renewal by ${formatDay(renewal.date)}: it ends on ${formatDay(end)} unless renewed in writing`));
    }
    if (a.renewalType !== "TACIT" && !(a.renewalType === "EXPRESS" && renewal && renewal.legal.getTime() === end.getTime())) {
      out.push(core("END", end, null, `Ends on ${formatDay(end)}${a.renewalType === "NONE" ? " (no renewal)" : ""}`));
    }
  }
  const since = asDate(a.awaitingSince);
  if (a.status === "AWAITING_SIGNATURE" && since) {
    const date = addDaysUtc(since, SIGNATURE_CHASE_DAYS);
    out.push(core("SIGNATURE", date, null, `Signatures still pending since ${formatDay(since)}: chase by ${formatDay(date)}`));
  }
  return out;
}

/** Days from today: negative when overdue. */
export const daysLeft = (date: Date, today: Date) => daysBetween(today, date);

export function deadlineState(date: Date, today: Date, done = false): DeadlineState {
  if (done) return "DONE";
  const left = daysLeft(date, today);
  if (left < 0) return "OVERDUE";
  return left <= DUE_SOON_DAYS ? "DUE" : "UPCOMING";
}

/** "today", "tomorrow", "in 20 days", "yesterday", "3 days overdue". */
export function describeDaysLeft(date: Date, today: Date): string {
  const left = daysLeft(date, today);
  if (left === 0) return "today";
  if (left === 1) return "tomorrow";
  if (left > 1) return `in ${left} days`;
  return left === -1 ? "1 day overdue" : `${-left} days overdue`;
}

/** Tacit renewals' notice deadlines come first among deadlines on the same day: they cannot be undone. */
export const KIND_PRIORITY: Record<string, number> = { NOTICE: 0, RENEWAL: 1, SIGNATURE: 3, END: 4 };

/** By date, a notice first among deadlines of the same day, then by what they belong to (the obligation, or the agreement). */
export function compareDeadlines(
  a: { date: Date | string; kind: string; obligationId?: string | null; agreementId?: string },
  b: { date: Date | string; kind: string; obligationId?: string | null; agreementId?: string },
) {
  const byDate = new Date(a.date).getTime() - new Date(b.date).getTime();
  if (byDate) return byDate;
  const byKind = (KIND_PRIORITY[a.kind] ?? 2) - (KIND_PRIORITY[b.kind] ?? 2);
  if (byKind) return byKind;
  const x = a.obligationId ?? a.agreementId ?? "";
  const y = b.obligationId ?? b.agreementId ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

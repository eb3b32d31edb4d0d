/**
 * When a deadline's reminders are due, pure (docs/decisions/032). A person
 * is reminded at offsets before a deadline (by default 90, 60, 30, 7 and 1
 * days before, and the day after it, when it becomes overdue). A run sends,
 * for each deadline and person, the reminder of the latest offset passed,
 * once: its key (deadline, person, offset) is claimed in the database
 * before anything is sent. Reminders whose day has passed without a run
 * (the server was down) or that arrived late (a deadline recorded inside
 * its reminder window) are "late": a person with several late ones gets
 * them in one digest instead of a flood.
 */
import { addDaysUtc, toDay } from "./dates";

/** -1 stands for "the day after the deadline": it has become overdue. */
export const OVERDUE_OFFSET = -1;
export const DEFAULT_OFFSETS = [90, 60, 30, 7, 1, OVERDUE_OFFSET] as const;
/** The offsets a person can choose between on their reminders page. */
export const OFFSET_CHOICES = [180, 120, 90, 60, 30, 14, 7, 3, 1, 0, OVERDUE_OFFSET] as const;

/** "90,60,30,7,1,-1" -> [90, 60, 30, 7, 1, -1]; anything unreadable is dropped; empty: `fallback`. */
export function parseOffsets(text: string | null | undefined, fallback: readonly number[] = DEFAULT_OFFSETS): number[] {
  const values = (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^-?\d{1,3}$/.test(s))
    .map(Number)
    .filter((n) => n >= OVERDUE_OFFSET && n <= 365);
  const unique = [...new Set(values)].sort((a, b) => b - a);
  return unique.length ? unique : [...fallback];
}

export function formatOffsets(offsets: readonly number[]): string {
  return [...offsets].sort((a, b) => b - a).join(",");
}

/** "90 days before", "on the day", "the day after (overdue)". */
export function describeOffset(offset: number): string {
  if (offset === OVERDUE_OFFSET) return "the day it becomes overdue";
  if (offset === 0) return "on the day";
  return offset === 1 ? "1 day before" : `${offset} days before`;
}

/** The day the reminder at `offset` falls due: the deadline minus the offset. */
export const reminderDay = (deadline: Date, offset: number) => addDaysUtc(deadline, -offset);

/** The latest offset whose day has come by `today`, or null when none has yet. */
export function currentOffset(deadline: Date, today: Date, offsets: readonly number[]): number | null {
  let best: number | null = null;
  for (const offset of offsets) {
    if (reminderDay(deadline, offset) <= today && (best === null || offset < best)) best = offset;
  }
  return best;
}

export const reminderKey = (deadlineKey: string, userId: string, offset: number) => `r|${deadlineKey}|${userId}|${offset}`;
export const weeklyKey = (userId: string, week: string) => `w|${userId}|${week}`;

export interface ReminderCandidate {
  deadlineKey: string;
  date: Date;
  userId: string;
}

export interface PlannedReminder extends ReminderCandidate {
  key: string;
  offset: number;
  /** The day it became due. */
  dueOn: Date;
  /** Its day passed with no run at all (downtime), as opposed to arriving late. */
  missed: boolean;
  /** Its day is before today: sent late (in a digest when there are several for the person). */
  late: boolean;
}

/**
 * The reminders a run at `today` must send: for each (deadline, person),
 * the latest offset passed, unless its key is in `existing` (claimed or
 * sent already). `lastRunDay` is the day of the last finished run (null:
 * none ever), which tells missed reminders from late ones.
 */
export function planReminders(
  candidates: readonly ReminderCandidate[],
  offsetsOf: (userId: string) => readonly number[],
  today: Date,
  existing: ReadonlySet<string>,
  lastRunDay: Date | null,
): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const offset = currentOffset(c.date, today, offsetsOf(c.userId));
    if (offset === null) continue;
    const key = reminderKey(c.deadlineKey, c.userId, offset);
    if (existing.has(key) || seen.has(key)) continue;
    seen.add(key);
    const dueOn = reminderDay(c.date, offset);
    const late = dueOn < today;
    planned.push({ ...c, key, offset, dueOn, late, missed: late && (lastRunDay === null || dueOn > lastRunDay) });
  }
  return planned;
}

/**
 * How the planned reminders go out: each on its own, except a person's late
 * ones when there are two or more: those go together in one digest.
 */
export function groupReminders(planned: readonly PlannedReminder[]): { single: PlannedReminder[]; digests: Map<string, PlannedReminder[]> } {
  const lateByUser = new Map<string, PlannedReminder[]>();
  for (const p of planned) if (p.late) lateByUser.set(p.userId, [...(lateByUser.get(p.userId) ?? []), p]);
  const digests = new Map([...lateByUser].filter(([, list]) => list.length > 1));
  return { single: planned.filter((p) => !digests.has(p.userId) || !p.late), digests };
}

/** ISO 8601 week of a day: "2026-W49". */
export function isoWeek(day: Date): string {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** Whether a weekly digest is due today: from the chosen weekday (1 = Monday) to the week's end, once a week. */
export function weeklyDigestDue(today: Date, weekday: number): boolean {
  const dow = today.getUTCDay() || 7;
  return dow >= (weekday || 7);
}

/** A key's digest of late reminders: stable for the same set, so a retry reuses its Message-ID. */
export function digestKey(userId: string, today: Date, memberKeys: readonly string[], hash: (s: string) => string): string {
  return `c|${userId}|${toDay(today)}|${hash([...memberKeys].sort().join("\n")).slice(0, 16)}`;
}

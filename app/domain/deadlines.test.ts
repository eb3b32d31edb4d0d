/**
 * The deadline arithmetic, as a table of cases a lawyer can check: notice
 * periods in days and in months (month ends, leap years), weekends, express
 * and tacit renewals, signature chases, obligations' schedules and states.
 */
import { describe, expect, it } from "vitest";
import { parseDay, toDay } from "./dates";
import {
  addMonthsUtc, agreementDeadlines, compareDeadlines, deadlineState, describeDaysLeft, legalNoticeDay, monthsBefore,
  noticeDeadline, renewalDeadline, renewalLength, termMonths,
} from "./deadlines";
import { describeSchedule, nextOccurrence, occurrences } from "./obligations";

const d = (s: string) => parseDay(s)!;
const day = (x: Date | null | undefined) => (x ? toDay(x) : null);

describe("notice in months: the last day from which N months still run out by the end date", () => {
  it.each([
    // end date, months, last day to give notice
    ["2027-03-31", 3, "2026-12-31"], // 31 March minus 3 months
    ["2027-06-30", 3, "2027-03-31"], // a month end: notice on 31 Mar runs out on "31 Jun", i.e. 30 Jun
    ["2027-05-30", 3, "2027-02-28"], // no 30 Feb: February's last day
    ["2028-05-30", 3, "2028-02-29"], // ...which is the 29th in a leap year
    ["2028-02-29", 12, "2027-02-28"], // leap day minus a year
    ["2029-02-28", 12, "2028-02-29"], // the last day of February, a year after a leap year
    ["2027-02-28", 1, "2027-01-31"], // 28 Feb is February's end: January's end
    ["2027-03-15", 6, "2026-09-15"], // an ordinary day: the same day
    ["2027-01-31", 1, "2026-12-31"],
    ["2026-12-31", 6, "2026-06-30"],
    ["2027-04-30", 2, "2027-02-28"],
  ])("%s minus %i months is %s", (end, months, expected) => {
    expect(toDay(monthsBefore(d(end), months))).toBe(expected);
    expect(toDay(legalNoticeDay(d(end), { noticePeriodMonths: months })!)).toBe(expected);
  });

  it("gives notice on a day from which the months really run out by the end, and not the day after", () => {
    for (const [end, months] of [["2027-06-30", 3], ["2027-05-30", 3], ["2028-02-29", 12], ["2027-03-31", 3]] as const) {
      const last = monthsBefore(d(end), months);
      expect(addMonthsUtc(last, months) <= d(end)).toBe(true);
      const next = new Date(last.getTime() + 86_400_000);
      expect(addMonthsUtc(next, months) > d(end)).toBe(true);
    }
  });
});

describe("notice in days, and weekends", () => {
  it.each([
    // end date, notice days, renewal, deadline shown, legal day
    ["2027-01-31", 30, "TACIT", "2027-01-01", "2027-01-01"], // a Friday (1 Jan: a holiday the office watches itself)
    ["2027-03-31", 180, "TACIT", "2026-10-02", "2026-10-02"],
    ["2027-03-31", 60, "EXPRESS", "2027-01-29", "2027-01-30"], // Saturday 30 Jan -> Friday 29 Jan
    ["2028-03-01", 1, "TACIT", "2028-02-29", "2028-02-29"], // across a leap day
  ])("%s minus %i days (%s) is %s", (end, days, renewal, shown, legal) => {
    const deadline = renewalDeadline({ endDate: d(end), renewalType: renewal, noticePeriodDays: days })!;
    expect(day(deadline.date)).toBe(shown);
    expect(day(deadline.legal)).toBe(legal);
  });

  it("moves a deadline on a Saturday or Sunday to the Friday before, never later", () => {
    // 31 Jan 2027 (a Sunday) minus 29 days: Saturday 2 Jan -> Friday 1 Jan.
    const sat = renewalDeadline({ endDate: d("2027-01-31"), renewalType: "TACIT", noticePeriodDays: 29 })!;
    expect(day(sat.legal)).toBe("2027-01-02");
    expect(d("2027-01-02").getUTCDay()).toBe(6);
    expect(day(sat.date)).toBe("2027-01-01");
    // Minus 28 days: Sunday 3 Jan -> Friday 1 Jan.
    const sun = renewalDeadline({ endDate: d("2027-01-31"), renewalType: "TACIT", noticePeriodDays: 28 })!;
    expect(d("2027-01-03").getUTCDay()).toBe(0);
    expect(day(sun.date)).toBe("2027-01-01");
    // 30 Sep 2028 minus 3 months is Friday 30 Jun 2028: no move.
    expect(day(noticeDeadline({ endDate: d("2028-09-30"), renewalType: "TACIT", noticePeriodMonths: 3 }))).toBe("2028-06-30");
    // 28 Feb 2027 (February's end) minus 1 month is Sunday 31 Jan 2027: Friday 29 Jan.
    expect(d("2027-01-31").getUTCDay()).toBe(0);
    expect(day(noticeDeadline({ endDate: d("2027-02-28"), renewalType: "TACIT", noticePeriodMonths: 1 }))).toBe("2027-01-29");
  });

  it("counts from the end date even when the end date is on a weekend", () => {
    // Sunday 31 Jan 2027 minus 30 days is Friday 1 Jan 2027: the end date does not move to Friday 29 Jan first.
    expect(d("2027-01-31").getUTCDay()).toBe(0);
    expect(day(noticeDeadline({ endDate: d("2027-01-31"), renewalType: "TACIT", noticePeriodDays: 30 }))).toBe("2027-01-01");
    // Saturday 30 Oct 2027 minus 3 months is Friday 30 Jul 2027.
    expect(d("2027-10-30").getUTCDay()).toBe(6);
    expect(day(noticeDeadline({ endDate: d("2027-10-30"), renewalType: "TACIT", noticePeriodMonths: 3 }))).toBe("2027-07-30");
  });

  it("has no notice deadline without a renewal or an end date; an express renewal without notice is decided by the end", () => {
    expect(noticeDeadline({ endDate: d("2027-03-31"), renewalType: "NONE", noticePeriodDays: 30 })).toBeNull();
    expect(noticeDeadline({ endDate: null, renewalType: "TACIT", noticePeriodDays: 30 })).toBeNull();
    expect(day(noticeDeadline({ endDate: d("2027-03-31"), renewalType: "EXPRESS" }))).toBe("2027-03-31");
    // An express renewal ending on a Sunday must be decided by the Friday.
    expect(day(noticeDeadline({ endDate: d("2027-01-31"), renewalType: "EXPRESS" }))).toBe("2027-01-29");
    expect(day(noticeDeadline({ endDate: d("2027-03-31"), renewalType: "EXPRESS", noticePeriodMonths: 6 }))).toBe("2026-09-30");
  });
});

describe("what a tacit renewal renews for", () => {
  it.each([
    ["2024-01-01", "2026-12-31", null, "for 3 years"],
    ["2025-07-01", "2026-12-31", null, "for 18 months"],
    ["2025-07-15", "2026-12-31", null, "automatically"], // not a whole number of months
    ["2024-01-01", "2026-12-31", 12, "for 1 year"], // the agreement says so
    ["2024-02-29", "2025-02-28", null, "for 1 year"], // leap day start
  ])("%s to %s (term %s months) renews %s", (start, end, months, words) => {
    expect(renewalLength({ startDate: d(start), endDate: d(end), renewalType: "TACIT", renewalTermMonths: months })).toBe(words);
  });

  it("measures whole months only when the term ends the day before a monthly anniversary", () => {
    expect(termMonths(d("2026-01-31"), d("2026-02-27"))).toBe(1);
    expect(termMonths(d("2026-01-01"), d("2026-01-30"))).toBeUndefined();
  });
});

describe("an agreement's deadlines", () => {
  const today = d("2026-12-01");
  const base = { id: "a1", status: "ACTIVE", startDate: d("2024-04-01"), endDate: d("2027-03-31") };

  it("a tacit renewal: only the notice deadline, said plainly", () => {
    const [notice, ...rest] = agreementDeadlines({ ...base, renewalType: "TACIT", noticePeriodMonths: 3 }, today);
    expect(rest).toEqual([]);
    expect(notice).toMatchObject({ kind: "NOTICE", key: "NOTICE:a1:2026-12-31" });
    expect(notice!.sentence).toBe("Give notice by 31 Dec 2026 or it renews for 3 years");
  });

  it("an express renewal: the decision, and the end", () => {
    const list = agreementDeadlines({ ...base, renewalType: "EXPRESS", noticePeriodDays: 60 }, today);
    expect(list.map((x) => `${x.kind} ${day(x.date)}`)).toEqual(["RENEWAL 2027-01-29", "END 2027-03-31"]);
    expect(list[0]!.sentence).toBe("Decide on renewal by 29 Jan 2027: it ends on 31 Mar 2027 unless renewed in writing");
  });

  it("no renewal: the end; none once the end has passed, and none for drafts or archived agreements", () => {
    expect(agreementDeadlines({ ...base, renewalType: "NONE" }, today).map((x) => x.sentence)).toEqual(["Ends on 31 Mar 2027 (no renewal)"]);
    expect(agreementDeadlines({ ...base, renewalType: "NONE", endDate: d("2026-11-30") }, today)).toEqual([]);
    expect(agreementDeadlines({ ...base, status: "DRAFT", renewalType: "TACIT", noticePeriodDays: 30 }, today)).toEqual([]);
    expect(agreementDeadlines({ ...base, renewalType: "TACIT", noticePeriodDays: 30, archivedAt: d("2026-11-01") }, today)).toEqual([]);
  });

  it("keeps a missed notice deadline (overdue) until the end date", () => {
    const [notice] = agreementDeadlines({ ...base, renewalType: "TACIT", noticePeriodDays: 180 }, today);
    expect(day(notice!.date)).toBe("2026-10-02");
    expect(deadlineState(notice!.date, today)).toBe("OVERDUE");
  });

  it("chases signatures 30 days after 'Awaiting signature'", () => {
    const [chase] = agreementDeadlines({ id: "a2", status: "AWAITING_SIGNATURE", renewalType: "NONE", endDate: null, awaitingSince: d("2026-11-10") }, today);
    expect(chase).toMatchObject({ kind: "SIGNATURE", key: "SIGNATURE:a2:2026-12-10" });
  });
});

describe("states and order", () => {
  const today = d("2026-12-01");
  it.each([
    ["2026-11-30", "OVERDUE", "1 day overdue"],
    ["2026-12-01", "DUE", "today"],
    ["2026-12-02", "DUE", "tomorrow"],
    ["2026-12-08", "DUE", "in 7 days"],
    ["2026-12-09", "UPCOMING", "in 8 days"],
    ["2026-11-21", "OVERDUE", "10 days overdue"],
  ])("%s is %s (%s)", (date, state, words) => {
    expect(deadlineState(d(date), today)).toBe(state);
    expect(describeDaysLeft(d(date), today)).toBe(words);
  });

  it("is done when done, whatever the date", () => {
    expect(deadlineState(d("2026-11-01"), today, true)).toBe("DONE");
  });

  it("sorts by date, and a notice deadline first among those of the same day", () => {
    const list = [
      { date: d("2026-12-10"), kind: "REPORT", agreementId: "a", obligationId: "A" },
      { date: d("2026-12-10"), kind: "NOTICE", agreementId: "B" },
      { date: d("2026-12-09"), kind: "END", agreementId: "C" },
      { date: d("2026-12-10"), kind: "REPORT", agreementId: "a", obligationId: "0" },
    ].sort(compareDeadlines);
    expect(list.map((x) => x.obligationId ?? x.agreementId)).toEqual(["C", "B", "0", "A"]);
  });
});

describe("obligations' schedules", () => {
  const term = { startDate: d("2025-01-31"), endDate: d("2027-01-30") };

  it("every N months from the start, counted from the start each time (month ends kept)", () => {
    const days = occurrences({ schedule: "EVERY_MONTHS", intervalMonths: 6 }, term).map(toDay);
    expect(days).toEqual(["2025-07-31", "2026-01-31", "2026-07-31"]);
    const monthly = occurrences({ schedule: "EVERY_MONTHS", intervalMonths: 1 }, { startDate: d("2024-01-31"), endDate: d("2024-04-30") }).map(toDay);
    expect(monthly).toEqual(["2024-02-29", "2024-03-31", "2024-04-30"]);
  });

  it("N days before the end, and on a date", () => {
    expect(occurrences({ schedule: "BEFORE_END", daysBeforeEnd: 60 }, term).map(toDay)).toEqual(["2026-12-01"]);
    expect(occurrences({ schedule: "DATE", dueDate: d("2026-05-15") }, term).map(toDay)).toEqual(["2026-05-15"]);
    expect(occurrences({ schedule: "BEFORE_END", daysBeforeEnd: 60 }, { startDate: null, endDate: null })).toEqual([]);
  });

  it("the next occurrence follows the last one done; none once done or waived", () => {
    const recurring = { schedule: "EVERY_MONTHS", intervalMonths: 6, status: "OPEN" };
    expect(day(nextOccurrence({ ...recurring, completedThrough: null }, term))).toBe("2025-07-31");
    expect(day(nextOccurrence({ ...recurring, completedThrough: d("2026-01-31") }, term))).toBe("2026-07-31");
    expect(nextOccurrence({ ...recurring, completedThrough: d("2026-07-31") }, term)).toBeNull();
    expect(nextOccurrence({ ...recurring, status: "WAIVED" }, term)).toBeNull();
    // Open-ended agreements: always a next one.
    expect(day(nextOccurrence({ ...recurring, completedThrough: d("2035-01-31") }, { startDate: d("2025-01-31"), endDate: null }))).toBe("2035-07-31");
  });

  it("reads its schedule in words", () => {
    expect(describeSchedule({ schedule: "EVERY_MONTHS", intervalMonths: 12 })).toBe("Every 12 months from the start");
    expect(describeSchedule({ schedule: "BEFORE_END", daysBeforeEnd: 60 })).toBe("60 days before the end");
    expect(describeSchedule({ schedule: "DATE", dueDate: d("2027-01-15") })).toBe("On 15 Jan 2027");
  });
});

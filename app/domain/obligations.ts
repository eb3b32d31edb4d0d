/**
 * Obligations an agreement carries (reports, deliverables, payments, data
 * destruction under a DTA, the end of an NDA's confidentiality, committee
 * meetings): their vocabulary, when each falls due (on a date, every N
 * months from the start, N days before the end), the occurrence still open,
 * the deadline it makes, and the zod schemas of the forms that create,
 * edit, complete, waive and reopen them (shared by browser and server).
 */
import { z } from "zod";
import { addDaysUtc, formatDay, parseDay } from "./dates";
import { addMonthsUtc, AGREEMENT_DEADLINE_KINDS, deadlineKey, type DeadlineCore } from "./deadlines";
import { labels } from "./vocabulary";

export const OBLIGATION_KINDS = labels({
  REPORT: "Report",
  DELIVERABLE: "Deliverable",
  PAYMENT_DUE: "Payment due (HT pays)",
  PAYMENT_EXPECTED: "Payment expected (HT receives)",
  DATA_DESTRUCTION: "Data destruction",
  CONFIDENTIALITY_ENDS: "Confidentiality ends",
  COMMITTEE_MEETING: "Committee meeting",
  OTHER: "Other",
});
export type ObligationKind = (typeof OBLIGATION_KINDS.values)[number];

/** The label of any deadline kind: an agreement's own (notice, renewal, end, signatures) or an obligation's. */
export function deadlineKindLabel(kind: string): string {
  return (AGREEMENT_DEADLINE_KINDS.values as readonly string[]).includes(kind) ? AGREEMENT_DEADLINE_KINDS.label(kind) : OBLIGATION_KINDS.label(kind);
}

/** Every kind of deadline, for filters: the agreement's own first, then obligations'. */
export const DEADLINE_KIND_OPTIONS = [...AGREEMENT_DEADLINE_KINDS.values, ...OBLIGATION_KINDS.values].map((value) => ({
  value, label: deadlineKindLabel(value),
}));

export const OBLIGATION_SCHEDULES = labels({
  DATE: "On a date",
  EVERY_MONTHS: "Every N months from the start",
  BEFORE_END: "N days before the end",
});
export type ObligationSchedule = (typeof OBLIGATION_SCHEDULES.values)[number];

export const OBLIGATION_STATUSES = labels({
  OPEN: "Open",
  DONE: "Done",
  WAIVED: "Waived",
});

/** At most this many occurrences of a recurring obligation are worked out (40 years of annual reports). */
const MAX_OCCURRENCES = 480;

export interface ObligationTiming {
  schedule: string;
  dueDate?: Date | string | null;
  intervalMonths?: number | null;
  daysBeforeEnd?: number | null;
}

export interface AgreementTerm {
  startDate?: Date | string | null;
  endDate?: Date | string | null;
}

const asDate = (d: Date | string | null | undefined) => (d ? (typeof d === "string" ? new Date(d) : d) : undefined);

/**
 * The days an obligation falls due, in order: its date; every N months from
 * the agreement's start while within its term (counted from the start each
 * time, so 31 Jan + 1 month is 28/29 Feb and + 2 months is 31 Mar); or N
 * days before the end. Empty when the agreement lacks the date it needs.
 */
export function occurrences(o: ObligationTiming, term: AgreementTerm, limit = MAX_OCCURRENCES): Date[] {
  const start = asDate(term.startDate);
  const end = asDate(term.endDate);
  if (o.schedule === "DATE") {
    const due = asDate(o.dueDate);
    return due ? [due] : [];
  }
  if (o.schedule === "BEFORE_END") return end && o.daysBeforeEnd !== null && o.daysBeforeEnd !== undefined ? [addDaysUtc(end, -o.daysBeforeEnd)] : [];
  if (o.schedule === "EVERY_MONTHS" && start && o.intervalMonths) {
    const out: Date[] = [];
    for (let k = 1; out.length < limit; k++) {
      const day = addMonthsUtc(start, k * o.intervalMonths);
      if (end && day > end) break;
      out.push(day);
    }
    return out;
  }
  return [];
}

/**
 * The occurrence still to be done: the first after the last one completed.
 * An open-ended recurring obligation always has a next one.
 */
export function nextOccurrence(o: ObligationTiming & { status: string; completedThrough?: Date | string | null }, term: AgreementTerm): Date | null {
  if (o.status !== "OPEN") return null;
  const done = asDate(o.completedThrough);
  if (o.schedule === "EVERY_MONTHS" && !asDate(term.endDate) && done) {
    const start = asDate(term.startDate);
    if (!start || !o.intervalMonths) return null;
    // Open-ended: step from the start to the first occurrence after the last done.
    for (let k = 1; k < 10_000; k++) {
      const day = addMonthsUtc(start, k * o.intervalMonths);
      if (day > done) return day;
    }
    return null;
  }
  return occurrences(o, term).find((d) => !done || d > done) ?? null;
}

/** "Every 12 months from the start", "60 days before the end", "On 15 Jan 2027". */
export function describeSchedule(o: ObligationTiming): string {
  if (o.schedule === "EVERY_MONTHS") return o.intervalMonths === 1 ? "Every month from the start" : `Every ${o.intervalMonths} months from the start`;
  if (o.schedule === "BEFORE_END") return `${o.daysBeforeEnd} day${o.daysBeforeEnd === 1 ? "" : "s"} before the end`;
  return o.dueDate ? `On ${formatDay(o.dueDate)}` : "No date";
}

/** The deadline an open obligation makes: its next occurrence. */
export function obligationDeadline(
  o: { id: string; agreementId: string; kind: string; title: string; nextDueDate: Date | string | null },
): DeadlineCore | null {
  const date = asDate(o.nextDueDate);
  if (!date) return null;
  return {
    key: deadlineKey(o.kind, o.id, date), kind: o.kind, source: "obligation", date, legalDate: null,
    agreementId: o.agreementId, obligationId: o.id,
    sentence: `${o.title}: due ${formatDay(date)}`,
  };
}

// ---------------------------------------------------------------------------
// Forms

const day = (label: string) =>
  z.string({ required_error: `Enter ${label}` }).refine((v) => parseDay(v) !== undefined, `Enter ${label} as a real date (YYYY-MM-DD)`);

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ invalid_type_error: `${label} is a whole number` })
    .int(`${label} is a whole number`)
    .min(min, `${label} is at least ${min}`)
    .max(max, `${label} is at most ${max}`);

const ObligationFields = z.object({
  version: z.number().int().min(1).optional(),
  kind: z.enum(OBLIGATION_KINDS.values, { errorMap: () => ({ message: "Choose the kind of obligation" }) }),
  title: z
    .string({ required_error: "Say what is due (e.g. “Annual scientific report”)" })
    .trim()
    .min(3, "A title has at least 3 characters")
    .max(200, "A title has at most 200 characters"),
  schedule: z.enum(OBLIGATION_SCHEDULES.values).default("DATE"),
  dueDate: z.string().optional(),
  intervalMonths: wholeNumber("The interval", 1, 120).optional(),
  daysBeforeEnd: wholeNumber("The number of days", 0, 3650).optional(),
  responsibleId: z.string().max(64).optional(),
  /** "unit:<id>" or "partner:<id>": the party concerned. */
  party: z.string().regex(/^(unit|partner):[\w-]{1,64}$/, "Choose a party of this agreement").optional(),
  notes: z.string().trim().max(2000, "Notes have at most 2000 characters").optional(),
});

export const ObligationSchema = ObligationFields.superRefine((v, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (v.schedule === "DATE" && (!v.dueDate || !parseDay(v.dueDate))) issue("dueDate", "Enter the due date (YYYY-MM-DD)");
  if (v.schedule === "EVERY_MONTHS" && !v.intervalMonths) issue("intervalMonths", "Say every how many months it falls due");
  if (v.schedule === "BEFORE_END" && v.daysBeforeEnd === undefined) issue("daysBeforeEnd", "Say how many days before the end it falls due");
});
export type ObligationInput = z.infer<typeof ObligationSchema>;

export const CompleteObligationSchema = z.object({
  version: z.number().int().min(1),
  doneOn: day("the day it was done"),
  note: z.string().trim().max(1000, "A note has at most 1000 characters").optional(),
});

export const WaiveObligationSchema = z.object({
  version: z.number().int().min(1),
  reason: z
    .string({ required_error: "Say why it is waived (who agreed, when)" })
    .trim()
    .min(3, "Say why it is waived (who agreed, when)")
    .max(1000, "A reason has at most 1000 characters"),
});

export const ReopenObligationSchema = z.object({ version: z.number().int().min(1) });

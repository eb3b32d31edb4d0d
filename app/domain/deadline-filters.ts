/**
 * The deadlines page's view as URL search parameters, one schema for the
 * server and the links: the window of days (overdue, the next 30/60/90
 * days, or a custom range), kinds, HT unit, partner, whose deadlines, page.
 */
import { z } from "zod";
import { addDaysUtc, parseDay } from "./dates";
import { DEADLINE_KIND_OPTIONS } from "./obligations";

export const DEADLINE_WINDOWS = [
  { value: "overdue", label: "Overdue" },
  { value: "30", label: "Next 30 days" },
  { value: "60", label: "Next 60 days" },
  { value: "90", label: "Next 90 days" },
  { value: "custom", label: "Custom range" },
] as const;
export type DeadlineWindow = (typeof DEADLINE_WINDOWS)[number]["value"];

export const DEADLINES_PAGE_SIZE = 100;

const KIND_VALUES: string[] = DEADLINE_KIND_OPTIONS.map((o) => o.value);
const day = z.string().optional().transform((v) => (v ? parseDay(v) : undefined));

export const DeadlineFiltersSchema = z.object({
  window: z.enum(DEADLINE_WINDOWS.map((w) => w.value) as [DeadlineWindow, ...DeadlineWindow[]]).catch("90").default("90"),
  from: day,
  to: day,
  kind: z.array(z.string()).transform((xs) => xs.filter((x) => KIND_VALUES.includes(x))),
  unit: z.string().max(64).optional(),
  partner: z.string().max(64).optional(),
  /** "me": I am responsible; "followed": responsible or watching; or a person's id. */
  who: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type DeadlineFilters = z.infer<typeof DeadlineFiltersSchema>;

export function parseDeadlineFilters(params: URLSearchParams): DeadlineFilters {
  const raw: Record<string, unknown> = { kind: params.getAll("kind").filter(Boolean) };
  for (const key of ["window", "from", "to", "unit", "partner", "who", "page"]) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  return DeadlineFiltersSchema.parse(raw);
}

/** The first and last day the view covers (no first day: everything still open before the last). */
export function windowOf(filters: Pick<DeadlineFilters, "window" | "from" | "to">, today: Date): { from?: Date; to: Date } {
  if (filters.window === "overdue") return { to: addDaysUtc(today, -1) };
  if (filters.window === "custom") {
    const from = filters.from ?? today;
    const to = filters.to && filters.to >= from ? filters.to : addDaysUtc(from, 90);
    return { from, to };
  }
  return { from: today, to: addDaysUtc(today, Number(filters.window)) };
}

export function hasDeadlineFilters(filters: DeadlineFilters): boolean {
  return Boolean(filters.kind.length || filters.unit || filters.partner || filters.who);
}

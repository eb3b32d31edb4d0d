/**
 * What the deadlines page (and its CSV) shows for a view of the URL: the
 * deadlines of the window, a page of them, counts for the summary and the
 * overdue banner, how many a viewer may not see, and the filters' choices.
 */
import type { DeadlineFilters } from "~/domain/deadline-filters";
import { DEADLINES_PAGE_SIZE, windowOf } from "~/domain/deadline-filters";
import type { Reader } from "~/domain/confidentiality";
import { toDay } from "~/domain/dates";
import type { CurrentUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { deadlinePage, hiddenDeadlineCount, type DeadlineQuery, type DeadlineRow } from "./deadlines.server";
import { partnerOptions } from "./partners.server";
import { unitOptions } from "./units.server";

/** The model's query for a view: its window, and "me" / "followed" / a person for `user`. */
export function deadlineQuery(filters: DeadlineFilters, today: Date, user: Pick<CurrentUser, "id">): DeadlineQuery {
  const who = filters.who === "me" ? { responsibleId: user.id } : filters.who === "followed" ? { followerId: user.id } : filters.who ? { responsibleId: filters.who } : {};
  return { ...windowOf(filters, today), kinds: filters.kind, unitId: filters.unit, partnerId: filters.partner, ...who };
}

/** A row as the browser gets it: dates as days. */
export function serializeRow(r: DeadlineRow) {
  return { ...r, date: toDay(r.date), legalDate: r.legalDate ? toDay(r.legalDate) : null };
}

export async function peopleOptions() {
  const people = await prisma.user.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return people.map((p) => ({ id: p.id, label: p.name }));
}

export async function deadlinesView(filters: DeadlineFilters, today: Date, user: CurrentUser & Reader) {
  const q = deadlineQuery(filters, today, user);
  const start = (filters.page - 1) * DEADLINES_PAGE_SIZE;
  const [page, hidden, units, partners, people] = await Promise.all([
    deadlinePage(q, user, today, start, DEADLINES_PAGE_SIZE, filters.window !== "overdue"),
    hiddenDeadlineCount(q, user, today),
    unitOptions(),
    partnerOptions(),
    peopleOptions(),
  ]);
  return {
    rows: page.rows.map(serializeRow),
    total: page.summary.total,
    summary: page.summary,
    hidden,
    overdue: page.overdue,
    window: { from: q.from ? toDay(q.from) : null, to: toDay(q.to) },
    options: { units, partners, people },
  };
}

/**
 * Deadlines through the JSON API: the deadlines page's view (window, kinds,
 * unit, partner, whose; 100 a page) with the same model and the reader's
 * confidentiality: deadlines of restricted agreements a reader may not read
 * are only counted (restrictedHidden), never listed.
 */
import type { z } from "zod";
import type { DeadlineSchema } from "~/domain/api-schemas";
import type { Reader } from "~/domain/confidentiality";
import { DEADLINES_PAGE_SIZE, type DeadlineFilters } from "~/domain/deadline-filters";
import { toDay } from "~/domain/dates";
import type { CurrentUser } from "~/utils/auth.server";
import { deadlinePage, hiddenDeadlineCount, type DeadlineRow } from "./deadlines.server";
import { deadlineQuery } from "./deadlines-view.server";

type Deadline = z.infer<typeof DeadlineSchema>;

function apiDeadline(r: DeadlineRow): Deadline {
  return {
    key: r.key, kind: r.kind, date: toDay(r.date), legalDate: r.legalDate ? toDay(r.legalDate) : null, state: r.state, daysLeft: r.daysLeft,
    sentence: r.sentence,
    agreement: { id: r.agreement.id, reference: r.agreement.reference, title: r.agreement.title, kind: r.agreement.kind, partners: r.agreement.partnersLabel, units: r.agreement.unitsLabel },
    obligation: r.obligation ? { id: r.obligation.id, title: r.obligation.title, schedule: r.obligation.schedule, party: r.obligation.party } : null,
    responsible: r.responsible ? { id: r.responsible.id, name: r.responsible.name, email: r.responsible.email } : null,
  };
}

export async function apiDeadlines(filters: DeadlineFilters, today: Date, user: CurrentUser & Reader) {
  const q = deadlineQuery(filters, today, user);
  const [page, hidden] = await Promise.all([
    deadlinePage(q, user, today, (filters.page - 1) * DEADLINES_PAGE_SIZE, DEADLINES_PAGE_SIZE),
    hiddenDeadlineCount(q, user, today),
  ]);
  return {
    window: { from: q.from ? toDay(q.from) : null, to: toDay(q.to) },
    total: page.summary.total, page: filters.page, size: DEADLINES_PAGE_SIZE, summary: page.summary, restrictedHidden: hidden,
    items: page.rows.map(apiDeadline),
  };
}

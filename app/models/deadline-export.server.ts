/**
 * The deadlines view as CSV (same rules as the agreement export,
 * docs/decisions/005: csv-stringify, BOM, CRLF, formula guard): every
 * deadline of the view, not only the page shown.
 */
import { stringify } from "csv-stringify/sync";
import type { Reader } from "~/domain/confidentiality";
import type { DeadlineFilters } from "~/domain/deadline-filters";
import { toDay } from "~/domain/dates";
import { DEADLINE_STATES } from "~/domain/deadlines";
import { deadlineKindLabel } from "~/domain/obligations";
import type { CurrentUser } from "~/utils/auth.server";
import { inertText } from "./agreement-export.server";
import { findDeadlines } from "./deadlines.server";
import { deadlineQuery } from "./deadlines-view.server";

export const DEADLINE_CSV_COLUMNS = [
  "Date", "Days left", "Kind", "What has to happen", "State", "Agreement", "Agreement title", "Partners", "HT units", "Responsible", "Responsible e-mail",
] as const;

export async function deadlinesCsv(filters: DeadlineFilters, today: Date, user: CurrentUser & Reader): Promise<string> {
  const rows = await findDeadlines(deadlineQuery(filters, today, user), user, today);
  const cells = rows.map((r) => [
    toDay(r.date), String(r.daysLeft), deadlineKindLabel(r.kind), inertText(r.sentence), DEADLINE_STATES.label(r.state),
    inertText(r.agreement.reference), inertText(r.agreement.title), inertText(r.agreement.partnersLabel), inertText(r.agreement.unitsLabel),
    inertText(r.responsible?.name ?? ""), r.responsible?.email ?? "",
  ]);
  return stringify([[...DEADLINE_CSV_COLUMNS], ...cells], { bom: true, record_delimiter: "windows", quote_record_delimiter: true });
}

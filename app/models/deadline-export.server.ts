/**
 * The deadlines view as CSV (same rules as the agreement export,
 * docs/decisions/005: csv-stringify, BOM, CRLF, formula guard; plain or for
 * Italian Excel) and as .xlsx (docs/decisions/065: real dates and numbers):
 * every deadline of the view, not only the page shown. File names carry
 * the filter.
 */
import { stringify } from "csv-stringify/sync";
import type { Reader } from "~/domain/confidentiality";
import type { DeadlineFilters } from "~/domain/deadline-filters";
import { toDay } from "~/domain/dates";
import { DEADLINE_STATES } from "~/domain/deadlines";
import { CSV_FLAVOURS, exportFileName, flavourDay, type CsvFlavour } from "~/domain/export-names";
import { deadlineKindLabel } from "~/domain/obligations";
import type { CurrentUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { inertText } from "./agreement-export.server";
import { findDeadlines } from "./deadlines.server";
import { deadlineQuery } from "./deadlines-view.server";
import { buildWorkbook, excelDay, type SheetColumn } from "./spreadsheet.server";

export const DEADLINE_CSV_COLUMNS = [
  "Date", "Days left", "Kind", "What has to happen", "State", "Agreement", "Agreement title", "Partners", "HT units", "Responsible", "Responsible e-mail",
] as const;

const XLSX_COLUMNS: SheetColumn[] = DEADLINE_CSV_COLUMNS.map((header) => ({
  header, type: header === "Date" ? "date" : header === "Days left" ? "number" : "text", max: header === "What has to happen" ? 70 : 45,
}));

async function deadlineRows(filters: DeadlineFilters, today: Date, user: CurrentUser & Reader) {
  return findDeadlines(deadlineQuery(filters, today, user), user, today);
}

export async function deadlinesCsv(filters: DeadlineFilters, today: Date, user: CurrentUser & Reader, flavour: CsvFlavour = "plain"): Promise<string> {
  const rows = await deadlineRows(filters, today, user);
  const cells = rows.map((r) => [
    flavourDay(toDay(r.date), flavour), String(r.daysLeft), deadlineKindLabel(r.kind), inertText(r.sentence), DEADLINE_STATES.label(r.state),
    inertText(r.agreement.reference), inertText(r.agreement.title), inertText(r.agreement.partnersLabel), inertText(r.agreement.unitsLabel),
    inertText(r.responsible?.name ?? ""), r.responsible?.email ?? "",
  ]);
  return stringify([[...DEADLINE_CSV_COLUMNS], ...cells], {
    bom: true, record_delimiter: "windows", quote_record_delimiter: true, delimiter: CSV_FLAVOURS[flavour].delimiter,
  });
}

export async function deadlinesXlsx(filters: DeadlineFilters, today: Date, user: CurrentUser & Reader): Promise<Buffer> {
  const rows = await deadlineRows(filters, today, user);
  return buildWorkbook("Deadlines", XLSX_COLUMNS, rows.map((r) => [
    excelDay(r.date), r.daysLeft, deadlineKindLabel(r.kind), r.sentence, DEADLINE_STATES.label(r.state), r.agreement.reference, r.agreement.title,
    r.agreement.partnersLabel, r.agreement.unitsLabel, r.responsible?.name ?? "", r.responsible?.email ?? "",
  ]));
}

/** "deadlines-overdue-neurogenomics-2026-12-01.xlsx". */
export async function deadlinesFileName(filters: DeadlineFilters, today: Date, extension: "csv" | "xlsx"): Promise<string> {
  const [unit, partner] = await Promise.all([
    filters.unit ? prisma.unit.findUnique({ where: { id: filters.unit }, select: { name: true } }) : null,
    filters.partner ? prisma.partner.findUnique({ where: { id: filters.partner }, select: { name: true, acronym: true } }) : null,
  ]);
  const window = filters.window === "custom" ? `${filters.from ? toDay(filters.from) : ""}-to-${filters.to ? toDay(filters.to) : ""}` : filters.window === "overdue" ? "overdue" : `next-${filters.window}-days`;
  return exportFileName("deadlines", [window, unit?.name ?? "", partner ? partner.acronym || partner.name : "", ...filters.kind.map((k) => k.toLowerCase())], today, extension);
}

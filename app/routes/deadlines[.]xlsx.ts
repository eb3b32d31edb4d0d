/**
 * /deadlines.xlsx: the deadlines view as an Excel workbook (real dates and
 * numbers, header row, filters on), with exactly the query parameters of
 * /deadlines, and only what the reader may see.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseDeadlineFilters } from "~/domain/deadline-filters";
import { utcToday } from "~/domain/dates";
import { deadlinesFileName, deadlinesXlsx } from "~/models/deadline-export.server";
import { xlsxResponse } from "~/models/spreadsheet.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const today = utcToday();
  const filters = parseDeadlineFilters(new URL(request.url).searchParams);
  const [bytes, name] = await Promise.all([deadlinesXlsx(filters, today, user), deadlinesFileName(filters, today, "xlsx")]);
  return xlsxResponse(bytes, name);
}

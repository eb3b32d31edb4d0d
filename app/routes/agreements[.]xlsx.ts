/**
 * /agreements.xlsx: the agreement list as an Excel workbook, with exactly
 * the query parameters of /agreements: real dates and numbers, a header
 * row, filters on, column widths; only what the reader may see; the file
 * name carries the filter ("agreements-neurogenomics-active-2026-12-01.xlsx").
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAgreementFilters } from "~/domain/agreement-filters";
import { utcToday } from "~/domain/dates";
import { agreementsFileName, agreementsXlsx } from "~/models/agreement-export.server";
import { xlsxResponse } from "~/models/spreadsheet.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const filters = parseAgreementFilters(new URL(request.url).searchParams);
  const today = utcToday();
  const [bytes, name] = await Promise.all([agreementsXlsx(filters, today, user), agreementsFileName(filters, today, "xlsx")]);
  return xlsxResponse(bytes, name);
}

/**
 * /api/network.xlsx: the lines of the collaboration map as an Excel
 * workbook, with the query parameters of /api/network, built for the
 * reader (what a viewer may not see is left out as on the map).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFileName } from "~/domain/export-names";
import { parseNetworkFilters } from "~/domain/network-filters";
import { utcToday } from "~/domain/dates";
import { networkLinesXlsx } from "~/models/network-export.server";
import { xlsxResponse } from "~/models/spreadsheet.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const filters = parseNetworkFilters(new URL(request.url).searchParams);
  const bytes = await networkLinesXlsx(filters, user);
  return xlsxResponse(bytes, exportFileName("ht-collaboration-map-lines", [`as-of-${filters.asOf}`], utcToday(), "xlsx"));
}

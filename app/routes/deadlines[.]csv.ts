/**
 * /deadlines.csv: the deadlines view as a CSV download, with exactly the
 * query parameters of /deadlines (every row, not only the page shown), and
 * only what the reader may see.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseDeadlineFilters } from "~/domain/deadline-filters";
import { toDay, utcToday } from "~/domain/dates";
import { deadlinesCsv } from "~/models/deadline-export.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const today = utcToday();
  const body = await deadlinesCsv(parseDeadlineFilters(new URL(request.url).searchParams), today, user);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deadlines-${toDay(today)}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

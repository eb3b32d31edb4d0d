/**
 * /deadlines.csv: the deadlines view as a CSV download, with exactly the
 * query parameters of /deadlines (every row, not only the page shown), and
 * only what the reader may see; `?flavour=it` for Italian Excel.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseDeadlineFilters } from "~/domain/deadline-filters";
import { utcToday } from "~/domain/dates";
import { csvFlavour } from "~/domain/export-names";
import { deadlinesCsv, deadlinesFileName } from "~/models/deadline-export.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const today = utcToday();
  const params = new URL(request.url).searchParams;
  const filters = parseDeadlineFilters(params);
  const flavour = csvFlavour(params);
  const [body, name] = await Promise.all([deadlinesCsv(filters, today, user, flavour), deadlinesFileName(filters, today, "csv")]);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${flavour === "it" ? name.replace(/\.csv$/, "-it.csv") : name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * /agreements.csv: the agreement list as a CSV download. It takes exactly the
 * query parameters of /agreements (filters and sort; page and size are
 * ignored: every matching row is exported) and shows a role only what it may
 * read. `?flavour=it` gives Italian Excel's flavour (";", decimal commas);
 * the file name carries the filter.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAgreementFilters } from "~/domain/agreement-filters";
import { utcToday } from "~/domain/dates";
import { csvFlavour } from "~/domain/export-names";
import { agreementsFileName, exportAgreements } from "~/models/agreement-export.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const params = new URL(request.url).searchParams;
  const filters = parseAgreementFilters(params);
  const today = utcToday();
  const flavour = csvFlavour(params);
  const name = await agreementsFileName(filters, today, "csv");
  return new Response(exportAgreements(filters, today, user, flavour), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${flavour === "it" ? name.replace(/\.csv$/, "-it.csv") : name}"`,
      // The file holds what this user may see: never store it in a shared cache.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

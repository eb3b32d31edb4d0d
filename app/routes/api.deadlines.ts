/** /api/deadlines: the deadlines page's view as JSON (the same query parameters as /deadlines), what the caller may read. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseDeadlineFilters } from "~/domain/deadline-filters";
import { utcToday } from "~/domain/dates";
import { apiDeadlines } from "~/models/api-deadlines.server";
import { answer } from "~/utils/api.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  return answer(() => apiDeadlines(parseDeadlineFilters(new URL(request.url).searchParams), utcToday(), user));
}

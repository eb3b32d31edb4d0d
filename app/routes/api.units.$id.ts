/** /api/units/{id}: one HT unit as JSON, with its research lines, groups and the agreements (not archived) the caller may read. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiUnit } from "~/models/api-directory.server";
import { answer } from "~/utils/api.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  return answer(() => apiUnit(params.id ?? "", user));
}

/** /api/units: every HT unit (centres, facilities, their groups) as JSON, with the agreements the caller may read counted. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiUnits } from "~/models/api-directory.server";
import { answer } from "~/utils/api.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  return answer(() => apiUnits(user));
}

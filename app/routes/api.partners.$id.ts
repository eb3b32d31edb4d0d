/** /api/partners/{id}: one partner as JSON, with the agreements (not archived) the caller may read. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiPartner } from "~/models/api-directory.server";
import { answer } from "~/utils/api.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  return answer(() => apiPartner(params.id ?? "", user));
}

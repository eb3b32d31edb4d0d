/**
 * /api/agreements/{id}: one agreement as JSON (GET), and its update (PUT,
 * the whole agreement as POST /api/agreements takes it, with the `version`
 * read): the form's rules in the agreement's mode, and optimistic
 * concurrency: a version saved meanwhile answers 409 with what is saved now.
 * A restricted agreement answers 403 to a caller whose role may not read it,
 * naming nothing of it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiAgreement, apiUpdate } from "~/models/api-agreements.server";
import { apiError } from "~/utils/api-auth.server";
import { answer, readJson } from "~/utils/api.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  return answer(() => apiAgreement(params.id ?? "", user));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  if (request.method !== "PUT") throw apiError(405, "Update an agreement with PUT.", { Allow: "GET, PUT" });
  const body = await readJson(request);
  return answer(async () => ({ ok: true, ...(await apiUpdate(user, params.id ?? "", body)) }));
}

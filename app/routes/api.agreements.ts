/**
 * /api/agreements: the register as JSON, for other tools (docs/decisions/072;
 * documented at /api/openapi.json). GET lists with the same filters, sort
 * and pages as the /agreements page (its URL parameters); POST records a
 * new agreement from a JSON body with the form's own rules (a draft needs a
 * title and a kind). Sessions or API tokens (Authorization: Bearer);
 * restricted agreements follow the caller's role as on the pages.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { parseAgreementFilters } from "~/domain/agreement-filters";
import { apiCreate, apiList } from "~/models/api-agreements.server";
import { apiError } from "~/utils/api-auth.server";
import { answer, readJson } from "~/utils/api.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  return answer(() => apiList(parseAgreementFilters(new URL(request.url).searchParams), user));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  if (request.method !== "POST") throw apiError(405, "Create agreements with POST.", { Allow: "GET, POST" });
  const body = await readJson(request);
  return answer(async () => ({ ok: true, agreement: await apiCreate(user, body) }), 201);
}

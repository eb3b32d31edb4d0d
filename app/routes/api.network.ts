/**
 * /api/network: the collaboration map as JSON { nodes, edges, meta }, for the
 * map page and for any tool that wants it. Query parameters: see
 * app/domain/network-filters.ts; the shape: app/domain/network.ts.
 * The response holds no agreement titles. Restricted agreements add to the
 * numbers of lines that exist anyway for every role; for roles that may not
 * read them, a line (or a partner) known only through restricted agreements
 * is left out, and dates and lifecycles come from the readable agreements
 * (docs/decisions/010-confidentiality.md).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseNetworkFilters } from "~/domain/network-filters";
import { getNetwork } from "~/models/network.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const filters = parseNetworkFilters(new URL(request.url).searchParams);
  return Response.json(await getNetwork(filters, user), {
    // Per-user data (sessions decide access): never in a shared cache.
    headers: { "Cache-Control": "private, no-store" },
  });
}

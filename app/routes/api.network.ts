/**
 * /api/network: the collaboration map as JSON { nodes, edges, meta }, for the
 * map page and for any tool that wants it. Query parameters: see
 * app/domain/network-filters.ts; the shape: app/domain/network.ts.
 * Restricted agreements count in every number for every role; the response
 * holds no agreement titles.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseNetworkFilters } from "~/domain/network-filters";
import { getNetwork } from "~/models/network.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:read");
  const filters = parseNetworkFilters(new URL(request.url).searchParams);
  return Response.json(await getNetwork(filters), {
    // Per-user data (sessions decide access): never in a shared cache.
    headers: { "Cache-Control": "private, no-store" },
  });
}

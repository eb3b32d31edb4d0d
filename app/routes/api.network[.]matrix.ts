/**
 * /api/network.matrix: HT units by partner kind for the map's filters (same
 * query parameters as /api/network), every combination listed, zeros
 * included, so the gap view shows where there are no collaborations at all.
 * Always the same network as the graph for the same person: built by the
 * same code, unclustered (app/domain/network-matrix.ts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseNetworkFilters } from "~/domain/network-filters";
import { getNetworkMatrix } from "~/models/network.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const filters = parseNetworkFilters(new URL(request.url).searchParams);
  return Response.json(await getNetworkMatrix(filters, user), { headers: { "Cache-Control": "private, no-store" } });
}

/**
 * /api/network.node?id=<node id>&<map filters>: a node's summary (as on the
 * map) and the agreements on its lines for these filters, newest first:
 * { node, agreements: [{ id, reference, title, kind, status, startDate, endDate, restricted }], restricted, total }.
 * At most NODE_AGREEMENTS_LIMIT agreements are listed; `total` counts them
 * all, restricted ones included. For roles that may not read restricted
 * agreements, those are left out of `agreements` and only counted in
 * `restricted` (docs/decisions/010-confidentiality.md). 404 when the node is
 * not on the map for these filters and this person.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseNodeId } from "~/domain/network";
import { parseNetworkFilters } from "~/domain/network-filters";
import { getNodeDetail } from "~/models/network.server";
import { requirePermission } from "~/utils/auth.server";

const HEADERS = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const params = new URL(request.url).searchParams;
  const id = params.get("id") ?? "";
  if (!parseNodeId(id)) return Response.json({ error: "id must be a map node id." }, { status: 400, headers: HEADERS });
  const detail = await getNodeDetail(parseNetworkFilters(params), id, user);
  if (!detail) return Response.json({ error: "This node is not on the map for these filters." }, { status: 404, headers: HEADERS });
  return Response.json(detail, { headers: HEADERS });
}

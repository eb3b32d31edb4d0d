/**
 * /api/network.edge?source=<unit node id>&target=<partner or cluster node id>&<map filters>:
 * the agreements behind one line of the map, newest first:
 * { agreements: [{ id, reference, title, kind, status, startDate, endDate, restricted }], restricted }.
 * For roles that may not read restricted agreements, those are left out of
 * `agreements` entirely (no id, reference, title, kind, status or dates) and
 * only counted in `restricted` (docs/decisions/010-confidentiality.md).
 * 404 when the line is not on the map for these filters and this person.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseNodeId } from "~/domain/network";
import { parseNetworkFilters } from "~/domain/network-filters";
import { getEdgeAgreements } from "~/models/network.server";
import { requirePermission } from "~/utils/auth.server";

const HEADERS = { "Cache-Control": "private, no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const params = new URL(request.url).searchParams;
  const source = params.get("source") ?? "";
  const target = params.get("target") ?? "";
  if (parseNodeId(source)?.type !== "unit" || !["partner", "cluster"].includes(parseNodeId(target)?.type ?? "")) {
    return Response.json({ error: "source must be a unit node id and target a partner or cluster node id." }, { status: 400, headers: HEADERS });
  }
  const detail = await getEdgeAgreements(parseNetworkFilters(params), source, target, user);
  if (!detail) return Response.json({ error: "This line is not on the map for these filters." }, { status: 404, headers: HEADERS });
  return Response.json(detail, { headers: HEADERS });
}

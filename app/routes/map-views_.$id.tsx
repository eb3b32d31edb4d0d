/**
 * /map-views/<id>: a saved view's link. Opens the map with the view's
 * query and savedView=<id> (the map then applies the view's arrangement and
 * names it); the map is drawn for whoever opens it (docs/decisions/010).
 */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getMapView, queryFor } from "~/models/map-views.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const view = await getMapView(params.id ?? "", user);
  if (!view) throw new Response("This saved view does not exist (it may have been deleted).", { status: 404 });
  const query = await queryFor(user, view.query);
  query.set("savedView", view.id);
  return redirect(`/map?${query}`);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

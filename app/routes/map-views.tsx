/**
 * /map-views: saved views of the collaboration map. GET lists the reader's
 * own views and those pinned for everyone, each with its link to share;
 * POST saves a view (intent=save: name, query, positions, pinned), pins or
 * unpins one (editors), or deletes one (its owner; editors for pinned ones).
 * The map's "Save view" form posts here (app/components/map/map-saved-views.tsx).
 */
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/ui/submit-button";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { formatDay } from "~/domain/dates";
import { ruleBroken } from "~/domain/errors";
import { MapViewSchema } from "~/domain/map-views";
import { can } from "~/domain/permissions";
import { createMapView, deleteMapView, listMapViews, setMapViewPinned } from "~/models/map-views.server";
import { requirePermission } from "~/utils/auth.server";
import { formFailure, messageFailure } from "~/utils/errors.server";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Saved map views · HT Collaborations" }];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: () => [{ label: "Collaboration map", to: "/map" }, { label: "Saved views" }],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  return { views: await listMapViews(user), canPin: can(user.role, "agreement:write") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "save") {
    const submission = parseWithZod(form, { schema: MapViewSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), saved: null }, { status: 400 });
    try {
      const view = await createMapView(user, submission.value);
      return { result: submission.reply({ resetForm: true }), saved: { id: view.id, name: view.name } };
    } catch (error) {
      return formFailure(error, submission, { extra: { saved: null } });
    }
  }
  const id = String(form.get("id") ?? "");
  try {
    if (intent === "pin" || intent === "unpin") await setMapViewPinned(user, id, intent === "pin", Number(form.get("version") ?? 0));
    else if (intent === "delete") await deleteMapView(user, id);
    else throw ruleBroken(null, "Unknown intent: save, pin, unpin or delete.");
    return { ok: true, intent };
  } catch (error) {
    return messageFailure(error);
  }
}

export default function MapViews() {
  const { views, canPin } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Saved map views</h1>
          <p className="subtitle">Your views and those pinned for everyone. Each link opens the map with its filters, question and arrangement, drawn for whoever opens it.</p>
        </div>
      </header>
      {views.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Saved map views</caption>
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Saved by</th><th scope="col">Updated</th><th scope="col">Actions</th></tr>
            </thead>
            <tbody>
              {views.map((view) => (
                <tr key={view.id}>
                  <th scope="row" className="row-head">
                    <Link to={`/map-views/${view.id}`}>{view.name}</Link>
                    {view.pinned ? <span className="badge"> Pinned for everyone</span> : null}
                  </th>
                  <td>{view.mine ? "You" : view.owner ?? "A former account"}</td>
                  <td>{formatDay(view.updatedAt.slice(0, 10))}</td>
                  <td>
                    <Form method="post" className="inline-actions">
                      <input type="hidden" name="id" value={view.id} />
                      <input type="hidden" name="version" value={view.version} />
                      {canPin ? (
                        <SubmitButton intent={view.pinned ? "unpin" : "pin"} className="button button-quiet">{view.pinned ? "Unpin" : "Pin for everyone"}</SubmitButton>
                      ) : null}
                      {view.mine || (canPin && view.pinned) ? <SubmitButton intent="delete" className="button button-quiet">Delete</SubmitButton> : null}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <h2>No saved views yet</h2>
          <p>On the <Link to="/map">collaboration map</Link>, choose the filters and the question, then “Save view”.</p>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

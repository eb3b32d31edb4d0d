/**
 * Saved views on the map page: open one (yours or pinned for everyone), or
 * save the current filters, question and arrangement under a name (POST
 * /map-views, app/routes/map-views.tsx); editors may pin it for everyone.
 * Once saved, its link is shown to copy and send.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { Link, useFetcher, useNavigate } from "@remix-run/react";
import { Field } from "~/components/forms";
import { SubmitButton } from "~/components/ui/submit-button";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { MapViewSchema, normaliseMapQuery } from "~/domain/map-views";
import type { Positions } from "./map-model";

export interface SavedViewOption {
  id: string;
  name: string;
  pinned: boolean;
}

type SaveAnswer = { result?: Parameters<typeof useSchemaForm>[1]["lastResult"]; saved: { id: string; name: string } | null };

export function MapSavedViews({ views, current, params, positions, canPin }: {
  views: SavedViewOption[];
  /** The saved view the map was opened from, if any. */
  current: { id: string; name: string } | null;
  params: URLSearchParams;
  positions: Positions;
  canPin: boolean;
}) {
  const navigate = useNavigate();
  const fetcher = useFetcher<SaveAnswer>();
  const [form, fields] = useSchemaForm(MapViewSchema, { id: "save-map-view", lastResult: fetcher.data?.result ?? null, validateOn: "onSubmit" });
  const saved = fetcher.state === "idle" ? fetcher.data?.saved : null;
  const link = (id: string) => (typeof window === "undefined" ? `/map-views/${id}` : new URL(`/map-views/${id}`, window.location.origin).toString());
  return (
    <div className="map-toolbar-group map-saved-views" role="group" aria-label="Saved views">
      <label className="visually-hidden" htmlFor="open-map-view">Open a saved view</label>
      <select id="open-map-view" value={current?.id ?? ""} onChange={(e) => e.target.value && navigate(`/map-views/${e.target.value}`)}>
        <option value="">{views.length ? "Saved views…" : "No saved views"}</option>
        {views.map((v) => <option key={v.id} value={v.id}>{v.pinned ? `📌 ${v.name}` : v.name}</option>)}
      </select>
      <details className="map-save-view">
        <summary className="button button-quiet">Save view</summary>
        <fetcher.Form method="post" action="/map-views" {...getFormProps(form)} className="map-save-view-form">
          <input type="hidden" name="query" value={normaliseMapQuery(params.toString())} />
          <input type="hidden" name="positions" value={JSON.stringify(positions)} />
          <Field field={fields.name} label="Name of the view">
            <input {...getInputProps(fields.name, { type: "text" })} placeholder="Board, December" />
          </Field>
          {canPin ? (
            <label className="checkbox"><input type="checkbox" name="pinned" /> Pin for everyone</label>
          ) : null}
          <SubmitButton intent="save" pendingLabel="Saving…">Save</SubmitButton>
        </fetcher.Form>
        {saved ? (
          <p className="map-status" role="status">
            Saved “{saved.name}”. Link to share: <Link to={`/map-views/${saved.id}`}>{link(saved.id)}</Link>
          </p>
        ) : null}
      </details>
      <Link to="/map-views" className="small">All saved views</Link>
    </div>
  );
}

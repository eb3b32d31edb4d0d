/**
 * The map's filters. Every control is a URL search parameter (the page's
 * single source of truth), submitted as a GET form as soon as it changes,
 * so any view can be bookmarked or sent to someone.
 */
import { Form } from "@remix-run/react";
import { useAutoSubmit, type AutoSubmitOptions } from "~/components/use-auto-submit";
import { MultiSelect, vocabularyOptions } from "~/components/multi-select";
import type { NetworkFilters } from "~/domain/network-filters";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, PARTNER_KINDS } from "~/domain/vocabulary";
import type { ColourBy } from "./map-model";

/** Parameters the form does not show but must carry over. */
const CARRIED = ["view", "expand", "expandCluster", "focus", "sort", "dir", "asOf", "whatIf", "explore", "measures", "size", "nodeColour", "pathFrom", "pathTo"] as const;

export function MapFilters({
  filters,
  params,
  colourBy,
  units,
  today,
  graph,
}: {
  /** The graph view shows the drawing options too (line thickness, colour, grouping). */
  graph: boolean;
  filters: NetworkFilters;
  params: URLSearchParams;
  colourBy: ColourBy;
  units: { id: string; label: string; kind: string }[];
  today: string;
}) {
  const { revision, onChange } = useAutoSubmit(MAP_FORM);
  return (
    <Form
      method="get"
      className="filters map-filters"
      onChange={onChange}
      role="search"
      aria-label="Filter the map"
      key={revision}
    >
      {CARRIED.flatMap((k) => params.getAll(k).map((v, i) => <input key={`${k}${i}`} type="hidden" name={k} value={v} />))}
      <MultiSelect name="kind" label="Agreement kind" options={vocabularyOptions(AGREEMENT_KINDS)} selected={filters.kind} />
      <MultiSelect name="status" label="Status" options={vocabularyOptions(AGREEMENT_STATUSES)} selected={filters.status} />
      <MultiSelect name="partnerKind" label="Partner kind" options={vocabularyOptions(PARTNER_KINDS)} selected={filters.partnerKind} />
      <label className="field">
        <span className="field-label">HT unit</span>
        <select name="unit" defaultValue={filters.unit ?? ""}>
          <option value="">All units</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>{u.label}</option>
          ))}
        </select>
      </label>
      <label className="field field-narrow">
        <span className="field-label">Min. agreements per line</span>
        <input type="number" name="minWeight" min={1} max={999} step={1} defaultValue={filters.minWeight} inputMode="numeric" />
      </label>
      {graph ? <DrawingOptions filters={filters} colourBy={colourBy} /> : <CarriedDrawingOptions params={params} />}
      <label className="field field-narrow">
        <span className="field-label">Compare with</span>
        <input type="date" name="compare" defaultValue={filters.compare ?? ""} max={today} aria-describedby="compare-hint" />
        <span id="compare-hint" className="visually-hidden">An earlier date: lines are marked new, lapsed or unchanged since then.</span>
      </label>
      <noscript>
        <button type="submit" className="button">Apply</button>
      </noscript>
    </Form>
  );
}

/** The map's filters leave defaults out of the URL; typed numbers wait for a pause; every change replaces the history entry. */
const MAP_FORM: AutoSubmitOptions = {
  delay: (field) => (field.type === "number" ? 400 : 0),
  replace: () => true,
  tidy(params) {
    const next = new URLSearchParams();
    for (const [k, v] of params) if (!isDefault(k, v)) next.append(k, v);
    // Active alone is the default status.
    if (next.getAll("status").join() === "ACTIVE") next.delete("status");
    return next;
  },
};

/** How the graph is drawn: line thickness and colour, grouping of partners. */
function DrawingOptions({ filters, colourBy }: { filters: NetworkFilters; colourBy: ColourBy }) {
  return (
    <>
      <label className="field">
        <span className="field-label">Line thickness</span>
        <select name="weight" defaultValue={filters.weight}>
          <option value="count">Number of agreements</option>
          <option value="value">Value (EUR)</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Line colour</span>
        <select name="colour" defaultValue={colourBy}>
          <option value="kind">Main agreement kind</option>
          <option value="lifecycle">Lifecycle (active, ending, expired)</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Group partners</span>
        <select name="cluster" defaultValue={filters.cluster}>
          <option value="auto">When the map is large</option>
          <option value="kind">By kind</option>
          <option value="parent">By parent organisation</option>
          <option value="none">Never</option>
        </select>
      </label>
    </>
  );
}

/** Outside the graph the drawing options are kept in the URL, for when the map is shown again. */
function CarriedDrawingOptions({ params }: { params: URLSearchParams }) {
  return (
    <>
      {(["weight", "colour", "cluster"] as const).map((name) =>
        params.get(name) ? <input key={name} type="hidden" name={name} value={params.get(name)!} /> : null,
      )}
    </>
  );
}

/** Defaults stay out of the URL, so shared links are short and stable. */
function isDefault(key: string, value: string) {
  return (
    (key === "minWeight" && value === "1") ||
    (key === "weight" && value === "count") ||
    (key === "colour" && value === "kind") ||
    (key === "cluster" && value === "auto")
  );
}

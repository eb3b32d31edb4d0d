/**
 * The map's new questions (issue 13), as controls above the map: what if a
 * framework (or everything ending soon) ended, how to rank and colour nodes
 * by network measures, and how two organisations are connected. Each is a
 * URL parameter (docs/decisions/016), so a question can be shared by link.
 */
import { useMemo } from "react";
import { useIdle } from "~/components/use-idle";
import { WHAT_IF_MONTHS, type NetworkFilters } from "~/domain/network-filters";
import type { Network } from "./types";
import type { MapUrl } from "./use-map-url";

export interface FrameworkOption {
  id: string;
  label: string;
}

export function MapQuestions({ network, url, frameworks }: { network: Network; url: MapUrl; frameworks: FrameworkOption[] }) {
  const filters = network.meta.filters;
  // The long lists (hundreds of frameworks, every organisation twice) are filled in once the map is up; until then each shows its choice.
  const full = useIdle();
  return (
    <section className="map-questions" aria-label="Questions to the map">
      <label className="field">
        <span className="field-label">What if… ends</span>
        <select value={filters.whatIf ?? ""} onChange={(e) => url.change({ whatIf: e.target.value || null }, { replace: true })}>
          <option value="">Nothing (the map as it is)</option>
          <optgroup label="Everything ending">
            {WHAT_IF_MONTHS.map((months) => (
              <option key={months} value={`ending:${months}`}>Everything ending in the next {months} months</option>
            ))}
          </optgroup>
          {frameworks.length ? (
            <optgroup label="A framework agreement">
              {shown(frameworks, full, filters.whatIf).map((f) => (
                <option key={f.id} value={f.id}>{f.label}</option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <MeasureControls filters={filters} url={url} />
      <PathControls network={network} url={url} full={full} />
    </section>
  );
}

function MeasureControls({ filters, url }: { filters: NetworkFilters; url: MapUrl }) {
  return (
    <>
      <label className="field">
        <span className="field-label">Rank partners by</span>
        <select
          value={filters.measures ? filters.size : ""}
          onChange={(e) => url.change({ size: e.target.value && e.target.value !== "agreements" ? e.target.value : null, measures: e.target.value === "agreements" ? "1" : null }, { replace: true })}
        >
          <option value="">Not ranked</option>
          <option value="agreements">Agreements (weighted degree)</option>
          <option value="degree">Lines (degree)</option>
          <option value="betweenness">Go-between (betweenness)</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Node colour</span>
        <select value={filters.nodeColour} onChange={(e) => url.change({ nodeColour: e.target.value === "kind" ? null : e.target.value }, { replace: true })}>
          <option value="kind">Partner kind</option>
          <option value="community">Detected community</option>
        </select>
      </label>
    </>
  );
}

/** "How is X connected to Y": two pickers over the nodes on the map; the paths come back in meta.paths. */
function PathControls({ network, url, full }: { network: Network; url: MapUrl; full: boolean }) {
  const from = network.meta.filters.pathFrom ?? url.params.get("pathFrom") ?? "";
  const to = network.meta.filters.pathTo ?? url.params.get("pathTo") ?? "";
  const options = useMemo(() => [...network.nodes].sort((a, b) => a.name.localeCompare(b.name)), [network]);
  const pick = (key: "pathFrom" | "pathTo", value: string) => url.change({ [key]: value || null }, { replace: true });
  return (
    <fieldset className="map-path-controls">
      <legend className="field-label">How is… connected to…</legend>
      <select aria-label="Connected from" value={from} onChange={(e) => pick("pathFrom", e.target.value)}>
        <option value="">Choose…</option>
        {shown(options, full, from).map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
      </select>
      <select aria-label="Connected to" value={to} onChange={(e) => pick("pathTo", e.target.value)}>
        <option value="">Choose…</option>
        {shown(options, full, to).map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
      </select>
    </fieldset>
  );
}

/** The whole list, or (before it is filled in) only the item chosen. */
function shown<T extends { id: string }>(items: T[], full: boolean, chosen: string | null | undefined): T[] {
  return full ? items : items.filter((item) => item.id === chosen);
}

/** The nodes and lines of the paths asked for: lit on the map whatever else happens. */
export function pathIds(network: Network): Set<string> {
  const ids = new Set<string>();
  const paths = network.meta.paths?.paths ?? [];
  if (!paths.length) return ids;
  const lineOf = new Map<string, string>();
  for (const e of network.edges) {
    lineOf.set(`${e.source}|${e.target}`, e.id);
    lineOf.set(`${e.target}|${e.source}`, e.id);
  }
  for (const path of paths) {
    path.forEach((id, i) => {
      ids.add(id);
      const line = i > 0 ? lineOf.get(`${path[i - 1]}|${id}`) : undefined;
      if (line) ids.add(line);
    });
  }
  return ids;
}

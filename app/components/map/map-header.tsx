/**
 * The words around the map: the page's header with its counts and the view
 * tabs (map, table of pairs, gaps by partner kind), the phone's hint to the table, the notice shown in
 * focus mode, and the caption drawn on the map (and so in every picture).
 */
import { Link } from "@remix-run/react";
import { formatDay } from "~/domain/dates";
import { totalsWords } from "~/domain/network-words";
import { withParams } from "~/utils/url";
import type { Network } from "./types";

export const MAP_VIEWS = ["graph", "table", "matrix"] as const;
export type MapView = (typeof MAP_VIEWS)[number];

const TABS: [MapView, string][] = [
  ["graph", "Map"],
  ["table", "Table of pairs"],
  ["matrix", "Gaps by partner kind"],
];

/** "12 organisations · 20 lines · 31 agreements" (app/domain/network-words.ts: the same words in every view). */
export function mapCounts(network: Network): string {
  return totalsWords(network.meta.totals);
}

export function MapHeader({ network, view, params, asOfWords }: { network: Network; view: MapView; params: URLSearchParams; asOfWords: string }) {
  return (
    <>
    <header className="page-header">
      <div>
        <h1>Collaboration map</h1>
        <p className="subtitle" aria-live="polite">
          {mapCounts(network)} as of {asOfWords}
        </p>
      </div>
      <nav aria-label="Map views">
        <ul className="map-views">
          {TABS.map(([tab, label]) => (
            <li key={tab}>
              <Link
                to={withParams(params, { view: tab === "graph" ? null : tab, sort: null, dir: null })}
                aria-current={view === tab ? "page" : undefined}
                preventScrollReset
              >
                {label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
    {view === "graph" ? <PhoneHint params={params} /> : null}
    </>
  );
}

/** On a phone (CSS shows it only there), the table of pairs comes first. */
function PhoneHint({ params }: { params: URLSearchParams }) {
  return (
    <p className="notice map-phone-hint">
      On a small screen the table of pairs is easier to read.{" "}
      <Link to={withParams(params, { view: "table" })} className="button">Open the table of pairs</Link>
    </p>
  );
}

export function FocusNotice({ network, onShowAll }: { network: Network; onShowAll: () => void }) {
  const focus = network.meta.filters.focus;
  return (
    <p className="notice notice-warning map-notice" role="status">
      Showing only {network.nodes.find((n) => n.id === focus)?.name ?? "one organisation"} and the organisations it works with.
      <button type="button" className="button button-quiet" onClick={onShowAll}>Show the whole network</button>
    </p>
  );
}

export function MapCaption({ network, asOfWords, filterWords }: { network: Network; asOfWords: string; filterWords: string[] }) {
  const { compare } = network.meta.filters;
  return (
    <div>
      <strong>HT collaborations as of {asOfWords}</strong>
      {compare ? <p>Compared with {formatDay(compare)}: new, lapsed and unchanged lines</p> : null}
      <p>{filterWords.join(" · ")}</p>
      <p>{mapCounts(network)}{network.meta.clustered ? " · partners grouped by kind" : ""}</p>
    </div>
  );
}

/** Explore mode: which nodes the map grows from, and the way back to the whole network. */
export function ExploreNotice({ network, onShowAll }: { network: Network; onShowAll: () => void }) {
  const names = network.meta.filters.explore.map((id) => network.nodes.find((n) => n.id === id)?.name ?? "an organisation");
  return (
    <p className="notice notice-warning map-notice" role="status">
      Exploring from {names.join(", ")} and their neighbours. Open an organisation and choose “Expand its neighbours” to go one step further.
      <button type="button" className="button button-quiet" onClick={onShowAll}>Show the whole network</button>
    </p>
  );
}

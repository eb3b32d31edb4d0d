/**
 * Under the map, the answers to its questions: what a what-if scenario
 * does (lines that vanish or thin, the agreements and partners affected),
 * the deadlines on the map's lines in the next 90 days, where the network
 * concentrates (the most central partners, the units that depend on a single
 * partner) and the shortest paths asked for. Everything here comes from the
 * network built for the reader (a viewer never sees a restricted agreement
 * named: the what-if's restricted ones are only counted).
 */
import { formatDay } from "~/domain/dates";
import { mostCentral, singlePartnerUnits, type RankBy } from "~/domain/network-measures";
import type { NetworkAgreement } from "~/domain/network";
import { SINCE_MEANS, countedWords } from "~/domain/network-words";
import { pluralize } from "~/utils/format";
import { AgreementList, DEADLINE_WORDS } from "./side-panel";

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
import type { Network, NetworkNode } from "./types";

export interface WhatIfAgreements {
  agreements: NetworkAgreement[];
  restricted: number;
}

export function MapInsights({ network, whatIf, frameworkLabel }: { network: Network; whatIf: WhatIfAgreements | null; frameworkLabel: string | null }) {
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  return (
    <div className="map-insights">
      {network.meta.whatIf ? <WhatIfCard network={network} byId={byId} whatIf={whatIf} frameworkLabel={frameworkLabel} /> : null}
      {network.meta.paths ? <PathsCard paths={network.meta.paths.paths} byId={byId} /> : null}
      <DeadlinesCard network={network} byId={byId} />
      {network.meta.filters.measures ? <CentralityCard network={network} /> : null}
      <p className="muted small map-since-note">{countedWords(network.meta.filters)}. {SINCE_MEANS}.</p>
    </div>
  );
}

const nameOf = (byId: Map<string, NetworkNode>, id: string) => byId.get(id)?.name ?? id;

function WhatIfCard({ network, byId, whatIf, frameworkLabel }: { network: Network; byId: Map<string, NetworkNode>; whatIf: WhatIfAgreements | null; frameworkLabel: string | null }) {
  const meta = network.meta.whatIf!;
  const scenario = network.meta.filters.whatIf?.startsWith("ending:")
    ? `everything ending in the next ${network.meta.filters.whatIf.slice(7)} months ended`
    : `${frameworkLabel ?? "this framework"} ended, with the agreements that implement or amend it`;
  if (!meta.found) {
    return (
      <section className="card map-insight" aria-labelledby="whatif-title">
        <h2 id="whatif-title">What if</h2>
        <p>That framework agreement is not on the map (or you may not read it).</p>
      </section>
    );
  }
  const { effect } = meta;
  return (
    <section className="card map-insight" aria-labelledby="whatif-title">
      <h2 id="whatif-title">What if {scenario}?</h2>
      <p data-testid="whatif-summary">
        {pluralize(effect.agreements, "agreement")} on the map would end: {pluralize(effect.vanish, "line")} would vanish and{" "}
        {pluralize(effect.thin, "line")} would thin (marked on the map).
      </p>
      {effect.partnersLost.length ? (
        <p><strong>Partners left with no line:</strong> {effect.partnersLost.map((id) => nameOf(byId, id)).join(", ")}</p>
      ) : null}
      {effect.partnersThinner.length ? (
        <p><strong>Partners with fewer agreements:</strong> {effect.partnersThinner.map((id) => nameOf(byId, id)).join(", ")}</p>
      ) : null}
      {whatIf ? (
        <details className="map-whatif-agreements" open={whatIf.agreements.length + whatIf.restricted <= 8}>
          <summary>Agreements affected ({whatIf.agreements.length + whatIf.restricted})</summary>
          <AgreementList agreements={whatIf.agreements} restricted={whatIf.restricted} label="Agreements the scenario ends" />
        </details>
      ) : null}
    </section>
  );
}


function DeadlinesCard({ network, byId }: { network: Network; byId: Map<string, NetworkNode> }) {
  const lines = network.edges.filter((e) => e.deadline).sort((a, b) => a.deadline!.date.localeCompare(b.deadline!.date) || a.id.localeCompare(b.id));
  return (
    <section className="card map-insight" aria-labelledby="map-deadlines-title">
      <h2 id="map-deadlines-title">Deadlines on the map, next 90 days</h2>
      {lines.length ? (
        <ul className="plain-list map-deadlines">
          {lines.slice(0, 30).map((e) => (
            <li key={e.id}>
              <span className="mono">{formatDay(e.deadline!.date)}</span> · {capitalise(DEADLINE_WORDS[e.deadline!.kind])} · {nameOf(byId, e.source)} – {nameOf(byId, e.target)}
              {e.deadline!.count > 1 ? <span className="muted"> ({e.deadline!.count} deadlines on this line)</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-inline">No line on the map has a deadline in the next 90 days.</p>
      )}
      {lines.length > 30 ? <p className="muted small">The 30 nearest of {lines.length}; all are on the Deadlines page.</p> : null}
    </section>
  );
}

function CentralityCard({ network }: { network: Network }) {
  const size = network.meta.filters.size;
  const by: RankBy = size === "degree" || size === "betweenness" ? size : "weighted";
  const top = mostCentral(network.nodes, by);
  const dependent = singlePartnerUnits(network.nodes, network.edges).slice(0, 10);
  const value = (n: NetworkNode) => (by === "degree" ? n.measures!.degree : by === "weighted" ? n.measures!.weightedDegree : n.measures!.betweenness.toFixed(3));
  return (
    <section className="card map-insight" aria-labelledby="centrality-title">
      <h2 id="centrality-title">Where it concentrates</h2>
      <h3>Most central partners ({by === "degree" ? "lines" : by === "weighted" ? "agreements on their lines" : "betweenness"})</h3>
      <ol className="map-ranking">
        {top.map((n) => <li key={n.id}>{n.name} <span className="muted">{value(n)}</span></li>)}
      </ol>
      <h3>HT units that depend on a single partner</h3>
      {dependent.length ? (
        <ul className="plain-list">
          {dependent.map((d) => (
            <li key={d.unit.id}>{d.unit.name}: {d.partner.name} carries {d.agreements} of its {d.total} agreements</li>
          ))}
        </ul>
      ) : (
        <p className="empty-inline">No unit has more than half of its agreements with one partner.</p>
      )}
    </section>
  );
}

function PathsCard({ paths, byId }: { paths: string[][]; byId: Map<string, NetworkNode> }) {
  return (
    <section className="card map-insight" aria-labelledby="paths-title">
      <h2 id="paths-title">How they are connected</h2>
      {paths.length ? (
        <ol className="map-paths">
          {paths.map((path) => <li key={path.join(">")}>{path.map((id) => nameOf(byId, id)).join(" → ")}</li>)}
        </ol>
      ) : (
        <p className="empty-inline">They are not connected on this map: no chain of shared partners or units links them.</p>
      )}
    </section>
  );
}

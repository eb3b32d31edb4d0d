/**
 * What the colours and thicknesses mean, for what is on the map right now
 * (only the kinds present). Drawn inside the map, so it is in every export.
 */
import { AGREEMENT_KIND_SHORT, PARTNER_KINDS, UNIT_KINDS, type AgreementKind } from "~/domain/vocabulary";
import { formatEuro } from "~/utils/format";
import type { ColourBy } from "./map-model";
import {
  agreementKindColour,
  CHANGE_COLOURS,
  CHANGE_LABELS,
  LIFECYCLE_COLOURS,
  LIFECYCLE_LABELS,
  partnerColour,
  unitColour,
} from "./palette";
import type { Network } from "./types";

function Swatch({ colour, shape = "dot", dashed }: { colour: string; shape?: "dot" | "line" | "ring"; dashed?: boolean }) {
  return (
    <span
      className={`legend-swatch legend-${shape}${dashed ? " legend-dashed" : ""}`}
      style={shape === "line" ? { borderTopColor: colour } : shape === "ring" ? { borderColor: colour } : { background: colour }}
      aria-hidden="true"
    />
  );
}

export function Legend({ network, colourBy, open = true }: { network: Network; colourBy: ColourBy; open?: boolean }) {
  const unitKinds = [...new Set(network.nodes.filter((n) => n.type === "unit").map((n) => n.kind))];
  const partnerKinds = PARTNER_KINDS.values.filter((k) => network.nodes.some((n) => n.type === "partner" && n.kind === k));
  const hasClusters = network.nodes.some((n) => n.type === "cluster");
  const comparing = Boolean(network.meta.compare);
  const edgeKinds = [...new Set(network.edges.map((e) => e.dominantKind))].sort();
  const lifecycles = (["active", "ending", "expired"] as const).filter((l) => network.edges.some((e) => e.lifecycle === l));
  const maxWeight = network.edges.reduce((m, e) => Math.max(m, e.weight), 0);
  const byValue = network.meta.filters.weight === "value";

  return (
    <section className="map-legend" aria-label="Legend">
      <details open={open}>
      <summary className="legend-title">Legend</summary>
      <ul className="legend-list">
        {unitKinds.map((k) => (
          <li key={k}><Swatch colour={unitColour(k)} /> HT {UNIT_KINDS.label(k).toLowerCase()}</li>
        ))}
        {partnerKinds.map((k) => (
          <li key={k}><Swatch colour={partnerColour(k)} /> {PARTNER_KINDS.label(k)}</li>
        ))}
        {hasClusters ? (
          <li><Swatch colour="#4a5a68" shape="ring" /> Group of partners (click to open)</li>
        ) : null}
      </ul>
      <h3 className="legend-title">
        Lines: {comparing ? `change since ${network.meta.compare}` : colourBy === "lifecycle" ? "lifecycle" : "main agreement kind"}
      </h3>
      <ul className="legend-list">
        {comparing
          ? (["new", "lapsed", "unchanged"] as const).map((c) => (
              <li key={c}><Swatch colour={CHANGE_COLOURS[c]} shape="line" dashed={c === "lapsed"} /> {CHANGE_LABELS[c]}</li>
            ))
          : colourBy === "lifecycle"
            ? lifecycles.map((l) => (
                <li key={l}><Swatch colour={LIFECYCLE_COLOURS[l]} shape="line" dashed={l === "expired"} /> {LIFECYCLE_LABELS[l]}</li>
              ))
            : edgeKinds.map((k) => (
                <li key={k}><Swatch colour={agreementKindColour(k)} shape="line" /> {AGREEMENT_KIND_SHORT[k as AgreementKind] ?? k}</li>
              ))}
      </ul>
      {maxWeight > 0 ? (
        <p className="legend-note">
          <span className="legend-thickness" aria-hidden="true"><i /><i /><i /></span>
          Thickness: {byValue ? `value, up to ${formatEuro(maxWeight, { round: true })}` : `agreements, 1 to ${maxWeight}`}
        </p>
      ) : null}
      </details>
    </section>
  );
}

/**
 * What the colours, shapes and thicknesses mean, for what is on the map
 * right now (only the kinds present). Drawn inside the map, so it is in
 * every picture; open on large screens, folded on small ones.
 */
import { PARTNER_KINDS } from "~/domain/vocabulary";
import { formatEuro } from "~/utils/format";
import type { ColourBy } from "./map-model";
import {
  CHANGE_COLOURS,
  CHANGE_LABELS,
  communityColour,
  DEADLINE_COLOUR,
  HT_BLUE,
  KIND_GROUPS,
  kindGroup,
  LIFECYCLE_COLOURS,
  LIFECYCLE_LABELS,
  NEUTRAL_LINE,
  partnerLook,
  shapePath,
  SHAPE_OUTLINE,
  WHAT_IF_COLOURS,
  type NodeShape,
} from "./palette";
import type { Network } from "./types";

function Shape({ colour, shape }: { colour: string; shape: NodeShape }) {
  return (
    <svg className="legend-swatch" width="12" height="12" viewBox="-6.5 -6.5 13 13" aria-hidden="true">
      <path d={shapePath(shape, 11)} fill={colour} stroke={SHAPE_OUTLINE} strokeWidth={1} />
    </svg>
  );
}

function Line({ colour, dashed }: { colour: string; dashed?: boolean }) {
  return <span className={`legend-swatch legend-line${dashed ? " legend-dashed" : ""}`} style={{ borderTopColor: colour }} aria-hidden="true" />;
}

function lineEntries(network: Network, colourBy: ColourBy): { key: string; colour: string; label: string; dashed?: boolean }[] {
  const { meta, edges } = network;
  if (meta.filters.whatIf) {
    return [
      { key: "vanish", colour: WHAT_IF_COLOURS.vanish, label: "Would vanish", dashed: true },
      { key: "thin", colour: WHAT_IF_COLOURS.thin, label: "Would thin" },
      { key: "kept", colour: WHAT_IF_COLOURS.kept, label: "Unaffected" },
    ];
  }
  if (meta.compare) return (["new", "lapsed", "unchanged"] as const).map((c) => ({ key: c, colour: CHANGE_COLOURS[c], label: CHANGE_LABELS[c], dashed: c === "lapsed" }));
  if (colourBy === "lifecycle") {
    return (["active", "ending", "expired"] as const)
      .filter((l) => edges.some((e) => e.lifecycle === l))
      .map((l) => ({ key: l, colour: LIFECYCLE_COLOURS[l], label: LIFECYCLE_LABELS[l], dashed: l === "expired" }));
  }
  if (colourBy === "none") return [{ key: "all", colour: NEUTRAL_LINE, label: "Agreements between the pair" }];
  const present = new Set(edges.map((e) => kindGroup(e.dominantKind).key));
  return KIND_GROUPS.filter((g) => present.has(g.key)).map((g) => ({ key: g.key, colour: g.colour, label: g.label }));
}

function PartnerKinds({ network }: { network: Network }) {
  const communities = network.meta.filters.nodeColour === "community";
  const count = new Set(network.nodes.map((n) => n.measures?.community).filter((c) => c !== undefined)).size;
  if (communities) {
    return (
      <ul className="legend-list">
        {Array.from({ length: Math.min(count, 8) }, (_, c) => (
          <li key={c}><Shape colour={communityColour(c)} shape="circle" /> Community {c + 1}</li>
        ))}
        {count > 8 ? <li>Colours repeat after 8</li> : null}
      </ul>
    );
  }
  const kinds = PARTNER_KINDS.values.filter((k) => network.nodes.some((n) => n.type !== "unit" && n.kind === k));
  return (
    <ul className="legend-list">
      <li><span className="legend-swatch legend-pill" style={{ background: HT_BLUE }} aria-hidden="true" /> HT centre or facility</li>
      {kinds.map((k) => (
        <li key={k}><Shape {...partnerLook(k)} /> {PARTNER_KINDS.label(k)}</li>
      ))}
      {network.nodes.some((n) => n.type === "cluster") ? <li><span className="legend-swatch legend-ring" aria-hidden="true" /> Group of partners (click to open)</li> : null}
    </ul>
  );
}

export function Legend({ network, colourBy, open = true }: { network: Network; colourBy: ColourBy; open?: boolean }) {
  const maxWeight = network.edges.reduce((m, e) => Math.max(m, e.weight), 0);
  const byValue = network.meta.filters.weight === "value";
  const lines = lineEntries(network, colourBy);
  const deadlines = network.edges.some((e) => e.deadline);
  const sizeBy = network.meta.filters.size;
  return (
    <section className="map-legend" aria-label="Legend">
      <details open={open}>
        <summary className="legend-title">Legend</summary>
        <PartnerKinds network={network} />
        <h3 className="legend-title">Lines{network.meta.compare ? `: change since ${network.meta.compare}` : ""}</h3>
        <ul className="legend-list legend-list-lines">
          {lines.map((l) => (
            <li key={l.key}><Line colour={l.colour} dashed={l.dashed} /> {l.label}</li>
          ))}
          {deadlines ? (
            <li><span className="legend-swatch legend-mark" style={{ background: DEADLINE_COLOUR }} aria-hidden="true" /> Deadline in the next 90 days</li>
          ) : null}
        </ul>
        {maxWeight > 0 ? (
          <p className="legend-note">
            <span className="legend-thickness" aria-hidden="true"><i /><i /><i /></span>
            Thickness: {byValue ? `value, up to ${formatEuro(maxWeight, { round: true })}` : `agreements, 1 to ${maxWeight}`}
            {sizeBy !== "agreements" ? ` · Size: ${SIZE_WORDS[sizeBy]}` : ""}
          </p>
        ) : null}
      </details>
    </section>
  );
}

const SIZE_WORDS = { agreements: "agreements", degree: "number of lines", weighted: "agreements on its lines", betweenness: "betweenness (how often it sits between others)" } as const;

/**
 * The map as files for the network tools people already use: GEXF 1.3
 * (Gephi) and GraphML (Cytoscape, yEd, Gephi), each carrying the filters and
 * the "as of" date it was drawn for, every node (HT units, partners, groups
 * of partners) with its kind, agreements, "since", measures and community
 * when asked, and every line with its agreements, kinds, since, first and
 * last dates. Written from the network the reader was sent (so a viewer's
 * file holds no more than a viewer's map: docs/decisions/010). Pure.
 */
import type { Network, NetworkEdge, NetworkNode } from "./network";
import { partnerLook, unitColour } from "./network-palette";
import { escapeXml } from "./network-svg";

const NODE_ATTRIBUTES = [
  ["type", "string", (n: NetworkNode) => n.type],
  ["kind", "string", (n: NetworkNode) => n.kind],
  ["name", "string", (n: NetworkNode) => n.name],
  ["agreements", "integer", (n: NetworkNode) => n.agreementCount],
  ["since", "string", (n: NetworkNode) => n.since ?? ""],
  ["degree", "integer", (n: NetworkNode) => n.measures?.degree ?? ""],
  ["weightedDegree", "integer", (n: NetworkNode) => n.measures?.weightedDegree ?? ""],
  ["betweenness", "double", (n: NetworkNode) => n.measures?.betweenness ?? ""],
  ["community", "integer", (n: NetworkNode) => n.measures?.community ?? ""],
] as const;

const kindsText = (kinds: NetworkEdge["kinds"]) =>
  Object.entries(kinds)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind}:${n}`)
    .join(" ");

const EDGE_ATTRIBUTES = [
  ["agreements", "integer", (e: NetworkEdge) => e.count],
  ["valueEur", "double", (e: NetworkEdge) => e.valueCents / 100],
  ["kinds", "string", (e: NetworkEdge) => kindsText(e.kinds)],
  ["mainKind", "string", (e: NetworkEdge) => e.dominantKind],
  ["lifecycle", "string", (e: NetworkEdge) => e.lifecycle],
  ["since", "string", (e: NetworkEdge) => e.since ?? ""],
  ["firstCounted", "string", (e: NetworkEdge) => e.firstDate ?? ""],
  ["lastEnd", "string", (e: NetworkEdge) => e.lastDate ?? ""],
  ["deadline", "string", (e: NetworkEdge) => (e.deadline ? `${e.deadline.kind} ${e.deadline.date}` : "")],
] as const;

const hex = (colour: string) => [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
const colourOf = (node: NetworkNode) => (node.type === "unit" ? unitColour(node.kind) : partnerLook(node.kind).colour);
const text = (value: string | number) => escapeXml(String(value));

/** "HT collaborations as of 2026-12-01. Status: Active · …": the file's description. */
function describe(network: Network, filterWords: string[]): string {
  return [`HT collaborations as of ${network.meta.asOf}`, ...filterWords].join(". ");
}

/** GEXF 1.3 with the viz module (positions, sizes, colours), as Gephi opens it. */
export function networkGexf(network: Network, filterWords: string[], created = network.meta.asOf): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta lastmodifieddate="${text(created)}"><creator>HT Collaborations</creator><description>${text(describe(network, filterWords))}</description></meta>`,
    '  <graph defaultedgetype="undirected" mode="static">',
    '    <attributes class="node">',
    ...NODE_ATTRIBUTES.map(([name, type], i) => `      <attribute id="n${i}" title="${name}" type="${type}"/>`),
    "    </attributes>",
    '    <attributes class="edge">',
    ...EDGE_ATTRIBUTES.map(([name, type], i) => `      <attribute id="e${i}" title="${name}" type="${type}"/>`),
    "    </attributes>",
    "    <nodes>",
  ];
  for (const node of network.nodes) {
    const values = NODE_ATTRIBUTES.map(([, , get], i) => [i, get(node)] as const).filter(([, v]) => v !== "");
    const [r, g, b] = hex(colourOf(node));
    out.push(
      `      <node id="${text(node.id)}" label="${text(node.label)}">`,
      `        <attvalues>${values.map(([i, v]) => `<attvalue for="n${i}" value="${text(v)}"/>`).join("")}</attvalues>`,
      `        <viz:color r="${r}" g="${g}" b="${b}"/><viz:position x="${node.x}" y="${-node.y}" z="0"/><viz:size value="${node.size}"/>`,
      "      </node>",
    );
  }
  out.push("    </nodes>", "    <edges>");
  for (const edge of network.edges) {
    const values = EDGE_ATTRIBUTES.map(([, , get], i) => [i, get(edge)] as const).filter(([, v]) => v !== "");
    out.push(
      `      <edge id="${text(edge.id)}" source="${text(edge.source)}" target="${text(edge.target)}" weight="${edge.weight}">`,
      `        <attvalues>${values.map(([i, v]) => `<attvalue for="e${i}" value="${text(v)}"/>`).join("")}</attvalues>`,
      "      </edge>",
    );
  }
  out.push("    </edges>", "  </graph>", "</gexf>", "");
  return out.join("\n");
}

const GRAPHML_TYPES: Record<string, string> = { string: "string", integer: "int", double: "double" };

/** GraphML, with the same attributes as keys, as Cytoscape and yEd open it. */
export function networkGraphml(network: Network, filterWords: string[]): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="d" for="graph" attr.name="description" attr.type="string"/>',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    ...NODE_ATTRIBUTES.map(([name, type], i) => `  <key id="n${i}" for="node" attr.name="${name}" attr.type="${GRAPHML_TYPES[type]}"/>`),
    ...EDGE_ATTRIBUTES.map(([name, type], i) => `  <key id="e${i}" for="edge" attr.name="${name}" attr.type="${GRAPHML_TYPES[type]}"/>`),
    '  <graph id="ht-collaborations" edgedefault="undirected">',
    `    <data key="d">${text(describe(network, filterWords))}</data>`,
  ];
  for (const node of network.nodes) {
    const values = NODE_ATTRIBUTES.map(([, , get], i) => [i, get(node)] as const).filter(([, v]) => v !== "");
    out.push(`    <node id="${text(node.id)}"><data key="label">${text(node.label)}</data>${values.map(([i, v]) => `<data key="n${i}">${text(v)}</data>`).join("")}</node>`);
  }
  for (const edge of network.edges) {
    const values = EDGE_ATTRIBUTES.map(([, , get], i) => [i, get(edge)] as const).filter(([, v]) => v !== "");
    out.push(`    <edge id="${text(edge.id)}" source="${text(edge.source)}" target="${text(edge.target)}">${values.map(([i, v]) => `<data key="e${i}">${text(v)}</data>`).join("")}</edge>`);
  }
  out.push("  </graph>", "</graphml>", "");
  return out.join("\n");
}

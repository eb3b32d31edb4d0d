/**
 * The map's pure drawing model (map-model.ts) and the time bar's steps:
 * where nodes and labels go, how lines look, keyboard and search, the table
 * and the CSV, the "very large map" limits. No React, no DOM.
 */
import { describe, expect, it } from "vitest";
import type { Network, NetworkEdge, NetworkNode } from "~/domain/network";
import {
  centresToSave,
  csvCell,
  edgeColour,
  edgesCsv,
  edgeWidth,
  nearestInDirection,
  pairRows,
  searchNodes,
  sortPairs,
  toFlowEdges,
  toFlowNodes,
} from "./map-model";
import { CHANGE_COLOURS, kindGroup, LIFECYCLE_COLOURS } from "./palette";
import { playSteps } from "./time-bar";

const node = (over: Partial<NetworkNode> & Pick<NetworkNode, "id" | "type">): NetworkNode => ({
  label: over.id,
  name: over.id,
  kind: over.type === "unit" ? "CENTRE" : "UNIVERSITY",
  agreementCount: 1,
  valueCents: 0,
  x: 0,
  y: 0,
  size: 20,
  ...over,
  width: over.width ?? over.size ?? 20,
  height: over.height ?? over.size ?? 20,
});

const edge = (source: string, target: string, over: Partial<NetworkEdge> = {}): NetworkEdge => ({
  id: `${source}__${target}`,
  source,
  target,
  count: 1,
  valueCents: 0,
  weight: 1,
  kinds: { MOU: 1 } as NetworkEdge["kinds"],
  dominantKind: "MOU",
  lifecycle: "active",
  firstDate: "2021-01-01",
  lastDate: "2027-12-31",
  since: "2021-01-01",
  ...over,
});

function network(nodes: NetworkNode[], edges: NetworkEdge[], compare?: string): Network {
  return {
    nodes,
    edges,
    meta: {
      asOf: "2026-01-01",
      ...(compare ? { compare } : {}),
      firstAgreementDate: "2020-03-01",
      totals: { nodes: nodes.length, edges: edges.length, agreements: edges.length },
      clustered: false,
      threshold: { nodes: 400, edges: 1200 },
      filters: {
        asOf: "2026-01-01", kind: [], status: ["ACTIVE"], partnerKind: [], minWeight: 1, expand: [],
        cluster: "auto", expandCluster: [], weight: "count", explore: [], measures: false, size: "agreements", nodeColour: "kind",
      },
      layout: { saved: false, updatedAt: null, updatedBy: null },
      geometry: { aspect: 1, tracks: {} },
      unlabelled: 0,
    },
  };
}

describe("where the map puts nodes and labels", () => {
  it("puts a node's top-left corner half its box from the server's centre", () => {
    const net = network(
      [node({ id: "unit:a", type: "unit", x: 100, y: 50, size: 16 }), node({ id: "partner:p", type: "partner", x: -40, y: 10, size: 30 })],
      [],
    );
    const [u, p] = toFlowNodes(net);
    expect(u!.position).toEqual({ x: 92, y: 42 });
    expect(u!.width).toBe(16);
    expect(p!.position).toEqual({ x: -55, y: -5 });
    expect(p!.width).toBe(30);
    // A dragged node keeps where it was put.
    expect(toFlowNodes(net, { positions: { "partner:p": { x: 1, y: 2 } } })[1]!.position).toEqual({ x: 1, y: 2 });
  });

  it("saves node centres: a dragged node's from its corner, the others' from the server", () => {
    const net = network([node({ id: "unit:a", type: "unit", x: 100, y: 50, size: 30 }), node({ id: "partner:p", type: "partner", x: -40, y: 10 })], []);
    expect(centresToSave(net, { "unit:a": { x: 10, y: 20 } })).toEqual({ "unit:a": { x: 25, y: 35 }, "partner:p": { x: -40, y: 10 } });
  });
});

describe("how lines look", () => {
  it("makes lines 1.5 to 8 px wide by the square root of their weight", () => {
    expect(edgeWidth(0, 10)).toBe(1.5);
    expect(edgeWidth(10, 10)).toBe(8);
    expect(edgeWidth(2.5, 10)).toBe(4.8);
    expect(edgeWidth(5, 0)).toBe(1.5);
  });

  it("colours lines by kind or lifecycle, and by change in compare mode", () => {
    const e = edge("unit:a", "partner:p", { dominantKind: "FRAMEWORK", lifecycle: "ending", change: "lapsed" });
    expect(edgeColour(e, "kind", false)).toBe(kindGroup("FRAMEWORK").colour);
    expect(edgeColour(e, "lifecycle", false)).toBe(LIFECYCLE_COLOURS.ending);
    expect(edgeColour(e, "kind", true)).toBe(CHANGE_COLOURS.lapsed);
    const net = network([node({ id: "unit:a", type: "unit" }), node({ id: "partner:p", type: "partner" })], [e], "2024-01-01");
    const [flow] = toFlowEdges(net, "kind");
    expect(flow!.data!.dashed).toBe(true);
    expect(flow!.source).toBe("unit:a");
  });

});

describe("finding one's way", () => {
  it("moves keyboard focus to the nearest node in the arrow's direction", () => {
    const nodes = [
      { id: "right", x: 100, y: 5 },
      { id: "far-right", x: 300, y: 0 },
      { id: "below", x: 0, y: 80 },
      { id: "diagonal", x: 60, y: 70 },
    ];
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, "ArrowRight")).toBe("right");
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, "ArrowDown")).toBe("below");
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, "ArrowLeft")).toBeNull();
  });

  it("finds partners by acronym or name, accents and case ignored, exact matches first", () => {
    const nodes = [
      node({ id: "partner:1", type: "partner", label: "ISS", name: "Istituto Superiore di Sanità" }),
      node({ id: "partner:2", type: "partner", label: "OSR", name: "Ospedale San Raffaele", agreementCount: 9 }),
      node({ id: "partner:3", type: "partner", label: "ISI", name: "ISI Foundation" }),
    ];
    expect(searchNodes(nodes, "sanita").map((n) => n.id)).toEqual(["partner:1"]);
    expect(searchNodes(nodes, "isi")[0]!.id).toBe("partner:3");
    expect(searchNodes(nodes, "  ")).toEqual([]);
  });
});

describe("the table of pairs and its CSV", () => {
  it("lists each line once as a unit–partner pair and sorts them", () => {
    const nodes = [
      node({ id: "unit:b", type: "unit", name: "Neurogenomics" }),
      node({ id: "unit:a", type: "unit", name: "Data Science" }),
      node({ id: "partner:p", type: "partner", name: "Ospedale San Raffaele" }),
    ];
    const net = network(nodes, [
      edge("unit:b", "partner:p", { count: 4, firstDate: "2022-05-01" }),
      edge("unit:a", "partner:p", { count: 2, firstDate: "2021-02-01" }),
    ]);
    const rows = pairRows(net);
    expect(rows.map((r) => [r.unit.name, r.partner.name])).toEqual([
      ["Neurogenomics", "Ospedale San Raffaele"],
      ["Data Science", "Ospedale San Raffaele"],
    ]);
    expect(sortPairs(rows, "unit", "asc").map((r) => r.unit.name)).toEqual(["Data Science", "Neurogenomics"]);
    expect(sortPairs(rows, "agreements", "desc").map((r) => r.edge.count)).toEqual([4, 2]);
    expect(sortPairs(rows, "first", "asc").map((r) => r.edge.firstDate)).toEqual(["2021-02-01", "2022-05-01"]);
  });

  it("writes the lines as CSV with a BOM, RFC 4180 quoting and no formulas", () => {
    expect(csvCell('Politecnico, "DEIB"')).toBe('"Politecnico, ""DEIB"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    const net = network(
      [node({ id: "unit:a", type: "unit", name: "Neurogenomics" }), node({ id: "partner:p", type: "partner", name: "Università, Milano", kind: "UNIVERSITY" })],
      [edge("unit:a", "partner:p", { count: 3, valueCents: 123456, kinds: { FRAMEWORK: 1, MOU: 2 } as NetworkEdge["kinds"], dominantKind: "MOU" })],
    );
    const csv = edgesCsv(net);
    expect(csv.startsWith("\uFEFFHT unit,")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toBe(
      'Neurogenomics,Research centre,"Università, Milano",University,3,1234.56,"Memorandum of understanding ×2, Framework agreement (convenzione quadro) ×1",Memorandum of understanding,active,2021-01-01,2021-01-01,2027-12-31,',
    );
    expect(lines[2]).toBe("");
  });
});

describe("the time bar", () => {
  it("plays the years from the first agreement to today", () => {
    expect(playSteps("2020-03-24", "2023-06-01")).toEqual(["2020-12-31", "2021-12-31", "2022-12-31", "2023-06-01"]);
    expect(playSteps("2023-01-05", "2023-06-01")).toEqual(["2023-06-01"]);
  });
});

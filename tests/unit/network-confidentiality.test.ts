/**
 * Restricted agreements on the collaboration map (app/domain/network-build.ts,
 * docs/decisions/010-confidentiality.md), on hand-made universes: a reader
 * who may not read them sees them in the numbers of lines that exist anyway,
 * never a line, a partner, a date or a lifecycle of their own.
 */
import { describe, expect, it } from "vitest";
import { buildIndex } from "~/domain/network-index";
import { buildMatrix } from "~/domain/network-matrix";
import { agreement, edge, EDITOR, filters, network, partner, TODAY, unit, VIEWER } from "./network-fixture";

const units = [unit("ng"), unit("mg")];
const partners = [
  partner("besta", "RESEARCH_HOSPITAL", null, "Besta"),
  partner("unimi", "UNIVERSITY", null, "UniMi"),
  partner("polimi", "UNIVERSITY", null, "PoliMi"),
  partner("secretco", "COMPANY"),
];
const open = (o: Parameters<typeof agreement>[0]) => agreement(o);
const restricted = (o: Parameters<typeof agreement>[0]) => agreement({ ...o, restricted: true });

describe("a line known only through restricted agreements", () => {
  const rows = [
    open({ units: ["ng"], partners: ["besta"] }),
    restricted({ units: ["mg"], partners: ["besta"] }),
    restricted({ units: ["mg"], partners: ["secretco"], value: 900 }),
  ];

  it("is on an editor's map and not on a viewer's", () => {
    expect(edge(network(units, partners, rows, "", EDITOR), "mg", "besta")).toMatchObject({ count: 1 });
    expect(edge(network(units, partners, rows, "", VIEWER), "mg", "besta")).toBeUndefined();
  });

  it("takes its partner off a viewer's map when it has no other line, and leaves the units", () => {
    const forEditor = network(units, partners, rows, "", EDITOR);
    const forViewer = network(units, partners, rows, "", VIEWER);
    expect(forEditor.nodes.map((n) => n.id)).toContain("partner:secretco");
    expect(forViewer.nodes.map((n) => n.id)).not.toContain("partner:secretco");
    expect(forViewer.nodes.filter((n) => n.type === "unit").map((n) => n.id)).toEqual(["unit:mg", "unit:ng"]);
    // Nothing of it in a viewer's numbers either: the unit, the totals.
    expect(forViewer.nodes.find((n) => n.id === "unit:mg")).toMatchObject({ agreementCount: 0, valueCents: 0 });
    expect(forViewer.meta.totals).toEqual({ nodes: 3, edges: 1, agreements: 1 });
    expect(forEditor.meta.totals).toEqual({ nodes: 4, edges: 3, agreements: 3 });
  });

  it("is not in a viewer's gap matrix", () => {
    const index = buildIndex(units, partners, rows);
    const cell = (reader: typeof VIEWER) =>
      buildMatrix(index, filters(), { reader, today: TODAY }).cells.find((c) => c.unitId === "unit:mg" && c.partnerKind === "COMPANY");
    expect(cell(EDITOR)).toMatchObject({ agreements: 1, partners: 1 });
    expect(cell(VIEWER)).toMatchObject({ agreements: 0, partners: 0 });
  });

  it("does not lapse on a viewer's map in compare mode", () => {
    const before = [restricted({ units: ["ng"], partners: ["unimi"], start: "2020-01-01", end: "2022-12-31" }), ...rows];
    const query = "compare=2021-01-01&asOf=2025-01-01";
    expect(edge(network(units, partners, before, query, EDITOR), "ng", "unimi")).toMatchObject({ change: "lapsed" });
    expect(edge(network(units, partners, before, query, VIEWER), "ng", "unimi")).toBeUndefined();
  });
});

describe("a line with open and restricted agreements", () => {
  const rows = [
    open({ units: ["ng"], partners: ["besta"], kind: "FRAMEWORK", start: "2023-05-01", end: "2026-08-01", value: 100 }),
    restricted({ units: ["ng"], partners: ["besta"], kind: "DATA_SHARING", start: "2019-02-01", end: "2031-12-31", value: 400 }),
  ];

  it("counts both for a viewer, with their kinds and value", () => {
    const line = edge(network(units, partners, rows, "weight=value", VIEWER), "ng", "besta");
    expect(line).toMatchObject({ count: 2, valueCents: 500, weight: 500, dominantKind: "FRAMEWORK" });
    expect(line!.kinds).toMatchObject({ FRAMEWORK: 1, DATA_SHARING: 1 });
  });

  it("takes a viewer's dates and lifecycle from the open one only", () => {
    expect(edge(network(units, partners, rows, "", VIEWER), "ng", "besta")).toMatchObject({
      firstDate: "2023-05-01", lastDate: "2026-08-01", lifecycle: "ending",
    });
    expect(edge(network(units, partners, rows, "", EDITOR), "ng", "besta")).toMatchObject({
      firstDate: "2019-02-01", lastDate: "2031-12-31", lifecycle: "active",
    });
  });

  it("starts a viewer's date slider at the first open agreement", () => {
    expect(network(units, partners, rows, "", VIEWER).meta.firstAgreementDate).toBe("2023-05-01");
    expect(network(units, partners, rows, "", EDITOR).meta.firstAgreementDate).toBe("2019-02-01");
  });

  it("passes a minimum weight with the restricted one counted", () => {
    expect(network(units, partners, rows, "minWeight=2", VIEWER).edges.map((e) => e.id)).toEqual(["unit:ng__partner:besta"]);
  });
});

describe("clusters for a viewer", () => {
  it("group only the partners the viewer may see, and add restricted agreements only to their lines", () => {
    const rows = [
      open({ units: ["ng"], partners: ["unimi"] }),
      restricted({ units: ["ng"], partners: ["unimi"] }),
      open({ units: ["ng"], partners: ["polimi"] }),
      restricted({ units: ["ng"], partners: ["secretco"] }),
      restricted({ units: ["mg"], partners: ["polimi"] }),
    ];
    const forViewer = network(units, partners, rows, "cluster=kind", VIEWER);
    expect(edge(forViewer, "ng", "kind:UNIVERSITY")).toMatchObject({ count: 3 });
    expect(edge(forViewer, "mg", "kind:UNIVERSITY")).toBeUndefined();
    expect(forViewer.nodes.find((n) => n.id === "cluster:kind:UNIVERSITY")).toMatchObject({ memberCount: 2, agreementCount: 3 });
    expect(forViewer.nodes.map((n) => n.id)).not.toContain("partner:secretco");

    const forEditor = network(units, partners, rows, "cluster=kind", EDITOR);
    expect(edge(forEditor, "mg", "kind:UNIVERSITY")).toMatchObject({ count: 1 });
    expect(edge(forEditor, "ng", "secretco")).toMatchObject({ count: 1 }); // a company of its own: not a cluster of one
    expect(forEditor.nodes.map((n) => n.id)).toContain("partner:secretco");
  });
});

/**
 * The map's network measures and paths (app/domain/network-measures.ts)
 * against values computed by hand on small graphs, and on the map built
 * for its reader.
 */
import { describe, expect, it } from "vitest";
import type { NetworkEdge, NetworkNode } from "~/domain/network";
import { computeMeasures } from "~/domain/network-graph-measures";
import { mostCentral, shortestPaths, singlePartnerUnits } from "~/domain/network-measures";
import { agreement, network, partner, unit, VIEWER } from "./network-fixture";

const line = (source: string, target: string, count = 1) => ({ id: `${source}__${target}`, source, target, count }) as NetworkEdge;
const node = (id: string, name = id) => ({ id, name, type: id.startsWith("unit:") ? "unit" : "partner" }) as NetworkNode;

// Two triangles joined by a bridge: a-b-c and d-e-f, c—d.
//   a     f
//   | \ / |        (a-b, b-c, a-c; d-e, e-f, d-f; c-d)
//   b-c-d-e
const ids = ["a", "b", "c", "d", "e", "f"];
const bridge = [line("a", "b"), line("b", "c"), line("a", "c", 3), line("d", "e"), line("e", "f"), line("d", "f"), line("c", "d", 2)];

describe("network measures (graphology) against hand-computed values", () => {
  const m = computeMeasures(ids.map((id) => ({ id })), bridge);

  it("counts lines and agreements on them", () => {
    expect(m.get("c")).toMatchObject({ degree: 3, weightedDegree: 6 });
    expect(m.get("a")).toMatchObject({ degree: 2, weightedDegree: 4 });
    expect(m.get("f")).toMatchObject({ degree: 2, weightedDegree: 2 });
  });

  it("computes betweenness: c lies on the only shortest path of 6 pairs (a or b to d, e or f), out of (6-1)(6-2)/2 = 10", () => {
    expect(m.get("c")!.betweenness).toBeCloseTo(6 / 10, 6);
    expect(m.get("d")!.betweenness).toBeCloseTo(6 / 10, 6);
    expect(m.get("a")!.betweenness).toBe(0);
  });

  it("finds the two triangles as communities, the same every run", () => {
    const community = (id: string) => m.get(id)!.community;
    expect(new Set(["a", "b", "c"].map(community)).size).toBe(1);
    expect(new Set(["d", "e", "f"].map(community)).size).toBe(1);
    expect(community("a")).not.toBe(community("f"));
    expect(computeMeasures(ids.map((id) => ({ id })), bridge)).toEqual(m);
  });
});

describe("shortest paths", () => {
  it("lists every shortest path between two nodes, in order", () => {
    // A square a-b-d, a-c-d: two paths of two lines.
    const square = [line("a", "b"), line("b", "d"), line("a", "c"), line("c", "d")];
    expect(shortestPaths(square, "a", "d")).toEqual([["a", "b", "d"], ["a", "c", "d"]]);
    expect(shortestPaths(bridge, "a", "f")).toEqual([["a", "c", "d", "f"]]);
  });

  it("answers [] for nodes not connected, unknown or the same", () => {
    expect(shortestPaths([line("a", "b"), line("c", "d")], "a", "d")).toEqual([]);
    expect(shortestPaths(bridge, "a", "zzz")).toEqual([]);
    expect(shortestPaths(bridge, "a", "a")).toEqual([]);
  });
});

describe("where it concentrates", () => {
  it("ranks partners by a measure and finds units that depend on a single partner", () => {
    const nodes = [node("unit:ng", "Neurogenomics"), node("unit:mg", "Medical Genomics"), node("partner:x", "X"), node("partner:y", "Y"), node("partner:z", "Z")];
    const edges = [line("unit:ng", "partner:x", 5), line("unit:ng", "partner:y", 1), line("unit:mg", "partner:x", 1), line("unit:mg", "partner:y", 1), line("unit:mg", "partner:z", 1)];
    const measures = computeMeasures(nodes, edges);
    for (const n of nodes) n.measures = measures.get(n.id);
    expect(mostCentral(nodes, "weighted").map((n) => n.id)).toEqual(["partner:x", "partner:y", "partner:z"]);
    expect(mostCentral(nodes, "degree", 2).map((n) => n.id)).toEqual(["partner:x", "partner:y"]);
    expect(singlePartnerUnits(nodes, edges).map((d) => [d.unit.id, d.partner.id, d.agreements, d.total])).toEqual([["unit:ng", "partner:x", 5, 6]]);
  });

  it("computes measures and paths on the map as its reader sees it", () => {
    const units = [unit("ng"), unit("mg")];
    const partners = [partner("x"), partner("secret")];
    const rows = [
      agreement({ units: ["ng"], partners: ["x"] }),
      agreement({ units: ["mg"], partners: ["x"] }),
      agreement({ units: ["mg"], partners: ["secret"], restricted: true }),
    ];
    const q = "measures=1&cluster=none&pathFrom=unit:ng&pathTo=unit:mg";
    const editor = network(units, partners, rows, q);
    expect(editor.nodes.find((n) => n.id === "unit:mg")!.measures!.degree).toBe(2);
    expect(editor.meta.paths!.paths).toEqual([["unit:ng", "partner:x", "unit:mg"]]);
    const viewer = network(units, partners, rows, q, VIEWER);
    expect(viewer.nodes.find((n) => n.id === "unit:mg")!.measures!.degree).toBe(1);
    expect(viewer.nodes.some((n) => n.id === "partner:secret")).toBe(false);
  });

  it("sizes partners by the measure asked for: the busiest go-between largest, each label placed around its size", () => {
    const units = [unit("ng"), unit("mg"), unit("cb")];
    const partners = [partner("hub"), partner("pair"), partner("single")];
    const rows = [
      // "hub" works with all three units, once each; "single" with one unit, many times; "pair" with two.
      ...["ng", "mg", "cb"].map((u) => agreement({ units: [u], partners: ["hub"] })),
      ...["ng", "mg"].map((u) => agreement({ units: [u], partners: ["pair"] })),
      ...Array.from({ length: 6 }, () => agreement({ units: ["cb"], partners: ["single"] })),
    ];
    const sizeOf = (q: string) => {
      const net = network(units, partners, rows, `cluster=none&${q}`);
      return Object.fromEntries(net.nodes.filter((n) => n.type === "partner").map((n) => [n.id.replace("partner:", ""), n.size]));
    };
    const byAgreements = sizeOf("");
    expect(byAgreements.single).toBeGreaterThan(byAgreements.hub!);
    const byDegree = sizeOf("size=degree");
    expect(byDegree.hub).toBeGreaterThan(byDegree.pair!);
    expect(byDegree.pair).toBeGreaterThan(byDegree.single!);
    const byBetweenness = sizeOf("size=betweenness");
    expect(byBetweenness.hub).toBeGreaterThan(byBetweenness.single!);
    const net = network(units, partners, rows, "cluster=none&size=degree");
    for (const n of net.nodes.filter((x) => x.type === "partner" && x.labelBox)) {
      // The label sits outside the dot it labels.
      const box = n.labelBox!;
      const clear = Math.abs(box.dx) >= n.size / 2 || Math.abs(box.dy) >= n.size / 2 || box.dx + box.w <= -n.size / 2 || box.dy + box.h <= -n.size / 2;
      expect({ id: n.id, clear }).toEqual({ id: n.id, clear: true });
    }
  });
});

/**
 * The collaboration map's aggregation (app/domain/network-build.ts), on
 * hand-made universes: no database needed.
 */
import { describe, expect, it } from "vitest";
import { buildNetwork } from "~/domain/network-build";
import { parseNetworkFilters } from "~/domain/network-filters";
import { buildIndex } from "~/domain/network-index";
import { agreement, edge, EDITOR, filters, network, partner, TODAY, unit } from "./network-fixture";

const units = [
  unit("ng"),
  unit("mg"),
  unit("f1", "FACILITY"),
  unit("ng1", "GROUP", "ng", "NG-G01"),
  unit("ng2", "GROUP", "ng", "NG-G02"),
];
const partners = [
  partner("besta", "RESEARCH_HOSPITAL", null, "Besta"),
  partner("unimi", "UNIVERSITY", null, "UniMi"),
  partner("cnr", "PUBLIC_RESEARCH_BODY", null, "CNR"),
  partner("lonely", "COMPANY"),
];

describe("one line per unit-partner pair", () => {
  it("an agreement with 2 units and 3 partners adds one agreement to each of the 6 pairs", () => {
    const net = network(units, partners, [agreement({ units: ["ng", "mg"], partners: ["besta", "unimi", "cnr"], value: 500 })]);
    expect(net.edges).toHaveLength(6);
    for (const e of net.edges) expect(e).toMatchObject({ count: 1, valueCents: 500, weight: 1 });
    expect(net.meta.totals).toMatchObject({ edges: 6, agreements: 1 });
    expect(net.nodes.find((n) => n.id === "unit:ng")).toMatchObject({ agreementCount: 1, valueCents: 500, type: "unit", label: "NG" });
  });

  it("adds up the agreements of a pair, by kind, with the dominant kind, value and first and last dates", () => {
    const net = network(units, partners, [
      agreement({ units: ["ng"], partners: ["besta"], kind: "MOU", start: "2021-03-01", end: "2027-01-01", value: 100 }),
      agreement({ units: ["ng"], partners: ["besta"], kind: "DATA_SHARING", start: "2022-05-01", end: "2029-06-30", value: 250 }),
      agreement({ units: ["ng"], partners: ["besta"], kind: "DATA_SHARING", start: "2023-01-01", end: null }),
    ], "weight=value");
    expect(edge(net, "ng", "besta")).toMatchObject({
      id: "unit:ng__partner:besta",
      count: 3,
      valueCents: 350,
      weight: 350,
      dominantKind: "DATA_SHARING",
      firstDate: "2021-03-01",
      lastDate: "2029-06-30",
      lifecycle: "active",
    });
    expect(edge(net, "ng", "besta")!.kinds).toMatchObject({ MOU: 1, DATA_SHARING: 2, FRAMEWORK: 0 });
  });

  it("rolls research groups up into their centre, counting an agreement once, unless the centre is expanded", () => {
    const rows = [
      agreement({ units: ["ng", "ng1"], partners: ["besta"] }),
      agreement({ units: ["ng2"], partners: ["besta"] }),
    ];
    const rolled = network(units, partners, rows);
    expect(edge(rolled, "ng", "besta")!.count).toBe(2);
    expect(rolled.nodes.some((n) => n.id === "unit:ng1")).toBe(false);
    expect(rolled.nodes.find((n) => n.id === "unit:ng")).toMatchObject({ expandable: true, agreementCount: 2 });

    const expanded = network(units, partners, rows, "expand=ng");
    expect(edge(expanded, "ng", "besta")!.count).toBe(1);
    expect(edge(expanded, "ng1", "besta")!.count).toBe(1);
    expect(edge(expanded, "ng2", "besta")!.count).toBe(1);
    expect(expanded.nodes.find((n) => n.id === "unit:ng2")).toMatchObject({ parentId: "unit:ng", kind: "GROUP" });
  });

  it("shows every HT unit, even with no line, so the gaps show", () => {
    const net = network(units, partners, [agreement({ units: ["ng"], partners: ["besta"] })]);
    expect(net.nodes.filter((n) => n.type === "unit").map((n) => n.id)).toEqual(["unit:mg", "unit:ng", "unit:f1"]);
    expect(net.nodes.filter((n) => n.type === "partner").map((n) => n.id)).toEqual(["partner:besta"]);
  });
});

describe("as of a date", () => {
  const rows = [agreement({ units: ["ng"], partners: ["besta"], signature: "2023-12-20", start: "2024-01-01", end: "2025-12-31" })];
  const count = (asOf: string) => network(units, partners, rows, `asOf=${asOf}`).edges.length;

  it("includes an agreement from its start date to its end date, both included", () => {
    expect(count("2023-12-31")).toBe(0);
    expect(count("2024-01-01")).toBe(1);
    expect(count("2025-12-31")).toBe(1);
    expect(count("2026-01-01")).toBe(0);
  });

  it("waits for the signature when it comes after the start date", () => {
    const late = [agreement({ units: ["ng"], partners: ["besta"], signature: "2024-03-01", start: "2024-01-01" })];
    expect(network(units, partners, late, "asOf=2024-02-01").edges).toHaveLength(0);
    expect(network(units, partners, late, "asOf=2024-03-01").edges).toHaveLength(1);
  });

  it("never counts agreements not yet signed, and stops at a recorded termination", () => {
    const net = (asOf: string) =>
      network(units, partners, [
        agreement({ units: ["ng"], partners: ["besta"], status: "NEGOTIATION", signature: null }),
        agreement({ units: ["ng"], partners: ["unimi"], status: "TERMINATED", signature: null }),
        agreement({ units: ["ng"], partners: ["cnr"], status: "TERMINATED", endedOn: "2025-03-01" }),
        agreement({ units: ["mg"], partners: ["cnr"], status: "EXPIRED", start: "2020-01-01", end: "2022-01-01" }),
      ], `asOf=${asOf}`);
    expect(net("2025-02-28").edges.map((e) => e.id)).toEqual(["unit:ng__partner:cnr"]);
    expect(net("2025-03-01").edges).toEqual([]);
    expect(net("2021-06-01").edges.map((e) => e.id)).toEqual(["unit:mg__partner:cnr"]);
  });

  it("marks lines ending within 90 days of the date, and lines of other statuses as expired", () => {
    const net = network(units, partners, [
      agreement({ units: ["ng"], partners: ["besta"], end: "2026-08-01" }),
      agreement({ units: ["ng"], partners: ["unimi"], end: "2026-08-01" }),
      agreement({ units: ["ng"], partners: ["unimi"], end: "2030-01-01" }),
      agreement({ units: ["ng"], partners: ["cnr"], status: "EXPIRED", end: "2025-01-01" }),
    ], "status=ACTIVE&status=EXPIRED");
    expect(edge(net, "ng", "besta")!.lifecycle).toBe("ending");
    expect(edge(net, "ng", "unimi")!.lifecycle).toBe("active");
    expect(edge(net, "ng", "cnr")!.lifecycle).toBe("expired");
  });

  it("reads other statuses as they are today (an Active agreement past its end is Expired)", () => {
    const rows2 = [
      agreement({ units: ["ng"], partners: ["besta"], status: "ACTIVE", end: "2025-01-01" }),
      agreement({ units: ["ng"], partners: ["unimi"], status: "DRAFT", signature: null, start: null, end: null }),
    ];
    expect(network(units, partners, rows2, "status=EXPIRED").edges.map((e) => e.id)).toEqual(["unit:ng__partner:besta"]);
    expect(network(units, partners, rows2, "status=DRAFT").edges.map((e) => e.id)).toEqual(["unit:ng__partner:unimi"]);
  });
});

describe("compare mode", () => {
  it("marks lines new, lapsed or unchanged between the earlier date and asOf", () => {
    const net = network(units, partners, [
      agreement({ units: ["ng"], partners: ["besta"], start: "2020-01-01", end: "2030-01-01" }), // both dates
      agreement({ units: ["ng"], partners: ["unimi"], start: "2020-01-01", end: "2022-12-31" }), // only the earlier
      agreement({ units: ["ng"], partners: ["cnr"], start: "2024-01-01", end: "2030-01-01" }), // only asOf
    ], "compare=2021-01-01&asOf=2025-01-01");
    expect(Object.fromEntries(net.edges.map((e) => [e.target, e.change]))).toEqual({
      "partner:besta": "unchanged",
      "partner:unimi": "lapsed",
      "partner:cnr": "new",
    });
    expect(edge(net, "ng", "unimi")!.lifecycle).toBe("expired");
    expect(net.meta).toMatchObject({ asOf: "2025-01-01", compare: "2021-01-01" });
    expect(net.nodes.find((n) => n.id === "partner:unimi")!.agreementCount).toBe(1);
  });

  it("finds the agreements behind a lapsed line on the earlier date, and behind a line now on asOf", () => {
    const rows = [
      agreement({ id: "old", units: ["ng"], partners: ["unimi"], start: "2020-01-01", end: "2022-12-31" }),
      agreement({ id: "both", units: ["ng"], partners: ["besta"], start: "2020-01-01", end: "2030-01-01" }),
      agreement({ id: "late", units: ["ng", "ng1"], partners: ["besta"], start: "2024-01-01", end: "2030-01-01" }),
    ];
    const index = buildIndex(units, partners, rows);
    const built = buildNetwork(index, filters("compare=2021-01-01&asOf=2025-01-01"), { reader: EDITOR, today: TODAY });
    const ids = (edgeId: string) => built.agreementsOf(edgeId)?.map((i) => index.agreements[i]!.id).sort();
    expect(ids("unit:ng__partner:unimi")).toEqual(["old"]);
    expect(ids("unit:ng__partner:besta")).toEqual(["both", "late"]);
    expect(ids("unit:mg__partner:besta")).toBeUndefined();
    // The headline counts the network on asOf, as the default view of that day does; the earlier date is on its own.
    expect(built.network.meta.totals).toMatchObject({ edges: 1, agreements: 2 });
    expect(built.network.meta.comparison).toEqual({ nodes: 5, edges: 2, newLines: 0, lapsedLines: 1 });
  });

  it("has no change field outside compare mode", () => {
    const net = network(units, partners, [agreement({ units: ["ng"], partners: ["besta"] })]);
    expect(net.edges[0]).not.toHaveProperty("change");
  });
});

describe("filters", () => {
  const rows = [
    agreement({ units: ["ng"], partners: ["besta"], kind: "MOU" }),
    agreement({ units: ["ng"], partners: ["besta"], kind: "MOU" }),
    agreement({ units: ["ng1"], partners: ["unimi"], kind: "MTA" }),
    agreement({ units: ["mg"], partners: ["cnr"], kind: "MTA" }),
  ];

  it("keeps lines with at least minWeight agreements", () => {
    expect(network(units, partners, rows, "minWeight=2").edges.map((e) => e.id)).toEqual(["unit:ng__partner:besta"]);
  });

  it("filters by agreement kind and partner kind", () => {
    expect(network(units, partners, rows, "kind=MTA").edges.map((e) => e.id)).toEqual(["unit:mg__partner:cnr", "unit:ng__partner:unimi"]);
    expect(network(units, partners, rows, "partnerKind=UNIVERSITY").edges.map((e) => e.id)).toEqual(["unit:ng__partner:unimi"]);
  });

  it("keeps one unit and its groups", () => {
    const net = network(units, partners, rows, "unit=ng");
    expect(net.edges.map((e) => e.id)).toEqual(["unit:ng__partner:besta", "unit:ng__partner:unimi"]);
    expect(net.nodes.filter((n) => n.type === "unit").map((n) => n.id)).toEqual(["unit:ng"]);
    expect(network(units, partners, rows, "unit=ng1").edges.map((e) => e.id)).toEqual(["unit:ng__partner:unimi"]);
  });

  it("focuses on a node and its neighbours", () => {
    const net = network(units, partners, rows, "focus=partner:besta");
    expect(net.nodes.map((n) => n.id).sort()).toEqual(["partner:besta", "unit:ng"]);
    const onUnit = network(units, partners, rows, "focus=unit:mg");
    expect(onUnit.nodes.map((n) => n.id).sort()).toEqual(["partner:cnr", "unit:mg"]);
  });

  it("counts restricted agreements like any other (the network never carries titles)", () => {
    const net = network(units, partners, [
      agreement({ units: ["ng"], partners: ["besta"], restricted: true }),
      agreement({ units: ["ng"], partners: ["besta"] }),
    ]);
    expect(edge(net, "ng", "besta")!.count).toBe(2);
  });
});

describe("the filters' schema", () => {
  it("falls back to the defaults for bad values instead of failing", () => {
    const f = parseNetworkFilters(
      new URLSearchParams("asOf=2026-02-31&compare=yesterday&kind=NOPE&kind=MOU&status=WHATEVER&minWeight=-3&cluster=galaxy&weight=mass&focus=evil one&unit=a b"),
      TODAY,
    );
    expect(f).toEqual({
      asOf: "2026-06-15",
      kind: ["MOU"],
      status: ["ACTIVE"],
      partnerKind: [],
      minWeight: 1,
      expand: [],
      cluster: "auto",
      expandCluster: [],
      weight: "count",
      explore: [],
      measures: false,
      size: "agreements",
      nodeColour: "kind",
    });
  });

  it("reads every parameter, accepting node ids where ids are expected", () => {
    const f = filters(
      "asOf=2024-01-01&compare=2020-01-01&status=EXPIRED&partnerKind=COMPANY&unit=unit:ng&minWeight=3&expand=unit:ng&expand=mg&cluster=parent&expandCluster=cluster:kind:COMPANY&focus=partner:x&weight=value",
    );
    expect(f).toEqual({
      asOf: "2024-01-01",
      compare: "2020-01-01",
      kind: [],
      status: ["EXPIRED"],
      partnerKind: ["COMPANY"],
      unit: "ng",
      minWeight: 3,
      expand: ["mg", "ng"],
      cluster: "parent",
      expandCluster: ["kind:COMPANY"],
      focus: "partner:x",
      weight: "value",
      explore: [],
      measures: false,
      size: "agreements",
      nodeColour: "kind",
    });
  });

  it("reads the new questions: what if, explore, measures, paths", () => {
    expect(filters("whatIf=ending:12&explore=unit:ng&explore=partner:x&explore=bad&size=betweenness&pathFrom=unit:ng&pathTo=partner:x")).toMatchObject({
      whatIf: "ending:12", explore: ["unit:ng", "partner:x"], measures: true, size: "betweenness", pathFrom: "unit:ng", pathTo: "partner:x",
    });
    expect(filters("whatIf=ending:7").whatIf).toBeUndefined();
    expect(filters("whatIf=cmabc123").whatIf).toBe("cmabc123");
    expect(filters("whatIf=<script>").whatIf).toBeUndefined();
    expect(filters("pathFrom=unit:ng").pathFrom).toBeUndefined();
    expect(filters("nodeColour=community").measures).toBe(true);
  });
});

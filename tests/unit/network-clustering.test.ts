/**
 * Clusters on the collaboration map: above a threshold (or on request)
 * partners are grouped by kind or by parent organisation, and their lines
 * re-aggregated unit → cluster.
 */
import { describe, expect, it } from "vitest";
import { CLUSTER_THRESHOLD_EDGES, CLUSTER_THRESHOLD_NODES } from "~/domain/network";
import { agreement, edge, network, partner, unit } from "./network-fixture";

const units = [unit("ng"), unit("mg"), unit("f1", "FACILITY")];

/** n partners of alternating kinds, each with one agreement with NG. */
function many(n: number) {
  const kinds = ["UNIVERSITY", "RESEARCH_HOSPITAL", "COMPANY"];
  const partners = Array.from({ length: n }, (_, i) => partner(`p${String(i).padStart(4, "0")}`, kinds[i % 3]));
  const rows = partners.map((p) => agreement({ units: ["ng"], partners: [p.id] }));
  return { partners, rows };
}

describe("when partners are clustered", () => {
  it("are used automatically only above the threshold", () => {
    const below = many(CLUSTER_THRESHOLD_NODES - units.length);
    const small = network(units, below.partners, below.rows);
    expect(small.meta.clustered).toBe(false);
    expect(small.meta.totals.nodes).toBe(CLUSTER_THRESHOLD_NODES);
    expect(small.meta.threshold).toEqual({ nodes: CLUSTER_THRESHOLD_NODES, edges: CLUSTER_THRESHOLD_EDGES });

    const above = many(CLUSTER_THRESHOLD_NODES - units.length + 1);
    const big = network(units, above.partners, above.rows);
    expect(big.meta.clustered).toBe(true);
    expect(big.meta.totals).toMatchObject({ nodes: CLUSTER_THRESHOLD_NODES + 1, edges: above.rows.length });
    expect(big.nodes.filter((n) => n.type === "cluster").map((n) => n.id)).toEqual([
      "cluster:kind:COMPANY",
      "cluster:kind:RESEARCH_HOSPITAL",
      "cluster:kind:UNIVERSITY",
    ]);
    expect(big.nodes.some((n) => n.type === "partner")).toBe(false);
  });

  it("are used above the edge threshold too", () => {
    const { partners } = many(150);
    // 3 units x 150 partners = 450 nodes' worth of lines... 1,350 lines with 9 units.
    const nine = [...units, ...["a", "b", "c", "d", "e", "g"].map((id) => unit(id))];
    const rows = partners.map((p) => agreement({ units: nine.map((u) => u.id), partners: [p.id] }));
    const net = network(nine, partners, rows);
    expect(net.meta.totals.nodes).toBeLessThanOrEqual(CLUSTER_THRESHOLD_NODES);
    expect(net.meta.totals.edges).toBeGreaterThan(CLUSTER_THRESHOLD_EDGES);
    expect(net.meta.clustered).toBe(true);
  });

  it("never when cluster=none; always when cluster=kind", () => {
    const { partners, rows } = many(450);
    expect(network(units, partners, rows, "cluster=none").meta.clustered).toBe(false);
    expect(network(units, partners, rows, "cluster=none").nodes).toHaveLength(453);
    const small = many(6);
    expect(network(units, small.partners, small.rows, "cluster=kind").meta.clustered).toBe(true);
  });
});

describe("clusters", () => {
  it("re-aggregate lines per cluster, counting an agreement with two partners of one kind once", () => {
    const partners = [partner("u1", "UNIVERSITY"), partner("u2", "UNIVERSITY"), partner("h1", "RESEARCH_HOSPITAL"), partner("h2", "RESEARCH_HOSPITAL")];
    const net = network(units, partners, [
      agreement({ units: ["ng"], partners: ["u1", "u2"], kind: "MOU", value: 100 }),
      agreement({ units: ["ng", "mg"], partners: ["u2", "h1"], kind: "MTA", value: 10 }),
      agreement({ units: ["mg"], partners: ["h2"], kind: "MTA" }),
    ], "cluster=kind");
    expect(edge(net, "ng", "kind:UNIVERSITY")).toMatchObject({ id: "unit:ng__cluster:kind:UNIVERSITY", count: 2, valueCents: 110 });
    expect(edge(net, "ng", "kind:UNIVERSITY")!.kinds).toMatchObject({ MOU: 1, MTA: 1 });
    expect(edge(net, "mg", "kind:RESEARCH_HOSPITAL")!.count).toBe(2);
    const cluster = net.nodes.find((n) => n.id === "cluster:kind:UNIVERSITY")!;
    expect(cluster).toMatchObject({ type: "cluster", kind: "UNIVERSITY", memberCount: 2, memberIds: ["partner:u1", "partner:u2"], expandable: true, agreementCount: 2 });
    expect(net.meta.totals).toMatchObject({ agreements: 3 });
  });

  it("open to show their members when expanded", () => {
    const partners = [partner("u1", "UNIVERSITY"), partner("u2", "UNIVERSITY"), partner("h1", "RESEARCH_HOSPITAL"), partner("h2", "RESEARCH_HOSPITAL")];
    const rows = partners.map((p) => agreement({ units: ["ng"], partners: [p.id] }));
    const net = network(units, partners, rows, "cluster=kind&expandCluster=kind:UNIVERSITY");
    expect(net.nodes.filter((n) => n.type !== "unit").map((n) => n.id)).toEqual(["partner:u1", "partner:u2", "cluster:kind:RESEARCH_HOSPITAL"]);
  });

  it("by parent organisation gather a partner's sub-units with it, and leave the others alone", () => {
    const partners = [
      partner("cnr", "PUBLIC_RESEARCH_BODY", null, "CNR"),
      partner("cnr-ibf", "PUBLIC_RESEARCH_BODY", "cnr"),
      partner("cnr-itb", "PUBLIC_RESEARCH_BODY", "cnr"),
      partner("unimi", "UNIVERSITY", null, "UniMi"),
      partner("unimi-dbs", "UNIVERSITY", "unimi"),
      partner("besta", "RESEARCH_HOSPITAL"),
    ];
    const rows = [
      agreement({ units: ["ng"], partners: ["cnr-ibf"] }),
      agreement({ units: ["ng"], partners: ["cnr-itb", "cnr"] }),
      agreement({ units: ["ng"], partners: ["unimi-dbs"] }),
      agreement({ units: ["mg"], partners: ["besta"] }),
    ];
    const net = network(units, partners, rows, "cluster=parent");
    expect(net.nodes.filter((n) => n.type !== "unit").map((n) => n.id)).toEqual([
      "partner:unimi-dbs", // alone on the map: a cluster of one is just the partner
      "partner:besta", // no parent, no sub-units
      "cluster:parent:cnr",
    ]);
    expect(net.nodes.find((n) => n.id === "cluster:parent:cnr")).toMatchObject({ label: "CNR", memberCount: 3, kind: "PUBLIC_RESEARCH_BODY" });
    expect(edge(net, "ng", "parent:cnr")!.count).toBe(2);
  });

  it("sit at their sector's centre, or at their parent's place", () => {
    const { partners, rows } = many(9);
    const net = network(units, partners, rows, "cluster=kind");
    const uni = net.nodes.find((n) => n.id === "cluster:kind:UNIVERSITY")!;
    expect({ x: uni.x, y: uni.y }).toEqual(net.index.layout.sectors.get("UNIVERSITY")!.centre);

    const family = [partner("cnr", "PUBLIC_RESEARCH_BODY"), partner("cnr-a", "PUBLIC_RESEARCH_BODY", "cnr")];
    const byParent = network(units, family, [agreement({ units: ["ng"], partners: ["cnr-a"] }), agreement({ units: ["ng"], partners: ["cnr"] })], "cluster=parent");
    const c = byParent.nodes.find((n) => n.id === "cluster:parent:cnr")!;
    expect({ x: c.x, y: c.y }).toEqual(byParent.index.layout.positions.get("partner:cnr"));
  });

  it("can be focused on: the cluster and the units it works with", () => {
    const { partners, rows } = many(9);
    rows.push(agreement({ units: ["mg"], partners: ["p0001"] }));
    const net = network(units, partners, rows, "cluster=kind&focus=cluster:kind:RESEARCH_HOSPITAL");
    expect(net.nodes.map((n) => n.id).sort()).toEqual(["cluster:kind:RESEARCH_HOSPITAL", "unit:mg", "unit:ng"]);
    expect(net.edges.every((e) => e.target === "cluster:kind:RESEARCH_HOSPITAL")).toBe(true);
  });
});

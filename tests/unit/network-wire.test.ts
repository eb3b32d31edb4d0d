/**
 * The network as /map carries it (app/domain/network-wire.ts): packed into
 * one string and unpacked, it is the same network, in every mode the map
 * has (compare, what-if, deadlines, clusters, measures), and smaller than
 * its plain JSON.
 */
import { describe, expect, it } from "vitest";
import type { Network } from "~/domain/network";
import { packNetwork, unpackNetwork } from "~/domain/network-wire";
import { agreement, network, partner, unit, VIEWER } from "./network-fixture";

const units = [unit("ng"), unit("mg"), unit("ng1", "GROUP", "ng"), unit("fac", "FACILITY")];
const partners = [partner("besta", "RESEARCH_HOSPITAL"), partner("osr", "RESEARCH_HOSPITAL"), partner("unimi"), partner("acme", "COMPANY"), partner("polimi")];
const rows = [
  agreement({ id: "old", units: ["ng"], partners: ["besta"], kind: "MTA", status: "EXPIRED", start: "2021-08-02", end: "2022-08-01" }),
  agreement({ id: "now", units: ["ng"], partners: ["besta"], kind: "MOU", start: "2024-02-09", end: "2026-07-01" }),
  agreement({ id: "fw", units: ["mg", "ng"], partners: ["osr"], kind: "FRAMEWORK", start: "2023-01-01", end: "2026-08-31" }),
  { ...agreement({ id: "impl", units: ["mg"], partners: ["osr"], kind: "RESEARCH_COLLABORATION", start: "2024-05-01", end: "2028-01-01" }), links: "IMPLEMENTS:fw" },
  agreement({ id: "uni", units: ["fac", "ng1"], partners: ["unimi", "polimi"], start: "2025-06-01", end: "2030-01-01", value: 120_000_00 }),
  agreement({ id: "secret", units: ["mg"], partners: ["acme"], start: "2019-01-01", end: "2030-01-01", restricted: true }),
];

/** What the page had before: the network through JSON (undefined fields dropped). */
const plain = (net: Network) => JSON.parse(JSON.stringify(net)) as Network;

describe("the map's network on the wire", () => {
  const modes = [
    "",
    "status=ACTIVE&status=EXPIRED",
    "compare=2022-01-01",
    "whatIf=fw",
    "whatIf=ending",
    "expand=ng",
    "cluster=kind",
    "measures=1&size=betweenness&nodeColour=community",
    "weight=value",
  ];
  for (const query of modes) {
    it(`comes back the same for "${query || "the default view"}"`, () => {
      const net = network(units, partners, rows, query) as Network;
      expect(net.edges.length).toBeGreaterThan(0);
      const back = unpackNetwork(packNetwork(net));
      expect(back).toEqual(plain(net));
      expect(back.edges.map((e) => e.id)).toEqual(net.edges.map((e) => e.id));
    });
  }

  it("keeps what a viewer's network leaves out left out", () => {
    const net = network(units, partners, rows, "", VIEWER) as Network;
    const back = unpackNetwork(packNetwork(net));
    expect(back.edges.some((e) => e.target === "partner:acme")).toBe(false);
    expect(back).toEqual(plain(net));
  });

  it("carries a line whose ends are not among the nodes, an odd id and extra fields as they are", () => {
    const net = network(units, partners, rows) as Network;
    const odd = { ...net.edges[0]!, id: "custom", source: "unit:gone", kinds: { MOU: 2 } as Network["edges"][0]["kinds"], change: "new" as const };
    const withOdd = { ...net, edges: [...net.edges, odd] };
    expect(unpackNetwork(packNetwork(withOdd))).toEqual(plain(withOdd));
  });

  it("is smaller than the plain JSON", () => {
    const net = network(units, partners, rows) as Network;
    expect(packNetwork(net).length).toBeLessThan(JSON.stringify(net).length * 0.8);
  });

  it("refuses a packing it does not know", () => {
    expect(() => unpackNetwork(JSON.stringify({ v: 2, nodes: [], rows: [], meta: {} }))).toThrow(/unknown network packing/);
  });
});

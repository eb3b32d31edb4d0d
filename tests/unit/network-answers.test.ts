/**
 * The map's answers leadership reads (issue 13): "since when" from every
 * signed agreement whatever the status filter, the headline numbers equal
 * in every view of the same filters, what if a framework (or everything
 * ending soon) ended, and the deadlines marked on lines. Pure: no database.
 */
import { describe, expect, it } from "vitest";
import { buildNetwork } from "~/domain/network-build";
import { buildIndex } from "~/domain/network-index";
import { buildMatrix } from "~/domain/network-matrix";
import { agreement, edge, EDITOR, filters, network, partner, TODAY, unit, VIEWER } from "./network-fixture";

const units = [unit("ng"), unit("mg"), unit("ng1", "GROUP", "ng"), unit("fac", "FACILITY")];
const partners = [partner("besta", "RESEARCH_HOSPITAL"), partner("osr", "RESEARCH_HOSPITAL"), partner("unimi"), partner("acme", "COMPANY")];
const rows = [
  // Neurogenomics and Besta: a first agreement signed in 2021 and expired, a terminated one, an active one since 2024.
  agreement({ id: "old", units: ["ng"], partners: ["besta"], kind: "MTA", status: "EXPIRED", start: "2021-08-02", end: "2022-08-01" }),
  agreement({ id: "term", units: ["ng"], partners: ["besta"], status: "TERMINATED", start: "2022-03-01", end: "2027-03-01", endedOn: "2023-01-10" }),
  agreement({ id: "now", units: ["ng"], partners: ["besta"], kind: "MOU", start: "2024-02-09", end: "2027-02-09" }),
  // A framework with an implementing agreement, and an agreement of its own on the same line.
  agreement({ id: "fw", units: ["mg", "ng"], partners: ["osr"], kind: "FRAMEWORK", start: "2023-01-01", end: "2026-08-31" }),
  { ...agreement({ id: "impl", units: ["mg"], partners: ["osr"], kind: "RESEARCH_COLLABORATION", start: "2024-05-01", end: "2028-01-01" }), links: "IMPLEMENTS:fw" },
  agreement({ id: "own", units: ["ng"], partners: ["osr"], kind: "MTA", start: "2025-01-01", end: "2029-01-01" }),
  agreement({ id: "uni", units: ["fac"], partners: ["unimi"], start: "2025-06-01", end: "2030-01-01" }),
  agreement({ id: "secret", units: ["mg"], partners: ["acme"], start: "2019-01-01", end: "2030-01-01", restricted: true }),
  agreement({ id: "draft", units: ["ng"], partners: ["unimi"], status: "DRAFT", start: null, end: null, signature: null }),
];

describe("since when: every signed agreement, whatever the status filter", () => {
  it("answers Besta's first agreement with Neurogenomics (2 Aug 2021) with Active as the filter", () => {
    const net = network(units, partners, rows);
    const line = edge(net, "ng", "besta")!;
    expect(line.count).toBe(1);
    expect(line.firstDate).toBe("2024-02-09");
    expect(line.since).toBe("2021-08-02");
    expect(net.nodes.find((n) => n.id === "partner:besta")!.since).toBe("2021-08-02");
  });

  it("never reads a draft, nor an agreement a viewer may not read", () => {
    expect(edge(network(units, partners, rows, "status=DRAFT&status=ACTIVE"), "ng", "unimi")?.since ?? null).toBeNull();
    expect(edge(network(units, partners, rows, "", EDITOR), "mg", "acme")!.since).toBe("2019-01-01");
    expect(edge(network(units, partners, rows, "", VIEWER), "mg", "acme")).toBeUndefined();
  });

  it("reads only agreements in force on or before the map's day", () => {
    expect(edge(network(units, partners, rows, "asOf=2022-06-01&status=ACTIVE&status=EXPIRED"), "ng", "besta")!.since).toBe("2021-08-02");
    // Expired agreements are listed whatever the day; none had come into force by 1 Jan 2021.
    expect(edge(network(units, partners, rows, "asOf=2021-01-01&status=ACTIVE&status=EXPIRED"), "ng", "besta")!.since).toBeNull();
  });
});

describe("the headline numbers: one place, the same in every view", () => {
  const index = buildIndex(units, partners, rows);
  const queries = ["", "kind=MTA", "status=ACTIVE&status=EXPIRED&status=TERMINATED", "partnerKind=RESEARCH_HOSPITAL", "unit=ng", "asOf=2024-06-01", "minWeight=2", "expand=ng"];
  for (const reader of [EDITOR, VIEWER]) {
    for (const query of queries) {
      it(`agrees for "${query || "the default view"}" as ${reader.role}`, () => {
        const build = (q: string) => buildNetwork(index, filters(q), { reader, today: TODAY }).network.meta.totals;
        const totals = build(query);
        expect(build(`${query}&compare=2022-01-01`), "compare mode").toEqual(totals);
        expect(build(`${query}&cluster=none`), "the table (never grouped)").toEqual(totals);
        expect(build(`${query}&cluster=kind`), "grouped by kind").toEqual(totals);
        expect(buildMatrix(index, filters(query), { reader, today: TODAY }).meta.totals, "the gap matrix").toEqual(totals);
      });
    }
  }
});

describe("what if a framework ends", () => {
  it("ends the framework and what implements it: a line vanishes, another thins, the partner stays", () => {
    const built = buildNetwork(buildIndex(units, partners, rows), filters("whatIf=fw"), { reader: EDITOR, today: TODAY });
    const net = built.network;
    const id = (e: { source: string; target: string }) => `${e.source}__${e.target}`;
    expect(net.meta.whatIf!.found).toBe(true);
    expect(net.meta.whatIf!.effect).toMatchObject({ agreements: 2, vanish: 1, thin: 1, partnersLost: [], partnersThinner: ["partner:osr"] });
    const marked = net.edges.filter((e) => e.whatIf).map((e) => [id(e), e.whatIf!.removed, e.count]);
    expect(marked).toEqual(expect.arrayContaining([["unit:mg__partner:osr", 2, 2], ["unit:ng__partner:osr", 1, 2]]));
    const ended = built.ended.map((p) => buildIndex(units, partners, rows).agreements[p]!.id).sort();
    expect(ended).toEqual(["fw", "impl"]);
  });

  it("ends everything ending in the next 3 months (the framework on 31 Aug), with what hangs on it", () => {
    const net = network(units, partners, rows, "whatIf=ending:3");
    expect(net.meta.whatIf!.effect.agreements).toBe(2);
    // In 24 months: the framework, what implements it and Besta's MOU (2027-02-09).
    expect(network(units, partners, rows, "whatIf=ending:24").meta.whatIf!.effect.agreements).toBe(3);
  });

  it("is no scenario for a restricted framework a viewer may not read, nor for an unknown one", () => {
    const restricted = rows.map((r) => (r.id === "fw" ? { ...r, confidentiality: "RESTRICTED" } : r));
    expect(network(units, partners, restricted, "whatIf=fw", VIEWER).meta.whatIf).toEqual(expect.objectContaining({ found: false }));
    expect(network(units, partners, rows, "whatIf=nothing").meta.whatIf!.found).toBe(false);
  });
});

describe("deadlines on the map", () => {
  it("marks a line whose agreement ends within 90 days, with the date", () => {
    const net = network(units, partners, rows);
    expect(edge(net, "mg", "osr")!.deadline).toMatchObject({ date: "2026-08-31", kind: "END" });
    expect(edge(net, "fac", "unimi")!.deadline).toBeUndefined();
  });
});

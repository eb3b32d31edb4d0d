/**
 * The map as GEXF and GraphML (app/domain/network-graph-files.ts), read back
 * with a real XML parser: every node and line, their attributes, the filters
 * and the date; and nothing of a restricted agreement for a viewer.
 */
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { networkGexf, networkGraphml } from "~/domain/network-graph-files";
import { agreement, network, partner, unit, VIEWER } from "./network-fixture";

const units = [unit("ng")];
const partners = [partner("besta", "RESEARCH_HOSPITAL", null, "Besta"), partner("amp", "COMPANY", null, "A&P <Labs>"), partner("secret", "COMPANY", null, "Hidden Pharma")];
const rows = [
  agreement({ units: ["ng"], partners: ["besta"], status: "EXPIRED", start: "2021-08-02", end: "2022-08-01" }),
  agreement({ units: ["ng"], partners: ["besta"], kind: "MOU", start: "2024-02-09", end: "2027-02-09" }),
  agreement({ units: ["ng"], partners: ["amp"], kind: "MTA", start: "2025-01-01", end: "2028-01-01" }),
  agreement({ units: ["ng"], partners: ["secret"], kind: "NDA", start: "2025-01-01", end: "2028-01-01", restricted: true }),
];
const words = ["Status: Active", "Partners: Research hospital, Company"];
const parse = (xml: string) => new DOMParser().parseFromString(xml, "text/xml");
const attr = (el: Element, name: string) => el.getAttribute(name);

describe("GEXF", () => {
  it("reads back every node and line with their attributes, the filters and the date", () => {
    const net = network(units, partners, rows, "cluster=none&measures=1");
    const doc = parse(networkGexf(net, words));
    expect(doc.documentElement.nodeName).toBe("gexf");
    expect(doc.getElementsByTagName("description")[0]!.textContent).toBe(`HT collaborations as of ${net.meta.asOf}. Status: Active. Partners: Research hospital, Company`);
    const nodes = Array.from(doc.getElementsByTagName("node"));
    expect(nodes.map((n) => attr(n, "label")).sort()).toEqual(["A&P <Labs>", "Besta", "Hidden Pharma", "NG"]);
    const titles = new Map(Array.from(doc.getElementsByTagName("attribute")).map((a) => [`${attr(a.parentNode as Element, "class")}:${attr(a, "id")}`, attr(a, "title")]));
    const edges = Array.from(doc.getElementsByTagName("edge"));
    const besta = edges.find((e) => attr(e, "target") === "partner:besta")!;
    const values = Object.fromEntries(Array.from(besta.getElementsByTagName("attvalue")).map((v) => [titles.get(`edge:${attr(v, "for")}`), attr(v, "value")]));
    expect(values).toMatchObject({ agreements: "1", since: "2021-08-02", firstCounted: "2024-02-09", mainKind: "MOU" });
    expect(edges).toHaveLength(3);
  });

  it("holds no more than a viewer's map", () => {
    const xml = networkGexf(network(units, partners, rows, "cluster=none", VIEWER), words);
    expect(xml).not.toContain("Hidden Pharma");
    expect(xml).not.toContain("partner:secret");
    expect(parse(xml).getElementsByTagName("edge")).toHaveLength(2);
  });
});

describe("GraphML", () => {
  it("reads back nodes, lines and keys", () => {
    const doc = parse(networkGraphml(network(units, partners, rows, "cluster=none"), words));
    expect(doc.documentElement.nodeName).toBe("graphml");
    expect(doc.getElementsByTagName("node")).toHaveLength(4);
    expect(doc.getElementsByTagName("edge")).toHaveLength(3);
    const keys = Array.from(doc.getElementsByTagName("key")).map((k) => attr(k, "attr.name"));
    expect(keys).toEqual(expect.arrayContaining(["label", "since", "agreements", "kinds"]));
  });
});

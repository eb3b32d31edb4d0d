/** Unit tests of the party picker's ranking: organisations first, acronyms, Italian and English names, accents. */
import { describe, expect, it } from "vitest";
import { rankParties, type PartyOption } from "./party-search";

const p = (name: string, extra: Partial<PartyOption> = {}): PartyOption => ({
  value: `partner:${name}`, label: name, name, depth: 0, ...extra,
});

const OPTIONS: PartyOption[] = [
  p("Politecnico di Milano – Department of Electronics, Information and Bioengineering (DEIB)", { depth: 1, parent: "Politecnico di Milano" }),
  p("Politecnico di Milano", { acronym: "PoliMi", aliases: "Polytechnic University of Milan" }),
  p("University of Milan", { acronym: "UniMi", aliases: "Università degli Studi di Milano" }),
  p("University of Milan – Department of Biosciences", { depth: 1, parent: "University of Milan" }),
  p("University of Milan-Bicocca", { acronym: "UNIMIB", aliases: "Università degli Studi di Milano-Bicocca" }),
  p("Italian Institute of Technology", { acronym: "IIT", aliases: "Istituto Italiano di Tecnologia" }),
  p("Istituto Superiore di Sanità", { acronym: "ISS" }),
  p("University of Cambridge"),
  p("Neurogenomics", { value: "unit:neuro" }),
];

const names = (query: string) => rankParties(query, OPTIONS).map((o) => o.name);

describe("the party picker's ranking", () => {
  it("ranks an organisation before its departments", () => {
    expect(names("Politecnico di Milano")[0]).toBe("Politecnico di Milano");
    expect(names("Politecnico di Milano")[1]).toMatch(/DEIB/);
    expect(names("University of Milan")[0]).toBe("University of Milan");
  });

  it("finds by acronym", () => {
    expect(names("IIT")[0]).toBe("Italian Institute of Technology");
    expect(names("polimi")[0]).toBe("Politecnico di Milano");
    expect(names("iss")[0]).toBe("Istituto Superiore di Sanità");
  });

  it("matches Italian and English names alike", () => {
    expect(names("Istituto Italiano di Tecnologia")[0]).toBe("Italian Institute of Technology");
    expect(names("universita degli studi di milano")[0]).toBe("University of Milan");
    expect(names("università milano")).toContain("University of Milan");
    expect(names("polytechnic milan")[0]).toBe("Politecnico di Milano");
  });

  it("ignores accents and case", () => {
    expect(names("universita")).toEqual(expect.arrayContaining(["University of Milan", "University of Milan-Bicocca", "University of Cambridge"]));
    expect(names("SANITA")[0]).toBe("Istituto Superiore di Sanità");
  });

  it("finds nothing for words no option has, and lists everything, organisations first, for an empty query", () => {
    expect(names("zebracorn")).toEqual([]);
    const all = names("");
    expect(all).toHaveLength(OPTIONS.length);
    expect(all.indexOf("Politecnico di Milano")).toBeLessThan(all.findIndex((n) => n.includes("DEIB")));
  });
});

/**
 * The import's pure parts, as tables of what registers really hold: values
 * in Italian and English (dates, amounts, notice periods, renewal words,
 * kinds, statuses, several parties in one cell), the header mapping, the
 * organisation-name normaliser and the partner matching.
 */
import { describe, expect, it } from "vitest";
import { proposeMapping, applyTemplate, templateOf } from "~/domain/import-mapping";
import { readAmount, readDate, readNotice } from "~/domain/import-values";
import { readKind, readRenewal, readStatus, splitParties } from "~/domain/import-words";
import { normaliseOrganisation, tidyCapitals } from "~/domain/organisation-names";
import { buildPartnerIndex, matchOrganisation } from "~/domain/partner-match";

describe("values", () => {
  it.each([
    ["01/10/2014", "2014-10-01"], ["1/10/2014", "2014-10-01"], ["2014-10-01", "2014-10-01"], ["1.10.2014", "2014-10-01"],
    [41913, "2014-10-01"], ["41913", "2014-10-01"], ["31 dic 2026", "2026-12-31"], ["3 mar 2021", "2021-03-03"],
    ["31 December 2026", "2026-12-31"],
  ] as const)("date %s is %s", (cell, day) => {
    expect(readDate(cell)).toEqual({ value: day });
  });

  it("reads month-first dates when told, and refuses what is no day", () => {
    expect(readDate("12/31/2020", "mdy")).toEqual({ value: "2020-12-31" });
    expect(readDate("31/02/2020").error).toMatch(/not a date/);
    expect(readDate("ieri").error).toMatch(/not a date/);
    expect(readDate("")).toEqual({});
  });

  it.each([
    ["1.234,56 €", 123456], ["€ 1,234.56", 123456], ["1234,5", 123450], ["1.234.567", 123456700], ["EUR 12.000,00", 1200000],
    [1500, 150000], ["1500.00", 150000],
  ] as const)("amount %s is %i cents", (cell, cents) => {
    expect(readAmount(cell)).toEqual({ value: cents });
  });

  it("refuses amounts it cannot read, saying how to write them", () => {
    expect(readAmount("abc").error).toMatch(/1\.234,56/);
    expect(readAmount("-500").error).toMatch(/negative/);
  });

  it.each([
    ["3 mesi", { months: 3 }], ["tre mesi", { months: 3 }], ["6 months", { months: 6 }], ["1 anno", { months: 12 }],
    ["90 days", { days: 90 }], ["90 giorni", { days: 90 }], ["60", { days: 60 }],
  ] as const)("notice %s", (cell, notice) => {
    expect(readNotice(cell)).toEqual({ value: notice });
  });

  it.each([
    ["tacito", "TACIT"], ["tacit", "TACIT"], ["espresso", "EXPRESS"], ["express", "EXPRESS"], ["nessuno", "NONE"], ["none", "NONE"], ["no", "NONE"],
  ] as const)("renewal %s", (cell, type) => {
    expect(readRenewal(cell).value?.type).toBe(type);
  });

  it("reads “sì” in a column named Rinnovo tacito as a tacit renewal, and asks otherwise", () => {
    expect(readRenewal("sì", "Rinnovo tacito").value?.type).toBe("TACIT");
    expect(readRenewal("sì").error).toMatch(/tacito/);
  });

  it.each([
    ["Convenzione quadro", "FRAMEWORK"], ["Framework agreement", "FRAMEWORK"], ["Accordo attuativo", "IMPLEMENTING"], ["MoU", "MOU"],
    ["NDA", "NDA"], ["Accordo di riservatezza", "NDA"], ["MTA", "MTA"],
  ] as const)("kind %s", (cell, kind) => {
    expect(readKind(cell)).toEqual({ value: kind });
  });

  it.each([
    ["Attivo", "ACTIVE"], ["In vigore", "ACTIVE"], ["Active", "ACTIVE"], ["Scaduto", "EXPIRED"], ["Expired", "EXPIRED"], ["Bozza", "DRAFT"], ["Cessato", "TERMINATED"],
  ] as const)("status %s", (cell, status) => {
    expect(readStatus(cell)).toEqual({ value: status });
  });

  it("refuses an unknown kind with examples, and splits several parties in one cell", () => {
    expect(readKind("boh").error).toMatch(/Convenzione quadro/);
    expect(splitParties("Politecnico di Milano; Università degli Studi di Milano / IIT").map((p) => p.name))
      .toEqual(["Politecnico di Milano", "Università degli Studi di Milano", "IIT"]);
  });
});

describe("the header mapping", () => {
  const headers = ["Rif.", "Titolo", "Tipologia", "Ente", "Centro", "Data stipula", "Scadenza", "Rinnovo tacito", "Preavviso", "Importo"];
  const row = ["HT-2021-0003", "Accordo X", "Convenzione quadro", "PoliMi", "Neurogenomics", "01/10/2021", "30/09/2026", "sì", "3 mesi", "1.234,56 €"];

  it("maps an Italian register's headers to their fields, one row per agreement", () => {
    const m = proposeMapping(headers, [row]);
    expect(m.fields).toEqual(["reference", "title", "kind", "partner", "unit", "signatureDate", "endDate", "renewal", "notice", "value"]);
    expect(m.shape).toBe("wide");
    expect(m.dateOrder).toBe("dmy");
  });

  it("maps English headers, and proposes one row per party when references repeat", () => {
    const m = proposeMapping(["Reference", "Title", "Partner", "Start date", "End date", "Amount"], [
      ["HT-2021-0003", "A", "PoliMi", "2021-01-01", "2022-01-01", "10"], ["HT-2021-0003", "A", "UniMi", "2021-01-01", "2022-01-01", "10"],
    ]);
    expect(m.fields).toEqual(["reference", "title", "partner", "startDate", "endDate", "value"]);
    expect(m.shape).toBe("long");
    expect(m.keyColumn).toBe(0);
  });

  it("guesses from the values when the header says nothing, and not a date field for a column of words", () => {
    const m = proposeMapping(["Colonna 1", "Colonna 2", "Scadenza"], [["HT-2020-0001", "31/12/2026", "mai"], ["HT-2020-0002", "01/01/2027", "boh"], ["HT-2020-0003", "02/01/2027", "forse"]]);
    expect(m.fields[0]).toBe("reference");
    expect(m.fields[1]).toBe("startDate");
    expect(m.fields[2]).toBe("");
  });

  it("keeps a template by header, so it applies to the same columns in another order", () => {
    const m = proposeMapping(headers, [row]);
    m.fields[3] = "";
    const t = templateOf(m, headers);
    const reordered = [...headers].reverse();
    const applied = applyTemplate(t, reordered, proposeMapping(reordered, [[...row].reverse()]));
    expect(applied.fields[reordered.indexOf("Ente")]).toBe("");
    expect(applied.fields[reordered.indexOf("Rif.")]).toBe("reference");
  });
});

describe("organisation names", () => {
  it.each([
    ["POLITECNICO DI MILANO", "politecnico milano"], ["Politecnico di Milano", "politecnico milano"],
    ["Fondazione IRCCS Istituto Neurologico Carlo Besta", "istituto neurologico carlo besta"], ["Dompé farmaceutici S.p.A.", "dompe farmaceutici"],
    ["Università degli Studi di Milano", "universita studi milano"],
  ] as const)("%s normalises to %s", (name, normal) => {
    expect(normaliseOrganisation(name)).toBe(normal);
  });

  it("tidies names typed in capitals", () => {
    expect(tidyCapitals("POLITECNICO DI MILANO")).toBe("Politecnico di Milano");
  });
});

describe("partner matching", () => {
  const index = buildPartnerIndex([
    { id: "polimi", name: "Politecnico di Milano", acronym: "PoliMi", aliases: "", parentId: null, country: "IT" },
    { id: "besta", name: "Istituto Neurologico Carlo Besta", acronym: "Besta", aliases: "Fondazione IRCCS Istituto Neurologico Carlo Besta\nPIC 999", parentId: null, country: "IT" },
    { id: "unimi", name: "Università degli Studi di Milano", acronym: "UniMi", aliases: "", parentId: null, country: "IT" },
  ]);
  const match = (name: string, identifier = "") => matchOrganisation(index, { key: name, name, shortName: "", identifier, country: "", city: "", variants: [], kindHint: "" } as never);

  it.each([
    ["POLITECNICO DI MILANO", "exact", "polimi"], ["Politecnico di Milano", "exact", "polimi"], ["PoliMi", "acronym", "polimi"],
    ["Universita degli studi di Milano", "exact", "unimi"], ["Fondazione IRCCS Istituto Neurologico Carlo Besta", "exact", "besta"],
  ] as const)("%s: %s match to %s", (name, confidence, id) => {
    const m = match(name);
    expect(m.confidence).toBe(confidence);
    expect(m.proposal).toEqual({ decision: "MATCH", partnerId: id });
  });

  it("matches by a stored identifier before any name", () => {
    expect(match("Some other spelling", "PIC 999").proposal).toEqual({ decision: "MATCH", partnerId: "besta" });
  });

  it("proposes a department for “Polimi - DEIB”, and asks a person to look", () => {
    const m = match("Polimi - DEIB");
    expect(m.proposal).toEqual({ decision: "DEPARTMENT", parentId: "polimi" });
    expect(m.needsReview).toBe(true);
  });

  it("offers a similar name as a candidate without taking it, and creates what is unknown", () => {
    const m = match("Politecnico di Milan");
    expect(m.confidence).toBe("fuzzy");
    expect(m.candidates[0]?.partnerId).toBe("polimi");
    expect(m.proposal).toEqual({ decision: "CREATE" });
    expect(m.needsReview).toBe(true);
    expect(match("Acme Srl")).toMatchObject({ confidence: "none", proposal: { decision: "CREATE" }, needsReview: false });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { parseAgreementFilters } from "~/domain/agreement-filters";
import { agreementStats, listAgreements } from "~/models/agreements.server";
import type { Reader } from "~/domain/confidentiality";
import { prisma } from "~/utils/db.server";
import { makeAgreement, makePartner, makeUnit } from "../setup/factories";

const today = new Date("2026-11-26T00:00:00Z");
const editor: Reader = { role: "EDITOR" };
const viewer: Reader = { role: "VIEWER" };
const list = (query: string, reader: Reader = editor) =>
  listAgreements(parseAgreementFilters(new URLSearchParams(query)), today, reader);
const titles = async (query: string, reader = editor) => (await list(query, reader)).rows.map((r) => r.title);

let besta: { id: string }, centre: { id: string }, group: { id: string };

beforeAll(async () => {
  const ng = await makeUnit("Neurogenomics");
  centre = ng;
  group = await prisma.unit.create({ data: { code: "NG-G1", name: "Brain Atlas Lab", kind: "GROUP", parentId: ng.id } });
  const groupUnit = await prisma.unit.findUniqueOrThrow({ where: { id: group.id } });
  const ds = await makeUnit("Data Science");
  const bestaP = await makePartner("Istituto Neurologico Carlo Besta", "RESEARCH_HOSPITAL");
  besta = bestaP;
  const polimi = await prisma.partner.create({ data: { name: "Politecnico di Milano", acronym: "PoliMi", kind: "UNIVERSITY" } });
  await makeAgreement({ title: "Epilepsy genomics cohort", unit: ng, partner: bestaP, endDate: new Date("2026-12-20T00:00:00Z") });
  await makeAgreement({ title: "Brain imaging pipeline", unit: groupUnit, partner: polimi, endDate: new Date("2028-01-01T00:00:00Z") });
  await makeAgreement({ title: "HPC access", kind: "SERVICE", unit: ds, partner: polimi, endDate: new Date("2026-01-31T00:00:00Z") });
  await makeAgreement({ title: "Draft MoU", kind: "MOU", status: "DRAFT", unit: ds, partner: bestaP, endDate: null });
  await makeAgreement({ title: "Patient data transfer", kind: "DATA_SHARING", confidentiality: "RESTRICTED", unit: ng, partner: bestaP });
});

describe("the agreement list", () => {
  it("searches reference, title, partner names and acronyms", async () => {
    expect(await titles("q=imaging")).toEqual(["Brain imaging pipeline"]);
    expect(await titles("q=poliMI&sort=title")).toEqual(["Brain imaging pipeline", "HPC access"]);
    expect(await titles("q=besta cohort")).toEqual(["Epilepsy genomics cohort"]);
    expect(await titles("q=besta neurogenomics&sort=title")).toEqual(["Epilepsy genomics cohort", "Patient data transfer"]);
  });

  it("shows an active agreement past its end date as expired, and filters on that", async () => {
    const expired = await list("status=EXPIRED");
    expect(expired.rows.map((r) => [r.title, r.status])).toEqual([["HPC access", "EXPIRED"]]);
    expect(await titles("status=ACTIVE&sort=title")).toEqual(["Brain imaging pipeline", "Epilepsy genomics cohort", "Patient data transfer"]);
  });

  it("filters by partner, partner kind and kind", async () => {
    expect(await titles(`partner=${besta.id}&sort=title`)).toEqual(["Draft MoU", "Epilepsy genomics cohort", "Patient data transfer"]);
    expect(await titles("partnerKind=UNIVERSITY&kind=SERVICE")).toEqual(["HPC access"]);
    expect(await titles(`status=ACTIVE&partner=${besta.id}&q=cohort`)).toEqual(["Epilepsy genomics cohort"]);
  });

  it("includes a centre's groups when filtering by the centre", async () => {
    expect(await titles(`unit=${centre.id}&sort=title`)).toEqual(["Brain imaging pipeline", "Epilepsy genomics cohort", "Patient data transfer"]);
    expect(await titles(`unit=${group.id}`)).toEqual(["Brain imaging pipeline"]);
  });

  it("filters by an end-date window and sorts by end date with undated ones last", async () => {
    expect(await titles("endFrom=2026-11-26&endTo=2027-02-24")).toEqual(["Epilepsy genomics cohort"]);
    const all = await titles("sort=endDate&dir=asc");
    expect(all.at(-1)).toBe("Draft MoU");
    expect(all[0]).toBe("HPC access");
  });

  it("pages through results and ignores malformed parameters", async () => {
    const page2 = await list("sort=title&size=25&page=2");
    expect(page2.total).toBe(5);
    expect(page2.rows).toEqual([]);
    const f = parseAgreementFilters(new URLSearchParams("status=BOGUS&sort=nope&page=-3&size=7&endFrom=2026-02-30"));
    expect(f).toMatchObject({ status: [], sort: "reference", dir: "desc", page: 1, size: 25, endFrom: undefined });
  });

  it("never lists restricted agreements to a viewer, but counts them in the overview", async () => {
    expect(await titles("q=patient", viewer)).toEqual([]);
    expect((await list("", viewer)).total).toBe(4);
    expect((await list("", editor)).total).toBe(5);
    const stats = await agreementStats(today);
    expect(stats.total).toBe(5);
    expect(stats.status).toMatchObject({ ACTIVE: 3, EXPIRED: 1, DRAFT: 1 });
  });
});

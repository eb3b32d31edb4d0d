/**
 * The real sample register (tests/fixtures/h2020-sample.csv: 31 EU projects,
 * one row per participating organisation) imported as it is, re-saved as
 * .xlsx, and re-saved as Italian Excel's ";" + Windows-1252 CSV: with the
 * proposed mapping (plus the HT unit the sheet lacks) and the proposed
 * matches, every project becomes one agreement with all its participants,
 * the founding partners are matched and never duplicated, each new
 * organisation is created once, the map's API shows them, and importing
 * the file again changes nothing. Each form runs on a fresh register.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Network } from "~/domain/network";
import { loader as networkLoader } from "~/routes/api.network";
import { clearNetworkCache } from "~/models/network.server";
import { prisma } from "~/utils/db.server";
import { FOUNDING_PARTNERS, seedReference } from "../../prisma/seed/reference";
import { resetDatabase } from "../setup/db";
import { login, request } from "../setup/factories";
import { h2020Bytes, h2020ItalianCsv, h2020Rows, h2020Xlsx, registerCounts, runImport } from "../setup/imports";

const rows = h2020Rows();
const header = rows[0]!;
const col = (name: string) => header.indexOf(name);
const data = rows.slice(1);
const projects = new Set(data.map((r) => r[col("project_grant_id")]));
const organisations = new Set(data.map((r) => r[col("organisation_pic")]));
/** The founding partners the sample names (by their PIC), and the seeded partner each is. */
const FOUNDING_IN_SAMPLE: Record<string, string> = {
  "999979500": "Consiglio Nazionale delle Ricerche",
  "999879881": "Politecnico di Milano",
  "999995796": "University of Milan",
  "999978821": "Istituto Superiore di Sanità",
  "999596447": "Italian Institute of Technology",
  "999969703": "Istituto Europeo di Oncologia",
  "999843409": "CINECA",
  "999785015": "Istituto Clinico Humanitas",
  "999531360": "Council for Agricultural Research and Economics",
};

let editor: Awaited<ReturnType<typeof login>>;
let unitId: string;

beforeEach(async () => {
  await resetDatabase();
  await prisma.$transaction((tx) => seedReference(tx));
  editor = await login("EDITOR");
  unitId = (await prisma.unit.findFirstOrThrow({ where: { code: "DS" } })).id;
});

/** The only change to the proposed mapping: the HT unit, which the sheet does not name. */
const withUnit = (m: { defaults: { unitId: string } }) => {
  m.defaults.unitId = unitId;
};

async function expectImported(form: string, bytes: Uint8Array) {
  const { job, mapping } = await runImport(editor.user, form, bytes, { adjust: withUnit });
  expect(job.status, job.error).toBe("DONE");
  expect(mapping.shape).toBe("long");
  expect(mapping.defaults.kind).toBe("CONSORTIUM");

  // Every project is one agreement with every participant, and the HT unit.
  const agreements = await prisma.agreement.findMany({ include: { parties: { include: { partner: true } } } });
  expect(agreements).toHaveLength(projects.size);
  for (const a of agreements) {
    const pics = new Set(data.filter((r) => r[col("project_grant_id")] === a.sourceReference).map((r) => r[col("organisation_pic")]));
    expect(pics.size, `project ${a.sourceReference}`).toBeGreaterThan(0);
    expect(a.parties.filter((p) => p.partnerId)).toHaveLength(pics.size);
    expect(a.parties.filter((p) => p.unitId === unitId)).toHaveLength(1);
    expect(a.kind).toBe("CONSORTIUM");
  }
  const diabolo = agreements.find((a) => a.sourceReference === "633464")!;
  expect(diabolo.title).toBe("DIABOLO");
  expect(diabolo.startDate?.toISOString().slice(0, 10)).toBe("2015-03-01");
  expect(diabolo.endDate?.toISOString().slice(0, 10)).toBe("2019-02-28");
  expect(diabolo.reference).toMatch(/^HT-2015-\d{4}$/);

  // Founding partners matched, not duplicated; every other organisation created once.
  const partners = await prisma.partner.findMany({ select: { id: true, name: true, aliases: true } });
  expect(partners).toHaveLength(FOUNDING_PARTNERS.length + organisations.size - Object.keys(FOUNDING_IN_SAMPLE).length);
  for (const [pic, name] of Object.entries(FOUNDING_IN_SAMPLE)) {
    const partner = partners.find((p) => p.name === name)!;
    expect(partner.aliases, name).toContain(`PIC ${pic}`);
    const named = agreements.filter((a) => a.parties.some((p) => p.partnerId === partner.id)).length;
    expect(named, name).toBe(new Set(data.filter((r) => r[col("organisation_pic")] === pic).map((r) => r[col("project_grant_id")])).size);
  }
  expect(partners.find((p) => p.name === "Politecnico di Torino")).toBeTruthy();
  expect(partners.filter((p) => /politecnico di milano/i.test(p.name))).toHaveLength(1);
  return agreements;
}

async function expectOnTheMap() {
  clearNetworkCache();
  const res = (await networkLoader({ request: request("/api/network?asOf=2017-06-01&cluster=none", { cookie: editor.cookie }), params: {}, context: {} })) as Response;
  const network = (await res.json()) as Network;
  const cnr = await prisma.partner.findFirstOrThrow({ where: { name: "Consiglio Nazionale delle Ricerche" } });
  const torino = await prisma.partner.findFirstOrThrow({ where: { name: "Politecnico di Torino" } });
  const ids = new Set(network.nodes.map((n) => n.id));
  expect(ids.has(`unit:${unitId}`)).toBe(true);
  expect(ids.has(`partner:${cnr.id}`)).toBe(true);
  expect(ids.has(`partner:${torino.id}`)).toBe(true);
  expect(network.edges.find((e) => e.id === `unit:${unitId}__partner:${cnr.id}`)?.count).toBeGreaterThan(0);
}

async function expectReimportChangesNothing(form: string, bytes: Uint8Array) {
  const before = await registerCounts();
  const { job } = await runImport(editor.user, form, bytes, { adjust: withUnit, commit: false });
  const totals = JSON.parse(job.totals);
  expect(totals.agreements).toEqual({ CREATE: 0, UPDATE: 0, SKIP: projects.size, ERROR: 0 });
  expect(totals.partners).toEqual({ matched: 0, created: 0, withNewAliases: 0 });
  const orgs = await prisma.importOrganisation.findMany({ where: { jobId: job.id } });
  expect(orgs.every((o) => o.decision === "MATCH" && o.confidence === "identifier")).toBe(true);
  expect(await registerCounts()).toEqual(before);
}

describe("the H2020 sample", { timeout: 60_000 }, () => {
  it("as given: every project one agreement with all its participants, on the map; again: nothing changes", async () => {
    await expectImported("h2020-sample.csv", h2020Bytes());
    await expectOnTheMap();
    await expectReimportChangesNothing("h2020-sample.csv", h2020Bytes());
  });

  it("re-saved as .xlsx imports the same way, and again changes nothing", async () => {
    const xlsx = await h2020Xlsx();
    await expectImported("h2020-sample.xlsx", xlsx);
    await expectReimportChangesNothing("h2020-sample.xlsx", xlsx);
  });

  it("re-saved by Italian Excel (; separated, Windows-1252, dd/mm/yyyy) imports the same way, and again changes nothing", async () => {
    const csv = h2020ItalianCsv();
    expect(csv.includes(Buffer.from("für", "utf8"))).toBe(false);
    expect(csv.includes(Buffer.from([0x66, 0xfc, 0x72]))).toBe(true); // "für" in Windows-1252
    const agreements = await expectImported("h2020-italiano.csv", csv);
    expect(await prisma.partner.findFirst({ where: { name: { contains: "für Wald" } } })).toBeTruthy();
    expect(agreements.find((a) => a.sourceReference === "633464")!.endDate?.toISOString().slice(0, 10)).toBe("2019-02-28");
    await expectReimportChangesNothing("h2020-italiano.csv", csv);
  });
});

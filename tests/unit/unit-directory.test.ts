import { beforeAll, describe, expect, it } from "vitest";
import {
  addResearchLine, createUnit, removeResearchLine, renameResearchLine, updateUnit,
} from "~/models/unit-write.server";
import { action as editAction } from "~/routes/units.$id_.edit";
import { action as newAction } from "~/routes/units.new";
import { prisma } from "~/utils/db.server";
import { login, makeAgreement, makePartner } from "../setup/factories";
import { post } from "../setup/routes";

const editor = { id: "editor-id", email: "editor@fht.test" };
let cookie: string;
const auditCount = () => prisma.auditEvent.count();
const errorsOf = (answer: { data: { result: { error?: Record<string, string[] | null> } } }, field: string) =>
  answer.data.result.error?.[field] ?? [];

let centre: { id: string; name: string; version: number };
let facility: { id: string };

beforeAll(async () => {
  cookie = (await login("EDITOR")).cookie;
  centre = await prisma.unit.create({ data: { code: "NG", name: "Neurogenomics", kind: "CENTRE" } });
  facility = await prisma.unit.create({ data: { code: "F2", name: "F2 Imaging", kind: "FACILITY" } });
});

describe("HT units", () => {
  it("creates a group under a centre, upper-casing its code, with one CREATE audit row", async () => {
    const before = await auditCount();
    const res = await post(newAction, "/units/new", cookie, { code: " ng-conti ", name: "Brain Organoids Lab", kind: "GROUP", parentId: centre.id });
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/units\/[^/]+\?created=1$/);
    expect(await prisma.unit.findUniqueOrThrow({ where: { code: "NG-CONTI" } })).toMatchObject({ parentId: centre.id, kind: "GROUP" });
    expect(await auditCount()).toBe(before + 1);
  });

  it("refuses malformed and duplicate codes", async () => {
    for (const code of ["NG CONTI", "NG--X", "-NG", "NG_1", "É1", ""]) {
      const res = await post(newAction, "/units/new", cookie, { code, name: "Bad code", kind: "CENTRE" });
      expect(res.status, code).toBe(400);
      expect(errorsOf(res, "code").length, code).toBe(1);
    }
    const dup = await post(newAction, "/units/new", cookie, { code: "ng", name: "Another", kind: "CENTRE" });
    expect(dup.status).toBe(400);
    expect(errorsOf(dup, "code")).toEqual(["The code NG is already used by Neurogenomics"]);
  });

  it("puts a group under a centre or facility, and centres and facilities under nothing", async () => {
    const noParent = await post(newAction, "/units/new", cookie, { code: "G1", name: "Lonely group", kind: "GROUP" });
    expect(errorsOf(noParent, "parentId")).toEqual(["Choose the centre or facility the group belongs to"]);
    const centreUnder = await post(newAction, "/units/new", cookie, { code: "C9", name: "Sub-centre", kind: "CENTRE", parentId: centre.id });
    expect(errorsOf(centreUnder, "parentId")[0]).toMatch(/^Centres and facilities do not sit under another unit/);
    const group = await createUnit(editor, { code: "F2-EM", name: "Electron Microscopy", kind: "GROUP", parentId: facility.id });
    await expect(createUnit(editor, { code: "G2", name: "Group in group", kind: "GROUP", parentId: group.id })).rejects.toThrow(
      "Electron Microscopy is a research group: a group sits under a centre or a facility",
    );
    // A centre with groups cannot become a group.
    const ng = await prisma.unit.findUniqueOrThrow({ where: { id: centre.id } });
    await expect(
      updateUnit(editor, ng.id, { code: ng.code, name: ng.name, kind: "GROUP", parentId: facility.id, version: ng.version }),
    ).rejects.toThrow("This unit has research groups under it, so it cannot become a group itself");
  });

  it("recomputes the units label of its agreements on rename, refuses a stale version, and audits once", async () => {
    const unit = await prisma.unit.create({ data: { code: "DS", name: "Data Science", kind: "CENTRE" } });
    const partner = await makePartner("CINECA", "SUPERCOMPUTING");
    const a = await makeAgreement({ unit, partner });
    const before = await auditCount();
    const saved = await updateUnit(editor, unit.id, { code: "DS", name: "Data Sciences Centre", kind: "CENTRE", description: "New", version: 1 });
    expect(saved?.labelsChanged).toBe(1);
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: a.id } })).unitsLabel).toBe("Data Sciences Centre");
    expect(await auditCount()).toBe(before + 1);

    await expect(updateUnit(editor, unit.id, { code: "DS", name: "Stale", kind: "CENTRE", version: 1 })).rejects.toMatchObject({ kind: "conflict", status: 409 });
    const res = await post(editAction, `/units/${unit.id}/edit`, cookie, { intent: "update", version: 1, code: "DS", name: "Stale", kind: "CENTRE" });
    expect(res.status).toBe(409);
    expect(res.data.conflict).toMatchObject({ version: 2 });
    expect(res.data.conflict.rows).toEqual(expect.arrayContaining([{ field: "name", label: "Name", mine: "Stale", theirs: "Data Sciences Centre" }]));
    expect(res.data.result.initialValue).toMatchObject({ name: "Stale" });
    expect((await prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe("Data Sciences Centre");
    expect(await auditCount()).toBe(before + 1);
  });
});

describe("research lines of a centre", () => {
  it("are added, renamed and removed, each audited once", async () => {
    const before = await auditCount();
    const add = await post(editAction, `/units/${centre.id}/edit`, cookie, { intent: "add-line", name: "Single-cell neurogenomics" });
    expect(add.status).toBe(200);
    const line = await prisma.researchLine.findFirstOrThrow({ where: { unitId: centre.id, name: "Single-cell neurogenomics" } });
    const dup = await post(editAction, `/units/${centre.id}/edit`, cookie, { intent: "add-line", name: "single-cell NEUROGENOMICS" });
    expect(dup.status).toBe(409);
    expect(errorsOf(dup, "name")).toEqual(["Neurogenomics already has a research line “single-cell NEUROGENOMICS”"]);
    const renamed = await post(editAction, `/units/${centre.id}/edit`, cookie, { intent: "rename-line", lineId: line.id, name: "Single-cell and spatial neurogenomics" });
    expect(renamed.status).toBe(200);
    const removed = await post(editAction, `/units/${centre.id}/edit`, cookie, { intent: "remove-line", lineId: line.id });
    expect(removed.status).toBe(200);
    expect(await prisma.researchLine.count({ where: { id: line.id } })).toBe(0);
    const events = await prisma.auditEvent.findMany({ where: { entityId: line.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["CREATE", "UPDATE", "DELETE"]);
    expect(await auditCount()).toBe(before + 3);
  });

  it("cannot be removed while an agreement serves them", async () => {
    const line = await addResearchLine(editor, centre.id, "Neurodevelopmental disorders");
    const a = await makeAgreement({ unit: centre as { id: string; name: string } });
    await prisma.agreementResearchLine.create({ data: { agreementId: a.id, researchLineId: line!.id } });
    const before = await auditCount();
    await expect(removeResearchLine(editor, centre.id, line!.id)).rejects.toThrow(
      "“Neurodevelopmental disorders” is served by 1 agreement and cannot be removed. Rename it instead, or change those agreements first.",
    );
    const res = await post(editAction, `/units/${centre.id}/edit`, cookie, { intent: "remove-line", lineId: line!.id });
    expect(res.status).toBe(409);
    expect(await prisma.researchLine.count({ where: { id: line!.id } })).toBe(1);
    expect(await auditCount()).toBe(before);
    // Renaming it is fine.
    expect(await renameResearchLine(editor, centre.id, line!.id, "Neurodevelopmental conditions")).toMatchObject({ name: "Neurodevelopmental conditions" });
  });

  it("belong to centres only", async () => {
    await expect(addResearchLine(editor, facility.id, "Cryo-EM")).rejects.toMatchObject({ kind: "rule", status: 409 });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { parseAgreementForm, type AgreementFormValue } from "~/domain/agreement-schema";
import type { AppError } from "~/domain/errors";
import { deleteDraft, moveAgreement, setArchived } from "~/models/agreement-lifecycle.server";
import { checkAgainstDatabase, createAgreement, updateAgreement } from "~/models/agreement-write.server";
import { prisma } from "~/utils/db.server";
import { makeAgreement, makePartner, makeUnit } from "../setup/factories";

const editor = { id: "editor-1", email: "giulia@fht.test" };
let unitId: string, partnerIds: string[];

function formValue(fields: Record<string, string>): AgreementFormValue {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  const s = parseAgreementForm(fd);
  if (s.status !== "success") throw new Error(JSON.stringify(s.error));
  return s.value;
}

const mou = (extra: Record<string, string> = {}) =>
  formValue({
    title: "MoU on brain organoids",
    kind: "MOU",
    startDate: "2026-01-01",
    endDate: "2028-12-31",
    "details.areasOfCollaboration": "Organoids",
    "parties[0].ref": `unit:${unitId}`,
    "parties[0].role": "LEAD",
    "parties[1].ref": `partner:${partnerIds[0]}`,
    "parties[1].role": "PARTICIPANT",
    ...extra,
  });

async function save(v: AgreementFormValue) {
  const { errors, resolved } = await checkAgainstDatabase(v);
  expect(errors).toEqual({});
  return createAgreement(editor, v, resolved, new Date("2026-11-26T10:00:00Z"));
}

const auditCount = (agreementId: string) => prisma.auditEvent.count({ where: { agreementId } });

beforeAll(async () => {
  unitId = (await makeUnit("Neurogenomics")).id;
  partnerIds = [];
  for (let i = 0; i < 10; i++) partnerIds.push((await makePartner(`Hospital ${i}`, "RESEARCH_HOSPITAL")).id);
});

describe("recording an agreement", () => {
  it("numbers it HT-YYYY-NNNN, labels its parties, starts it as a draft and audits it once", async () => {
    const a = await save(mou());
    const b = await save(mou({ title: "Second MoU" }));
    expect(a.reference).toMatch(/^HT-2026-\d{4}$/);
    expect(Number(b.reference.slice(-4))).toBe(Number(a.reference.slice(-4)) + 1);
    const stored = await prisma.agreement.findUniqueOrThrow({ where: { id: a.id }, include: { statusChanges: true } });
    expect(stored).toMatchObject({ status: "DRAFT", unitsLabel: "Neurogenomics", partnersLabel: "Hospital 0", version: 1 });
    expect(stored.statusChanges.map((s) => s.toStatus)).toEqual(["DRAFT"]);
    expect(await auditCount(a.id)).toBe(1);
  });

  it("refuses a reference already in use, unknown parties, and an implementing agreement outside its framework", async () => {
    const existing = await save(mou({ title: "Existing" }));
    const framework = await makeAgreement({
      kind: "FRAMEWORK", status: "ACTIVE", startDate: new Date("2025-01-01T00:00:00Z"), endDate: new Date("2027-12-31T00:00:00Z"),
    });
    const draftFramework = await makeAgreement({ kind: "FRAMEWORK", status: "DRAFT" });
    const implementing = (extra: Record<string, string>) =>
      formValue({
        title: "Implementing study", kind: "IMPLEMENTING", startDate: "2026-01-01", endDate: "2028-06-30",
        "details.scientificLeads": "A", "details.activities": "B", "details.resourcesAndCosts": "C",
        "parties[0].ref": `unit:${unitId}`, "parties[0].role": "LEAD",
        "parties[1].ref": "partner:no-such-partner", "parties[1].role": "PARTICIPANT",
        ...extra,
      });
    const { errors } = await checkAgainstDatabase(implementing({ frameworkId: framework.id, reference: existing.reference }));
    expect(errors).toEqual({
      "parties[1].ref": ["This party no longer exists; choose another"],
      endDate: ["The end date must lie within the framework's term (until 2027-12-31)"],
      reference: [`${existing.reference} is already used by “Existing”`],
    });
    const draft = await checkAgainstDatabase(implementing({ frameworkId: draftFramework.id, endDate: "2026-06-30" }));
    expect(draft.errors.frameworkId?.[0]).toMatch(/needs an active or signed framework/);
  });
});

describe("editing an agreement", () => {
  it("saves 10 parties with one audit row that lists what changed", async () => {
    const a = await save(mou());
    const fields: Record<string, string> = {};
    partnerIds.forEach((id, i) => {
      fields[`parties[${i + 1}].ref`] = `partner:${id}`;
      fields[`parties[${i + 1}].role`] = "PARTICIPANT";
    });
    const v = mou({ ...fields, summary: "Now with ten hospitals" });
    const { resolved } = await checkAgainstDatabase(v);
    await updateAgreement(editor, a.id, 1, v, resolved);
    const stored = await prisma.agreement.findUniqueOrThrow({ where: { id: a.id }, include: { parties: true } });
    expect(stored.parties).toHaveLength(11);
    expect(stored.version).toBe(2);
    expect(stored.partnersLabel.split("; ")).toHaveLength(10);
    const events = await prisma.auditEvent.findMany({ where: { agreementId: a.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["CREATE", "UPDATE"]);
    expect(Object.keys(JSON.parse(events[1]!.after)).sort()).toEqual(["parties", "summary"]);
  });

  it("never overwrites a newer version: a stale save changes nothing and records nothing", async () => {
    const a = await save(mou());
    const first = mou({ summary: "First editor" });
    await updateAgreement(editor, a.id, 1, first, (await checkAgainstDatabase(first)).resolved);
    const second = mou({ summary: "Second editor" });
    const attempt = updateAgreement(editor, a.id, 1, second, (await checkAgainstDatabase(second)).resolved);
    await expect(attempt).rejects.toMatchObject({ kind: "conflict", status: 409 });
    await attempt.catch((e: AppError) => expect(e.current?.summary).toBe("First editor"));
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: a.id } })).summary).toBe("First editor");
    expect(await auditCount(a.id)).toBe(2);
  });
});

describe("the lifecycle on the server", () => {
  const move = (id: string, version: number, to: string, extra: Record<string, unknown> = {}) =>
    moveAgreement(editor, id, { version, to: to as never, effectiveOn: "2026-11-20", comment: `To ${to}`, ...extra }, new Date("2026-11-26T00:00:00Z"));

  it("refuses a jump the lifecycle does not allow, and a stale version", async () => {
    const a = await save(mou());
    await expect(move(a.id, 1, "SUPERSEDED")).rejects.toThrow(/cannot move from Draft to Superseded/);
    await expect(move(a.id, 1, "EXPIRED")).rejects.toMatchObject({ kind: "rule", status: 409 });
    await move(a.id, 1, "NEGOTIATION");
    await expect(move(a.id, 1, "LEGAL_REVIEW")).rejects.toThrow(/changed this agreement meanwhile/);
    const history = await prisma.statusChange.findMany({ where: { agreementId: a.id }, orderBy: { createdAt: "asc" } });
    expect(history.map((h) => h.toStatus)).toEqual(["DRAFT", "NEGOTIATION"]);
  });

  it("supersedes the original when its renewal becomes active", async () => {
    const original = await makeAgreement({ status: "ACTIVE" });
    const renewal = await save(mou({ renewsId: original.id, title: "Renewal" }));
    let version = 1;
    for (const to of ["NEGOTIATION", "LEGAL_REVIEW", "AWAITING_SIGNATURE"]) await move(renewal.id, version++, to);
    await move(renewal.id, version, "ACTIVE", { signatureDate: "2026-11-19", confirmUnsigned: true });
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: original.id } })).status).toBe("SUPERSEDED");
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: renewal.id } })).signatureDate?.toISOString()).toMatch(/^2026-11-19/);
  });

  it("archives and restores with an audit row each, and deletes only drafts nobody signed", async () => {
    const draft = await save(mou());
    await setArchived(editor, draft.id, 1, true);
    await setArchived(editor, draft.id, 2, false);
    const actions = (await prisma.auditEvent.findMany({ where: { agreementId: draft.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["CREATE", "ARCHIVE", "RESTORE"]);

    const signed = await makeAgreement({ status: "ACTIVE" });
    await expect(deleteDraft(editor, signed.id, 1)).rejects.toMatchObject({ kind: "rule" });
    expect(await prisma.agreement.count({ where: { id: signed.id } })).toBe(1);

    await deleteDraft(editor, draft.id, 3);
    expect(await prisma.agreement.count({ where: { id: draft.id } })).toBe(0);
    expect((await prisma.auditEvent.findMany({ where: { agreementId: draft.id } })).map((e) => e.action)).toContain("DELETE");
  });
});

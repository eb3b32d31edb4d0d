/**
 * Approvals and registration: an agreement configured to need the board's
 * approval cannot go for signature without one; approvals are listed in
 * date order and audited; the signed deed's registration records its
 * protocol number and date, refusing a stale version.
 */
import { describe, expect, it } from "vitest";
import { addApproval, registerDeed, removeApproval } from "~/models/approvals.server";
import { moveAgreement } from "~/models/agreement-lifecycle.server";
import { prisma } from "~/utils/db.server";
import { makeAgreement } from "../setup/factories";

const actor = { id: null, email: "legal@fht.test" };
const today = new Date().toISOString().slice(0, 10);

describe("approvals", () => {
  it("keep an agreement that needs the board from going for signature until the board approves", async () => {
    const a = await makeAgreement({ status: "LEGAL_REVIEW", kind: "MOU" });
    // Complete for signature (app/domain/agreement-readiness.ts): only the board's approval is missing.
    const details = JSON.stringify({ areasOfCollaboration: "Genomics of rare diseases" });
    await prisma.agreement.update({ where: { id: a.id }, data: { needsBoardApproval: true, details } });
    const version = () => prisma.agreement.findUniqueOrThrow({ where: { id: a.id } }).then((x) => x.version);
    const move = async () => moveAgreement(actor, a.id, { version: await version(), to: "AWAITING_SIGNATURE", effectiveOn: today, comment: "Ready" });
    await expect(move()).rejects.toMatchObject({ kind: "rule", status: 409, message: expect.stringContaining("board of directors' approval") });
    await addApproval(actor, a.id, { body: "LEGAL_OFFICE", decisionDate: today, resolutionNumber: "LO-1" });
    await expect(move()).rejects.toMatchObject({ status: 409 });
    await addApproval(actor, a.id, { body: "BOARD", decisionDate: "2026-01-15", resolutionNumber: "CdA 3/2026" });
    await move();
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("AWAITING_SIGNATURE");
    const approvals = await prisma.approval.findMany({ where: { agreementId: a.id }, orderBy: { decisionDate: "asc" } });
    expect(approvals.map((x) => x.resolutionNumber)).toEqual(["CdA 3/2026", "LO-1"]);
    expect(await prisma.auditEvent.count({ where: { entity: "Approval", agreementId: a.id } })).toBe(2);
  });

  it("refuse a decision dated in the future, and can be removed with an audit row", async () => {
    const a = await makeAgreement();
    await expect(addApproval(actor, a.id, { body: "BOARD", decisionDate: "2999-01-01" })).rejects.toMatchObject({ field: "decisionDate" });
    const x = await addApproval(actor, a.id, { body: "OTHER", bodyName: "Comitato etico", decisionDate: today });
    expect(x.bodyName).toBe("Comitato etico");
    await removeApproval(actor, a.id, x.id);
    expect(await prisma.approval.count({ where: { agreementId: a.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entity: "Approval", entityId: x.id, action: "DELETE" } })).toBe(1);
  });
});

describe("registration of the signed deed", () => {
  it("records the protocol number and date, and refuses a stale version", async () => {
    const a = await makeAgreement();
    await registerDeed(actor, a.id, { version: a.version, protocolNumber: "PG/2026/004512", protocolDate: today });
    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id: a.id } });
    expect(saved.protocolNumber).toBe("PG/2026/004512");
    expect(saved.protocolDate?.toISOString().slice(0, 10)).toBe(today);
    await expect(registerDeed(actor, a.id, { version: a.version, protocolNumber: "X", protocolDate: today })).rejects.toMatchObject({ kind: "conflict" });
  });
});

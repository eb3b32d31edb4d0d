/**
 * Approvals and registration of an agreement (docs/decisions/055): recording
 * a body's decision (with its resolution number and the document that holds
 * it), removing one recorded by mistake, registering the signed deed under
 * its protocol number and date, and taking the signature date from the last
 * signing time of a signed .p7m. Each change writes its audit row in the
 * same transaction.
 */
import { approvalBodyLabel, type ApprovalValue, type RegistrationValue } from "~/domain/approvals";
import { isRestricted } from "~/domain/confidentiality";
import { formatDay, parseDay, toDay, utcToday } from "~/domain/dates";
import { lastSigningDay, parseSignatures } from "~/domain/documents";
import { notFound, ruleBroken, versionConflict } from "~/domain/errors";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";

const CHANGED = "Someone else changed this agreement meanwhile: reload the page to see it, then try again.";

async function agreementOf(tx: Tx, id: string) {
  const a = await tx.agreement.findUnique({
    where: { id },
    select: { id: true, reference: true, confidentiality: true, version: true, archivedAt: true, endDate: true, signatureDate: true },
  });
  if (!a) throw notFound("No agreement has this id.");
  return a;
}

export async function addApproval(actor: Actor, agreementId: string, value: ApprovalValue) {
  return prisma.$transaction(async (tx) => {
    const a = await agreementOf(tx, agreementId);
    const decisionDate = parseDay(value.decisionDate)!;
    if (decisionDate > utcToday()) throw ruleBroken("decisionDate", "A decision cannot be dated in the future.");
    if (value.documentId && !(await tx.document.count({ where: { id: value.documentId, agreementId } }))) {
      throw ruleBroken("documentId", "That document is not on this agreement; reload the page.");
    }
    const approval = await tx.approval.create({
      data: {
        agreementId, body: value.body, bodyName: value.body === "OTHER" ? value.bodyName ?? "" : "",
        decisionDate, resolutionNumber: value.resolutionNumber ?? "", documentId: value.documentId || null, note: value.note ?? "",
      },
    });
    await recordAudit(tx, actor, {
      entity: "Approval", entityId: approval.id, action: "CREATE", agreementId, restricted: isRestricted(a),
      summary: `${a.reference}: approved by ${approvalBodyLabel(approval)} on ${formatDay(decisionDate)}${approval.resolutionNumber ? ` (resolution ${approval.resolutionNumber})` : ""}`,
      after: { body: approval.body, bodyName: approval.bodyName, decisionDate: toDay(decisionDate), resolutionNumber: approval.resolutionNumber, documentId: approval.documentId },
    });
    return approval;
  });
}

export async function removeApproval(actor: Actor, agreementId: string, approvalId: string) {
  return prisma.$transaction(async (tx) => {
    const a = await agreementOf(tx, agreementId);
    const approval = await tx.approval.findFirst({ where: { id: approvalId, agreementId } });
    if (!approval) throw ruleBroken(null, "This approval was already removed; reload the page.");
    await tx.approval.delete({ where: { id: approval.id } });
    await recordAudit(tx, actor, {
      entity: "Approval", entityId: approval.id, action: "DELETE", agreementId, restricted: isRestricted(a),
      summary: `${a.reference}: removed the approval by ${approvalBodyLabel(approval)} of ${formatDay(approval.decisionDate)}`,
      before: { body: approval.body, decisionDate: toDay(approval.decisionDate), resolutionNumber: approval.resolutionNumber },
    });
  });
}

/** Records the protocol number and date under which the signed deed was registered. */
export async function registerDeed(actor: Actor, agreementId: string, value: RegistrationValue) {
  return prisma.$transaction(async (tx) => {
    const a = await tx.agreement.findUnique({ where: { id: agreementId }, select: { id: true, reference: true, confidentiality: true, version: true, protocolNumber: true, protocolDate: true } });
    if (!a) throw notFound("No agreement has this id.");
    if (a.version !== value.version) throw versionConflict(CHANGED);
    const protocolDate = parseDay(value.protocolDate)!;
    if (protocolDate > utcToday()) throw ruleBroken("protocolDate", "A registration cannot be dated in the future.");
    await tx.agreement.update({ where: { id: a.id }, data: { protocolNumber: value.protocolNumber, protocolDate, version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      entity: "Agreement", entityId: a.id, action: "UPDATE", agreementId, restricted: isRestricted(a),
      summary: `${a.reference}: registered under protocol ${value.protocolNumber} of ${formatDay(protocolDate)}`,
      before: { protocolNumber: a.protocolNumber, protocolDate: a.protocolDate },
      after: { protocolNumber: value.protocolNumber, protocolDate },
    });
  });
}

/** Sets the agreement's signature date to the last signing time read from a signed version. */
export async function useSigningTime(actor: Actor, agreementId: string, version: number, versionId: string) {
  return prisma.$transaction(async (tx) => {
    const a = await agreementOf(tx, agreementId);
    if (a.version !== version) throw versionConflict(CHANGED);
    const v = await tx.documentVersion.findFirst({ where: { id: versionId, document: { agreementId } }, select: { signatures: true, fileName: true } });
    const day = v ? lastSigningDay(parseSignatures(v.signatures)) : null;
    if (!day) throw ruleBroken(null, "This file's signatures carry no signing time.");
    const signatureDate = parseDay(day)!;
    if (a.endDate && signatureDate > a.endDate) throw ruleBroken(null, "The last signing time is after the agreement's end date; check the dates.");
    await tx.agreement.update({ where: { id: a.id }, data: { signatureDate, version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      entity: "Agreement", entityId: a.id, action: "UPDATE", agreementId, restricted: isRestricted(a),
      summary: `${a.reference}: signature date set to ${formatDay(signatureDate)}, the last signing time in “${v!.fileName}”`,
      before: { signatureDate: a.signatureDate }, after: { signatureDate },
    });
  });
}

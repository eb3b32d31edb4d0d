/**
 * The lifecycle of an agreement: dated moves between statuses (an agreement
 * that needs the board's approval waits for it before signature), renewals
 * superseding what they renew, archiving, and deleting drafts never signed.
 * Each change writes its status history and audit row in the same transaction.
 */
import type { TransitionValue } from "~/domain/agreement-schema";
import { parseDay, toDay, utcToday } from "~/domain/dates";
import { canMove } from "~/domain/lifecycle";
import { AGREEMENT_STATUSES } from "~/domain/vocabulary";
import { isRestricted } from "~/domain/confidentiality";
import { approvalBlocks } from "~/domain/approvals";
import { notFound, refused, ruleBroken, versionConflict } from "~/domain/errors";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";
import { everSigned } from "./agreement-write.server";

async function loadState(tx: Tx, id: string) {
  const a = await tx.agreement.findUnique({
    where: { id },
    select: {
      id: true, reference: true, title: true, status: true, version: true, confidentiality: true,
      signatureDate: true, startDate: true, endDate: true, archivedAt: true, needsBoardApproval: true,
      parties: { select: { signatureStatus: true } },
      approvals: { select: { body: true } },
      linksFrom: { where: { type: "RENEWS" }, select: { to: { select: { id: true, reference: true, status: true } } } },
    },
  });
  if (!a) throw notFound("No agreement has this id.");
  return a;
}

type State = Awaited<ReturnType<typeof loadState>>;

function assertVersion(a: State, version: number) {
  if (a.version !== version) {
    throw versionConflict("Someone else changed this agreement meanwhile: reload the page to see it, then try again.");
  }
}

async function writeStatus(
  tx: Tx,
  actor: Actor,
  a: Pick<State, "id" | "reference" | "status" | "confidentiality">,
  to: string,
  effectiveOn: Date,
  comment: string,
  extra: { signatureDate?: Date } = {},
) {
  await tx.agreement.update({
    where: { id: a.id },
    data: { status: to, ...extra, version: { increment: 1 } },
  });
  await tx.statusChange.create({ data: { agreementId: a.id, fromStatus: a.status, toStatus: to, effectiveOn, comment } });
  await recordAudit(tx, actor, {
    entity: "Agreement", entityId: a.id, action: "STATUS_CHANGE", agreementId: a.id,
    restricted: isRestricted(a),
    summary: `${a.reference}: ${AGREEMENT_STATUSES.label(a.status)} → ${AGREEMENT_STATUSES.label(to)}${comment ? ` (${comment})` : ""}`,
    before: { status: a.status },
    after: { status: to, effectiveOn: toDay(effectiveOn), ...(extra.signatureDate ? { signatureDate: toDay(extra.signatureDate) } : {}) },
  });
}

/**
 * Moves an agreement to `to` if the lifecycle allows it. Activating a
 * renewal supersedes the agreement it renews.
 */
export async function moveAgreement(actor: Actor, id: string, value: TransitionValue, today = utcToday()) {
  return prisma.$transaction(async (tx) => {
    const a = await loadState(tx, id);
    assertVersion(a, value.version);
    if (a.archivedAt) throw ruleBroken(null, "This agreement is archived: restore it first.");
    if (!canMove(a.status, value.to)) {
      throw ruleBroken(null, `An agreement cannot move from ${AGREEMENT_STATUSES.label(a.status)} to ${AGREEMENT_STATUSES.label(value.to)}.`);
    }
    const waiting = approvalBlocks(a, a.approvals, value.to);
    if (waiting) throw refused(waiting);
    const effectiveOn = parseDay(value.effectiveOn)!;
    if (effectiveOn > today) throw ruleBroken("effectiveOn", "A status change cannot be dated in the future.");
    const signatureDate = parseDay(value.signatureDate);
    if (value.to === "ACTIVE") {
      if (!signatureDate) throw ruleBroken("signatureDate", "Activation needs the signature date.");
      if (signatureDate > today) throw ruleBroken("signatureDate", "The signature date cannot be in the future.");
      if (a.endDate && signatureDate > a.endDate) throw ruleBroken("signatureDate", "The signature date is after the end date.");
    }
    await writeStatus(tx, actor, a, value.to, effectiveOn, value.comment, value.to === "ACTIVE" ? { signatureDate } : {});

    if (value.to === "ACTIVE") {
      for (const { to: original } of a.linksFrom) {
        if (canMove(original.status, "SUPERSEDED")) {
          await writeStatus(tx, actor, { ...original, confidentiality: a.confidentiality }, "SUPERSEDED", effectiveOn, `Superseded by renewal ${a.reference}`);
        }
      }
    }
    return { reference: a.reference };
  });
}

export async function setArchived(actor: Actor, id: string, version: number, archived: boolean) {
  return prisma.$transaction(async (tx) => {
    const a = await loadState(tx, id);
    assertVersion(a, version);
    if (Boolean(a.archivedAt) === archived) {
      throw ruleBroken(null, archived ? "This agreement is already archived." : "This agreement is not archived.");
    }
    const archivedAt = archived ? new Date() : null;
    await tx.agreement.update({ where: { id }, data: { archivedAt, version: { increment: 1 } } });
    await recordAudit(tx, actor, {
      entity: "Agreement", entityId: id, action: archived ? "ARCHIVE" : "RESTORE", agreementId: id,
      restricted: isRestricted(a),
      summary: `${archived ? "Archived" : "Restored"} ${a.reference} “${a.title}”`,
      before: { archivedAt: a.archivedAt }, after: { archivedAt },
    });
  });
}

/**
 * Deletes a draft that was never signed (an admin's clean-up of mistakes).
 * Anything signed, or beyond the draft stage, can only be archived.
 */
export async function deleteDraft(actor: Actor, id: string, version: number) {
  return prisma.$transaction(async (tx) => {
    const a = await loadState(tx, id);
    assertVersion(a, version);
    if (a.status !== "DRAFT" || everSigned(a)) {
      throw ruleBroken(null, "Only a draft that no one has signed can be deleted; archive this agreement instead.");
    }
    const incoming = await tx.agreementLink.count({ where: { toId: id } });
    if (incoming) throw ruleBroken(null, "Other agreements link to this draft; remove those links first.");
    await tx.agreement.delete({ where: { id } });
    await recordAudit(tx, actor, {
      entity: "Agreement", entityId: id, action: "DELETE", agreementId: id,
      restricted: isRestricted(a),
      summary: `Deleted draft ${a.reference} “${a.title}”`,
      before: { reference: a.reference, title: a.title, status: a.status },
    });
  });
}

/**
 * The lifecycle of an agreement: dated moves between statuses (several
 * steps at once, signatures recorded on activation; an agreement that needs
 * the board's approval waits for it before signature), renewals
 * superseding what they renew, archiving, and deleting drafts never signed.
 * Each change writes its status history and audit row in the same transaction.
 */
import { readDetails } from "~/domain/agreement-details";
import { describeGaps, missingBeforeSignature, STRICT_TARGETS, type ReadinessValues } from "~/domain/agreement-readiness";
import type { TransitionValue } from "~/domain/agreement-schema";
import { parseDay, toDay, utcToday } from "~/domain/dates";
import { canMove, pathTo } from "~/domain/lifecycle";
import { partnerDisplayName } from "~/domain/party-labels";
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
      id: true, reference: true, title: true, kind: true, status: true, version: true, confidentiality: true, details: true,
      signatureDate: true, startDate: true, endDate: true, archivedAt: true, needsBoardApproval: true,
      approvals: { select: { body: true } },
      parties: {
        select: {
          id: true, role: true, gdprRole: true, signatureStatus: true, signedAt: true, unitId: true, partnerId: true,
          unit: { select: { name: true } }, partner: { select: { name: true, acronym: true } },
        },
      },
      linksFrom: { select: { type: true, to: { select: { id: true, reference: true, status: true } } } },
    },
  });
  if (!a) throw notFound("No agreement has this id.");
  return a;
}

type State = Awaited<ReturnType<typeof loadState>>;

const partyName = (p: State["parties"][number]) => (p.unit ? p.unit.name : p.partner ? partnerDisplayName(p.partner) : "a party");

/** The stored agreement as the readiness rules read it (app/domain/agreement-readiness.ts). */
export function readinessOf(a: Pick<State, "kind" | "startDate" | "endDate" | "details" | "parties" | "linksFrom">): ReadinessValues {
  return {
    kind: a.kind,
    startDate: a.startDate ? toDay(a.startDate) : null,
    endDate: a.endDate ? toDay(a.endDate) : null,
    frameworkId: a.linksFrom.find((l) => l.type === "IMPLEMENTS")?.to.id ?? null,
    amendsRef: a.linksFrom.find((l) => l.type === "AMENDS")?.to.reference ?? null,
    details: readDetails(a.details),
    parties: a.parties.map((p) => ({
      ref: p.unitId ? `unit:${p.unitId}` : `partner:${p.partnerId}`, role: p.role, gdprRole: p.gdprRole, name: partyName(p),
    })),
  };
}

function assertVersion(a: { version: number }, version: number) {
  if (a.version !== version) {
    throw versionConflict("Someone else changed this agreement meanwhile: reload the page to see it, then try again.");
  }
}

/**
 * Records a move: the agreement's new status (one version), a status change
 * per step of `path` with the same date and comment, and one audit row.
 */
async function writeSteps(
  tx: Tx,
  actor: Actor,
  a: Pick<State, "id" | "reference" | "status" | "confidentiality">,
  path: string[],
  effectiveOn: Date,
  comment: string,
  extra: { signatureDate?: Date; signatures?: string[] } = {},
) {
  const to = path[path.length - 1]!;
  await tx.agreement.update({
    where: { id: a.id },
    data: { status: to, ...(extra.signatureDate ? { signatureDate: extra.signatureDate } : {}), version: { increment: 1 } },
  });
  let from = a.status;
  for (const step of path) {
    await tx.statusChange.create({ data: { agreementId: a.id, fromStatus: from, toStatus: step, effectiveOn, comment } });
    from = step;
  }
  const steps = [a.status, ...path].map((st) => AGREEMENT_STATUSES.label(st)).join(" → ");
  await recordAudit(tx, actor, {
    entity: "Agreement", entityId: a.id, action: "STATUS_CHANGE", agreementId: a.id,
    restricted: isRestricted(a),
    summary: `${a.reference}: ${steps}${comment ? ` (${comment})` : ""}`,
    before: { status: a.status },
    after: {
      status: to, effectiveOn: toDay(effectiveOn),
      ...(path.length > 1 ? { steps: path.map((st) => AGREEMENT_STATUSES.label(st)).join(" → ") } : {}),
      ...(extra.signatureDate ? { signatureDate: toDay(extra.signatureDate) } : {}),
      ...(extra.signatures?.length ? { signaturesRecorded: extra.signatures.join("; ") } : {}),
    },
  });
}

/** A move as the route passes it: the schema's value, signatures and confirmation optional. */
export type MoveRequest = Omit<TransitionValue, "signatures" | "confirmUnsigned"> & Partial<Pick<TransitionValue, "signatures" | "confirmUnsigned">>;

/**
 * Activation: the signatures recorded in the same step (each a party of
 * this agreement not signed yet, dated no later than today), and a refusal
 * while parties remain unsigned unless the person confirmed it.
 */
async function recordSignatures(tx: Tx, a: State, value: MoveRequest, today: Date) {
  const recorded: string[] = [];
  const signedNow = new Set<string>();
  for (const [i, s] of (value.signatures ?? []).entries()) {
    if (!s.signed) continue;
    const party = a.parties.find((p) => p.id === s.partyId);
    if (!party) throw ruleBroken(`signatures[${i}].signed`, "This party is no longer on the agreement; reload the page.");
    const signedAt = parseDay(s.signedAt);
    if (!signedAt) throw ruleBroken(`signatures[${i}].signedAt`, "Enter when this party signed");
    if (signedAt > today) throw ruleBroken(`signatures[${i}].signedAt`, "A signature cannot be dated in the future.");
    if (party.signatureStatus === "SIGNED") continue;
    await tx.agreementParty.update({ where: { id: party.id }, data: { signatureStatus: "SIGNED", signedAt } });
    signedNow.add(party.id);
    recorded.push(`${partyName(party)} signed ${toDay(signedAt)}`);
  }
  const unsigned = a.parties.filter((p) => p.signatureStatus !== "SIGNED" && !signedNow.has(p.id)).map(partyName);
  if (unsigned.length && !value.confirmUnsigned) {
    const who = unsigned.length === 1 ? `${unsigned[0]} has not signed` : `${unsigned.join(", ")} have not signed`;
    throw ruleBroken("confirmUnsigned", `${who}: record the signature above, or confirm activating without it.`);
  }
  return recorded;
}

/**
 * Moves an agreement to `to` along a path the lifecycle allows (several
 * steps forward at once, each recorded). Anything reaching Awaiting
 * signature or Active needs what app/domain/agreement-readiness.ts lists.
 * Activating a renewal supersedes the agreement it renews.
 */
export async function moveAgreement(actor: Actor, id: string, value: MoveRequest, today = utcToday()) {
  return prisma.$transaction(async (tx) => {
    const a = await loadState(tx, id);
    assertVersion(a, value.version);
    if (a.archivedAt) throw refused("This agreement is archived: restore it first.");
    const path = pathTo(a.status, value.to);
    if (!path) {
      throw refused(`An agreement cannot move from ${AGREEMENT_STATUSES.label(a.status)} to ${AGREEMENT_STATUSES.label(value.to)}.`);
    }
    // Every step of the path counts: Draft -> Active passes through Awaiting signature.
    const waiting = path.map((step) => approvalBlocks(a, a.approvals, step)).find(Boolean);
    if (waiting) throw refused(waiting);
    const effectiveOn = parseDay(value.effectiveOn)!;
    if (effectiveOn > today) throw ruleBroken("effectiveOn", "A status change cannot be dated in the future.");
    if (path.some((step) => STRICT_TARGETS.includes(step))) {
      const gaps = missingBeforeSignature(readinessOf(a));
      if (gaps.length) {
        throw refused(`${describeGaps(gaps)}: ${gaps.map((g) => g.message).join("; ")}. Edit the agreement to complete it first.`);
      }
    }
    let extra: { signatureDate?: Date; signatures?: string[] } = {};
    if (value.to === "ACTIVE") {
      const signatureDate = parseDay(value.signatureDate);
      if (!signatureDate) throw ruleBroken("signatureDate", "Activation needs the signature date.");
      if (signatureDate > today) throw ruleBroken("signatureDate", "The signature date cannot be in the future.");
      if (a.endDate && signatureDate > a.endDate) throw ruleBroken("signatureDate", "The signature date is after the end date.");
      extra = { signatureDate, signatures: await recordSignatures(tx, a, value, today) };
    }
    await writeSteps(tx, actor, a, path, effectiveOn, value.comment, extra);

    if (value.to === "ACTIVE") {
      for (const { type, to: original } of a.linksFrom) {
        if (type === "RENEWS" && canMove(original.status, "SUPERSEDED")) {
          await writeSteps(tx, actor, { ...original, confidentiality: a.confidentiality }, ["SUPERSEDED"], effectiveOn, `Superseded by renewal ${a.reference}`);
        }
      }
    }
    return { reference: a.reference, path };
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

/**
 * Dealing with an agreement's own deadline (a notice given, a renewal
 * agreed, an agreement left to renew, signatures chased): recorded against
 * the deadline's key, so it leaves the lists, feeds and reminders, with an
 * audit row in the same transaction. Undoing it puts the deadline back.
 */
import { isHiddenFrom, isRestricted, type Reader } from "~/domain/confidentiality";
import { formatDay, parseDay } from "~/domain/dates";
import { agreementDeadlines, OUTCOMES_FOR, RESOLUTION_OUTCOMES, type AgreementDeadlineKind, type ResolutionOutcome } from "~/domain/deadlines";
import { forbidden, notFound, refused, ruleBroken } from "~/domain/errors";
import { prisma } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";

/** The agreement's deadline with this key, as it stands today; refused when there is none (any more). */
async function currentDeadline(agreementId: string, key: string, today: Date, reader: Reader) {
  const a = await prisma.agreement.findUnique({
    where: { id: agreementId },
    select: {
      id: true, reference: true, confidentiality: true, status: true, startDate: true, endDate: true, archivedAt: true,
      renewalType: true, noticePeriodDays: true, noticePeriodMonths: true, renewalTermMonths: true,
      statusChanges: { where: { toStatus: "AWAITING_SIGNATURE" }, select: { effectiveOn: true }, orderBy: { effectiveOn: "desc" }, take: 1 },
    },
  });
  if (!a) throw notFound("No agreement has this id.");
  if (isHiddenFrom(reader, a)) throw forbidden("This agreement is restricted.");
  const deadline = agreementDeadlines({ ...a, awaitingSince: a.statusChanges[0]?.effectiveOn ?? null }, today).find((d) => d.key === key);
  if (!deadline) throw refused("This deadline no longer applies (the agreement's dates or status changed): reload the page.");
  return { a, deadline };
}

export async function resolveDeadline(
  actor: Actor & { email: string; role: Reader["role"] },
  input: { agreementId: string; key: string; outcome: ResolutionOutcome; resolvedOn: string; note?: string },
  today: Date,
) {
  const { a, deadline } = await currentDeadline(input.agreementId, input.key, today, actor);
  if (!OUTCOMES_FOR[deadline.kind as AgreementDeadlineKind].includes(input.outcome)) throw ruleBroken("outcome", "Choose what happened");
  const resolvedOn = parseDay(input.resolvedOn);
  if (!resolvedOn || resolvedOn > today) throw ruleBroken("resolvedOn", "Enter the day it was done (not in the future)");
  return prisma.$transaction(async (tx) => {
    if (await tx.deadlineResolution.findUnique({ where: { deadlineKey: input.key }, select: { id: true } })) {
      throw refused("Someone already recorded this deadline as dealt with.");
    }
    const created = await tx.deadlineResolution.create({
      data: { deadlineKey: input.key, agreementId: a.id, outcome: input.outcome, resolvedOn, note: input.note ?? "", byEmail: actor.email },
    });
    await recordAudit(tx, actor, {
      entity: "DeadlineResolution", entityId: created.id, action: "CREATE", agreementId: a.id, restricted: isRestricted(a),
      summary: `${a.reference}: ${deadline.sentence.split(/:| or /)[0]} — ${RESOLUTION_OUTCOMES.label(input.outcome).toLowerCase()} on ${formatDay(resolvedOn)}`,
      after: { deadline: input.key, outcome: input.outcome, resolvedOn: input.resolvedOn, note: input.note ?? "" },
    });
    return created;
  });
}

export async function undoResolution(actor: Actor & { role: Reader["role"] }, resolutionId: string) {
  return prisma.$transaction(async (tx) => {
    const r = await tx.deadlineResolution.findUnique({ where: { id: resolutionId }, include: { agreement: { select: { reference: true, confidentiality: true } } } });
    if (!r) throw notFound("This record no longer exists.");
    if (isHiddenFrom(actor, r.agreement)) throw forbidden("This agreement is restricted.");
    await tx.deadlineResolution.delete({ where: { id: r.id } });
    await recordAudit(tx, actor, {
      entity: "DeadlineResolution", entityId: r.id, action: "DELETE", agreementId: r.agreementId, restricted: isRestricted(r.agreement),
      summary: `${r.agreement.reference}: undid “${RESOLUTION_OUTCOMES.label(r.outcome)}” on the deadline ${r.deadlineKey.split(":")[2]}`,
      before: { deadline: r.deadlineKey, outcome: r.outcome, note: r.note },
    });
  });
}

/** An agreement's resolved deadlines, for its page. */
export function resolutionsOf(agreementId: string) {
  return prisma.deadlineResolution.findMany({ where: { agreementId }, orderBy: { resolvedOn: "desc" } });
}

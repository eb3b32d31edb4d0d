/**
 * Recording obligations on an agreement and moving them along: create,
 * edit (optimistic concurrency on `version`), complete an occurrence (a
 * recurring obligation moves on to the next one; the last one closes it),
 * waive with a reason, reopen, delete. Each change writes one audit row in
 * its transaction, marked restricted when its agreement is. The derived
 * next due date is kept in step.
 */
import { isRestricted, mayReadRestricted } from "~/domain/confidentiality";
import { formatDay, parseDay, toDay } from "~/domain/dates";
import { notFound, refused, ruleBroken, versionConflict } from "~/domain/errors";
import { describeSchedule, nextOccurrence, OBLIGATION_KINDS, type ObligationInput } from "~/domain/obligations";
import type { Role } from "~/domain/permissions";
import { prisma, type Tx } from "~/utils/db.server";
import { changedFields, recordAudit, type Actor } from "./audit.server";

const CONFLICT = "This obligation was changed by someone else meanwhile";

async function loadAgreement(tx: Tx, agreementId: string) {
  const a = await tx.agreement.findUnique({
    where: { id: agreementId },
    select: {
      id: true, reference: true, confidentiality: true, startDate: true, endDate: true, archivedAt: true,
      parties: { select: { unitId: true, partnerId: true } },
    },
  });
  if (!a) throw notFound("No agreement has this id.");
  if (a.archivedAt) throw refused("This agreement is archived: restore it before changing its obligations.");
  return a;
}
type AgreementState = Awaited<ReturnType<typeof loadAgreement>>;

async function loadObligation(tx: Tx, agreementId: string, obligationId: string) {
  const o = await tx.obligation.findFirst({ where: { id: obligationId, agreementId } });
  if (!o) throw notFound("This obligation no longer exists.");
  return o;
}
type ObligationRecord = Awaited<ReturnType<typeof loadObligation>>;

/** The columns the form sets, checked against the agreement: its parties, its dates, people who may read it. */
async function columnsFor(tx: Tx, a: AgreementState, v: ObligationInput) {
  const [side, id] = v.party ? v.party.split(":") : [];
  const unitId = side === "unit" ? id! : null;
  const partnerId = side === "partner" ? id! : null;
  if ((unitId && !a.parties.some((p) => p.unitId === unitId)) || (partnerId && !a.parties.some((p) => p.partnerId === partnerId))) {
    throw ruleBroken("party", "Choose one of this agreement's parties");
  }
  if (v.responsibleId) {
    const person = await tx.user.findFirst({ where: { id: v.responsibleId, active: true }, select: { name: true, role: true } });
    if (!person) throw ruleBroken("responsibleId", "This account no longer exists or was deactivated; choose someone else");
    if (isRestricted(a) && !mayReadRestricted({ role: person.role as Role })) {
      throw ruleBroken("responsibleId", `${person.name} cannot read restricted agreements: choose someone from the legal office or an admin`);
    }
  }
  if (v.schedule === "EVERY_MONTHS" && !a.startDate) throw ruleBroken("schedule", "The agreement has no start date to count the months from");
  if (v.schedule === "BEFORE_END" && !a.endDate) throw ruleBroken("schedule", "The agreement has no end date to count back from");
  return {
    kind: v.kind,
    title: v.title,
    schedule: v.schedule,
    dueDate: v.schedule === "DATE" ? parseDay(v.dueDate) ?? null : null,
    intervalMonths: v.schedule === "EVERY_MONTHS" ? v.intervalMonths ?? null : null,
    daysBeforeEnd: v.schedule === "BEFORE_END" ? v.daysBeforeEnd ?? null : null,
    responsibleId: v.responsibleId || null,
    unitId,
    partnerId,
    notes: v.notes ?? "",
  };
}

/** What a person reads of an obligation, for the audit trail and the conflict panel. */
export function obligationSnapshot(o: Pick<ObligationRecord, "kind" | "title" | "schedule" | "dueDate" | "intervalMonths" | "daysBeforeEnd" | "responsibleId" | "unitId" | "partnerId" | "notes" | "status">) {
  return {
    kind: OBLIGATION_KINDS.label(o.kind),
    title: o.title,
    schedule: describeSchedule(o),
    responsible: o.responsibleId ?? "",
    party: o.unitId ? `unit:${o.unitId}` : o.partnerId ? `partner:${o.partnerId}` : "",
    notes: o.notes,
    status: o.status,
  };
}

/** The snapshot the submitted form would save: "your version" beside a conflict. */
export function inputSnapshot(v: ObligationInput) {
  const [side, id] = v.party ? v.party.split(":") : [];
  return obligationSnapshot({
    kind: v.kind, title: v.title, schedule: v.schedule, dueDate: parseDay(v.dueDate) ?? null, intervalMonths: v.intervalMonths ?? null,
    daysBeforeEnd: v.daysBeforeEnd ?? null, responsibleId: v.responsibleId || null, unitId: side === "unit" ? id! : null,
    partnerId: side === "partner" ? id! : null, notes: v.notes ?? "", status: "OPEN",
  });
}

export const OBLIGATION_FIELD_LABELS: Record<keyof ReturnType<typeof obligationSnapshot>, string> = {
  kind: "Kind", title: "Title", schedule: "Due", responsible: "Responsible", party: "Party concerned", notes: "Notes", status: "Status",
};

function audit(tx: Tx, actor: Actor, a: AgreementState, o: { id: string }, event: { action: "CREATE" | "UPDATE" | "DELETE" | "COMPLETE" | "WAIVE" | "REOPEN"; summary: string; before?: Record<string, unknown>; after?: Record<string, unknown> }) {
  return recordAudit(tx, actor, { entity: "Obligation", entityId: o.id, agreementId: a.id, restricted: isRestricted(a), ...event });
}

export async function createObligation(actor: Actor, agreementId: string, value: ObligationInput) {
  return prisma.$transaction(async (tx) => {
    const a = await loadAgreement(tx, agreementId);
    const columns = await columnsFor(tx, a, value);
    const nextDueDate = nextOccurrence({ ...columns, status: "OPEN" }, a);
    const created = await tx.obligation.create({ data: { ...columns, agreementId, nextDueDate } });
    await audit(tx, actor, a, created, {
      action: "CREATE", summary: `${a.reference}: obligation “${created.title}” (${describeSchedule(created).toLowerCase()})`,
      after: obligationSnapshot(created),
    });
    return created;
  });
}

export async function updateObligation(actor: Actor, agreementId: string, obligationId: string, version: number, value: ObligationInput) {
  return prisma.$transaction(async (tx) => {
    const a = await loadAgreement(tx, agreementId);
    const current = await loadObligation(tx, agreementId, obligationId);
    if (current.version !== version) throw versionConflict(CONFLICT, obligationSnapshot(current), current.version);
    const columns = await columnsFor(tx, a, value);
    const nextDueDate = nextOccurrence({ ...columns, status: current.status, completedThrough: current.completedThrough }, a);
    const updated = await tx.obligation.updateMany({ where: { id: obligationId, version }, data: { ...columns, nextDueDate, version: { increment: 1 } } });
    if (updated.count !== 1) throw versionConflict(CONFLICT, obligationSnapshot(current), current.version);
    const after = await loadObligation(tx, agreementId, obligationId);
    const diff = changedFields(obligationSnapshot(current), obligationSnapshot(after));
    if (Object.keys(diff.after).length) {
      await audit(tx, actor, a, after, { action: "UPDATE", summary: `${a.reference}: edited obligation “${after.title}”: ${Object.keys(diff.after).join(", ")}`, ...diff });
    }
    return after;
  });
}

async function guardedChange(tx: Tx, agreementId: string, obligationId: string, version: number) {
  const a = await loadAgreement(tx, agreementId);
  const o = await loadObligation(tx, agreementId, obligationId);
  if (o.version !== version) throw versionConflict(`${CONFLICT}: reload the page to see it, then try again.`, obligationSnapshot(o), o.version);
  return { a, o };
}

/**
 * Marks the open occurrence done on `doneOn`. A recurring obligation moves
 * on to its next occurrence; with none left (or for a one-off) it is done.
 */
export async function completeObligation(actor: Actor & { email: string }, agreementId: string, obligationId: string, input: { version: number; doneOn: string; note?: string }, today: Date) {
  return prisma.$transaction(async (tx) => {
    const { a, o } = await guardedChange(tx, agreementId, obligationId, input.version);
    if (o.status !== "OPEN") throw refused(`This obligation is already ${o.status.toLowerCase()}.`);
    const doneOn = parseDay(input.doneOn)!;
    if (doneOn > today) throw ruleBroken("doneOn", "It cannot be done in the future: enter the day it was done");
    const occurrence = o.nextDueDate;
    const completedThrough = occurrence ?? doneOn;
    const next = nextOccurrence({ ...o, completedThrough }, a);
    const finished = o.schedule !== "EVERY_MONTHS" || !next;
    await tx.obligation.update({
      where: { id: o.id },
      data: {
        completedThrough, nextDueDate: finished ? null : next, version: { increment: 1 },
        ...(finished ? { status: "DONE", doneOn, doneNote: input.note ?? "" } : {}),
      },
    });
    await tx.obligationCompletion.create({ data: { obligationId: o.id, dueDate: occurrence, doneOn, note: input.note ?? "", byEmail: actor.email } });
    await audit(tx, actor, a, o, {
      action: "COMPLETE",
      summary: `${a.reference}: “${o.title}”${occurrence ? ` due ${formatDay(occurrence)}` : ""} done on ${formatDay(doneOn)}${finished ? "" : `; next due ${formatDay(next)}`}`,
      before: { status: o.status, nextDueDate: occurrence && toDay(occurrence) },
      after: { status: finished ? "DONE" : "OPEN", doneOn: toDay(doneOn), note: input.note ?? "", nextDueDate: finished ? null : next && toDay(next) },
    });
    return { finished, next };
  });
}

export async function waiveObligation(actor: Actor, agreementId: string, obligationId: string, input: { version: number; reason: string }) {
  return prisma.$transaction(async (tx) => {
    const { a, o } = await guardedChange(tx, agreementId, obligationId, input.version);
    if (o.status !== "OPEN") throw refused(`This obligation is already ${o.status.toLowerCase()}.`);
    await tx.obligation.update({ where: { id: o.id }, data: { status: "WAIVED", waivedReason: input.reason, nextDueDate: null, version: { increment: 1 } } });
    await audit(tx, actor, a, o, {
      action: "WAIVE", summary: `${a.reference}: “${o.title}” waived (${input.reason})`,
      before: { status: o.status }, after: { status: "WAIVED", reason: input.reason },
    });
  });
}

/** Opens a done or waived obligation again (a mistake, or a report sent back): its next occurrence is due again. */
export async function reopenObligation(actor: Actor, agreementId: string, obligationId: string, input: { version: number }) {
  return prisma.$transaction(async (tx) => {
    const { a, o } = await guardedChange(tx, agreementId, obligationId, input.version);
    if (o.status === "OPEN") throw refused("This obligation is already open.");
    // Done: the last completion is undone (a recurring obligation goes back one occurrence). Waived: it carries on.
    let completedThrough = o.completedThrough;
    if (o.status === "DONE") {
      const recent = await tx.obligationCompletion.findMany({ where: { obligationId: o.id }, orderBy: { createdAt: "desc" }, take: 2, select: { dueDate: true } });
      completedThrough = o.schedule === "EVERY_MONTHS" ? recent[1]?.dueDate ?? null : null;
    }
    const nextDueDate = nextOccurrence({ ...o, status: "OPEN", completedThrough }, a);
    await tx.obligation.update({
      where: { id: o.id },
      data: { status: "OPEN", completedThrough, nextDueDate, doneOn: null, doneNote: "", waivedReason: "", version: { increment: 1 } },
    });
    await audit(tx, actor, a, o, {
      action: "REOPEN", summary: `${a.reference}: “${o.title}” reopened`,
      before: { status: o.status }, after: { status: "OPEN", nextDueDate: nextDueDate && toDay(nextDueDate) },
    });
  });
}

export async function deleteObligation(actor: Actor, agreementId: string, obligationId: string, version: number) {
  return prisma.$transaction(async (tx) => {
    const { a, o } = await guardedChange(tx, agreementId, obligationId, version);
    await tx.obligation.delete({ where: { id: o.id } });
    await audit(tx, actor, a, o, { action: "DELETE", summary: `${a.reference}: obligation “${o.title}” deleted`, before: obligationSnapshot(o) });
  });
}

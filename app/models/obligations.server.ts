/**
 * Reading obligations: an agreement's obligations for its page (open first,
 * with their next due date and history), one obligation for its edit page,
 * and the choices the obligation form offers (the agreement's parties,
 * people who may be responsible). Callers have already checked that the
 * reader may open the agreement.
 */
import { mayReadRestricted } from "~/domain/confidentiality";
import { toDay } from "~/domain/dates";
import { describeSchedule } from "~/domain/obligations";
import type { Role } from "~/domain/permissions";
import { partnerDisplayName } from "~/domain/party-labels";
import { prisma } from "~/utils/db.server";

const listSelect = {
  id: true, kind: true, title: true, schedule: true, dueDate: true, intervalMonths: true, daysBeforeEnd: true,
  status: true, nextDueDate: true, doneOn: true, doneNote: true, waivedReason: true, notes: true, version: true,
  responsible: { select: { id: true, name: true } },
  unit: { select: { id: true, name: true } },
  partner: { select: { id: true, name: true, acronym: true } },
  completions: { select: { id: true, dueDate: true, doneOn: true, note: true, byEmail: true }, orderBy: { doneOn: "desc" as const }, take: 5 },
} as const;

/** An agreement's obligations: open ones by next due date, then done and waived ones. */
export async function agreementObligations(agreementId: string) {
  const rows = await prisma.obligation.findMany({ where: { agreementId }, select: listSelect, orderBy: [{ nextDueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] });
  const order = { OPEN: 0, DONE: 1, WAIVED: 2 } as Record<string, number>;
  return rows
    .sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3))
    .map((o) => ({
      ...o,
      scheduleText: describeSchedule(o),
      party: o.partner ? partnerDisplayName(o.partner) : o.unit?.name ?? "",
    }));
}

export async function getObligation(agreementId: string, obligationId: string) {
  return prisma.obligation.findFirst({ where: { id: obligationId, agreementId }, select: { ...listSelect, unitId: true, partnerId: true, responsibleId: true } });
}

/** The obligation's stored values as the form's starting values (conform reads strings). */
export function obligationFormValues(o: NonNullable<Awaited<ReturnType<typeof getObligation>>>) {
  return {
    version: o.version,
    kind: o.kind,
    title: o.title,
    schedule: o.schedule,
    dueDate: o.dueDate ? toDay(o.dueDate) : undefined,
    intervalMonths: o.intervalMonths ?? undefined,
    daysBeforeEnd: o.daysBeforeEnd ?? undefined,
    responsibleId: o.responsibleId ?? undefined,
    party: o.unitId ? `unit:${o.unitId}` : o.partnerId ? `partner:${o.partnerId}` : undefined,
    notes: o.notes,
  };
}

/** The agreement as the obligation pages show it, and the form's choices. */
export async function obligationContext(agreementId: string) {
  const agreement = await prisma.agreement.findUnique({
    where: { id: agreementId },
    select: {
      id: true, reference: true, title: true, confidentiality: true, startDate: true, endDate: true, archivedAt: true, kind: true,
      owner: { select: { id: true, name: true } },
      parties: { select: { unit: { select: { id: true, name: true } }, partner: { select: { id: true, name: true, acronym: true } } }, orderBy: [{ unitId: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] },
    },
  });
  if (!agreement) return null;
  const people = await prisma.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true, role: true }, orderBy: { name: "asc" } });
  const restricted = agreement.confidentiality === "RESTRICTED";
  const { parties, ...rest } = agreement;
  return {
    agreement: { ...rest, startDate: rest.startDate && toDay(rest.startDate), endDate: rest.endDate && toDay(rest.endDate) },
    parties: parties.map((p) => (p.unit ? { value: `unit:${p.unit.id}`, label: `${p.unit.name} (HT)` } : { value: `partner:${p.partner!.id}`, label: partnerDisplayName(p.partner!) })),
    people: people
      .filter((p) => !restricted || mayReadRestricted({ role: p.role as Role }))
      .map((p) => ({ value: p.id, label: `${p.name} (${p.email})` })),
  };
}
export type ObligationContext = NonNullable<Awaited<ReturnType<typeof obligationContext>>>;

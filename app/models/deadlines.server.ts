/**
 * Deadlines as pages, exports, feeds and reminders read them: every
 * deadline in a window of days (notice and renewal decisions, ends of term,
 * signature chases, obligations), filtered by kind, HT unit, partner and
 * person, minus those already dealt with, sorted by date. The dates come
 * from app/domain/deadlines.ts (through the derived columns it keeps:
 * Agreement.noticeDeadline, Obligation.nextDueDate). Restricted agreements
 * are left out for readers who may not read them; they only learn how many.
 */
import type { Prisma } from "~/generated/prisma/client";
import { isRestricted, readableWhere, type Reader } from "~/domain/confidentiality";
import { addDaysUtc } from "~/domain/dates";
import {
  agreementDeadlines, compareDeadlines, daysLeft, deadlineState, type DeadlineCore, type DeadlineState,
} from "~/domain/deadlines";
import { describeSchedule, obligationDeadline, OBLIGATION_KINDS } from "~/domain/obligations";
import { prisma } from "~/utils/db.server";

export interface DeadlineQuery {
  /** First and last day, both included; no `from`: everything still open before `to` (overdue included). */
  from?: Date;
  to: Date;
  /** NOTICE, RENEWAL, END, SIGNATURE or obligation kinds; empty: all. */
  kinds?: string[];
  /** A unit includes its groups' agreements. */
  unitId?: string;
  partnerId?: string;
  agreementId?: string;
  /** Only the deadlines this person is responsible for. */
  responsibleId?: string;
  /** Only those this person is responsible for or watches (the agreement, or one of its units). */
  followerId?: string;
}

export interface DeadlineRow extends DeadlineCore {
  state: DeadlineState;
  daysLeft: number;
  agreement: { id: string; reference: string; title: string; kind: string; partnersLabel: string; unitsLabel: string; confidentiality: string };
  obligation: { id: string; title: string; schedule: string; version: number; party: string } | null;
  responsible: { id: string; name: string; email: string } | null;
}

const agreementDisplay = {
  id: true, reference: true, title: true, kind: true, partnersLabel: true, unitsLabel: true, confidentiality: true,
  status: true, startDate: true, endDate: true, renewalType: true, noticePeriodDays: true, noticePeriodMonths: true, renewalTermMonths: true,
  archivedAt: true, owner: { select: { id: true, name: true, email: true } },
} satisfies Prisma.AgreementSelect;

type AgreementRecord = Prisma.AgreementGetPayload<{ select: typeof agreementDisplay }>;

const wants = (q: DeadlineQuery, kind: string) => !q.kinds?.length || q.kinds.includes(kind);
const inRange = (q: DeadlineQuery, date: Date) => (!q.from || date >= q.from) && date <= q.to;

/** Agreements a person watches, directly or through one of their HT units (a centre's watchers follow its groups too). */
function watchedWhere(userId: string): Prisma.AgreementWhereInput {
  const watched = { watches: { some: { userId } } };
  return { OR: [watched, { parties: { some: { unit: { OR: [watched, { parent: watched }] } } } }] };
}

/** Agreements a person owns or watches. */
function followedWhere(userId: string): Prisma.AgreementWhereInput {
  return { OR: [{ ownerId: userId }, watchedWhere(userId)] };
}

/** The agreements a query may look at: readable, not archived, in the unit / partner asked for. */
function agreementScope(q: DeadlineQuery, reader: Reader): Prisma.AgreementWhereInput {
  const and: Prisma.AgreementWhereInput[] = [{ archivedAt: null }, readableWhere(reader)];
  if (q.agreementId) and.push({ id: q.agreementId });
  if (q.unitId) and.push({ parties: { some: { OR: [{ unitId: q.unitId }, { unit: { parentId: q.unitId } }] } } });
  if (q.partnerId) and.push({ parties: { some: { partnerId: q.partnerId } } });
  return { AND: and };
}

/** Agreements whose own deadlines (notice, renewal, end, signature chase) may fall in the window. */
async function agreementCandidates(q: DeadlineQuery, reader: Reader, today: Date) {
  const scope = agreementScope(q, reader);
  const person: Prisma.AgreementWhereInput[] = [];
  if (q.responsibleId) person.push({ ownerId: q.responsibleId });
  if (q.followerId) person.push(followedWhere(q.followerId));
  const or: Prisma.AgreementWhereInput[] = [];
  const renewalKinds = ["NOTICE", "RENEWAL"].filter((k) => wants(q, k));
  if (renewalKinds.length) {
    or.push({
      status: "ACTIVE", endDate: { gte: today },
      renewalType: { in: renewalKinds.map((k) => (k === "NOTICE" ? "TACIT" : "EXPRESS")) },
      noticeDeadline: { ...(q.from ? { gte: q.from } : {}), lte: q.to },
    });
  }
  if (wants(q, "END") && q.to >= today) {
    or.push({ status: "ACTIVE", renewalType: { in: ["NONE", "EXPRESS"] }, endDate: { gte: q.from && q.from > today ? q.from : today, lte: q.to } });
  }
  if (wants(q, "SIGNATURE")) or.push({ status: "AWAITING_SIGNATURE" });
  if (!or.length) return [];
  return prisma.agreement.findMany({
    where: { AND: [scope, ...person, { OR: or }] },
    select: {
      ...agreementDisplay,
      statusChanges: { where: { toStatus: "AWAITING_SIGNATURE" }, select: { effectiveOn: true }, orderBy: { effectiveOn: "desc" }, take: 1 },
    },
  });
}

const obligationSelect = {
  id: true, agreementId: true, kind: true, title: true, nextDueDate: true, version: true,
  schedule: true, dueDate: true, intervalMonths: true, daysBeforeEnd: true,
  responsible: { select: { id: true, name: true, email: true } },
  unit: { select: { name: true } }, partner: { select: { name: true, acronym: true } },
  agreement: { select: agreementDisplay },
} satisfies Prisma.ObligationSelect;

async function obligationCandidates(q: DeadlineQuery, reader: Reader) {
  const kinds = OBLIGATION_KINDS.values.filter((k) => wants(q, k));
  if (!kinds.length) return [];
  const and: Prisma.ObligationWhereInput[] = [
    { status: "OPEN", kind: { in: kinds }, nextDueDate: { ...(q.from ? { gte: q.from } : {}), lte: q.to } },
    { agreement: agreementScope(q, reader) },
  ];
  if (q.responsibleId) {
    and.push({ OR: [{ responsibleId: q.responsibleId }, { responsibleId: null, agreement: { ownerId: q.responsibleId } }] });
  }
  if (q.followerId) {
    and.push({ OR: [{ responsibleId: q.followerId }, { responsibleId: null, agreement: { ownerId: q.followerId } }, { agreement: watchedWhere(q.followerId) }] });
  }
  return prisma.obligation.findMany({ where: { AND: and }, select: obligationSelect });
}

function agreementPart(a: AgreementRecord): DeadlineRow["agreement"] {
  return { id: a.id, reference: a.reference, title: a.title, kind: a.kind, partnersLabel: a.partnersLabel, unitsLabel: a.unitsLabel, confidentiality: a.confidentiality };
}

function toRow(core: DeadlineCore, today: Date, rest: Pick<DeadlineRow, "agreement" | "obligation" | "responsible">): DeadlineRow {
  return { ...core, ...rest, state: deadlineState(core.date, today), daysLeft: daysLeft(core.date, today) };
}

/** Every open deadline of the query, sorted by date (tacit notices first on a day), resolved ones left out. */
export async function findDeadlines(q: DeadlineQuery, reader: Reader, today: Date): Promise<DeadlineRow[]> {
  const [agreements, obligations] = await Promise.all([agreementCandidates(q, reader, today), obligationCandidates(q, reader)]);
  const rows: DeadlineRow[] = [];
  for (const a of agreements) {
    const cores = agreementDeadlines({ ...a, awaitingSince: a.statusChanges[0]?.effectiveOn ?? null }, today);
    for (const core of cores) {
      if (!wants(q, core.kind) || !inRange(q, core.date)) continue;
      rows.push(toRow(core, today, { agreement: agreementPart(a), obligation: null, responsible: a.owner }));
    }
  }
  for (const o of obligations) {
    const core = obligationDeadline(o);
    if (!core) continue;
    const party = o.partner ? (o.partner.acronym ?? o.partner.name) : (o.unit?.name ?? "");
    rows.push(toRow(core, today, {
      agreement: agreementPart(o.agreement),
      obligation: { id: o.id, title: o.title, schedule: describeSchedule(o), version: o.version, party },
      responsible: o.responsible ?? o.agreement.owner,
    }));
  }
  const resolved = await resolvedKeys(rows.filter((r) => r.source === "agreement").map((r) => r.key));
  return rows.filter((r) => !resolved.has(r.key)).sort((a, b) => compareDeadlines({ ...a, reference: a.agreement.reference }, { ...b, reference: b.agreement.reference }));
}

async function resolvedKeys(keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const batch = await prisma.deadlineResolution.findMany({ where: { deadlineKey: { in: keys.slice(i, i + 500) } }, select: { deadlineKey: true } });
    for (const r of batch) found.add(r.deadlineKey);
  }
  return found;
}

/**
 * How many deadlines of restricted agreements the query would show a reader
 * who may read them: all a reader without the permission learns of them.
 */
export async function hiddenDeadlineCount(q: DeadlineQuery, reader: Reader, today: Date): Promise<number> {
  if (Object.keys(readableWhere(reader)).length === 0) return 0;
  const all = await findDeadlines(q, { role: "EDITOR" }, today);
  return all.filter((r) => isRestricted(r.agreement)).length;
}

export interface DeadlineSummary {
  total: number;
  overdue: number;
  due: number;
  notices: number;
}

export function summarizeDeadlines(rows: DeadlineRow[]): DeadlineSummary {
  return {
    total: rows.length,
    overdue: rows.filter((r) => r.state === "OVERDUE").length,
    due: rows.filter((r) => r.state === "DUE").length,
    notices: rows.filter((r) => r.kind === "NOTICE").length,
  };
}

/** Open deadlines dated before today: what the overdue banner counts. */
export function overdueQuery(base: Omit<DeadlineQuery, "from" | "to">, today: Date): DeadlineQuery {
  return { ...base, to: addDaysUtc(today, -1) };
}

/**
 * Deadlines as pages, exports, feeds and reminders read them: every
 * deadline in a window of days (notice and renewal decisions, ends of term,
 * signature chases, obligations), filtered by kind, HT unit, partner and
 * person, minus those already dealt with, sorted by date. The dates come
 * from app/domain/deadlines.ts (through the derived columns it keeps:
 * Agreement.noticeDeadline, Obligation.nextDueDate). Restricted agreements
 * are left out for readers who may not read them; they only learn how many.
 */
import { Prisma } from "~/generated/prisma/client";
import { readableWhere, type Reader } from "~/domain/confidentiality";
import { addDaysUtc } from "~/domain/dates";
import {
  agreementDeadlines, compareDeadlines, type AgreementDeadlineInput, daysLeft, deadlineState, DUE_SOON_DAYS, SIGNATURE_CHASE_DAYS, type DeadlineCore, type DeadlineState,
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


const wants = (q: DeadlineQuery, kind: string) => !q.kinds?.length || q.kinds.includes(kind);
const inRange = (q: DeadlineQuery, date: Date) => (!q.from || date >= q.from) && date <= q.to;



function toRow(core: DeadlineCore, today: Date, rest: Pick<DeadlineRow, "agreement" | "obligation" | "responsible">): DeadlineRow {
  return { ...core, ...rest, state: deadlineState(core.date, today), daysLeft: daysLeft(core.date, today) };
}

/** Which of `keys` have been dealt with: one query, the keys passed as one JSON parameter (no limit on bound values, no per-batch cost). */
async function resolvedKeys(keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await prisma.$queryRaw<{ deadlineKey: string }[]>`
    SELECT r."deadlineKey" FROM "DeadlineResolution" r WHERE r."deadlineKey" IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`;
  return new Set(rows.map((r) => r.deadlineKey));
}

/** The agreements a query may look at, in `scope`: readable by the reader, or only the restricted ones (for counting what is hidden). */
type Scope = Reader | "restricted-only";

/** A deadline before its display fields: enough to sort, count, page and pick recipients. */
export interface DeadlineStub extends DeadlineCore {
  responsibleId: string | null;
  ownerId: string | null;
  confidentiality: string;
}

/** The person of a query as SQL on alias `a`: the agreements they own, or own or watch. */
function personSql(q: DeadlineQuery): Prisma.Sql[] {
  if (q.responsibleId) return [Prisma.sql`a."ownerId" = ${q.responsibleId}`];
  if (q.followerId) return [Prisma.sql`(a."ownerId" = ${q.followerId} OR ${watchedSql(q.followerId)})`];
  return [];
}

/**
 * Agreements awaiting signature whose chase day (30 days after their latest
 * move into it, `since`) falls in `range`, as one grouped query: the
 * page's chases and the banner's count of overdue ones.
 */
function awaitingSql(q: DeadlineQuery, scope: Scope, range: { from?: Date; to: Date }): Prisma.Sql {
  const parts = [Prisma.sql`a."status" = 'AWAITING_SIGNATURE'`, ...agreementSql(q, scope), ...personSql(q)];
  const having = [Prisma.sql`MAX(s."effectiveOn") <= ${sqlDay(addDaysUtc(range.to, -SIGNATURE_CHASE_DAYS))}`];
  if (range.from) having.push(Prisma.sql`MAX(s."effectiveOn") >= ${sqlDay(addDaysUtc(range.from, -SIGNATURE_CHASE_DAYS))}`);
  return Prisma.sql`
    SELECT a."id", a."ownerId", a."confidentiality", MAX(s."effectiveOn") AS since
    FROM "Agreement" a JOIN "StatusChange" s ON s."agreementId" = a."id" AND s."toStatus" = 'AWAITING_SIGNATURE'
    WHERE ${Prisma.join(parts, " AND ")} GROUP BY a."id" HAVING ${Prisma.join(having, " AND ")}`;
}

async function signatureChases(q: DeadlineQuery, scope: Scope) {
  const rows = await prisma.$queryRaw<{ id: string; ownerId: string | null; confidentiality: string; since: string }[]>`${awaitingSql(q, scope, q)}`;
  return rows.map((r) => ({
    id: r.id, status: "AWAITING_SIGNATURE", renewalType: "NONE", endDate: null, ownerId: r.ownerId, confidentiality: r.confidentiality, awaitingSince: new Date(r.since),
  }));
}

type TermsAndOwner = AgreementDeadlineInput & { ownerId: string | null; confidentiality: string };

/**
 * Active agreements with a notice, renewal decision or end in the window:
 * raw SQL, so that SQLite answers from its noticeDeadline and status+endDate
 * indexes (one MULTI-INDEX OR) and no row goes through the ORM's mapping.
 */
async function agreementsWithTerms(q: DeadlineQuery, scope: Scope, today: Date): Promise<TermsAndOwner[]> {
  const or: Prisma.Sql[] = [];
  const renewalTypes = ["NOTICE", "RENEWAL"].filter((k) => wants(q, k)).map((k) => (k === "NOTICE" ? "TACIT" : "EXPRESS"));
  if (renewalTypes.length) {
    const notice = [Prisma.sql`a."noticeDeadline" <= ${sqlDay(q.to)}`, ...(q.from ? [Prisma.sql`a."noticeDeadline" >= ${sqlDay(q.from)}`] : [])];
    or.push(Prisma.sql`(a."status" = 'ACTIVE' AND a."endDate" >= ${sqlDay(today)} AND a."renewalType" IN (${Prisma.join(renewalTypes)}) AND ${Prisma.join(notice, " AND ")})`);
  }
  if (wants(q, "END") && q.to >= today) {
    const from = q.from && q.from > today ? q.from : today;
    or.push(Prisma.sql`(a."status" = 'ACTIVE' AND a."renewalType" IN ('NONE', 'EXPRESS') AND a."endDate" >= ${sqlDay(from)} AND a."endDate" <= ${sqlDay(q.to)})`);
  }
  if (!or.length) return [];
  const parts = [...agreementSql(q, scope), ...personSql(q), Prisma.sql`(${Prisma.join(or, " OR ")})`];
  return prisma.$queryRaw<TermsAndOwner[]>`
    SELECT a."id", a."status", a."startDate", a."endDate", a."renewalType", a."noticePeriodDays", a."noticePeriodMonths", a."renewalTermMonths",
           a."ownerId", a."confidentiality"
    FROM "Agreement" a WHERE ${Prisma.join(parts, " AND ")}`;
}

/**
 * How many of agreements' own deadlines of the query are overdue and still
 * open, counted by SQLite (every day before today: thousands of rows a page
 * never shows). Only a notice or renewal decision (until the end date) and
 * a signature chase can be overdue; an end date, once passed, is no longer
 * a deadline. Those dealt with are left out by their key, built here as
 * deadlineKey() builds it (kind:agreement:YYYY-MM-DD; dates are UTC days).
 */
async function countOverdueOwn(q: DeadlineQuery, scope: Scope, today: Date): Promise<number> {
  const yesterday = addDaysUtc(today, -1);
  const scoped = [...agreementSql(q, scope), ...personSql(q)];
  const renewalTypes = ["NOTICE", "RENEWAL"].filter((k) => wants(q, k)).map((k) => (k === "NOTICE" ? "TACIT" : "EXPRESS"));
  const dealtWith = (key: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM "DeadlineResolution" r WHERE r."deadlineKey" = ${key})`;
  const counts = await Promise.all([
    renewalTypes.length
      ? prisma.$queryRaw<{ n: number | bigint }[]>`
        SELECT COUNT(*) AS n FROM "Agreement" a
        WHERE ${Prisma.join(scoped, " AND ")} AND a."status" = 'ACTIVE' AND a."renewalType" IN (${Prisma.join(renewalTypes)})
          AND a."endDate" >= ${sqlDay(today)} AND a."noticeDeadline" <= ${sqlDay(yesterday)}
          AND NOT ${dealtWith(Prisma.sql`(CASE a."renewalType" WHEN 'TACIT' THEN 'NOTICE' ELSE 'RENEWAL' END) || ':' || a."id" || ':' || substr(a."noticeDeadline", 1, 10)`)}`
      : [],
    wants(q, "SIGNATURE")
      ? prisma.$queryRaw<{ n: number | bigint }[]>`
        SELECT COUNT(*) AS n FROM (${awaitingSql(q, scope, { to: yesterday })}) c
        WHERE NOT ${dealtWith(Prisma.sql`'SIGNATURE:' || c."id" || ':' || date(substr(c.since, 1, 10), ${`+${SIGNATURE_CHASE_DAYS} days`})`)}`
      : [],
  ]);
  return counts.reduce((sum, rows) => sum + Number(rows[0]?.n ?? 0), 0);
}

/** Agreements' own deadlines (notice, renewal, end, signature chase) in the window, those dealt with left out. */
async function agreementStubs(q: DeadlineQuery, scope: Scope, today: Date): Promise<DeadlineStub[]> {
  const [agreements, chases] = await Promise.all([agreementsWithTerms(q, scope, today), wants(q, "SIGNATURE") ? signatureChases(q, scope) : []]);
  const stubs = [...agreements, ...chases].flatMap((a) =>
    agreementDeadlines(a, today)
      .filter((core) => wants(q, core.kind) && inRange(q, core.date))
      .map((core) => ({ ...core, responsibleId: a.ownerId, ownerId: a.ownerId, confidentiality: a.confidentiality })));
  const resolved = await resolvedKeys(stubs.map((s) => s.key));
  return stubs.filter((s) => !resolved.has(s.key));
}

/** Obligations' deadlines in date order (then id, as compareDeadlines orders them); `take` for a page's worth. */
async function obligationStubs(q: DeadlineQuery, scope: Scope, take?: number): Promise<DeadlineStub[]> {
  const from = obligationSql(q, scope, q);
  if (!from) return [];
  const limit = take === undefined ? Prisma.empty : Prisma.sql`LIMIT ${take}`;
  const rows = await prisma.$queryRaw<{ id: string; agreementId: string; kind: string; title: string; nextDueDate: string | Date; responsibleId: string | null; ownerId: string | null; confidentiality: string }[]>`
    SELECT o."id", o."agreementId", o."kind", o."title", o."nextDueDate", o."responsibleId", a."ownerId", a."confidentiality"
    ${from} ORDER BY o."nextDueDate" ASC, o."id" ASC ${limit}`;
  return rows.flatMap((o) => {
    const core = obligationDeadline({ ...o, nextDueDate: new Date(o.nextDueDate) });
    return core ? [{ ...core, responsibleId: o.responsibleId ?? o.ownerId, ownerId: o.ownerId, confidentiality: o.confidentiality }] : [];
  });
}

/** Every deadline of the query, without display fields, sorted: for reminders, counts and exports. */
export async function findDeadlineStubs(q: DeadlineQuery, reader: Reader, today: Date): Promise<DeadlineStub[]> {
  const [own, obligations] = await Promise.all([agreementStubs(q, reader, today), obligationStubs(q, reader)]);
  return [...own, ...obligations].sort(compareDeadlines);
}

/** DateTime as this adapter stores it ("2026-12-01T00:00:00.000+00:00"), for raw SQL comparisons. */
const sqlDay = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** The agreement conditions of a query, as SQL on alias `a` (raw counting: Prisma's relation filters are correlated subqueries). */
function agreementSql(q: DeadlineQuery, scope: Scope): Prisma.Sql[] {
  // Unary plus: "IS NULL" on the archivedAt index would make SQLite drive the join from every agreement.
  const parts: Prisma.Sql[] = [Prisma.sql`+a."archivedAt" IS NULL`];
  if (scope === "restricted-only") parts.push(Prisma.sql`a."confidentiality" = 'RESTRICTED'`);
  else if (Object.keys(readableWhere(scope)).length) parts.push(Prisma.sql`a."confidentiality" = 'INTERNAL'`);
  if (q.agreementId) parts.push(Prisma.sql`a."id" = ${q.agreementId}`);
  if (q.unitId) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "AgreementParty" p LEFT JOIN "Unit" u ON u."id" = p."unitId" WHERE p."agreementId" = a."id" AND (p."unitId" = ${q.unitId} OR u."parentId" = ${q.unitId}))`);
  if (q.partnerId) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "AgreementParty" p WHERE p."agreementId" = a."id" AND p."partnerId" = ${q.partnerId})`);
  return parts;
}

function watchedSql(userId: string): Prisma.Sql {
  return Prisma.sql`(EXISTS (SELECT 1 FROM "Watch" w WHERE w."userId" = ${userId} AND w."agreementId" = a."id")
    OR EXISTS (SELECT 1 FROM "AgreementParty" p JOIN "Unit" u ON u."id" = p."unitId" JOIN "Watch" w ON w."userId" = ${userId} AND (w."unitId" = u."id" OR w."unitId" = u."parentId") WHERE p."agreementId" = a."id"))`;
}

/** The obligation conditions of a query as SQL (aliases o and a), or null when it asks for no obligation kind. */
function obligationSql(q: DeadlineQuery, scope: Scope, range: { from?: Date; to: Date }): Prisma.Sql | null {
  const kinds = OBLIGATION_KINDS.values.filter((k) => wants(q, k));
  if (!kinds.length) return null;
  const parts = [Prisma.sql`o."status" = 'OPEN'`, Prisma.sql`o."nextDueDate" <= ${sqlDay(range.to)}`, ...agreementSql(q, scope)];
  if (kinds.length < OBLIGATION_KINDS.values.length) parts.push(Prisma.sql`o."kind" IN (${Prisma.join(kinds)})`);
  if (range.from) parts.push(Prisma.sql`o."nextDueDate" >= ${sqlDay(range.from)}`);
  if (q.responsibleId) parts.push(Prisma.sql`(o."responsibleId" = ${q.responsibleId} OR (o."responsibleId" IS NULL AND a."ownerId" = ${q.responsibleId}))`);
  if (q.followerId) parts.push(Prisma.sql`(o."responsibleId" = ${q.followerId} OR (o."responsibleId" IS NULL AND a."ownerId" = ${q.followerId}) OR ${watchedSql(q.followerId)})`);
  // CROSS JOIN: SQLite walks the obligations by due date (an index) and looks each agreement up, never the other way round.
  return Prisma.sql`FROM "Obligation" o CROSS JOIN "Agreement" a ON a."id" = o."agreementId" WHERE ${Prisma.join(parts, " AND ")}`;
}

type DayRange = { from?: Date; to: Date };

/**
 * How many open obligations of the query fall in each of `ranges` (each
 * inside the query's own window), in one pass over the window: one query
 * (two in the common unfiltered view) whatever the number of ranges.
 */
async function countObligations(q: DeadlineQuery, scope: Scope, ranges: DayRange[] = [q]): Promise<number[]> {
  const from = obligationSql(q, scope, q);
  if (!from) return ranges.map(() => 0);
  const sums = Prisma.join(ranges.map((r, i) => {
    const parts = [Prisma.sql`o."nextDueDate" <= ${sqlDay(r.to)}`, ...(r.from ? [Prisma.sql`o."nextDueDate" >= ${sqlDay(r.from)}`] : [])];
    return Prisma.sql`COALESCE(SUM(CASE WHEN ${Prisma.join(parts, " AND ")} THEN 1 ELSE 0 END), 0) AS ${Prisma.raw(`n${i}`)}`;
  }), ", ");
  const counts = (row: Record<string, number | bigint> | undefined) => ranges.map((_, i) => Number(row?.[`n${i}`] ?? 0));
  const unfiltered = !q.agreementId && !q.unitId && !q.partnerId && !q.responsibleId && !q.followerId && !q.kinds?.length;
  if (unfiltered && scope !== "restricted-only" && !Object.keys(readableWhere(scope)).length) {
    // The common view: count on the due-date index alone, minus the few obligations of archived agreements.
    const dates = [Prisma.sql`o."status" = 'OPEN'`, Prisma.sql`o."nextDueDate" <= ${sqlDay(q.to)}`, ...(q.from ? [Prisma.sql`o."nextDueDate" >= ${sqlDay(q.from)}`] : [])];
    const [all] = await prisma.$queryRaw<Record<string, number | bigint>[]>`SELECT ${sums} FROM "Obligation" o WHERE ${Prisma.join(dates, " AND ")}`;
    const [archived] = await prisma.$queryRaw<Record<string, number | bigint>[]>`SELECT ${sums} FROM "Agreement" a JOIN "Obligation" o ON o."agreementId" = a."id" WHERE a."archivedAt" IS NOT NULL AND ${Prisma.join(dates, " AND ")}`;
    const gone = counts(archived);
    return counts(all).map((n, i) => n - gone[i]!);
  }
  const [row] = await prisma.$queryRaw<Record<string, number | bigint>[]>`SELECT ${sums} ${from}`;
  return counts(row);
}

/** How many deadlines the query holds (cheap: obligations are counted, not read). */
export async function countDeadlines(q: DeadlineQuery, scope: Scope, today: Date): Promise<number> {
  // Everything overdue (overdueQuery): agreements' own deadlines are counted by SQLite too, not read.
  const overdue = !q.from && q.to.getTime() === addDaysUtc(today, -1).getTime();
  const [own, [obligations]] = await Promise.all([
    overdue ? countOverdueOwn(q, scope, today) : agreementStubs(q, scope, today).then((stubs) => stubs.length),
    countObligations(q, scope),
  ]);
  return own + obligations!;
}

type Person = { id: string; name: string; email: string };
const person = (id: string | null, name: string | null, email: string | null): Person | null => (id ? { id, name: name ?? "", email: email ?? "" } : null);

/** The agreements of `ids` as a deadline row shows them, with their owners: one query (the ids as one JSON parameter). */
async function agreementsShown(ids: string[]) {
  if (!ids.length) return new Map<string, { agreement: DeadlineRow["agreement"]; owner: Person | null }>();
  const rows = await prisma.$queryRaw<(DeadlineRow["agreement"] & { ownerId: string | null; ownerName: string | null; ownerEmail: string | null })[]>`
    SELECT a."id", a."reference", a."title", a."kind", a."partnersLabel", a."unitsLabel", a."confidentiality",
           u."id" AS "ownerId", u."name" AS "ownerName", u."email" AS "ownerEmail"
    FROM "Agreement" a LEFT JOIN "User" u ON u."id" = a."ownerId"
    WHERE a."id" IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  return new Map(rows.map(({ ownerId, ownerName, ownerEmail, ...agreement }) => [agreement.id, { agreement, owner: person(ownerId, ownerName, ownerEmail) }]));
}

/** The obligations of `ids` as a deadline row shows them: schedule, version, party, responsible person; one query. */
async function obligationsShown(ids: string[]) {
  if (!ids.length) return new Map<string, { obligation: NonNullable<DeadlineRow["obligation"]>; responsible: Person | null }>();
  const rows = await prisma.$queryRaw<{
    id: string; title: string; version: number | bigint; schedule: string; dueDate: string | null; intervalMonths: number | bigint | null; daysBeforeEnd: number | bigint | null;
    unitName: string | null; partnerName: string | null; partnerAcronym: string | null; userId: string | null; userName: string | null; userEmail: string | null;
  }[]>`
    SELECT o."id", o."title", o."version", o."schedule", o."dueDate", o."intervalMonths", o."daysBeforeEnd",
           n."name" AS "unitName", p."name" AS "partnerName", p."acronym" AS "partnerAcronym",
           u."id" AS "userId", u."name" AS "userName", u."email" AS "userEmail"
    FROM "Obligation" o LEFT JOIN "Unit" n ON n."id" = o."unitId" LEFT JOIN "Partner" p ON p."id" = o."partnerId" LEFT JOIN "User" u ON u."id" = o."responsibleId"
    WHERE o."id" IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  return new Map(rows.map((o) => {
    const timing = {
      schedule: o.schedule, dueDate: o.dueDate ? new Date(o.dueDate) : null,
      intervalMonths: o.intervalMonths === null ? null : Number(o.intervalMonths), daysBeforeEnd: o.daysBeforeEnd === null ? null : Number(o.daysBeforeEnd),
    };
    const party = o.partnerName ? (o.partnerAcronym ?? o.partnerName) : (o.unitName ?? "");
    return [o.id, { obligation: { id: o.id, title: o.title, schedule: describeSchedule(timing), version: Number(o.version), party }, responsible: person(o.userId, o.userName, o.userEmail) }];
  }));
}

/** The display fields of stubs: agreements (with owners) and obligations (with responsible and party), two queries in all. */
export async function detailDeadlines(stubs: DeadlineStub[], today: Date): Promise<DeadlineRow[]> {
  const [agreements, obligations] = await Promise.all([
    agreementsShown([...new Set(stubs.map((s) => s.agreementId))]),
    obligationsShown(stubs.flatMap((s) => (s.obligationId ? [s.obligationId] : []))),
  ]);
  return stubs.flatMap((s) => {
    const a = agreements.get(s.agreementId);
    if (!a) return [];
    const o = s.obligationId ? obligations.get(s.obligationId) : undefined;
    if (s.obligationId && !o) return [];
    const { responsibleId: _r, ownerId: _o, confidentiality: _c, ...core } = s;
    return [toRow(core, today, { agreement: a.agreement, obligation: o?.obligation ?? null, responsible: o ? (o.responsible ?? a.owner) : a.owner })];
  });
}

/** Every deadline of the query with its display fields (exports, feeds, an agreement's page). */
export async function findDeadlines(q: DeadlineQuery, reader: Reader, today: Date): Promise<DeadlineRow[]> {
  return detailDeadlines(await findDeadlineStubs(q, reader, today), today);
}

/**
 * One page of the query, and its counts, without reading every obligation
 * of the window: agreements' own deadlines are few and all read; the
 * obligations are counted, and only the first offset + limit are read.
 * `withOverdue`: also how many open deadlines of the query's filters are
 * overdue, before the window too (the page's banner), in the same pass.
 */
export async function deadlinePage(q: DeadlineQuery, reader: Reader, today: Date, offset: number, limit: number, withOverdue = false) {
  const soon = addDaysUtc(today, DUE_SOON_DAYS);
  const yesterday = addDaysUtc(today, -1);
  // The window, its overdue part (none when it starts today or later) and its part due within a week (none when it ended before today).
  const ranges: DayRange[] = [
    q,
    { from: q.from, to: q.to < today ? q.to : yesterday },
    { from: q.from && q.from > today ? q.from : today, to: q.to < soon ? q.to : soon },
  ];
  // With the banner, the obligations are counted in one pass over the window and everything overdue before it.
  const outer: DeadlineQuery = withOverdue ? { ...q, from: undefined, to: q.to > yesterday ? q.to : yesterday } : q;
  if (withOverdue) ranges.push({ to: yesterday });
  const [own, firstObligations, [total, overdueInRange, dueInRange, overdueBefore], overdueOwn] = await Promise.all([
    agreementStubs(q, reader, today),
    obligationStubs(q, reader, offset + limit),
    countObligations(outer, reader, ranges),
    withOverdue ? countOverdueOwn(q, reader, today) : 0,
  ]);
  const overdue = q.from && q.from >= today ? 0 : overdueInRange!;
  const due = q.to < today ? 0 : dueInRange!;
  const page = [...own, ...firstObligations].sort(compareDeadlines).slice(offset, offset + limit);
  const ownStates = own.map((s) => deadlineState(s.date, today));
  const summary: DeadlineSummary = {
    total: own.length + total!,
    overdue: overdue + ownStates.filter((s) => s === "OVERDUE").length,
    due: due + ownStates.filter((s) => s === "DUE").length,
    notices: own.filter((s) => s.kind === "NOTICE").length,
  };
  const allOverdue = withOverdue ? overdueBefore! + overdueOwn : null;
  return { rows: await detailDeadlines(page, today), summary, overdue: allOverdue };
}

/**
 * How many deadlines of restricted agreements the query would show a reader
 * who may read them: all a reader without the permission learns of them.
 */
export async function hiddenDeadlineCount(q: DeadlineQuery, reader: Reader, today: Date): Promise<number> {
  if (Object.keys(readableWhere(reader)).length === 0) return 0;
  return countDeadlines(q, "restricted-only", today);
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

/** Open deadlines dated before today, with the filters of `base` (its window dropped): what the overdue banner counts. */
export function overdueQuery(base: DeadlineQuery | Omit<DeadlineQuery, "from" | "to">, today: Date): DeadlineQuery {
  const { from: _from, to: _to, ...filters } = base as DeadlineQuery;
  return { ...filters, to: addDaysUtc(today, -1) };
}

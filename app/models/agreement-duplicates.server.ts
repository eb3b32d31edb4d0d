/**
 * Possible duplicates of an agreement being saved: agreements of the same
 * kind with exactly the same parties and an overlapping term, or with a
 * very similar title. The form shows them and asks "Save anyway"; the check
 * runs on the server, over the agreements the person may read, leaving out
 * archived ones, the agreement itself and those it renews or is linked to.
 */
import { splitPartyRef, type AgreementFormValue, type PossibleDuplicate } from "~/domain/agreement-schema";

export type { PossibleDuplicate };
import { readableWhere, type Reader } from "~/domain/confidentiality";
import { parseDay, toDay } from "~/domain/dates";
import { fold, SIMILAR_TITLE, similarityTo } from "~/domain/text-match";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";


const MAX_SHOWN = 5;
const FAR_PAST = -8.64e15;
const FAR_FUTURE = 8.64e15;
/** Characters a stored title may gain when folded ("ß" to "ss"): the length bound allows for a few. */
const LENGTH_SLACK = 4;

/** Whether [aStart, aEnd] and [bStart, bEnd] share a day; a missing end runs on, a missing start reaches back. */
function overlaps(aStart: Date | null, aEnd: Date | null, bStart: Date | null, bEnd: Date | null) {
  return (aStart?.getTime() ?? FAR_PAST) <= (bEnd?.getTime() ?? FAR_FUTURE) && (bStart?.getTime() ?? FAR_PAST) <= (aEnd?.getTime() ?? FAR_FUTURE);
}

async function linkedIds(agreementId: string | undefined): Promise<Set<string>> {
  if (!agreementId) return new Set();
  const links = await prisma.agreementLink.findMany({
    where: { OR: [{ fromId: agreementId }, { toId: agreementId }] },
    select: { fromId: true, toId: true },
  });
  return new Set(links.flatMap((l) => [l.fromId, l.toId]));
}

const candidateSelect = {
  id: true, reference: true, title: true, status: true, startDate: true, endDate: true, partnersLabel: true,
} as const;

/** Same kind, exactly the same parties, overlapping term. */
async function sameParties(value: AgreementFormValue, reader: Reader, excluded: Set<string>) {
  const refs = [...new Set(value.parties.flatMap((p) => (p.ref ? [p.ref] : [])))];
  if (!refs.length) return [];
  const split = refs.map(splitPartyRef);
  const units = split.flatMap((r) => (r.unitId ? [r.unitId] : []));
  const partners = split.flatMap((r) => (r.partnerId ? [r.partnerId] : []));
  // Start from a partner when there is one: an HT centre is a party to thousands of agreements, a partner to a few.
  const anchor = split.find((r) => r.partnerId) ?? split[0]!;
  const isOurs = Prisma.sql`(p."unitId" IN (${Prisma.join(units.length ? units : [""])}) OR p."partnerId" IN (${Prisma.join(partners.length ? partners : [""])}))`;
  // The agreements of the kind that have the anchor party, grouped: exactly our parties, no more, none twice.
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT p."agreementId" AS id FROM "AgreementParty" p JOIN "Agreement" a ON a."id" = p."agreementId"
    WHERE p."agreementId" IN (SELECT q."agreementId" FROM "AgreementParty" q WHERE ${anchor.unitId ? Prisma.sql`q."unitId" = ${anchor.unitId}` : Prisma.sql`q."partnerId" = ${anchor.partnerId}`})
      AND a."kind" = ${value.kind} AND a."archivedAt" IS NULL
    GROUP BY p."agreementId"
    HAVING COUNT(*) = ${refs.length} AND COUNT(DISTINCT COALESCE(p."unitId", p."partnerId")) = ${refs.length} AND SUM(CASE WHEN ${isOurs} THEN 1 ELSE 0 END) = ${refs.length}`;
  const ids = rows.map((r) => r.id).filter((id) => !excluded.has(id)).slice(0, 900);
  if (!ids.length) return [];
  const candidates = await prisma.agreement.findMany({ where: { AND: [readableWhere(reader), { id: { in: ids } }] }, select: candidateSelect });
  const start = parseDay(value.startDate) ?? null;
  const end = parseDay(value.endDate) ?? null;
  return candidates.filter((r) => overlaps(start, end, r.startDate, r.endDate));
}

/**
 * Same kind, a very similar title. Dice over trigrams can reach
 * SIMILAR_TITLE only between titles of close lengths (the shorter at least
 * SIMILAR_TITLE / (2 - SIMILAR_TITLE) of the longer, in trigrams: a
 * folded title of n characters has n + 1), so shorter titles are left to
 * SQLite; folding never lengthens a title by more than its "ß" and "æ".
 */
async function similarTitles(value: AgreementFormValue, reader: Reader, excluded: Set<string>) {
  const grams = fold(value.title).length + 1;
  const shortest = Math.floor(grams * (SIMILAR_TITLE / (2 - SIMILAR_TITLE))) - 1 - LENGTH_SLACK;
  const only = readableWhere(reader).confidentiality;
  const readable = only ? Prisma.sql`AND a."confidentiality" = ${only}` : Prisma.empty;
  const rows = await prisma.$queryRaw<{ id: string; title: string }[]>`
    SELECT a."id", a."title" FROM "Agreement" a
    WHERE a."kind" = ${value.kind} AND a."archivedAt" IS NULL ${readable} AND length(a."title") >= ${shortest}`;
  const similarity = similarityTo(value.title, SIMILAR_TITLE);
  const ids = rows.filter((r) => !excluded.has(r.id) && similarity(r.title) >= SIMILAR_TITLE).map((r) => r.id);
  if (!ids.length) return [];
  return prisma.agreement.findMany({ where: { id: { in: ids.slice(0, MAX_SHOWN) } }, select: candidateSelect });
}

export async function possibleDuplicates(
  value: AgreementFormValue,
  reader: Reader,
  options: { agreementId?: string } = {},
): Promise<PossibleDuplicate[]> {
  const excluded = await linkedIds(options.agreementId);
  if (options.agreementId) excluded.add(options.agreementId);
  if (value.renewsId) excluded.add(value.renewsId);
  const [byParties, byTitle] = await Promise.all([sameParties(value, reader, excluded), similarTitles(value, reader, excluded)]);
  const found = new Map<string, PossibleDuplicate>();
  const add = (r: (typeof byTitle)[number], reason: PossibleDuplicate["reason"]) => {
    if (found.has(r.id) || found.size >= MAX_SHOWN) return;
    found.set(r.id, {
      id: r.id, reference: r.reference, title: r.title, status: r.status, partnersLabel: r.partnersLabel, reason,
      startDate: r.startDate ? toDay(r.startDate) : null, endDate: r.endDate ? toDay(r.endDate) : null,
    });
  };
  byParties.forEach((r) => add(r, "same parties and overlapping term"));
  byTitle.forEach((r) => add(r, "very similar title"));
  return [...found.values()];
}

/** The duplicates the person has not yet seen and accepted ("Save anyway" carries the ids shown). */
export function unacknowledged(duplicates: PossibleDuplicate[], acknowledged: string | null | undefined) {
  const seen = new Set((acknowledged ?? "").split(",").filter(Boolean));
  return duplicates.filter((d) => !seen.has(d.id));
}

/** What makes an agreement "the same one": kind, title, parties and term. */
function identityKey(value: { kind: string; title: string; startDate: string | null; endDate: string | null; refs: string[] }) {
  return JSON.stringify([value.kind, value.title, value.startDate, value.endDate, [...new Set(value.refs)].sort()]);
}

export function formIdentity(value: AgreementFormValue) {
  return identityKey({
    kind: value.kind, title: value.title, startDate: value.startDate ?? null, endDate: value.endDate ?? null,
    refs: value.parties.flatMap((p) => (p.ref ? [p.ref] : [])),
  });
}

/** The saved agreement's status and identity (null when it does not exist): an edit is checked again only when its identity changes. */
export async function savedState(id: string) {
  const a = await prisma.agreement.findUnique({
    where: { id },
    select: { status: true, kind: true, title: true, startDate: true, endDate: true, parties: { select: { unitId: true, partnerId: true } } },
  });
  if (!a) return null;
  return {
    status: a.status,
    identity: identityKey({
      kind: a.kind, title: a.title, startDate: a.startDate ? toDay(a.startDate) : null, endDate: a.endDate ? toDay(a.endDate) : null,
      refs: a.parties.map((p) => (p.unitId ? `unit:${p.unitId}` : `partner:${p.partnerId}`)),
    }),
  };
}

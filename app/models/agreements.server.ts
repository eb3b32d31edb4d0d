/**
 * Agreements as lists read them: the list's where-clause from the URL
 * filters (effective status, unit with its groups, partner, partner kind,
 * end dates, archived; the search box through the search index), sort orders, list rows with their effective status,
 * one agreement with everything its page shows, the overview's counts and
 * the agreements ending soon. Restricted agreements are left out for readers
 * who may not read them (app/domain/confidentiality.ts), except in counts.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { AgreementFilters, SortColumn } from "~/domain/agreement-filters";
import { addDaysUtc } from "~/domain/dates";
import { effectiveStatus } from "~/domain/lifecycle";
import { maskAgreement, readableWhere, type Reader } from "~/domain/confidentiality";
import { prisma } from "~/utils/db.server";
import { agreementSearchWhere } from "./search-query.server";

/** Where-clause for "the agreement has effective status S" (see domain/lifecycle). */
function statusWhere(statuses: string[], today: Date): Prisma.AgreementWhereInput {
  const clauses: Prisma.AgreementWhereInput[] = [];
  const plain = statuses.filter((s) => s !== "ACTIVE" && s !== "EXPIRED");
  if (plain.length) clauses.push({ status: { in: plain } });
  if (statuses.includes("ACTIVE")) {
    clauses.push({ status: "ACTIVE", OR: [{ endDate: null }, { endDate: { gte: today } }] });
  }
  if (statuses.includes("EXPIRED")) {
    clauses.push({ status: "EXPIRED" }, { status: "ACTIVE", endDate: { lt: today } });
  }
  return { OR: clauses };
}

/**
 * The list's where-clause. The search box uses the search index
 * (app/models/search-query.server.ts): accents and case ignored, words as
 * prefixes, the agreement's parties, terms and documents included.
 */
export async function agreementWhere(
  filters: AgreementFilters,
  today: Date,
  reader: Reader,
): Promise<Prisma.AgreementWhereInput> {
  const and: Prisma.AgreementWhereInput[] = [readableWhere(reader)];
  if (filters.q) and.push(await agreementSearchWhere(filters.q));
  if (filters.kind.length) and.push({ kind: { in: filters.kind } });
  if (filters.status.length) and.push(statusWhere(filters.status, today));
  // A centre includes its groups' agreements. Written as one OR so SQLite probes the
  // party index once per agreement, however many groups the centre has (tests/bench).
  if (filters.unit) and.push({ parties: { some: { OR: [{ unitId: filters.unit }, { unit: { parentId: filters.unit } }] } } });
  if (filters.partner) and.push({ parties: { some: { partnerId: filters.partner } } });
  if (filters.partnerKind.length) and.push({ parties: { some: { partner: { kind: { in: filters.partnerKind } } } } });
  if (filters.endFrom) and.push({ endDate: { gte: filters.endFrom } });
  if (filters.endTo) and.push({ endDate: { lte: filters.endTo } });
  if (filters.noticeFrom) and.push({ noticeDeadline: { gte: filters.noticeFrom } });
  if (filters.noticeTo) and.push({ noticeDeadline: { lte: filters.noticeTo } });
  if (filters.archived === "only") and.push({ archivedAt: { not: null } });
  else if (filters.archived !== "include") and.push({ archivedAt: null });
  return { AND: and };
}

export const ORDER: Record<SortColumn, (dir: Prisma.SortOrder) => Prisma.AgreementOrderByWithRelationInput> = {
  reference: (dir) => ({ reference: dir }),
  title: (dir) => ({ title: dir }),
  kind: (dir) => ({ kind: dir }),
  status: (dir) => ({ status: dir }),
  partners: (dir) => ({ partnersLabel: dir }),
  units: (dir) => ({ unitsLabel: dir }),
  startDate: (dir) => ({ startDate: { sort: dir, nulls: "last" } }),
  endDate: (dir) => ({ endDate: { sort: dir, nulls: "last" } }),
  noticeDeadline: (dir) => ({ noticeDeadline: { sort: dir, nulls: "last" } }),
  value: (dir) => ({ valueCents: { sort: dir, nulls: "last" } }),
  updatedAt: (dir) => ({ updatedAt: dir }),
};

export const agreementRowSelect = {
  id: true,
  reference: true,
  title: true,
  kind: true,
  status: true,
  confidentiality: true,
  startDate: true,
  endDate: true,
  valueCents: true,
  valueDirection: true,
  renewalType: true,
  noticePeriodDays: true,
  noticePeriodMonths: true,
  renewalTermMonths: true,
  noticeDeadline: true,
  partnersLabel: true,
  unitsLabel: true,
  archivedAt: true,
} satisfies Prisma.AgreementSelect;

type RowRecord = Prisma.AgreementGetPayload<{ select: typeof agreementRowSelect }>;

/** A list row as the pages use it: effective status, value as a number of cents. */
export function toRow(record: RowRecord, today: Date) {
  return {
    ...record,
    status: effectiveStatus(record.status, record.endDate, today),
    valueCents: record.valueCents === null ? null : Number(record.valueCents),
  };
}
export type AgreementRow = ReturnType<typeof toRow>;

/** A row as `reader` may see it: a restricted agreement they may not read becomes the placeholder. */
export function rowFor(reader: Reader, record: RowRecord, today: Date) {
  return maskAgreement(reader, toRow(record, today));
}

export async function listAgreements(filters: AgreementFilters, today: Date, reader: Reader) {
  const where = await agreementWhere(filters, today, reader);
  const [total, rows] = await Promise.all([
    prisma.agreement.count({ where }),
    prisma.agreement.findMany({
      where,
      select: agreementRowSelect,
      orderBy: [ORDER[filters.sort](filters.dir), { reference: "asc" }],
      skip: (filters.page - 1) * filters.size,
      take: filters.size,
    }),
  ]);
  return { total, rows: rows.map((r) => toRow(r, today)) };
}

export async function getAgreement(id: string) {
  return prisma.agreement.findUnique({
    where: { id },
    include: {
      owner: { select: { id: true, name: true, email: true } },
      parties: {
        include: {
          unit: { select: { id: true, name: true, code: true, kind: true } },
          partner: { select: { id: true, name: true, acronym: true, kind: true } },
        },
        orderBy: [{ unitId: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      },
      linksFrom: { include: { to: { select: agreementRowSelect } }, orderBy: { createdAt: "asc" } },
      linksTo: { include: { from: { select: agreementRowSelect } }, orderBy: { createdAt: "asc" } },
      statusChanges: { orderBy: [{ effectiveOn: "asc" }, { createdAt: "asc" }] },
      researchLines: { include: { researchLine: { select: { id: true, name: true, unit: { select: { id: true, name: true } } } } } },
    },
  });
}

/**
 * Counts for the overview: by effective status and by kind, archived
 * agreements excluded. Restricted agreements are counted for every role.
 */
export async function agreementStats(today: Date) {
  const live = { archivedAt: null };
  const [byStatus, byKind, lapsedActive, restricted] = await Promise.all([
    prisma.agreement.groupBy({ by: ["status"], where: live, _count: { _all: true } }),
    prisma.agreement.groupBy({ by: ["kind"], where: live, _count: { _all: true } }),
    prisma.agreement.count({ where: { ...live, status: "ACTIVE", endDate: { lt: today } } }),
    prisma.agreement.count({ where: { ...live, confidentiality: "RESTRICTED" } }),
  ]);
  const status: Record<string, number> = {};
  for (const g of byStatus) status[g.status] = g._count._all;
  status.ACTIVE = (status.ACTIVE ?? 0) - lapsedActive;
  status.EXPIRED = (status.EXPIRED ?? 0) + lapsedActive;
  const kind: Record<string, number> = {};
  for (const g of byKind) kind[g.kind] = g._count._all;
  return { status, kind, restricted, total: byStatus.reduce((n, g) => n + g._count._all, 0) };
}

/** Active agreements whose end date falls within the next `days` days. */
export async function agreementsEnding(today: Date, days: number, reader: Reader) {
  const rows = await prisma.agreement.findMany({
    where: {
      ...readableWhere(reader),
      archivedAt: null,
      status: "ACTIVE",
      endDate: { gte: today, lte: addDaysUtc(today, days) },
    },
    select: agreementRowSelect,
    orderBy: [{ endDate: "asc" }, { reference: "asc" }],
  });
  return rows.map((r) => toRow(r, today));
}

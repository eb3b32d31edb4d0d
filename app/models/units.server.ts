/**
 * HT units as the pages read them: centres and facilities with their groups
 * and agreement counts, one unit with its agreements and partners, the
 * pickers' options, and a unit's saved values for its edit form and the
 * conflict panel. Changes live in unit-write.server.ts.
 */
import type { Prisma } from "~/generated/prisma/client";
import { readableWhere, type Reader } from "~/domain/confidentiality";
import type { Snapshot } from "~/domain/errors";
import { UNIT_KINDS } from "~/domain/vocabulary";
import { prisma } from "~/utils/db.server";
import { tallyByAgreement } from "~/utils/tally";
import { agreementRowSelect, toRow } from "./agreements.server";

export async function listUnits(reader: Reader) {
  const [units, partyCounts] = await Promise.all([
    prisma.unit.findMany({
      select: { id: true, code: true, name: true, kind: true, parentId: true, _count: { select: { researchLines: true } } },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
    }),
    prisma.agreementParty.groupBy({
      by: ["unitId"],
      where: { unitId: { not: null }, agreement: { ...readableWhere(reader), archivedAt: null } },
      _count: { _all: true },
    }),
  ]);
  const direct = new Map(partyCounts.map((g) => [g.unitId, g._count._all]));
  const top = units.filter((u) => !u.parentId);
  return top.map((u) => {
    const groups = units.filter((g) => g.parentId === u.id);
    return {
      ...u,
      groups: groups.map((g) => ({ id: g.id, name: g.name })),
      agreementCount: [u, ...groups].reduce((n, x) => n + (direct.get(x.id) ?? 0), 0),
    };
  });
}

export async function getUnit(id: string, today: Date, reader: Reader) {
  const unit = await prisma.unit.findUnique({
    where: { id },
    select: {
      id: true, code: true, name: true, kind: true, description: true,
      parent: { select: { id: true, name: true } },
      children: { select: { id: true, name: true, code: true }, orderBy: { name: "asc" } },
      researchLines: { select: { id: true, name: true }, orderBy: { name: "asc" } },
    },
  });
  if (!unit) return null;
  const unitIds = [unit.id, ...unit.children.map((c) => c.id)];
  const [agreements, partnerParties] = await Promise.all([
    prisma.agreement.findMany({
      where: { ...readableWhere(reader), archivedAt: null, parties: { some: { unitId: { in: unitIds } } } },
      select: agreementRowSelect,
      orderBy: [{ endDate: { sort: "desc", nulls: "last" } }, { reference: "asc" }],
    }),
    prisma.agreementParty.findMany({
      where: {
        partnerId: { not: null },
        agreement: { ...readableWhere(reader), archivedAt: null, parties: { some: { unitId: { in: unitIds } } } },
      },
      select: { agreementId: true, partner: { select: { id: true, name: true, acronym: true, kind: true } } },
    }),
  ]);
  return {
    unit,
    agreements: agreements.map((a) => toRow(a, today)),
    partners: tallyByAgreement(partnerParties.map((p) => ({ agreementId: p.agreementId, entity: p.partner }))),
  };
}

/** Id/name pairs for filter pickers: centres and facilities, then groups under them. */
export async function unitOptions() {
  const units = await prisma.unit.findMany({
    select: { id: true, name: true, kind: true, parent: { select: { name: true } } },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return units.map((u) => ({ id: u.id, label: u.parent ? `${u.parent.name} › ${u.name}` : u.name, kind: u.kind }));
}

export const unitEditSelect = {
  id: true, code: true, name: true, kind: true, description: true, parentId: true, version: true,
  parent: { select: { name: true } },
} satisfies Prisma.UnitSelect;

export type UnitEditRecord = Prisma.UnitGetPayload<{ select: typeof unitEditSelect }>;

/** The fields of a unit a person reads, labelled: the two sides of an edit conflict. */
export const UNIT_FIELD_LABELS: Record<string, string> = {
  code: "Code", name: "Name", kind: "Kind", parent: "Centre or facility", description: "Description",
};

/** A unit's fields as a person reads them (the kind and the parent by name). */
export function unitSnapshot(unit: { code: string; name: string; kind: string; description: string; parent: { name: string } | null }): Snapshot {
  return { code: unit.code, name: unit.name, kind: UNIT_KINDS.label(unit.kind), parent: unit.parent?.name ?? "", description: unit.description };
}

export async function getUnitForEdit(id: string) {
  const unit = await prisma.unit.findUnique({
    where: { id },
    select: {
      ...unitEditSelect,
      _count: { select: { children: true } },
      researchLines: { select: { id: true, name: true, _count: { select: { agreements: true } } }, orderBy: { name: "asc" } },
    },
  });
  if (!unit) return null;
  return {
    id: unit.id,
    code: unit.code, name: unit.name, kind: unit.kind, description: unit.description, parentId: unit.parentId ?? "",
    version: unit.version,
    groupCount: unit._count.children,
    researchLines: unit.researchLines.map((r) => ({ id: r.id, name: r.name, agreementCount: r._count.agreements })),
  };
}

/** Centres and facilities, the units a group may sit under. */
export async function parentUnitOptions() {
  const units = await prisma.unit.findMany({
    where: { kind: { in: ["CENTRE", "FACILITY"] } },
    select: { id: true, name: true, kind: true },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return units.map((u) => ({ id: u.id, label: u.name, kind: u.kind }));
}

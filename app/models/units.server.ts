import { prisma } from "~/utils/db.server";
import { tallyByAgreement } from "~/utils/tally";
import { agreementRowSelect, readableBy, toRow, type Reader } from "./agreements.server";

/** Centres and facilities, each with its groups and the number of agreements it (or a group of it) is party to. */
export async function listUnits(reader: Reader) {
  const [units, partyCounts] = await Promise.all([
    prisma.unit.findMany({
      select: { id: true, code: true, name: true, kind: true, parentId: true, _count: { select: { researchLines: true } } },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
    }),
    prisma.agreementParty.groupBy({
      by: ["unitId"],
      where: { unitId: { not: null }, agreement: { ...readableBy(reader), archivedAt: null } },
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
      where: { ...readableBy(reader), archivedAt: null, parties: { some: { unitId: { in: unitIds } } } },
      select: agreementRowSelect,
      orderBy: [{ endDate: { sort: "desc", nulls: "last" } }, { reference: "asc" }],
    }),
    prisma.agreementParty.findMany({
      where: {
        partnerId: { not: null },
        agreement: { ...readableBy(reader), archivedAt: null, parties: { some: { unitId: { in: unitIds } } } },
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

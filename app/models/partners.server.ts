import { prisma } from "~/utils/db.server";
import { tallyByAgreement } from "~/utils/tally";
import { agreementRowSelect, readableBy, toRow, type Reader } from "./agreements.server";

export async function listPartners(filter: { q: string; kind: string[] }, reader: Reader) {
  const [partners, counts] = await Promise.all([
    prisma.partner.findMany({
      where: {
        ...(filter.kind.length ? { kind: { in: filter.kind } } : {}),
        ...(filter.q
          ? { OR: [{ name: { contains: filter.q } }, { acronym: { contains: filter.q } }, { city: { contains: filter.q } }] }
          : {}),
      },
      select: {
        id: true, name: true, acronym: true, kind: true, city: true, country: true,
        parent: { select: { id: true, name: true, acronym: true } },
      },
      orderBy: { name: "asc" },
    }),
    prisma.agreementParty.groupBy({
      by: ["partnerId"],
      where: { partnerId: { not: null }, agreement: { ...readableBy(reader), archivedAt: null } },
      _count: { _all: true },
    }),
  ]);
  const count = new Map(counts.map((c) => [c.partnerId, c._count._all]));
  return partners.map((p) => ({ ...p, agreementCount: count.get(p.id) ?? 0 }));
}

export async function getPartner(id: string, today: Date, reader: Reader) {
  const partner = await prisma.partner.findUnique({
    where: { id },
    select: {
      id: true, name: true, acronym: true, kind: true, city: true, country: true, website: true,
      parent: { select: { id: true, name: true, acronym: true } },
      children: { select: { id: true, name: true, acronym: true }, orderBy: { name: "asc" } },
    },
  });
  if (!partner) return null;
  const [agreements, unitParties] = await Promise.all([
    prisma.agreement.findMany({
      where: { ...readableBy(reader), archivedAt: null, parties: { some: { partnerId: id } } },
      select: agreementRowSelect,
      orderBy: [{ endDate: { sort: "desc", nulls: "last" } }, { reference: "asc" }],
    }),
    prisma.agreementParty.findMany({
      where: {
        unitId: { not: null },
        agreement: { ...readableBy(reader), archivedAt: null, parties: { some: { partnerId: id } } },
      },
      select: { agreementId: true, unit: { select: { id: true, name: true, kind: true } } },
    }),
  ]);
  return {
    partner,
    agreements: agreements.map((a) => toRow(a, today)),
    units: tallyByAgreement(unitParties.map((p) => ({ agreementId: p.agreementId, entity: p.unit }))),
  };
}

export async function partnerOptions() {
  const partners = await prisma.partner.findMany({
    select: { id: true, name: true, acronym: true },
    orderBy: { name: "asc" },
  });
  return partners.map((p) => ({ id: p.id, label: p.acronym ? `${p.acronym} — ${p.name}` : p.name }));
}

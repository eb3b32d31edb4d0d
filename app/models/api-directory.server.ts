/**
 * Partners and HT units through the JSON API: the directory lists and one
 * record with its agreements, as the pages read them (the reader's
 * confidentiality applied by the directory models).
 */
import { aliasList } from "~/domain/party-labels";
import { utcToday } from "~/domain/dates";
import { notFound } from "~/domain/errors";
import { readableWhere, type Reader } from "~/domain/confidentiality";
import { prisma } from "~/utils/db.server";
import { apiRow } from "./api-agreements.server";
import { getPartner, listPartners } from "./partners.server";
import { getUnit, listUnits } from "./units.server";

export async function apiPartners(filter: { q: string; kind: string[] }, reader: Reader) {
  const partners = await listPartners(filter, reader);
  return {
    total: partners.length,
    items: partners.map((p) => ({
      id: p.id, name: p.name, acronym: p.acronym, kind: p.kind, city: p.city, country: p.country,
      parentId: p.parent?.id ?? null, agreementCount: p.agreementCount,
    })),
  };
}

export async function apiPartner(id: string, reader: Reader) {
  const found = await getPartner(id, utcToday(), reader);
  if (!found) throw notFound(`No partner has the id “${id}”.`);
  const { partner, agreements } = found;
  return {
    id: partner.id, name: partner.name, acronym: partner.acronym, kind: partner.kind, city: partner.city, country: partner.country,
    parentId: partner.parent?.id ?? null, website: partner.website, aliases: aliasList(partner.aliases),
    agreementCount: agreements.length, agreements: agreements.map(apiRow),
  };
}

/** Every unit, centres and facilities with their groups; a centre's count includes its groups' agreements, as /units shows. */
export async function apiUnits(reader: Reader) {
  const [top, all] = await Promise.all([
    listUnits(reader),
    prisma.unit.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true }, orderBy: [{ kind: "asc" }, { code: "asc" }] }),
  ]);
  const groupCounts = await prisma.agreementParty.groupBy({
    by: ["unitId"],
    where: { unitId: { in: all.filter((u) => u.parentId).map((u) => u.id) }, agreement: { ...readableWhere(reader), archivedAt: null } },
    _count: { _all: true },
  });
  const count = new Map<string | null, number>([
    ...top.map((u) => [u.id, u.agreementCount] as const),
    ...groupCounts.map((g) => [g.unitId, g._count._all] as const),
  ]);
  const items = all.map((u) => ({ ...u, agreementCount: count.get(u.id) ?? 0 }));
  return { total: items.length, items };
}

export async function apiUnit(id: string, reader: Reader) {
  const found = await getUnit(id, utcToday(), reader);
  if (!found) throw notFound(`No HT unit has the id “${id}”.`);
  const { unit, agreements } = found;
  return {
    id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parent?.id ?? null, description: unit.description,
    researchLines: unit.researchLines, groups: unit.children, agreementCount: agreements.length, agreements: agreements.map(apiRow),
  };
}

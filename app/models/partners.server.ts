/**
 * Partners as the pages read them: the directory list with agreement counts,
 * one partner with its agreements and the HT units it works with, the
 * pickers' options, and a partner's saved values for its edit form and for
 * the conflict panel. Changes live in partner-write.server.ts and
 * partner-merge.server.ts.
 */
import type { Prisma } from "~/generated/prisma/client";
import { readableWhere, type Reader } from "~/domain/confidentiality";
import type { Snapshot } from "~/domain/errors";
import { aliasList, partnerDisplayName } from "~/domain/party-labels";
import { PARTNER_KINDS } from "~/domain/vocabulary";
import { prisma } from "~/utils/db.server";
import { tallyByAgreement } from "~/utils/tally";
import { agreementRowSelect, toRow } from "./agreements.server";

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
      where: { partnerId: { not: null }, agreement: { ...readableWhere(reader), archivedAt: null } },
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
      id: true, name: true, acronym: true, kind: true, city: true, country: true, website: true, aliases: true,
      parent: { select: { id: true, name: true, acronym: true } },
      children: { select: { id: true, name: true, acronym: true }, orderBy: { name: "asc" } },
    },
  });
  if (!partner) return null;
  const [agreements, unitParties] = await Promise.all([
    prisma.agreement.findMany({
      where: { ...readableWhere(reader), archivedAt: null, parties: { some: { partnerId: id } } },
      select: agreementRowSelect,
      orderBy: [{ endDate: { sort: "desc", nulls: "last" } }, { reference: "asc" }],
    }),
    prisma.agreementParty.findMany({
      where: {
        unitId: { not: null },
        agreement: { ...readableWhere(reader), archivedAt: null, parties: { some: { partnerId: id } } },
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

export const partnerEditSelect = {
  id: true, name: true, acronym: true, kind: true, city: true, country: true, website: true, parentId: true, version: true,
  aliases: true,
  parent: { select: { name: true, acronym: true } },
} satisfies Prisma.PartnerSelect;

export type PartnerEditRecord = Prisma.PartnerGetPayload<{ select: typeof partnerEditSelect }>;

/** The edit form's starting values. */
function editValues(p: PartnerEditRecord) {
  return {
    name: p.name,
    acronym: p.acronym ?? "",
    kind: p.kind,
    city: p.city,
    country: p.country,
    website: p.website ?? "",
    parentId: p.parentId ?? "",
    // Shown in one field, separated by ";".
    aliases: aliasList(p.aliases).join("; "),
    version: p.version,
  };
}

/** The fields of a partner a person reads, labelled: the two sides of an edit conflict. */
export const PARTNER_FIELD_LABELS: Record<string, string> = {
  name: "Name", acronym: "Acronym", kind: "Kind", city: "City", country: "Country", website: "Website", parent: "Part of",
};

/** A partner's fields as a person reads them (the kind and the parent by name). */
export function partnerSnapshot(partner: {
  name: string; acronym: string | null; kind: string; city: string | null; country: string; website: string | null;
  parent: { name: string; acronym: string | null } | null;
}): Snapshot {
  return {
    name: partner.name,
    acronym: partner.acronym ?? "",
    kind: PARTNER_KINDS.label(partner.kind),
    city: partner.city ?? "",
    country: partner.country,
    website: partner.website ?? "",
    parent: partner.parent ? partnerDisplayName(partner.parent) : "",
  };
}

export async function getPartnerForEdit(id: string) {
  const partner = await prisma.partner.findUnique({
    where: { id },
    select: { ...partnerEditSelect, _count: { select: { parties: true, children: true } } },
  });
  if (!partner) return null;
  return { id: partner.id, ...editValues(partner), agreementCount: partner._count.parties, subUnitCount: partner._count.children };
}

/**
 * Partners `partnerId` could sit under: every other partner except its own
 * sub-units at any depth (choosing one of those would make a cycle).
 */
export async function parentOptions(partnerId?: string) {
  const all = await prisma.partner.findMany({
    select: { id: true, name: true, acronym: true, parentId: true },
    orderBy: { name: "asc" },
  });
  const below = partnerId ? descendantsOf(partnerId, all) : new Set<string>();
  return all
    .filter((p) => p.id !== partnerId && !below.has(p.id))
    .map((p) => ({ id: p.id, label: p.acronym ? `${p.acronym} — ${p.name}` : p.name }));
}

export function descendantsOf(id: string, all: { id: string; parentId: string | null }[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const p of all) if (p.parentId) children.set(p.parentId, [...(children.get(p.parentId) ?? []), p.id]);
  const found = new Set<string>();
  const queue = [...(children.get(id) ?? [])];
  while (queue.length) {
    const next = queue.pop()!;
    if (found.has(next)) continue;
    found.add(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}


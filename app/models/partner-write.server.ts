/**
 * Creating, changing and deleting partners (permission directory:write): the
 * rules that need the database (a name used once, ignoring case; a parent
 * that exists and is not one of the partner's own sub-units), version checks,
 * refreshed party labels and the audit trail, each change in one transaction.
 */
import type { PartnerInput } from "~/domain/directory-schemas";
import { refused, ruleBroken, versionConflict } from "~/domain/errors";
import { aliasList, partnerDisplayName, storedAliases } from "~/domain/party-labels";
import { isUniqueViolation, prisma, type Tx } from "~/utils/db.server";
import { changedFields, recordAudit, type Actor } from "./audit.server";
import { refreshPartyLabels } from "./party-labels.server";
import { partnerEditSelect, partnerSnapshot, type PartnerEditRecord } from "./partners.server";

/** Another partner with this name, ignoring case: "University of Milan" and "university of milan" are one institution. */
async function sameName(tx: Tx, name: string, exceptId = "") {
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT "id", "name" FROM "Partner" WHERE lower("name") = lower(${name}) AND "id" <> ${exceptId} LIMIT 1`;
  return rows[0] ?? null;
}

/**
 * The parent must exist and must not be the partner itself or one of its
 * sub-units: walking up from the parent must never reach the partner.
 */
async function checkParent(tx: Tx, partnerId: string | null, parentId: string | null) {
  if (!parentId) return null;
  if (parentId === partnerId) throw ruleBroken("parentId", "A partner cannot be its own parent organisation");
  const parent = await tx.partner.findUnique({ where: { id: parentId }, select: { name: true, acronym: true, parentId: true } });
  if (!parent) throw ruleBroken("parentId", "The chosen parent organisation no longer exists; choose another");
  const seen = new Set<string>([parentId]);
  let cursor = parent.parentId;
  while (cursor && partnerId && !seen.has(cursor)) {
    if (cursor === partnerId) {
      throw ruleBroken(
        "parentId",
        `${partnerDisplayName(parent)} is itself part of this partner, so it cannot be its parent organisation`,
      );
    }
    seen.add(cursor);
    cursor = (await tx.partner.findUnique({ where: { id: cursor }, select: { parentId: true } }))?.parentId ?? null;
  }
  return parent;
}

function partnerData(input: PartnerInput) {
  return {
    name: input.name,
    acronym: input.acronym || null,
    kind: input.kind,
    city: input.city ?? "",
    country: input.country,
    website: input.website || null,
    parentId: input.parentId || null,
    aliases: storedAliases(aliasList(input.aliases)),
  };
}

/** A partner's name is taken: the form links to the one that has it. */
function nameTaken(existing: { id: string; name: string } | null, name: string) {
  return ruleBroken("name", `A partner named “${existing?.name ?? name}” already exists. Open it, or choose a different name.`, {
    existing,
  });
}

/** What the form submitted, as the conflict panel shows it beside what is saved now. */
export async function partnerInputSnapshot(input: PartnerInput) {
  const parent = input.parentId
    ? await prisma.partner.findUnique({ where: { id: input.parentId }, select: { name: true, acronym: true } })
    : null;
  return partnerSnapshot({ ...partnerData(input), parent });
}

const CONFLICT = "Someone else saved this partner while you were editing it.";

function savedData(p: PartnerEditRecord): ReturnType<typeof partnerData> {
  return {
    name: p.name, acronym: p.acronym, kind: p.kind as PartnerInput["kind"], city: p.city, country: p.country,
    website: p.website, parentId: p.parentId, aliases: p.aliases,
  };
}

/** What the audit trail keeps of a partner that is deleted or merged away. */
export function removedPartnerFields(partner: PartnerEditRecord) {
  return {
    name: partner.name, acronym: partner.acronym ?? "", kind: partner.kind, city: partner.city, country: partner.country, website: partner.website ?? "",
    parent: partner.parent ? partnerDisplayName(partner.parent) : null,
  };
}

/** What the audit trail records of a partner: its fields, the parent by name. */
function auditView(p: ReturnType<typeof partnerData>, parent: { name: string; acronym: string | null } | null) {
  const { parentId: _parentId, ...fields } = p;
  return { ...fields, parent: parent ? partnerDisplayName(parent) : null };
}


export async function createPartner(actor: Actor, input: PartnerInput) {
  const data = partnerData(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await sameName(tx, data.name);
      if (existing) throw nameTaken(existing, data.name);
      const parent = await checkParent(tx, null, data.parentId);
      const partner = await tx.partner.create({ data, select: { id: true, name: true } });
      await recordAudit(tx, actor, {
        entity: "Partner", entityId: partner.id, action: "CREATE",
        summary: `Created partner ${partner.name}`,
        after: auditView(data, parent),
      });
      return partner;
    });
  } catch (error) {
    // Two people creating the same partner at once: the unique index decides.
    if (isUniqueViolation(error)) throw nameTaken(null, data.name);
    throw error;
  }
}

/**
 * Saves a partner's fields. `version` is the one the form was loaded with; a
 * newer one in the database means someone else saved meanwhile. A new name
 * or acronym refreshes the party labels of all its agreements in the same
 * transaction (docs/decisions/004).
 */
export async function updatePartner(actor: Actor, partnerId: string, input: PartnerInput & { version: number }) {
  const data = partnerData(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await tx.partner.findUnique({ where: { id: partnerId }, select: partnerEditSelect });
      if (!current) return null;
      if (current.version !== input.version) throw versionConflict(CONFLICT, partnerSnapshot(current), current.version);
      const existing = await sameName(tx, data.name, partnerId);
      if (existing) throw nameTaken(existing, data.name);
      const parent = await checkParent(tx, partnerId, data.parentId);
      const diff = changedFields(auditView(savedData(current), current.parent), auditView(data, parent));
      if (!Object.keys(diff.after).length) return { partner: current, labelsChanged: 0 };
      const partner = await tx.partner.update({
        where: { id: partnerId },
        data: { ...data, version: { increment: 1 } },
        select: partnerEditSelect,
      });
      let labelsChanged = 0;
      if (data.name !== current.name || data.acronym !== current.acronym) {
        const parties = await tx.agreementParty.findMany({ where: { partnerId }, select: { agreementId: true } });
        labelsChanged = await refreshPartyLabels(tx, parties.map((p) => p.agreementId));
      }
      await recordAudit(tx, actor, {
        entity: "Partner", entityId: partnerId, action: "UPDATE",
        summary:
          `Updated partner ${partner.name}: ${Object.keys(diff.after).join(", ")}` +
          (labelsChanged ? ` (party names of ${labelsChanged} agreement${labelsChanged === 1 ? "" : "s"} refreshed)` : ""),
        ...diff,
      });
      return { partner, labelsChanged };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(null, data.name);
    throw error;
  }
}

/** Deletes a partner that is party to no agreement (archived ones included) and has no sub-units. */
export async function deletePartner(actor: Actor, partnerId: string, version: number) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.partner.findUnique({
      where: { id: partnerId },
      select: { ...partnerEditSelect, _count: { select: { parties: true, children: true } } },
    });
    if (!current) return null;
    if (current.version !== version) {
      throw versionConflict(`${CONFLICT} Reload the page and check before deleting.`, partnerSnapshot(current), current.version);
    }
    if (current._count.parties) {
      throw refused(
        `${current.name} is party to ${current._count.parties} agreement${current._count.parties === 1 ? "" : "s"} and cannot be deleted. ` +
          "If it is a duplicate, merge it into the partner to keep instead.",
      );
    }
    if (current._count.children) {
      throw refused(`${current.name} has sub-units. Give them another parent organisation, or merge this partner, first.`);
    }
    await tx.partner.delete({ where: { id: partnerId } });
    await recordAudit(tx, actor, {
      entity: "Partner", entityId: partnerId, action: "DELETE",
      summary: `Deleted partner ${current.name}`,
      before: removedPartnerFields(current),
    });
    return current;
  });
}


import { Prisma } from "~/generated/prisma/client";
import type { PartnerInput } from "~/domain/directory-schemas";
import { partnerDisplayName } from "~/domain/party-labels";
import { prisma, type Tx } from "~/utils/db.server";
import { tallyByAgreement } from "~/utils/tally";
import { partitionReadable, readableWhere, type Reader } from "~/domain/confidentiality";
import { agreementRowSelect, toRow } from "./agreements.server";
import { changedFields, recordAudit, type Actor } from "./audit.server";
import { refreshPartyLabels } from "./party-labels.server";
import { StaleVersionError } from "./users.server";

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
      id: true, name: true, acronym: true, kind: true, city: true, country: true, website: true,
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

// ---------------------------------------------------------------------------
// Creating, changing, deleting and merging partners (permission directory:write)

export class PartnerNameTakenError extends Error {
  constructor(public readonly existing: { id: string; name: string } | null, name: string) {
    super(`A partner named “${existing?.name ?? name}” already exists. Open it, or choose a different name.`);
  }
}

/** A rule that needs the database failed: `field` says which form field to show it on. */
export class PartnerRuleError extends Error {
  constructor(public readonly field: "parentId" | "into" | null, message: string) {
    super(message);
  }
}

/** Saving over a version someone else saved meanwhile; carries what is saved now. */
export class PartnerConflictError extends StaleVersionError {
  constructor(public readonly current: PartnerSnapshot) {
    super("Someone else saved this partner while you were editing it");
  }
}

const editSelect = {
  id: true, name: true, acronym: true, kind: true, city: true, country: true, website: true, parentId: true, version: true,
  parent: { select: { name: true, acronym: true } },
} satisfies Prisma.PartnerSelect;

type EditRecord = Prisma.PartnerGetPayload<{ select: typeof editSelect }>;

/** A partner's saved values, as the edit form and the conflict message show them. */
export function snapshot(p: EditRecord) {
  return {
    name: p.name,
    acronym: p.acronym ?? "",
    kind: p.kind,
    city: p.city,
    country: p.country,
    website: p.website ?? "",
    parentId: p.parentId ?? "",
    parentName: p.parent ? partnerDisplayName(p.parent) : "",
    version: p.version,
  };
}
export type PartnerSnapshot = ReturnType<typeof snapshot>;

export async function getPartnerForEdit(id: string) {
  const partner = await prisma.partner.findUnique({
    where: { id },
    select: { ...editSelect, _count: { select: { parties: true, children: true } } },
  });
  if (!partner) return null;
  return { id: partner.id, ...snapshot(partner), agreementCount: partner._count.parties, subUnitCount: partner._count.children };
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

function descendantsOf(id: string, all: { id: string; parentId: string | null }[]): Set<string> {
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
  if (parentId === partnerId) throw new PartnerRuleError("parentId", "A partner cannot be its own parent organisation");
  const parent = await tx.partner.findUnique({ where: { id: parentId }, select: { name: true, acronym: true, parentId: true } });
  if (!parent) throw new PartnerRuleError("parentId", "The chosen parent organisation no longer exists; choose another");
  const seen = new Set<string>([parentId]);
  let cursor = parent.parentId;
  while (cursor && partnerId && !seen.has(cursor)) {
    if (cursor === partnerId) {
      throw new PartnerRuleError(
        "parentId",
        `${partnerDisplayName(parent)} is itself part of this partner, so it cannot be its parent organisation`,
      );
    }
    seen.add(cursor);
    cursor = (await tx.partner.findUnique({ where: { id: cursor }, select: { parentId: true } }))?.parentId ?? null;
  }
  return parent;
}

function partnerData(v: PartnerInput) {
  return {
    name: v.name,
    acronym: v.acronym || null,
    kind: v.kind,
    city: v.city ?? "",
    country: v.country,
    website: v.website || null,
    parentId: v.parentId || null,
  };
}

function savedData(p: EditRecord): ReturnType<typeof partnerData> {
  return {
    name: p.name, acronym: p.acronym, kind: p.kind as PartnerInput["kind"], city: p.city, country: p.country,
    website: p.website, parentId: p.parentId,
  };
}

/** What the audit trail records of a partner: its fields, the parent by name. */
function auditView(p: ReturnType<typeof partnerData>, parent: { name: string; acronym: string | null } | null) {
  const { parentId: _parentId, ...fields } = p;
  return { ...fields, parent: parent ? partnerDisplayName(parent) : null };
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createPartner(actor: Actor, input: PartnerInput) {
  const data = partnerData(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await sameName(tx, data.name);
      if (existing) throw new PartnerNameTakenError(existing, data.name);
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
    if (isUniqueViolation(error)) throw new PartnerNameTakenError(null, data.name);
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
      const current = await tx.partner.findUnique({ where: { id: partnerId }, select: editSelect });
      if (!current) return null;
      if (current.version !== input.version) throw new PartnerConflictError(snapshot(current));
      const existing = await sameName(tx, data.name, partnerId);
      if (existing) throw new PartnerNameTakenError(existing, data.name);
      const parent = await checkParent(tx, partnerId, data.parentId);
      const diff = changedFields(auditView(savedData(current), current.parent), auditView(data, parent));
      if (!Object.keys(diff.after).length) return { partner: current, labelsChanged: 0 };
      const partner = await tx.partner.update({
        where: { id: partnerId },
        data: { ...data, version: { increment: 1 } },
        select: editSelect,
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
    if (isUniqueViolation(error)) throw new PartnerNameTakenError(null, data.name);
    throw error;
  }
}

/** Deletes a partner that is party to no agreement (archived ones included) and has no sub-units. */
export async function deletePartner(actor: Actor, partnerId: string, version: number) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.partner.findUnique({
      where: { id: partnerId },
      select: { ...editSelect, _count: { select: { parties: true, children: true } } },
    });
    if (!current) return null;
    if (current.version !== version) throw new PartnerConflictError(snapshot(current));
    if (current._count.parties) {
      throw new PartnerRuleError(
        null,
        `${current.name} is party to ${current._count.parties} agreement${current._count.parties === 1 ? "" : "s"} and cannot be deleted. ` +
          "If it is a duplicate, merge it into the partner to keep instead.",
      );
    }
    if (current._count.children) {
      throw new PartnerRuleError(null, `${current.name} has sub-units. Give them another parent organisation, or merge this partner, first.`);
    }
    await tx.partner.delete({ where: { id: partnerId } });
    const { parentId: _p, ...rest } = snapshot(current);
    const { version: _v, parentName, ...fields } = rest;
    await recordAudit(tx, actor, {
      entity: "Partner", entityId: partnerId, action: "DELETE",
      summary: `Deleted partner ${current.name}`,
      before: { ...fields, parent: parentName || null },
    });
    return current;
  });
}

/** The partners one could merge `sourceId` into: all others except its own sub-units. */
export const mergeTargetOptions = (sourceId: string) => parentOptions(sourceId);

const mergeSideSelect = {
  id: true, name: true, acronym: true, kind: true, city: true, country: true, website: true, version: true, parentId: true,
  parent: { select: { name: true, acronym: true } },
  _count: { select: { parties: true, children: true } },
} satisfies Prisma.PartnerSelect;

/** Why `source` cannot be merged into `target`, or null when it can. */
async function mergeProblem(tx: Tx, source: { id: string; name: string }, target: { id: string; name: string }) {
  if (source.id === target.id) return "Choose a different partner: a partner cannot be merged into itself";
  const all = await tx.partner.findMany({ select: { id: true, parentId: true } });
  if (descendantsOf(source.id, all).has(target.id)) {
    return `${target.name} is a sub-unit of ${source.name}, so ${source.name} cannot be merged into it. Give ${target.name} another parent organisation first.`;
  }
  return null;
}

/**
 * What merging `sourceId` into `targetId` would do, for the confirmation
 * page: the agreements that move, those that already name the target (the
 * source's party row is dropped there), and the sub-units that re-parent.
 */
export async function mergePreview(sourceId: string, targetId: string, reader: Reader) {
  const [source, target] = await Promise.all([
    prisma.partner.findUnique({ where: { id: sourceId }, select: mergeSideSelect }),
    prisma.partner.findUnique({ where: { id: targetId }, select: mergeSideSelect }),
  ]);
  if (!source || !target) return null;
  const problem = await mergeProblem(prisma, source, target);
  const [agreements, shared, subUnits] = await Promise.all([
    prisma.agreement.findMany({
      where: { parties: { some: { partnerId: sourceId } } },
      select: { id: true, reference: true, title: true, confidentiality: true },
      orderBy: { reference: "desc" },
    }),
    prisma.agreement.count({ where: { AND: [{ parties: { some: { partnerId: sourceId } } }, { parties: { some: { partnerId: targetId } } }] } }),
    prisma.partner.findMany({ where: { parentId: sourceId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const { readable, hidden } = partitionReadable(reader, agreements);
  return {
    source,
    target,
    problem,
    agreements: readable,
    hiddenAgreements: hidden,
    shared,
    subUnits,
  };
}

/**
 * Merges partner `sourceId` (a duplicate) into `targetId`, in one
 * transaction: every party row of the source moves to the target, except on
 * agreements that already name the target, where the source's row is
 * dropped and the target's kept; the source's sub-units re-parent to the
 * target; the agreements' labels are refreshed; the source is deleted.
 * One MERGE audit event on the source records all of it.
 */
export async function mergePartners(
  actor: Actor,
  input: { sourceId: string; targetId: string; version: number; intoVersion: number },
) {
  return prisma.$transaction(async (tx) => {
    const [source, target] = await Promise.all([
      tx.partner.findUnique({ where: { id: input.sourceId }, select: editSelect }),
      tx.partner.findUnique({ where: { id: input.targetId }, select: editSelect }),
    ]);
    if (!source) return null;
    if (!target) throw new PartnerRuleError("into", "The partner to keep no longer exists; choose another");
    const problem = await mergeProblem(tx, source, target);
    if (problem) throw new PartnerRuleError("into", problem);
    if (source.version !== input.version || target.version !== input.intoVersion) {
      throw new StaleVersionError(
        `${source.version !== input.version ? source.name : target.name} was changed by someone else meanwhile. Check the details below and confirm again.`,
      );
    }

    const parties = await tx.agreementParty.findMany({
      where: { partnerId: source.id },
      select: { id: true, agreementId: true, role: true },
      orderBy: { agreementId: "asc" },
    });
    const targetRoles = new Map(
      (
        await tx.agreementParty.findMany({
          where: { partnerId: target.id, agreement: { parties: { some: { partnerId: source.id } } } },
          select: { agreementId: true, role: true },
        })
      ).map((p) => [p.agreementId, p.role]),
    );
    const dropped = parties.filter((p) => targetRoles.has(p.agreementId));
    const moved = parties.filter((p) => !targetRoles.has(p.agreementId));
    for (let i = 0; i < dropped.length; i += 500) {
      await tx.agreementParty.deleteMany({ where: { id: { in: dropped.slice(i, i + 500).map((p) => p.id) } } });
    }
    await tx.agreementParty.updateMany({ where: { partnerId: source.id }, data: { partnerId: target.id } });

    const subUnits = await tx.partner.findMany({ where: { parentId: source.id }, select: { id: true, name: true } });
    // A sub-unit's parent changes: bump its version so an open edit form of it cannot put the old parent back.
    await tx.partner.updateMany({ where: { parentId: source.id }, data: { parentId: target.id, version: { increment: 1 } } });

    const agreementIds = [...new Set(parties.map((p) => p.agreementId))];
    await refreshPartyLabels(tx, agreementIds);
    await tx.partner.delete({ where: { id: source.id } });

    const { version: _v, parentId: _p, parentName, ...fields } = snapshot(source);
    await recordAudit(tx, actor, {
      entity: "Partner", entityId: source.id, action: "MERGE",
      summary:
        `Merged partner ${source.name} into ${target.name}: ${moved.length} agreement${moved.length === 1 ? "" : "s"} moved` +
        (dropped.length ? `, ${dropped.length} already naming ${target.name} kept its party row` : "") +
        (subUnits.length ? `, ${subUnits.length} sub-unit${subUnits.length === 1 ? "" : "s"} re-parented` : ""),
      before: { ...fields, parent: parentName || null, partyCount: parties.length, agreementIds },
      after: {
        mergedInto: { id: target.id, name: target.name },
        movedPartyCount: moved.length,
        movedAgreementIds: moved.map((p) => p.agreementId),
        droppedDuplicateParties: dropped.map((p) => ({
          agreementId: p.agreementId,
          droppedRole: p.role,
          keptRole: targetRoles.get(p.agreementId),
        })),
        reparentedSubUnits: subUnits.map((s) => ({ id: s.id, name: s.name })),
      },
    });
    return { target: { id: target.id, name: target.name }, moved: moved.length, dropped: dropped.length, subUnits: subUnits.length };
  });
}

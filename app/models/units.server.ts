import { Prisma } from "~/generated/prisma/client";
import type { UnitInput } from "~/domain/directory-schemas";
import { UNIT_KINDS } from "~/domain/vocabulary";
import { prisma, type Tx } from "~/utils/db.server";
import { tallyByAgreement } from "~/utils/tally";
import { readableWhere, type Reader } from "~/domain/confidentiality";
import { agreementRowSelect, toRow } from "./agreements.server";
import { changedFields, recordAudit, type Actor } from "./audit.server";
import { refreshPartyLabels } from "./party-labels.server";
import { StaleVersionError } from "./users.server";

/** Centres and facilities, each with its groups and the number of agreements it (or a group of it) is party to. */
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

// ---------------------------------------------------------------------------
// Creating and changing units and research lines (permission directory:write)

/** A rule that needs the database failed: `field` says which form field to show it on. */
export class UnitRuleError extends Error {
  constructor(public readonly field: "code" | "kind" | "parentId" | "name" | null, message: string) {
    super(message);
  }
}

/** Saving over a version someone else saved meanwhile; carries what is saved now. */
export class UnitConflictError extends StaleVersionError {
  constructor(public readonly current: UnitSnapshot) {
    super("Someone else saved this unit while you were editing it");
  }
}

const unitEditSelect = {
  id: true, code: true, name: true, kind: true, description: true, parentId: true, version: true,
  parent: { select: { name: true } },
} satisfies Prisma.UnitSelect;

type UnitEditRecord = Prisma.UnitGetPayload<{ select: typeof unitEditSelect }>;

export function unitSnapshot(u: UnitEditRecord) {
  return {
    code: u.code, name: u.name, kind: u.kind, description: u.description,
    parentId: u.parentId ?? "", parentName: u.parent?.name ?? "", version: u.version,
  };
}
export type UnitSnapshot = ReturnType<typeof unitSnapshot>;

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
    ...unitSnapshot(unit),
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

function unitData(v: UnitInput) {
  return {
    code: v.code,
    name: v.name,
    kind: v.kind,
    description: v.description ?? "",
    parentId: v.kind === "GROUP" ? v.parentId || null : null,
  };
}

function unitAuditView(u: ReturnType<typeof unitData>, parent: { name: string } | null) {
  const { parentId: _parentId, ...fields } = u;
  return { ...fields, parent: parent?.name ?? null };
}

/** The rules of the unit tree that need the database. */
async function checkUnit(tx: Tx, unitId: string | null, data: ReturnType<typeof unitData>) {
  const taken = await tx.unit.findFirst({
    where: { code: data.code, ...(unitId ? { id: { not: unitId } } : {}) },
    select: { name: true },
  });
  if (taken) throw new UnitRuleError("code", `The code ${data.code} is already used by ${taken.name}`);
  let parent: { name: string } | null = null;
  if (data.parentId && data.parentId === unitId) throw new UnitRuleError("parentId", "A unit cannot sit under itself");
  if (data.parentId) {
    const found = await tx.unit.findUnique({ where: { id: data.parentId }, select: { name: true, kind: true } });
    if (!found) throw new UnitRuleError("parentId", "The chosen unit no longer exists; choose another");
    if (found.kind !== "CENTRE" && found.kind !== "FACILITY") {
      throw new UnitRuleError("parentId", `${found.name} is a ${UNIT_KINDS.label(found.kind).toLowerCase()}: a group sits under a centre or a facility`);
    }
    parent = found;
  }
  if (unitId) {
    const counts = await tx.unit.findUniqueOrThrow({
      where: { id: unitId },
      select: { kind: true, _count: { select: { children: true, researchLines: true } } },
    });
    if (data.kind === "GROUP" && counts._count.children) {
      throw new UnitRuleError("kind", "This unit has research groups under it, so it cannot become a group itself");
    }
    if (data.kind !== "CENTRE" && counts._count.researchLines) {
      throw new UnitRuleError("kind", "Only research centres pursue research lines: remove this centre's research lines first");
    }
  }
  return parent;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createUnit(actor: Actor, input: UnitInput) {
  const data = unitData(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const parent = await checkUnit(tx, null, data);
      const unit = await tx.unit.create({ data, select: { id: true, name: true, code: true } });
      await recordAudit(tx, actor, {
        entity: "Unit", entityId: unit.id, action: "CREATE",
        summary: `Created ${UNIT_KINDS.label(data.kind).toLowerCase()} ${unit.code} ${unit.name}`,
        after: unitAuditView(data, parent),
      });
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UnitRuleError("code", `The code ${data.code} is already used`);
    throw error;
  }
}

/**
 * Saves a unit's fields, refusing to overwrite a newer version. A new name
 * refreshes the units label of its agreements in the same transaction.
 */
export async function updateUnit(actor: Actor, unitId: string, input: UnitInput & { version: number }) {
  const data = unitData(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await tx.unit.findUnique({ where: { id: unitId }, select: unitEditSelect });
      if (!current) return null;
      if (current.version !== input.version) throw new UnitConflictError(unitSnapshot(current));
      const parent = await checkUnit(tx, unitId, data);
      const before = unitAuditView(
        { code: current.code, name: current.name, kind: current.kind as UnitInput["kind"], description: current.description, parentId: current.parentId },
        current.parent,
      );
      const diff = changedFields(before, unitAuditView(data, parent));
      if (!Object.keys(diff.after).length) return { unit: current, labelsChanged: 0 };
      const unit = await tx.unit.update({ where: { id: unitId }, data: { ...data, version: { increment: 1 } }, select: unitEditSelect });
      let labelsChanged = 0;
      if (data.name !== current.name) {
        const parties = await tx.agreementParty.findMany({ where: { unitId }, select: { agreementId: true } });
        labelsChanged = await refreshPartyLabels(tx, parties.map((p) => p.agreementId));
      }
      await recordAudit(tx, actor, {
        entity: "Unit", entityId: unitId, action: "UPDATE",
        summary:
          `Updated unit ${unit.code}: ${Object.keys(diff.after).join(", ")}` +
          (labelsChanged ? ` (party names of ${labelsChanged} agreement${labelsChanged === 1 ? "" : "s"} refreshed)` : ""),
        ...diff,
      });
      return { unit, labelsChanged };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UnitRuleError("code", `The code ${data.code} is already used`);
    throw error;
  }
}

async function centreOf(tx: Tx, unitId: string) {
  const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true, kind: true } });
  if (!unit) return null;
  if (unit.kind !== "CENTRE") throw new UnitRuleError(null, "Only research centres pursue research lines");
  return unit;
}

async function lineNameTaken(tx: Tx, unitId: string, name: string, exceptId = "") {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "ResearchLine" WHERE "unitId" = ${unitId} AND lower("name") = lower(${name}) AND "id" <> ${exceptId} LIMIT 1`;
  return rows.length > 0;
}

export async function addResearchLine(actor: Actor, unitId: string, name: string) {
  return prisma.$transaction(async (tx) => {
    const unit = await centreOf(tx, unitId);
    if (!unit) return null;
    if (await lineNameTaken(tx, unitId, name)) throw new UnitRuleError("name", `${unit.name} already has a research line “${name}”`);
    const line = await tx.researchLine.create({ data: { unitId, name }, select: { id: true, name: true } });
    await recordAudit(tx, actor, {
      entity: "ResearchLine", entityId: line.id, action: "CREATE",
      summary: `Added research line “${name}” to ${unit.name}`,
      after: { unit: unit.name, name },
    });
    return line;
  });
}

export async function renameResearchLine(actor: Actor, unitId: string, lineId: string, name: string) {
  return prisma.$transaction(async (tx) => {
    const line = await tx.researchLine.findFirst({ where: { id: lineId, unitId }, select: { id: true, name: true, unit: { select: { name: true } } } });
    if (!line) return null;
    if (line.name === name) return line;
    if (await lineNameTaken(tx, unitId, name, lineId)) throw new UnitRuleError("name", `${line.unit.name} already has a research line “${name}”`);
    const updated = await tx.researchLine.update({ where: { id: lineId }, data: { name }, select: { id: true, name: true } });
    await recordAudit(tx, actor, {
      entity: "ResearchLine", entityId: lineId, action: "UPDATE",
      summary: `Renamed research line “${line.name}” of ${line.unit.name} to “${name}”`,
      before: { name: line.name }, after: { name },
    });
    return updated;
  });
}

/** Removes a research line no agreement serves; one that is referenced stays. */
export async function removeResearchLine(actor: Actor, unitId: string, lineId: string) {
  return prisma.$transaction(async (tx) => {
    const line = await tx.researchLine.findFirst({
      where: { id: lineId, unitId },
      select: { id: true, name: true, unit: { select: { name: true } }, _count: { select: { agreements: true } } },
    });
    if (!line) return null;
    if (line._count.agreements) {
      const n = line._count.agreements;
      throw new UnitRuleError(null, `“${line.name}” is served by ${n} agreement${n === 1 ? "" : "s"} and cannot be removed. Rename it instead, or change those agreements first.`);
    }
    await tx.researchLine.delete({ where: { id: lineId } });
    await recordAudit(tx, actor, {
      entity: "ResearchLine", entityId: lineId, action: "DELETE",
      summary: `Removed research line “${line.name}” from ${line.unit.name}`,
      before: { unit: line.unit.name, name: line.name },
    });
    return line;
  });
}

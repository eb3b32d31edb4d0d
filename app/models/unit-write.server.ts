/**
 * Creating and changing HT units and their research lines (permission
 * directory:write): the rules of the unit tree that need the database, a
 * code used once, version checks, refreshed party labels and the audit
 * trail, each change in one transaction.
 */
import type { UnitInput } from "~/domain/directory-schemas";
import { refused, ruleBroken, versionConflict } from "~/domain/errors";
import { UNIT_KINDS } from "~/domain/vocabulary";
import { isUniqueViolation, prisma, type Tx } from "~/utils/db.server";
import { changedFields, recordAudit, type Actor } from "./audit.server";
import { refreshPartyLabels } from "./party-labels.server";
import { unitEditSelect, unitSnapshot } from "./units.server";

function unitData(input: UnitInput) {
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    description: input.description ?? "",
    parentId: input.kind === "GROUP" ? input.parentId || null : null,
  };
}

/** What the form submitted, as the conflict panel shows it beside what is saved now. */
export async function unitInputSnapshot(input: UnitInput) {
  const data = unitData(input);
  const parent = data.parentId ? await prisma.unit.findUnique({ where: { id: data.parentId }, select: { name: true } }) : null;
  return unitSnapshot({ ...data, parent });
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
  if (taken) throw ruleBroken("code", `The code ${data.code} is already used by ${taken.name}`);
  let parent: { name: string } | null = null;
  if (data.parentId && data.parentId === unitId) throw ruleBroken("parentId", "A unit cannot sit under itself");
  if (data.parentId) {
    const found = await tx.unit.findUnique({ where: { id: data.parentId }, select: { name: true, kind: true } });
    if (!found) throw ruleBroken("parentId", "The chosen unit no longer exists; choose another");
    if (found.kind !== "CENTRE" && found.kind !== "FACILITY") {
      throw ruleBroken("parentId", `${found.name} is a ${UNIT_KINDS.label(found.kind).toLowerCase()}: a group sits under a centre or a facility`);
    }
    parent = found;
  }
  if (unitId) {
    const counts = await tx.unit.findUniqueOrThrow({
      where: { id: unitId },
      select: { kind: true, _count: { select: { children: true, researchLines: true } } },
    });
    if (data.kind === "GROUP" && counts._count.children) {
      throw ruleBroken("kind", "This unit has research groups under it, so it cannot become a group itself");
    }
    if (data.kind !== "CENTRE" && counts._count.researchLines) {
      throw ruleBroken("kind", "Only research centres pursue research lines: remove this centre's research lines first");
    }
  }
  return parent;
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
    if (isUniqueViolation(error)) throw ruleBroken("code", `The code ${data.code} is already used`);
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
      if (current.version !== input.version) {
        throw versionConflict("Someone else saved this unit while you were editing it.", unitSnapshot(current), current.version);
      }
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
    if (isUniqueViolation(error)) throw ruleBroken("code", `The code ${data.code} is already used`);
    throw error;
  }
}

async function centreOf(tx: Tx, unitId: string) {
  const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { id: true, name: true, kind: true } });
  if (!unit) return null;
  if (unit.kind !== "CENTRE") throw refused("Only research centres pursue research lines");
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
    if (await lineNameTaken(tx, unitId, name)) throw refused(`${unit.name} already has a research line “${name}”`, "name");
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
    if (await lineNameTaken(tx, unitId, name, lineId)) throw refused(`${line.unit.name} already has a research line “${name}”`, "name");
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
      throw refused(`“${line.name}” is served by ${n} agreement${n === 1 ? "" : "s"} and cannot be removed. Rename it instead, or change those agreements first.`);
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

/**
 * Merging a duplicate partner into the one to keep: the preview the
 * confirmation page shows, and the merge itself in one transaction (party
 * rows move or drop, sub-units re-parent, the duplicate's names become the
 * kept partner's other names, labels refresh, one audit event).
 */
import type { Prisma } from "~/generated/prisma/client";
import { partitionReadable, type Reader } from "~/domain/confidentiality";
import { mergedAliases } from "~/domain/party-labels";
import { refused, versionConflict } from "~/domain/errors";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";
import { refreshPartyLabels } from "./party-labels.server";
import { removedPartnerFields } from "./partner-write.server";
import { descendantsOf, parentOptions, partnerEditSelect } from "./partners.server";

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
      tx.partner.findUnique({ where: { id: input.sourceId }, select: partnerEditSelect }),
      tx.partner.findUnique({ where: { id: input.targetId }, select: partnerEditSelect }),
    ]);
    if (!source) return null;
    if (!target) throw refused("The partner to keep no longer exists; choose another", "into");
    const problem = await mergeProblem(tx, source, target);
    if (problem) throw refused(problem, "into");
    if (source.version !== input.version || target.version !== input.intoVersion) {
      throw versionConflict(
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

    // The duplicate's names stay findable: they become the kept partner's other names.
    await tx.partner.update({ where: { id: target.id }, data: { aliases: mergedAliases(target, source), version: { increment: 1 } } });

    const agreementIds = [...new Set(parties.map((p) => p.agreementId))];
    await refreshPartyLabels(tx, agreementIds);
    await tx.partner.delete({ where: { id: source.id } });

    await recordAudit(tx, actor, {
      entity: "Partner", entityId: source.id, action: "MERGE",
      summary:
        `Merged partner ${source.name} into ${target.name}: ${moved.length} agreement${moved.length === 1 ? "" : "s"} moved` +
        (dropped.length ? `, ${dropped.length} already naming ${target.name} kept its party row` : "") +
        (subUnits.length ? `, ${subUnits.length} sub-unit${subUnits.length === 1 ? "" : "s"} re-parented` : ""),
      before: { ...removedPartnerFields(source), partyCount: parties.length, agreementIds },
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

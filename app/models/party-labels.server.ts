/**
 * Keeps Agreement.partnersLabel / unitsLabel (docs/decisions/004) in step
 * when a partner or unit changes its name, or partners merge.
 */
import { Prisma } from "~/generated/prisma/client";
import { partnerDisplayName, partyLabel } from "~/domain/party-labels";
import { chunks } from "~/utils/chunks";
import type { Tx } from "~/utils/db.server";

const CHUNK = 500;

/**
 * Recomputes both labels of these agreements from their current parties,
 * inside the caller's transaction, and returns how many changed. The labels
 * are derived data, so the agreements' updatedAt and version stay as they
 * are: renaming a partner is not an edit of its agreements, and must not
 * make an editor's open agreement form look stale. (Prisma's update and
 * updateMany always bump @updatedAt, hence the raw UPDATE.)
 */
export async function refreshPartyLabels(tx: Tx, agreementIds: Iterable<string>): Promise<number> {
  let changed = 0;
  for (const ids of chunks([...new Set(agreementIds)], CHUNK)) {
    const rows = await tx.agreement.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        partnersLabel: true,
        unitsLabel: true,
        parties: { select: { partner: { select: { name: true, acronym: true } }, unit: { select: { name: true } } } },
      },
    });
    // One UPDATE per distinct pair of labels, not one per agreement.
    const byLabels = new Map<string, { partners: string; units: string; ids: string[] }>();
    for (const row of rows) {
      const partners = partyLabel(row.parties.flatMap((p) => (p.partner ? [partnerDisplayName(p.partner)] : [])));
      const units = partyLabel(row.parties.flatMap((p) => (p.unit ? [p.unit.name] : [])));
      if (partners === row.partnersLabel && units === row.unitsLabel) continue;
      const key = JSON.stringify([partners, units]);
      const group = byLabels.get(key) ?? { partners, units, ids: [] };
      group.ids.push(row.id);
      byLabels.set(key, group);
    }
    for (const group of byLabels.values()) {
      changed += await tx.$executeRaw`
        UPDATE "Agreement" SET "partnersLabel" = ${group.partners}, "unitsLabel" = ${group.units}
        WHERE "id" IN (${Prisma.join(group.ids)})`;
    }
  }
  return changed;
}

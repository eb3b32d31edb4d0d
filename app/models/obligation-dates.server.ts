/**
 * Obligation.nextDueDate, the derived column the deadline queries read
 * (docs/decisions/030): recomputed from the obligation's schedule and its
 * agreement's term by every write of either, in the same transaction.
 */
import { nextOccurrence, type ObligationTiming } from "~/domain/obligations";
import type { Tx } from "~/utils/db.server";

type Stored = ObligationTiming & { id: string; status: string; completedThrough: Date | null; nextDueDate: Date | null };

/** Recomputes the next due date of every obligation of `agreementId`; returns how many changed. */
export async function refreshObligationDueDates(tx: Tx, agreementId: string): Promise<number> {
  const agreement = await tx.agreement.findUnique({
    where: { id: agreementId },
    select: {
      startDate: true, endDate: true,
      obligations: {
        where: { status: "OPEN" },
        select: { id: true, schedule: true, dueDate: true, intervalMonths: true, daysBeforeEnd: true, status: true, completedThrough: true, nextDueDate: true },
      },
    },
  });
  if (!agreement) return 0;
  let changed = 0;
  for (const o of agreement.obligations as Stored[]) {
    const next = nextOccurrence(o, agreement);
    if ((next?.getTime() ?? null) === (o.nextDueDate?.getTime() ?? null)) continue;
    await tx.obligation.update({ where: { id: o.id }, data: { nextDueDate: next } });
    changed += 1;
  }
  return changed;
}

/**
 * Watching: anyone may follow an agreement or a whole HT unit (its groups
 * included) to get its deadlines in their reminders and calendar feed. Each
 * change writes an audit row. A restricted agreement can only be watched by
 * someone who may read it.
 */
import { isHiddenFrom, isRestricted, type Reader } from "~/domain/confidentiality";
import { forbidden, notFound } from "~/domain/errors";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";

type Subject = { agreementId: string } | { unitId: string };

async function describe(subject: Subject, reader: Reader) {
  if ("agreementId" in subject) {
    const a = await prisma.agreement.findUnique({ where: { id: subject.agreementId }, select: { id: true, reference: true, confidentiality: true } });
    if (!a) throw notFound("No agreement has this id.");
    if (isHiddenFrom(reader, a)) throw forbidden("This agreement is restricted.");
    return { label: a.reference, agreementId: a.id, restricted: isRestricted(a) };
  }
  const u = await prisma.unit.findUnique({ where: { id: subject.unitId }, select: { name: true } });
  if (!u) throw notFound("No HT unit has this id.");
  return { label: u.name, agreementId: null, restricted: false };
}

/** Starts or stops watching; doing what is already so changes nothing. */
export async function setWatching(actor: Actor & { id: string; role: Reader["role"] }, subject: Subject, watching: boolean) {
  const about = await describe(subject, actor);
  const where = "agreementId" in subject ? { userId: actor.id, agreementId: subject.agreementId } : { userId: actor.id, unitId: subject.unitId };
  try {
    await prisma.$transaction(async (tx) => {
      const existing = await tx.watch.findFirst({ where, select: { id: true } });
      if (Boolean(existing) === watching) return;
      const row = existing ? await tx.watch.delete({ where: { id: existing.id } }) : await tx.watch.create({ data: where });
      await recordAudit(tx, actor, {
        entity: "Watch", entityId: row.id, action: watching ? "CREATE" : "DELETE", agreementId: about.agreementId, restricted: about.restricted,
        summary: `${actor.email} ${watching ? "watches" : "stopped watching"} ${about.label}`,
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // a double click: already watching
  }
}

/** Whether `userId` watches the agreement, or one of its units (or their centre). */
export async function watchState(userId: string, agreementId: string) {
  const [direct, viaUnit] = await Promise.all([
    prisma.watch.findFirst({ where: { userId, agreementId }, select: { id: true } }),
    prisma.watch.findFirst({
      where: { userId, unit: { OR: [{ parties: { some: { agreementId } } }, { children: { some: { parties: { some: { agreementId } } } } }] } },
      select: { unit: { select: { name: true } } },
    }),
  ]);
  return { watching: Boolean(direct), viaUnit: viaUnit?.unit?.name ?? null };
}

export async function isWatchingUnit(userId: string, unitId: string) {
  return Boolean(await prisma.watch.findFirst({ where: { userId, unitId }, select: { id: true } }));
}

/** What a person watches, for their reminders page (restricted agreements as the reader may see them). */
export async function watchesOf(userId: string) {
  return prisma.watch.findMany({
    where: { userId },
    select: {
      id: true, createdAt: true,
      agreement: { select: { id: true, reference: true, title: true, confidentiality: true } },
      unit: { select: { id: true, name: true } },
    },
    orderBy: { createdAt: "desc" },
  });
}

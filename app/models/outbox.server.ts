/**
 * What the admin's outbox page reads: the messages kept in demo mode
 * without an SMTP server (as they would have been sent), the reminder
 * deliveries with their state (sent, failed and waiting, cancelled), and
 * the last runs of the reminder job with what each did.
 */
import { prisma } from "~/utils/db.server";

export async function outboxPage(page: number, size: number) {
  const [total, messages, runs, deliveries, counts] = await Promise.all([
    prisma.outboxMessage.count(),
    prisma.outboxMessage.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * size, take: size, select: { id: true, messageId: true, to: true, subject: true, text: true, createdAt: true } }),
    prisma.jobRun.findMany({ where: { job: "reminders" }, orderBy: { id: "desc" }, take: 8 }),
    prisma.reminderDelivery.findMany({
      where: { status: { in: ["FAILED", "CLAIMED"] } }, orderBy: { createdAt: "desc" }, take: 20,
      select: { id: true, kind: true, status: true, subject: true, attempts: true, lastError: true, dueOn: true, user: { select: { name: true, email: true } } },
    }),
    prisma.reminderDelivery.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return { total, messages, runs, waiting: deliveries, counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Record<string, number> };
}

/**
 * A lease on a job in SQLite (JobLock), so that only one server process
 * runs it at a time: taken with a single conditional write (free, expired,
 * or already ours), renewed while the job runs, given back at the end. A
 * process that dies keeps it only until it expires.
 */
import { isUniqueViolation, prisma } from "~/utils/db.server";

export async function acquireLock(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  try {
    await prisma.jobLock.create({ data: { name, holder, acquiredAt: now, expiresAt } });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const taken = await prisma.jobLock.updateMany({
    where: { name, OR: [{ expiresAt: { lt: now } }, { holder }] },
    data: { holder, acquiredAt: now, expiresAt },
  });
  return taken.count === 1;
}

/** Extends our lease; false when it was lost (expired and taken by another process). */
export async function renewLock(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const renewed = await prisma.jobLock.updateMany({ where: { name, holder }, data: { expiresAt: new Date(now.getTime() + ttlMs) } });
  return renewed.count === 1;
}

export async function releaseLock(name: string, holder: string): Promise<void> {
  await prisma.jobLock.deleteMany({ where: { name, holder } });
}

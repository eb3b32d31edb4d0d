/**
 * Backups as the server and the pages see them: a backup's folder name
 * (ht-backup-20261201T023000Z), its manifest (what it holds and whether it
 * verified), and the retention rule: the newest backup of each of the last
 * N days, ISO weeks and months that have one, and always the newest.
 */
import { z } from "zod";

export const BACKUP_PREFIX = "ht-backup-";
const NAME = /^ht-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-(\d+))?$/;

/** ht-backup-YYYYMMDDTHHMMSSZ for a moment (UTC), with "-2"... when that second is taken. */
export function backupName(at: Date, suffix = 0): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return `${BACKUP_PREFIX}${stamp}${suffix ? `-${suffix}` : ""}`;
}

export function isBackupName(name: string): boolean {
  return NAME.test(name);
}

export const ManifestSchema = z.object({
  format: z.literal(1),
  app: z.literal("ht-collaborations"),
  name: z.string(),
  createdAt: z.string().datetime(),
  durationMs: z.number(),
  database: z.object({
    file: z.string(),
    bytes: z.number().int(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    integrity: z.string(),
    migrations: z.array(z.string()),
    counts: z.record(z.string(), z.number().int()),
  }),
  files: z.object({
    count: z.number().int(),
    bytes: z.number().int(),
    entries: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int() })),
  }),
  verified: z.boolean(),
  /** What failed verification, when it did. */
  problems: z.array(z.string()).default([]),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export interface RetentionRule {
  daily: number;
  weekly: number;
  monthly: number;
}

/** "2026-W48" for a day (ISO week, Monday first). */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** Which of these backups the rule keeps: the rest may be deleted. */
export function backupsToKeep<T extends { name: string; createdAt: Date }>(backups: readonly T[], rule: RetentionRule): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  const buckets: [number, (d: Date) => string][] = [
    [rule.daily, (d) => d.toISOString().slice(0, 10)],
    [rule.weekly, isoWeek],
    [rule.monthly, (d) => d.toISOString().slice(0, 7)],
  ];
  for (const [count, keyOf] of buckets) {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const key = keyOf(b.createdAt);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(b.name);
    }
  }
  return keep;
}

/** The retention rule: the newest backup of each of the last N days, ISO weeks and months, and always the newest. */
import { describe, expect, it } from "vitest";
import { backupName, backupsToKeep, isBackupName, isoWeek } from "./backups";

const day = (iso: string) => new Date(`${iso}T02:30:00Z`);
function daily(from: string, count: number) {
  const start = day(from).getTime();
  return Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(start - i * 86_400_000);
    return { name: backupName(createdAt), createdAt };
  });
}

describe("backup retention", () => {
  it("keeps 7 daily, 4 weekly and 12 monthly backups out of a year and a half of dailies", () => {
    const backups = daily("2026-12-01", 540);
    const keep = backupsToKeep(backups, { daily: 7, weekly: 4, monthly: 12 });
    const kept = backups.filter((b) => keep.has(b.name)).map((b) => b.createdAt.toISOString().slice(0, 10));
    // The last 7 days...
    expect(kept.slice(0, 7)).toEqual(["2026-12-01", "2026-11-30", "2026-11-29", "2026-11-28", "2026-11-27", "2026-11-26", "2026-11-25"]);
    // ...the newest of each of 4 ISO weeks (already among the dailies, plus older Sundays)...
    expect(new Set(kept.map((d) => isoWeek(day(d)))).size).toBeGreaterThanOrEqual(4);
    // ...and the newest of each of 12 months, back to January.
    expect(new Set(kept.map((d) => d.slice(0, 7)))).toEqual(new Set([
      "2026-12", "2026-11", "2026-10", "2026-09", "2026-08", "2026-07", "2026-06", "2026-05", "2026-04", "2026-03", "2026-02", "2026-01",
    ]));
    expect(kept).toContain("2026-01-31");
    expect(kept).not.toContain("2025-12-31");
    expect(keep.size).toBeLessThanOrEqual(7 + 4 + 12);
  });

  it("keeps the newest of several backups on one day, and always the newest backup", () => {
    const a = { name: "a", createdAt: new Date("2026-12-01T02:30:00Z") };
    const b = { name: "b", createdAt: new Date("2026-12-01T14:00:00Z") };
    expect([...backupsToKeep([a, b], { daily: 1, weekly: 0, monthly: 0 })]).toEqual(["b"]);
    expect([...backupsToKeep([a], { daily: 1, weekly: 0, monthly: 0 })]).toEqual(["a"]);
  });

  it("names backups by their UTC time, and knows its own names", () => {
    expect(backupName(new Date("2026-12-01T02:30:05.123Z"))).toBe("ht-backup-20261201T023005Z");
    expect(backupName(new Date("2026-12-01T02:30:05Z"), 2)).toBe("ht-backup-20261201T023005Z-2");
    expect(isBackupName("ht-backup-20261201T023005Z-2")).toBe(true);
    expect(isBackupName(".ht-backup-20261201T023005Z.partial")).toBe(false);
    expect(isoWeek(new Date("2026-01-01T00:00:00Z"))).toBe("2026-W01");
    expect(isoWeek(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53");
  });
});

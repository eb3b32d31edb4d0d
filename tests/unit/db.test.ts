import path from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { databaseReady, prisma, resetDatabase } from "../setup/db";

describe("per-worker test database", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  test("DATABASE_URL points at this worker's own copy, not the dev database", async () => {
    const url = process.env.DATABASE_URL ?? "";
    const id = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
    expect(url).toMatch(/^file:/);
    expect(path.basename(url)).toBe(`worker-${id}.db`);
    expect(path.basename(path.dirname(url))).toMatch(/^vitest-\d+$/);
    expect(path.basename(path.dirname(path.dirname(url)))).toBe(".data");

    const [db] = await prisma.$queryRawUnsafe<{ file: string }[]>("SELECT file FROM pragma_database_list WHERE name = 'main'");
    expect(db?.file).toBe(url.replace(/^file:/, ""));
  });

  test("the schema is migrated and a created unit can be read back", async () => {
    await databaseReady();
    await prisma.unit.create({ data: { code: "CH", name: "Centre for Health Data Science", kind: "CENTRE" } });
    const units = await prisma.unit.findMany({ select: { code: true, name: true } });
    expect(units).toEqual([{ code: "CH", name: "Centre for Health Data Science" }]);
  });

  test("resetDatabase empties the tables between tests", async () => {
    expect(await prisma.unit.count()).toBe(0);
  });

  test("foreign keys are enforced: a research line needs an existing unit", async () => {
    await databaseReady();
    const [fk] = await prisma.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(Number(fk?.foreign_keys)).toBe(1);
    await expect(
      prisma.researchLine.create({ data: { name: "Orphan line", unitId: "no-such-unit" } }),
    ).rejects.toThrow(/foreign key/i);
    expect(await prisma.researchLine.count()).toBe(0);
  });

  test("the database runs in WAL mode", async () => {
    await databaseReady();
    const [mode] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode?.journal_mode).toBe("wal");
  });
});

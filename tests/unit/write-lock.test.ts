/**
 * A transaction takes SQLite's write lock when it begins (BEGIN IMMEDIATE,
 * app/utils/sqlite.server.ts): another process's writer waits its turn
 * instead of making the app's read-then-write transaction fail with
 * SQLITE_BUSY_SNAPSHOT in the middle of a save.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";

const file = () => (process.env.DATABASE_URL ?? "").replace(/^file:/, "");

/** Whether another connection could take the write lock right now, without waiting. */
function otherWriterCanStart(): boolean {
  const other = new Database(file());
  try {
    other.pragma("busy_timeout = 0");
    other.exec("BEGIN IMMEDIATE");
    other.exec("ROLLBACK");
    return true;
  } catch (error) {
    expect((error as { code?: string }).code).toBe("SQLITE_BUSY");
    return false;
  } finally {
    other.close();
  }
}

describe("the app's transactions", () => {
  it("hold the write lock from their first statement, a read, until they end", async () => {
    expect(otherWriterCanStart()).toBe(true);
    await prisma.$transaction(async (tx) => {
      await tx.unit.count();
      expect(otherWriterCanStart()).toBe(false);
    });
    expect(otherWriterCanStart()).toBe(true);
  });

  it("let a read-then-write transaction commit after another process wrote between its read and its write", async () => {
    const unit = await prisma.unit.create({ data: { code: "WL", name: "Write lock centre", kind: "CENTRE" } });
    await prisma.$transaction(async (tx) => {
      const current = await tx.unit.findUniqueOrThrow({ where: { id: unit.id } });
      // Another process tries to write meanwhile: it has to wait, so it cannot slip in.
      expect(otherWriterCanStart()).toBe(false);
      await tx.unit.update({ where: { id: unit.id }, data: { name: `${current.name} (renamed)`, version: { increment: 1 } } });
    });
    expect((await prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe("Write lock centre (renamed)");
  });
});

/**
 * The migration that gives approvals records of their own carries every
 * old `boardApprovalDate` over as a board approval: applied, as SQL, to a
 * database at the previous migration holding such an agreement.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const dir = path.resolve("prisma/migrations");
const migrations = readdirSync(dir).filter((d) => /^\d+_/.test(d)).sort();
const target = migrations.findIndex((m) => m.endsWith("_documents_approvals_search"));

describe("the approvals migration", () => {
  it("turns each board approval date into a board approval, and drops the column", () => {
    const db = new Database(":memory:");
    for (const m of migrations.slice(0, target)) db.exec(readFileSync(path.join(dir, m, "migration.sql"), "utf8"));
    db.exec(`INSERT INTO "Agreement" ("id", "reference", "title", "kind", "status", "boardApprovalDate", "protocolNumber", "updatedAt")
             VALUES ('a1', 'HT-2020-0001', 'Approved one', 'MOU', 'ACTIVE', '2020-03-04T00:00:00.000+00:00', 'PG/2020/1', CURRENT_TIMESTAMP),
                    ('a2', 'HT-2020-0002', 'Never approved', 'MOU', 'DRAFT', NULL, NULL, CURRENT_TIMESTAMP)`);
    db.exec(readFileSync(path.join(dir, migrations[target]!, "migration.sql"), "utf8"));
    expect(db.prepare(`SELECT "agreementId", "body", "decisionDate" FROM "Approval"`).all()).toEqual([
      { agreementId: "a1", body: "BOARD", decisionDate: "2020-03-04T00:00:00.000+00:00" },
    ]);
    const columns = (db.prepare(`PRAGMA table_info("Agreement")`).all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain("boardApprovalDate");
    expect(db.prepare(`SELECT "protocolNumber" FROM "Agreement" WHERE "id" = 'a1'`).pluck().get()).toBe("PG/2020/1");
    // Everything that existed is queued for the search index.
    expect(db.prepare(`SELECT count(*) FROM "SearchQueue" WHERE "kind" = 'agreement'`).pluck().get()).toBe(2);
    db.close();
  });
});

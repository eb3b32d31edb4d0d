import { describe, expect, it } from "vitest";
import { changedFields, listAuditEvents, recordAudit, SYSTEM_ACTOR } from "~/models/audit.server";
import { createUser, updateUser } from "~/models/users.server";
import { prisma } from "~/utils/db.server";
import { makeAgreement, makeUser } from "../setup/factories";

const admin = { id: "admin-id", email: "boss@fht.test" };

describe("the audit trail", () => {
  it("records exactly one event, with the changed fields, for a successful change", async () => {
    const user = await createUser(admin, { email: "anna@fht.test", name: "Anna", role: "VIEWER", password: "a-long-enough-password" });
    const before = await prisma.auditEvent.count();
    await updateUser(admin, { userId: user.id, version: user.version, name: "Anna", role: "EDITOR", active: true });
    const events = await prisma.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { id: "asc" } });
    expect(await prisma.auditEvent.count()).toBe(before + 1);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ actorEmail: "boss@fht.test", entity: "User", action: "UPDATE" });
    expect(JSON.parse(last.before)).toEqual({ role: "VIEWER" });
    expect(JSON.parse(last.after)).toEqual({ role: "EDITOR" });
  });

  it("records nothing for a change that fails, and the data stays as it was", async () => {
    const user = await createUser(admin, { email: "bruno@fht.test", name: "Bruno", role: "VIEWER", password: "a-long-enough-password" });
    const before = await prisma.auditEvent.count();
    await expect(
      updateUser(admin, { userId: user.id, version: user.version + 5, name: "Bruno", role: "ADMIN", active: true }),
    ).rejects.toMatchObject({ kind: "conflict", status: 409 });
    await expect(
      createUser(admin, { email: "bruno@fht.test", name: "Other", role: "ADMIN", password: "a-long-enough-password" }),
    ).rejects.toMatchObject({ kind: "rule", field: "email" });
    expect(await prisma.auditEvent.count()).toBe(before);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: "VIEWER" });
  });

  it("does not let the last active admin be demoted", async () => {
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { active: false } });
    const only = await makeUser("ADMIN");
    await expect(
      updateUser(admin, { userId: only.id, version: only.version, name: only.name, role: "VIEWER", active: true }),
    ).rejects.toMatchObject({ kind: "rule", status: 409 });
  });

  it("refuses any UPDATE or DELETE of an audit row, even in raw SQL", async () => {
    await recordAudit(prisma, SYSTEM_ACTOR("test"), { entity: "Unit", entityId: "u1", action: "CREATE", summary: "x" });
    await expect(prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET summary = 'forged'`)).rejects.toThrow(/cannot be changed/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/cannot be deleted/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await prisma.auditEvent.count({ where: { summary: "forged" } })).toBe(0);
  });

  it("hides events about restricted agreements from roles that may not read them", async () => {
    const secret = await makeAgreement({ confidentiality: "RESTRICTED" });
    await recordAudit(prisma, admin, {
      entity: "Agreement", entityId: secret.id, action: "UPDATE", summary: "restricted change",
      agreementId: secret.id, restricted: true,
    });
    const forViewer = await listAuditEvents({ agreementId: secret.id, page: 1 }, { role: "VIEWER" });
    const forEditor = await listAuditEvents({ agreementId: secret.id, page: 1 }, { role: "EDITOR" });
    expect(forViewer.total).toBe(0);
    expect(forEditor.events.map((e) => e.summary)).toEqual(["restricted change"]);
  });
});

describe("changedFields", () => {
  it("keeps only what changed and never writes secrets", () => {
    expect(
      changedFields(
        { name: "A", role: "VIEWER", passwordHash: "x", when: new Date("2026-01-01T00:00:00Z") },
        { name: "A", role: "ADMIN", passwordHash: "y", when: new Date("2026-01-01T00:00:00Z") },
      ),
    ).toEqual({ before: { role: "VIEWER", passwordHash: "(hidden)" }, after: { role: "ADMIN", passwordHash: "(changed)" } });
  });
});

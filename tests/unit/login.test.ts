import { describe, expect, it } from "vitest";
import { attemptLogin, FREE_ATTEMPTS } from "~/models/login.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { login, makeUser, request, TEST_PASSWORD } from "../setup/factories";

const req = () => new Request("http://localhost/login", { method: "POST" });

describe("logging in", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await makeUser("EDITOR", { email: "carla@fht.test" });
    expect(await attemptLogin("  Carla@FHT.test ", TEST_PASSWORD, req())).toEqual({ ok: true, user: { id: user.id } });
  });

  it("answers a wrong password and an unknown email in the same words", async () => {
    await makeUser("EDITOR", { email: "dario@fht.test" });
    expect(await attemptLogin("dario@fht.test", "wrong password", req())).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptLogin("nobody@fht.test", "wrong password", req())).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated account", async () => {
    await makeUser("ADMIN", { email: "former@fht.test", active: false });
    expect(await attemptLogin("former@fht.test", TEST_PASSWORD, req())).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows an account down after 5 failures, even with the right password, whether or not it exists", async () => {
    await makeUser("VIEWER", { email: "elena@fht.test" });
    const now = new Date("2026-11-26T10:00:00Z");
    for (const email of ["elena@fht.test", "ghost@fht.test"]) {
      for (let i = 0; i < FREE_ATTEMPTS; i++) {
        expect((await attemptLogin(email, "guess", req(), now)).ok).toBe(false);
      }
      const blocked = await attemptLogin(email, TEST_PASSWORD, req(), new Date(now.getTime() + 1000));
      expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    }
    const later = new Date(now.getTime() + 60 * 60 * 1000);
    expect((await attemptLogin("elena@fht.test", TEST_PASSWORD, req(), later)).ok).toBe(true);
  });

  it("ends the session of a deactivated account at its next request", async () => {
    const { user, cookie } = await login("EDITOR");
    expect(await getUser(request("/", { cookie }))).toMatchObject({ id: user.id });
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getUser(request("/", { cookie }))).toBeNull();
  });

  it("treats an expired session as logged out", async () => {
    const { user, cookie } = await login("EDITOR");
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUser(request("/", { cookie }))).toBeNull();
  });

  it("only sends people back to pages of this site", () => {
    expect(safeRedirect("/agreements?q=x")).toBe("/agreements?q=x");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", null]) {
      expect(safeRedirect(bad)).toBe("/");
    }
  });
});

/** A real deployment (DEMO=0) must not run with the demo accounts whose password is in the README. */
import { describe, expect, it } from "vitest";

process.env.DEMO = "0";
process.env.SESSION_SECRET = "a-test-secret-that-is-long-enough-for-the-schema";

describe("start-up outside demo mode", () => {
  it("starts on a database without demo accounts", async () => {
    const { assertSafeDeployment } = await import("~/utils/startup.server");
    const { makeUser } = await import("../setup/factories");
    await makeUser("ADMIN", { email: "real.admin@fht.org" });
    await expect(assertSafeDeployment()).resolves.toBeUndefined();
  });

  it("refuses to start while a demo account exists", async () => {
    const { assertSafeDeployment } = await import("~/utils/startup.server");
    const { makeUser } = await import("../setup/factories");
    await makeUser("VIEWER", { email: "viewer@demo.test" });
    await expect(assertSafeDeployment()).rejects.toThrow(/Refusing to start with DEMO=0: 1 demo account/);
  });

  it("requires a session secret of at least 32 characters", async () => {
    const { parseEnv } = await import("~/utils/env.server");
    expect(() => parseEnv({ DEMO: "0" })).toThrow(/SESSION_SECRET: is required when DEMO=0/);
    expect(() => parseEnv({ DEMO: "0", SESSION_SECRET: "short" })).toThrow(/at least 32 characters/);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL: must be a SQLite file URL/);
    expect(parseEnv({}).DEMO).toBe(true);
  });
});

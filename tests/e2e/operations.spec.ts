/**
 * Running HT Collaborations for real, as its people use it (issue 14):
 * signing in through the institute's single sign-on (a real OpenID provider
 * started beside the e2e server), landing on the overview with the role
 * the app gave, and logging out of both; a token created at /account, shown once, used on the
 * documented API to list, read, create and update agreements, and refused
 * once revoked; an admin backing up from the operations page; the API
 * reference page.
 */
import { expect, test, waitForHydration } from "./fixtures";

test.describe("single sign-on", () => {
  test("an editor signs in through the institute's provider and lands on the overview as an editor", async ({ page, create }) => {
    const account = await create.account("editor");
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign in with the test provider" }).click();
    await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
    await page.getByLabel("Institute e-mail").fill(account.email);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
    await waitForHydration(page);
    // An editor's navigation: the audit trail, not the users.
    await expect(page.getByRole("link", { name: "Audit trail" }).first()).toBeAttached();
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
    await page.goto("/account");
    await expect(page.getByText(`${account.email} · Editor (legal & partnership office)`)).toBeVisible();
    await expect(page.getByText("You sign in with your institute account")).toHaveCount(0);

    // Logging out ends the provider's session too: its confirmation, then back at the log-in page.
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/session\/end/);
    await page.getByRole("button", { name: /yes, sign me out/i }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1$/);
    await expect(page.getByRole("status")).toHaveText("You are logged out, here and at the institute's sign-in.");
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a first sign-on without an account is told to ask an admin", async ({ page, create }) => {
    await page.goto("/login?redirectTo=/agreements");
    await page.getByRole("link", { name: "Sign in with the test provider" }).click();
    const email = `no-account-${create.tag}@fht.test`;
    await page.getByLabel("Institute e-mail").fill(email);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "You have no account yet" })).toBeVisible();
    await expect(page.getByText(`You signed in as ${email}`)).toBeVisible();
    await expect(page.getByText("Ask an administrator")).toBeVisible();
    await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
  });
});

test.describe("API tokens", () => {
  test.use({ allowedConsoleErrors: [] });

  test("an editor creates a token, uses it on the API, and revokes it", async ({ page, login, create, request }) => {
    await login("editor");
    const unit = await create.unit();
    const partner = await create.partner();
    const existing = await create.agreement({ units: [unit], partners: [partner], title: create.unique("Token-listed framework") });
    await page.goto("/account");
    await waitForHydration(page);
    const name = create.unique("Finance sync");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("May").selectOption("WRITE");
    await page.getByRole("button", { name: "Create token" }).click();
    const shown = page.getByLabel("The new token");
    await expect(shown).toBeVisible();
    const token = (await shown.textContent())!.trim();
    expect(token).toMatch(/^htc_[\w-]{43}$/);
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Read and write");

    const auth = { Authorization: `Bearer ${token}` };
    const list = await request.get(`/api/agreements?partner=${partner.id}`, { headers: auth });
    expect(list.status()).toBe(200);
    expect((await list.json()).items.map((a: { title: string }) => a.title)).toEqual([existing.title]);
    const created = await request.post("/api/agreements", {
      headers: auth, data: { title: create.unique("Posted through the API"), kind: "MOU", parties: [{ ref: `unit:${unit.id}`, role: "LEAD" }, { ref: `partner:${partner.id}` }] },
    });
    expect(created.status()).toBe(201);
    const { agreement } = await created.json();
    const read = await request.get(`/api/agreements/${agreement.id}`, { headers: auth });
    expect((await read.json()).version).toBe(1);
    const updated = await request.put(`/api/agreements/${agreement.id}`, {
      headers: auth, data: { version: 1, title: create.unique("Renamed through the API"), kind: "MOU", parties: [{ ref: `unit:${unit.id}`, role: "LEAD" }] },
    });
    expect(updated.status()).toBe(200);
    // The change is the app's own: on the agreement's page.
    await page.goto(`/agreements/${agreement.id}`);
    await expect(page.getByRole("heading", { name: create.unique("Renamed through the API") })).toBeVisible();

    // Shown once: back on the account page, only its first characters and its last use.
    await page.goto("/account");
    await waitForHydration(page);
    await expect(page.getByLabel("The new token")).toHaveCount(0);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(token.slice(0, 8));
    await expect(row).toContainText("4 uses");
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(page.getByText("Token revoked: it can no longer be used.")).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
    const refused = await request.get("/api/agreements", { headers: auth });
    expect(refused.status()).toBe(401);
  });

  test("the API reference lists every endpoint, and the document is served", async ({ page, login, request }) => {
    await login("viewer");
    await page.goto("/api/docs");
    await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
    for (const op of ["GET /api/agreements", "POST /api/agreements", "PUT /api/agreements/{id}", "GET /api/network"]) {
      await expect(page.getByRole("heading", { name: op, exact: true })).toBeVisible();
    }
    const doc = await request.get("/api/openapi.json");
    expect((await doc.json()).openapi).toBe("3.0.3");
  });
});

test.describe("operations", () => {
  test("an admin backs up from the operations page and sees it verified", async ({ page, login }) => {
    await login("admin");
    await page.goto("/admin/operations");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { name: "Operations" })).toBeVisible();
    await page.getByRole("button", { name: "Back up now" }).click();
    await expect(page.getByText(/Backup ht-backup-\d{8}T\d{6}Z(-\d+)? taken and verified/)).toBeVisible({ timeout: 20_000 });
    const last = page.getByRole("region", { name: "Last backup" });
    await expect(last.locator(".badge-ok")).toHaveText("Verified");
    await expect(page.getByRole("cell", { name: "backup", exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Succeeded" }).first()).toBeVisible();
  });
});

/**
 * Who may see and do what: logging in and out, what each role's navigation
 * offers and what the server refuses, restricted agreements, and an admin
 * creating an account (with the audit trail that records it).
 *
 * The server and its database are shared with the tests of the other
 * worker, which run at the same time: tests count only the rows they created
 * themselves.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, submitLogin, test, waitForHydration } from "./fixtures";

const SHOTS = "/tmp/e2e-shots";
mkdirSync(SHOTS, { recursive: true });

const uniqueEmail = (what: string) => `e2e-${what}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.test`;

const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** An administration page from the bar: the "Admin" drop-down, then its link. */
async function openAdminPage(page: Page, name: string) {
  await mainNav(page).getByText("Admin", { exact: true }).click();
  await mainNav(page).getByRole("link", { name }).click();
}

test("an anonymous visitor to the agreement list logs in and lands back on the list", async ({ page, accounts, create }) => {
  const agreement = await create.agreement({
    title: create.unique("Shared-link agreement"),
    units: [await create.unitNamed("Data Science")],
    partners: [await create.partner()],
  });
  // A link someone shared: the list searched for this agreement.
  await page.goto(`/agreements?q=${create.tag}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?redirectTo=%2Fagreements%3Fq%3D${create.tag}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Log in to HT Collaborations" })).toBeVisible();
  // Nothing of the register shows before logging in.
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByText(agreement.title)).toHaveCount(0);
  await waitForHydration(page);

  await submitLogin(page, accounts.viewer.email, accounts.viewer.password);
  await expect(page).toHaveURL(new RegExp(`/agreements\\?q=${create.tag}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Agreements" })).toBeVisible();
  await expect(page.locator("table.data-table tbody tr")).toHaveCount(1);
  await expect(page.getByRole("link", { name: agreement.title })).toBeVisible();
});

test.describe("a failed log-in", () => {
  // The form answers the failed attempt with a 400 document or data request.
  test.use({ allowedConsoleErrors: [/the server responded with a status of 400/] });

  test("a wrong email or password is refused with a message, keeping the email typed", async ({ page, create }) => {
    // An account of this test's own: the failure counts towards throttling it.
    const { email } = await create.account("viewer");
    await page.goto("/login");
    await waitForHydration(page);
    await submitLogin(page, email, "not-the-password");

    await expect(page.getByRole("alert")).toContainText("The email or password is not right");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/login-failed.png`, fullPage: true });

    // An email no account has gets the same answer: the form never tells which accounts exist.
    const nobody = uniqueEmail("nobody");
    const refused = page.waitForResponse((r) => r.request().method() === "POST");
    await submitLogin(page, nobody, "not-the-password");
    expect((await refused).status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("The email or password is not right");
    await expect(page.getByLabel("Email")).toHaveValue(nobody);
    await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);
  });
});

test.describe("what each role may open", () => {
  // The refused pages answer 403, which the browser reports in the console.
  test.use({ allowedConsoleErrors: [/the server responded with a status of 403/] });

  test("a viewer sees neither the audit trail nor users, and is refused both pages", async ({ page, login }) => {
    await login("viewer");
    await expect(mainNav(page).getByRole("link", { name: "Agreements" })).toBeVisible();
    await expect(mainNav(page).getByRole("link", { name: "Audit trail" })).toHaveCount(0);
    await expect(mainNav(page).getByRole("link", { name: "Users" })).toHaveCount(0);

    for (const path of ["/audit", "/admin/users"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
      await expect(page.getByText("Your role does not allow this.")).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
    }
    await page.screenshot({ path: `${SHOTS}/viewer-403.png`, fullPage: true });
  });

  test("an editor sees the audit trail but not users, and is refused the users page", async ({ page, login }) => {
    await login("editor");
    await expect(mainNav(page).getByRole("link", { name: "Users" })).toHaveCount(0);
    await mainNav(page).getByRole("link", { name: "Audit trail" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();

    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
  });

  test("an admin sees and opens both the audit trail and users", async ({ page, login, accounts }) => {
    await login("admin");
    await mainNav(page).getByRole("link", { name: "Audit trail" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
    await openAdminPage(page, "Users");
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: accounts.viewer.email })).toHaveCount(1);
  });
});

test.describe("restricted agreements", () => {
  test.use({ allowedConsoleErrors: [/the server responded with a status of 403/] });

  test("a viewer never sees a restricted agreement, in the list or at its address", async ({ page, login, pageAs, create }) => {
    // Two agreements with the same partner, one of them restricted.
    const unit = await create.unitNamed("Medical Genomics");
    const partner = await create.partner({ name: create.unique("Clinica Riservata"), kind: "RESEARCH_HOSPITAL" });
    const open = await create.agreement({ title: create.unique("Open cohort study"), units: [unit], partners: [partner] });
    const restricted = await create.agreement({
      title: create.unique("Confidential patient data transfer"),
      kind: "DATA_SHARING",
      restricted: true,
      units: [unit],
      partners: [partner],
    });
    // The list searched for the partner, for both.
    const listUrl = `/agreements?${new URLSearchParams({ q: partner.name })}`;

    await login("editor");
    await page.goto(listUrl);
    const editorRows = page.locator("table.data-table tbody tr");
    await expect(editorRows).toHaveCount(2);
    const editorRestricted = editorRows.filter({ hasText: "Restricted" });
    await expect(editorRestricted).toHaveCount(1);

    // The editor opens it and copies its address.
    const titleLink = editorRestricted.getByRole("cell").nth(1).getByRole("link");
    await expect(titleLink).toHaveText(restricted.title);
    await titleLink.click();
    await expect(page.getByRole("heading", { level: 1, name: restricted.title })).toBeVisible();
    const restrictedUrl = page.url();
    await expect(page.locator(".eyebrow")).toHaveText(restricted.reference);

    const viewer = await pageAs("viewer");
    await viewer.goto(listUrl);
    await expect(viewer.locator("table.data-table tbody tr")).toHaveCount(1);
    await expect(viewer.getByRole("link", { name: open.title })).toBeVisible();
    await expect(viewer.getByText("Restricted", { exact: true })).toHaveCount(0);
    await expect(viewer.getByText(restricted.title)).toHaveCount(0);
    await expect(viewer.getByText(restricted.reference)).toHaveCount(0);
    // Nor anywhere in a list of every agreement.
    await viewer.goto("/agreements?size=100");
    await expect(viewer.locator("table.data-table tbody tr").first()).toBeVisible();
    await expect(viewer.getByText("Restricted", { exact: true })).toHaveCount(0);

    // Searching for it finds nothing either.
    await viewer.goto(`/agreements?${new URLSearchParams({ q: restricted.reference })}`);
    await expect(viewer.getByRole("heading", { name: "No agreements found" })).toBeVisible();

    const response = await viewer.goto(restrictedUrl);
    expect(response?.status()).toBe(403);
    await expect(viewer.getByRole("heading", { level: 1, name: "You do not have access to this page" })).toBeVisible();
    await expect(viewer.getByText(restricted.title)).toHaveCount(0);
    // Not in the HTML either (the page's data is serialised into it).
    const html = await viewer.content();
    expect(html).not.toContain(restricted.title);
    expect(html).not.toContain(restricted.reference);
    await viewer.screenshot({ path: `${SHOTS}/viewer-restricted-403.png`, fullPage: true });
  });
});

/**
 * Rows of the audit trail that mention `text`, among changes to accounts
 * (the other test file records agreement changes at the same time; they
 * could push an account's event off the first page).
 */
async function auditRowsMentioning(page: Page, text: string) {
  await page.goto("/audit?entity=User");
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  return page.getByRole("row").filter({ hasText: text });
}

test("an admin creates an account after fixing a too-short password, and the audit trail records it once", async ({ page, login }) => {
  const email = uniqueEmail("new");
  const name = `E2E Person ${email.slice(4, 16)}`;
  const admin = await login("admin");

  const rows = await auditRowsMentioning(page, email);
  await expect(rows).toHaveCount(0);

  await openAdminPage(page, "Users");
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await waitForHydration(page);
  const form = page.getByRole("region", { name: "Add an account" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: "Viewer (leadership)" });
  await form.getByLabel("Initial password").fill("too-short");
  await form.getByRole("button", { name: "Create account" }).click();

  await expect(form.getByRole("alert")).toHaveText("Use at least 12 characters");
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await expect(form.getByLabel("Email")).toHaveValue(email);
  await expect(form.getByLabel("Role").locator("option:checked")).toHaveText("Viewer (leadership)");
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.screenshot({ path: `${SHOTS}/create-user-error.png`, fullPage: true });

  // The failed attempt created nothing.
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);
  await expect(await auditRowsMentioning(page, email)).toHaveCount(0);

  await page.goto("/admin/users");
  await waitForHydration(page);
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: "Viewer (leadership)" });
  await form.getByLabel("Initial password").fill("a-long-enough-password-2026");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[^/?]+\?created=1$/);
  await expect(page.getByText("Account created.")).toBeVisible();

  await openAdminPage(page, "Users");
  await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText(name);

  const after = await auditRowsMentioning(page, email);
  await expect(after).toHaveCount(1);
  await expect(after.locator(".badge")).toHaveText("create");
  await expect(after).toContainText(`Created account ${email} (viewer)`);
  await expect(after).toContainText(admin.email);
});

test.describe("without JavaScript", () => {
  // The server itself must refuse a bad form, not only the browser's checks.
  test.use({ javaScriptEnabled: false, allowedConsoleErrors: [/the server responded with a status of 400/] });

  test("an admin's too-short password is refused by the server, keeping what was typed and creating nothing", async ({ page, login }) => {
    const email = uniqueEmail("nojs");
    await login("admin");
    await page.goto("/admin/users");
    const form = page.getByRole("region", { name: "Add an account" });
    await form.getByLabel("Name").fill("No Script Person");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption({ label: "Editor (legal & partnership office)" });
    await form.getByLabel("Initial password").fill("short");
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await form.getByRole("button", { name: "Create account" }).click();
    expect((await response).status()).toBe(400);

    await expect(form.getByRole("alert")).toHaveText("Use at least 12 characters");
    await expect(form.getByLabel("Name")).toHaveValue("No Script Person");
    await expect(form.getByLabel("Email")).toHaveValue(email);
    await expect(form.getByLabel("Role").locator("option:checked")).toHaveText("Editor (legal & partnership office)");
    // The password is never sent back to the browser.
    await expect(form.getByLabel("Initial password")).toHaveValue("");
    await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);
    await expect(await auditRowsMentioning(page, email)).toHaveCount(0);
  });
});

test("logging out ends the session: the agreement list asks to log in again", async ({ page, login }) => {
  await login("viewer");
  await page.goto("/agreements");
  await expect(page.getByRole("heading", { level: 1, name: "Agreements" })).toBeVisible();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Log out" })).toHaveCount(0);

  await page.goto("/agreements");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fagreements$/);
  await expect(page.getByRole("heading", { level: 1, name: "Log in to HT Collaborations" })).toBeVisible();
});

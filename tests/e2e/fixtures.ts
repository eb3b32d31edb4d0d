/**
 * Import `test` and `expect` from here, not from @playwright/test: every page
 * a test opens is watched, and the test fails if the page logs a console
 * error or throws an uncaught exception.
 *
 * A test that provokes an error on purpose (a 404 page, say) lists it:
 *
 *   test.use({ allowedConsoleErrors: [/status of 404/] });
 *
 * Logging in goes through the real /login form, as a person would:
 *
 *   test("…", async ({ page, login, pageAs }) => {
 *     await login("editor");              // `page` is now the editor's
 *     const viewer = await pageAs("viewer"); // a second browser, its own cookies
 *   });
 *
 * Only the demo accounts' right password is ever submitted for them: five
 * failures throttle an account, and the two test workers share one server.
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

export type DemoRole = "admin" | "editor" | "viewer";

/** prisma/seed/demo-users.ts */
export const DEMO_PASSWORD = "demo-password-2026";
export const demoEmail = (role: DemoRole) => `${role}@demo.test`;

type Fixtures = {
  /** Console / page errors matching one of these do not fail the test. */
  allowedConsoleErrors: RegExp[];
  /** What the watched pages logged; checked when the test ends. */
  browserErrors: string[];
  /** Logs the test's `page` in as a demo account through the login form and waits for the page it lands on. */
  login: (role: DemoRole, options?: { redirectTo?: string }) => Promise<void>;
  /** A page in a separate browser context (its own cookies), logged in as `role`. Watched like `page`. */
  pageAs: (role: DemoRole) => Promise<Page>;
};

function watchContext(context: BrowserContext, allowed: RegExp[], errors: string[]) {
  const record = (text: string) => {
    if (!allowed.some((re) => re.test(text))) errors.push(text);
  };
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const { url, lineNumber } = message.location();
      record(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
    });
    page.on("pageerror", (error) => record(`uncaught ${error.name}: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
}

/**
 * Resolves once React has hydrated the page, so that handlers such as the
 * agreement filters' auto-apply are attached. Before that, a click on a
 * checkbox changes the box but submits nothing.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return !!main && Object.keys(main).some((key) => key.startsWith("__reactFiber"));
  });
}

/** Fills and submits the login form; the caller checks where it lands. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/**
 * Logs `page` in as a demo account and waits until it is off the login page
 * (and, with JavaScript on, until the page it lands on is hydrated).
 */
export async function logIn(
  page: Page,
  role: DemoRole,
  { redirectTo, javaScript = true }: { redirectTo?: string; javaScript?: boolean } = {},
) {
  await page.goto(redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login");
  if (javaScript) await waitForHydration(page);
  await submitLogin(page, demoEmail(role), DEMO_PASSWORD);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
  if (javaScript) await waitForHydration(page);
}

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],

  browserErrors: async ({}, use, testInfo) => {
    const errors: string[] = [];
    await use(errors);
    if (errors.length > 0) {
      await testInfo.attach("browser-errors", { body: errors.join("\n"), contentType: "text/plain" });
    }
    expect(errors, "the page logged errors in the browser console").toEqual([]);
  },

  // Watching the context catches every page of the test, including popups
  // and pages opened with context.newPage().
  context: async ({ context, allowedConsoleErrors, browserErrors }, use) => {
    watchContext(context, allowedConsoleErrors, browserErrors);
    await use(context);
  },

  login: async ({ page, javaScriptEnabled }, use) => {
    await use((role, options) => logIn(page, role, { ...options, javaScript: javaScriptEnabled !== false }));
  },

  pageAs: async ({ browser, baseURL, viewport, allowedConsoleErrors, browserErrors }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role) => {
      const context = await browser.newContext({ baseURL, viewport });
      contexts.push(context);
      watchContext(context, allowedConsoleErrors, browserErrors);
      const page = await context.newPage();
      await logIn(page, role);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/**
 * The text of one column of the first data table on the page, row by row,
 * found by the column header's visible label ("Status", "Partners"…).
 */
export async function columnTexts(page: Page, header: string): Promise<string[]> {
  return page.locator("table.data-table").first().evaluate((table, name) => {
    const headers = [...table.querySelectorAll("thead th")].map((th) =>
      // The sort link adds an arrow and a visually hidden hint after the label.
      (th.querySelector(".sort-link")?.firstChild?.textContent ?? th.textContent ?? "").trim(),
    );
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`No column "${name}" in ${JSON.stringify(headers)}`);
    return [...table.querySelectorAll("tbody tr")].map((tr) => (tr.children[index]?.textContent ?? "").trim());
  }, header);
}

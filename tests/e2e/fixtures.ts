/**
 * Import `test` and `expect` from here, not from @playwright/test: every page
 * a test opens is watched, and the test fails if the page logs a console
 * error or throws an uncaught exception.
 *
 * A test that provokes an error on purpose (a 404 page, say) lists it:
 *
 *   test.use({ allowedConsoleErrors: [/status of 404/] });
 *
 * Each worker has its own admin, editor and viewer account (`accounts`),
 * created the first time one of its tests needs them. Logging in goes
 * through the real /login form, as a person would:
 *
 *   test("…", async ({ page, login, pageAs, create }) => {
 *     await login("editor");                  // `page` is now this worker's editor's
 *     const viewer = await pageAs("viewer");  // a second browser, its own cookies
 *     const partner = await create.partner(); // data of the test's own (factories.ts)
 *   });
 *
 * A test that needs an account of its own (to collect failed log-ins, say)
 * makes one with `create.account(role)` and passes it to `login`/`pageAs`.
 *
 * The factories write while the server serves the other worker's browser:
 * both take SQLite's write lock when a transaction begins
 * (app/utils/sqlite.server.ts), so neither makes the other fail.
 */
import { randomBytes } from "node:crypto";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { createAccount, Factories, openDatabase, type Account, type AccountRole, type Db } from "./factories";

export { isoDay, type Account, type AccountRole, type AgreementRow, type PartnerRow, type UnitRow } from "./factories";

type Fixtures = {
  /** Console / page errors matching one of these do not fail the test. */
  allowedConsoleErrors: RegExp[];
  /** What the watched pages logged; checked when the test ends. */
  browserErrors: string[];
  /** Writes the rows this test depends on (factories.ts); its names carry the test's own tag. */
  create: Factories;
  /** Logs the test's `page` in through the login form (as this worker's account for `role`) and waits for the page it lands on. */
  login: (who: AccountRole | Account, options?: { redirectTo?: string }) => Promise<Account>;
  /** A page in a separate browser context (its own cookies), logged in as `who`. Watched like `page`. */
  pageAs: (who: AccountRole | Account) => Promise<Page>;
};

type WorkerFixtures = {
  /** The e2e server's database, for the factories. */
  db: Db;
  /** This worker's own admin, editor and viewer. */
  accounts: Record<AccountRole, Account>;
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
 * Logs `page` in as `account` and waits until it is off the login page
 * (and, with JavaScript on, until the page it lands on is hydrated).
 */
export async function logIn(
  page: Page,
  account: Account,
  { redirectTo, javaScript = true }: { redirectTo?: string; javaScript?: boolean } = {},
) {
  await page.goto(redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : "/login");
  if (javaScript) await waitForHydration(page);
  await submitLogin(page, account.email, account.password);
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
  if (javaScript) await waitForHydration(page);
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  allowedConsoleErrors: [[], { option: true }],

  db: [
    async ({}, use) => {
      const db = openDatabase();
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],

  accounts: [
    async ({ db }, use, workerInfo) => {
      const accounts = {} as Record<AccountRole, Account>;
      for (const role of ["admin", "editor", "viewer"] as const) {
        const random = randomBytes(3).toString("hex");
        accounts[role] = await createAccount(db, role, {
          email: `e2e-w${workerInfo.workerIndex}-${role}-${random}@e2e.test`,
          name: `E2E ${role} ${workerInfo.workerIndex}-${random}`,
        });
      }
      await use(accounts);
    },
    { scope: "worker" },
  ],

  create: async ({ db }, use) => {
    await use(new Factories(db));
  },

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

  login: async ({ page, javaScriptEnabled, accounts }, use) => {
    await use(async (who, options) => {
      const account = typeof who === "string" ? accounts[who] : who;
      await logIn(page, account, { ...options, javaScript: javaScriptEnabled !== false });
      return account;
    });
  },

  pageAs: async ({ browser, baseURL, viewport, allowedConsoleErrors, browserErrors, accounts }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (who) => {
      const context = await browser.newContext({ baseURL, viewport });
      contexts.push(context);
      watchContext(context, allowedConsoleErrors, browserErrors);
      const page = await context.newPage();
      await logIn(page, typeof who === "string" ? accounts[who] : who);
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

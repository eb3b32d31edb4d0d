// End-to-end tests against the BUILT app on its own database
// (tests/.data/e2e-<port>.db), driven in Debian's Chromium: Playwright cannot
// download its browsers here (PLATFORM.md). tests/install-chromium.sh, run by
// `npm test`, installs it when missing.
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL as baseURL } from "./tests/e2e/server";

const CI = !!process.env.CI;

export default defineConfig({
  testDir: "./tests/e2e",
  // Not test-results/ itself: Playwright empties its outputDir at start, and
  // test-results/vitest.json must survive for .ci/summary.mjs.
  outputDir: "./test-results/e2e-artifacts",
  timeout: 30_000,
  // CI must finish well under 20 minutes (PLATFORM.md).
  globalTimeout: CI ? 15 * 60_000 : undefined,
  expect: { timeout: 5_000 },
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Two cores: one for the server, one for a browser. Files run in parallel,
  // the tests inside a file in order.
  workers: 2,
  fullyParallel: false,
  // list for people and CI logs; json for .ci/summary.mjs.
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    trace: CI ? "retain-on-failure" : "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Every spec but the map's: they create the data they need and look only
    // at their own rows, so they run side by side.
    { name: "register", testIgnore: /map\.spec\.ts$/, use: { ...devices["Desktop Chrome"] } },
    // The collaboration map draws the whole register, every unit and partner
    // (its layout too), so rows another worker adds mid-test change what it
    // shows. Its tests run on their own, after the others, one at a time.
    // If a test of the first project fails, these are skipped; --no-deps
    // runs them alone (`npx playwright test --project map --no-deps`).
    {
      name: "map",
      testMatch: /map\.spec\.ts$/,
      dependencies: ["register"],
      workers: 1,
      use: { ...devices["Desktop Chrome"] },
    },
  ],
  webServer: {
    command: "bash tests/e2e/start-server.sh",
    url: `${baseURL}/healthz`,
    timeout: 180_000,
    reuseExistingServer: !CI,
    stdout: "ignore",
    stderr: "pipe",
  },
});

/**
 * axe-core over every page of the app, for each role, on a desktop and on a
 * phone: any serious or critical violation fails. The pages are a list
 * (PAGES): a new page is one line, with the roles that may open it. What
 * the pages need (an agreement, a partner, a unit, an account) is created
 * or looked up first, with unique names.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { Factories } from "./factories";
import { expect, test, waitForHydration, type AccountRole } from "./fixtures";

interface Ids { agreement: string; unit: string; partner: string; user: string }

const ALL: AccountRole[] = ["viewer", "editor", "admin"];
const WRITERS: AccountRole[] = ["editor", "admin"];

/** Every page, with the roles that may open it (the others get the 403 page, checked once below). */
/** `settles`: the page loads more after hydration (the map fetches its network), so axe waits for the network to go quiet. */
const PAGES: { name: string; path: (ids: Ids) => string; roles: AccountRole[]; settles?: boolean }[] = [
  { name: "overview", path: () => "/", roles: ALL },
  { name: "agreement list", path: () => "/agreements", roles: ALL },
  { name: "agreement list, filtered", path: () => "/agreements?status=ACTIVE&kind=FRAMEWORK&sort=endDate&dir=asc", roles: ALL },
  { name: "archived agreements", path: () => "/agreements?archived=only", roles: ALL },
  { name: "agreement list, nothing found", path: () => "/agreements?q=zzxqnothingmatches", roles: ALL },
  { name: "agreement", path: (ids) => `/agreements/${ids.agreement}`, roles: ALL },
  { name: "agreement, a move open", path: (ids) => `/agreements/${ids.agreement}?move=ACTIVE`, roles: WRITERS },
  { name: "new agreement", path: () => "/agreements/new", roles: WRITERS },
  { name: "new agreement of a kind", path: () => "/agreements/new?kind=DATA_SHARING", roles: WRITERS },
  { name: "edit agreement", path: (ids) => `/agreements/${ids.agreement}/edit`, roles: WRITERS },
  { name: "renew agreement", path: (ids) => `/agreements/${ids.agreement}/renew`, roles: WRITERS },
  { name: "amend agreement", path: (ids) => `/agreements/${ids.agreement}/amend`, roles: WRITERS },
  { name: "HT units", path: () => "/units", roles: ALL },
  { name: "HT unit", path: (ids) => `/units/${ids.unit}`, roles: ALL },
  { name: "new unit", path: () => "/units/new", roles: WRITERS },
  { name: "edit unit", path: (ids) => `/units/${ids.unit}/edit`, roles: WRITERS },
  { name: "partners", path: () => "/partners", roles: ALL },
  { name: "partner", path: (ids) => `/partners/${ids.partner}`, roles: ALL },
  { name: "new partner", path: () => "/partners/new", roles: WRITERS },
  { name: "edit partner", path: (ids) => `/partners/${ids.partner}/edit`, roles: WRITERS },
  { name: "merge partner", path: (ids) => `/partners/${ids.partner}/merge`, roles: WRITERS },
  { name: "map", path: () => "/map", roles: ALL, settles: true },
  { name: "map, table of pairs", path: () => "/map?view=table", roles: ALL, settles: true },
  { name: "map, gaps", path: () => "/map?view=matrix", roles: ALL, settles: true },
  { name: "map, questions answered", path: () => "/map?whatIf=ending:12&size=betweenness&nodeColour=community", roles: ALL, settles: true },
  { name: "saved map views", path: () => "/map-views", roles: ALL },
  { name: "new obligation", path: (ids) => `/agreements/${ids.agreement}/obligations/new`, roles: WRITERS },
  { name: "deadlines", path: () => "/deadlines", roles: ALL },
  { name: "deadlines, overdue", path: () => "/deadlines?window=overdue", roles: ALL },
  { name: "search", path: () => "/search?q=agreement", roles: ALL },
  { name: "search, nothing found", path: () => "/search?q=zzxqnothingmatches", roles: ALL },
  { name: "reminders", path: () => "/account/reminders", roles: ALL },
  { name: "audit trail", path: () => "/audit", roles: WRITERS },
  { name: "import", path: () => "/import", roles: WRITERS },
  { name: "outbox", path: () => "/admin/outbox", roles: ["admin"] },
  { name: "users", path: () => "/admin/users", roles: ["admin"] },
  { name: "user", path: (ids) => `/admin/users/${ids.user}`, roles: ["admin"] },
  { name: "account", path: () => "/account", roles: ALL },
  { name: "operations", path: () => "/admin/operations", roles: ["admin"] },
  { name: "API reference", path: () => "/api/docs", roles: ["viewer"] },
  { name: "not found", path: () => "/no/such/page", roles: ["viewer"] },
  { name: "refused", path: () => "/audit", roles: ["viewer"] },
];

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

// The not-found and refused pages answer 404 and 403, which the browser reports.
test.use({ allowedConsoleErrors: [/status of 40[34]/] });

// The six role-and-viewport tests share no state: they spread over the workers.
test.describe.configure({ mode: "parallel" });

let ids: Ids;

test.beforeAll(async ({ db, accounts }) => {
  // What the pages show: an agreement, a unit, a partner and an account of this run's own.
  const create = new Factories(db);
  const unit = await create.unit();
  const partner = await create.partner();
  const agreement = await create.agreement({ units: [unit], partners: [partner], kind: "RESEARCH_COLLABORATION", status: "DRAFT" });
  ids = { agreement: agreement.id, unit: unit.id, partner: partner.id, user: accounts.viewer.id };
});

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ""}`);
}

for (const role of ALL) {
  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    test(`axe finds no serious or critical violation on any page a ${role} opens, ${viewport}`, async ({ page, login }) => {
      test.setTimeout(360_000);
      await login(role);
      // Logged in at the default size; then the viewport of the test (the phone's menu hides "Log out").
      await page.setViewportSize(size);
      const found: string[] = [];
      for (const p of PAGES.filter((p) => p.roles.includes(role))) {
        await page.goto(p.path(ids));
        await waitForHydration(page);
        if (p.settles) await page.waitForLoadState("networkidle");
        for (const v of await seriousViolations(page)) found.push(`${p.name} (${p.path(ids)}): ${v}`);
      }
      if (viewport === "phone") {
        // The phone's menu, open.
        await page.goto("/agreements");
        await waitForHydration(page);
        await page.getByRole("button", { name: "Menu" }).click();
        await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
        for (const v of await seriousViolations(page)) found.push(`menu open: ${v}`);
      }
      expect(found).toEqual([]);
    });
  }
}

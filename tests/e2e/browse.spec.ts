/**
 * Finding one's way around the register: units, the agreement list with its
 * filters, search and sort, an agreement and its framework, the overview.
 * Each test first writes the agreements it looks for, with partners of its
 * own (names ending in the test's tag), and changes nothing through the
 * pages, so it holds whatever else runs.
 */
import { mkdirSync } from "node:fs";
import { columnTexts, expect, isoDay, test, waitForHydration } from "./fixtures";

const SHOTS = "/tmp/e2e-shots";
mkdirSync(SHOTS, { recursive: true });

/** The agreement list's filter form. */
const filters = (page: import("@playwright/test").Page) => page.getByRole("search", { name: "Filter agreements" });

/** A checkbox disclosure of the filter form (<details> with a summary naming the filter). */
function multiSelect(page: import("@playwright/test").Page, label: string) {
  return filters(page)
    .locator("details.multi-select")
    .filter({ has: page.locator("summary .field-label", { hasText: new RegExp(`^${label}$`) }) });
}

const parseCount = (text: string) => Number(text.replace(/[^\d]/g, ""));

test("a viewer opens the Neurogenomics centre and sees its groups, partners and agreements", async ({ page, login, create }) => {
  // An agreement of one of its research groups, with a hospital of this test's own.
  const lab = await create.unitNamed("Brain Organoids Lab (Conti group)");
  const hospital = await create.partner({ name: create.unique("Ospedale Pediatrico"), kind: "RESEARCH_HOSPITAL" });
  const agreement = await create.agreement({ title: create.unique("Organoid models of childhood epilepsy"), units: [lab], partners: [hospital] });
  await login("viewer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "HT units" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "HT units" })).toBeVisible();

  await page.getByRole("link", { name: "Neurogenomics", exact: true }).click();
  await expect(page).toHaveURL(/\/units\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Neurogenomics" })).toBeVisible();

  const groups = page.getByRole("region", { name: "Research groups" });
  await expect(groups.getByRole("link", { name: "Brain Organoids Lab (Conti group)" })).toBeVisible();
  await expect(groups.getByRole("link", { name: "Neurodegeneration Genomics Lab (Marchetti group)" })).toBeVisible();
  await expect(groups.getByRole("link", { name: "Neural Circuits Lab (Galli group)" })).toBeVisible();

  // The centre lists what its groups sign.
  const partners = page.getByRole("region", { name: /^Partners/ });
  const partnerItem = partners.getByRole("listitem").filter({ has: page.getByRole("link", { name: hospital.name, exact: true }) });
  await expect(partnerItem).toContainText("1 agreement");

  const agreements = page.getByRole("region", { name: /^Agreements/ });
  const rows = agreements.locator("tbody tr");
  await expect(rows.filter({ hasText: agreement.title })).toHaveCount(1);
  // The heading counts what the table lists.
  const heading = await agreements.getByRole("heading", { level: 2 }).innerText();
  expect(parseCount(heading)).toBe(await rows.count());
  await page.screenshot({ path: `${SHOTS}/unit-neurogenomics.png`, fullPage: true });

  // A group page leads back to its centre.
  await groups.getByRole("link", { name: "Brain Organoids Lab (Conti group)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Brain Organoids Lab (Conti group)" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Agreements/ }).getByRole("link", { name: agreement.title })).toBeVisible();
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Neurogenomics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Neurogenomics" })).toBeVisible();
});

test("an editor filters agreements by status and partner, and the same URL shows the same rows after a reload", async ({ page, login, create }) => {
  const unit = await create.unitNamed("Neurogenomics");
  const partner = await create.partner({ name: create.unique("Istituto Clinico di Ricerca"), kind: "RESEARCH_HOSPITAL" });
  const parties = { units: [unit], partners: [partner] };
  const active = [
    await create.agreement({ ...parties, title: create.unique("Epilepsy genetics study") }),
    await create.agreement({ ...parties, kind: "MOU", title: create.unique("Memorandum on rare paediatric disease") }),
  ];
  // With the same partner, but not Active: a draft, and one past its end date (shown as Expired).
  await create.agreement({ ...parties, status: "DRAFT", title: create.unique("Draft biobank access") });
  await create.agreement({ ...parties, start: isoDay(-900), end: isoDay(-10), title: create.unique("Ended imaging pilot") });
  // Active, with another partner.
  await create.agreement({ units: [unit], partners: [await create.partner()], title: create.unique("Other partner study") });

  await login("editor");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agreements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agreements" })).toBeVisible();
  await waitForHydration(page);

  // Status: a disclosure with a checkbox per status; ticking one applies it.
  const status = multiSelect(page, "Status");
  await status.locator("summary").click();
  await status.getByRole("checkbox", { name: "Active", exact: true }).check();
  await expect(page).toHaveURL(/[?&]status=ACTIVE(&|$)/);
  await expect(multiSelect(page, "Status").locator(".multi-select-value")).toHaveText("Active");

  // Partner: a select; choosing applies it, keeping the status.
  await filters(page).getByRole("combobox", { name: "Partner", exact: true }).selectOption({ label: partner.name });
  await expect(page).toHaveURL(new RegExp(`[?&]partner=${partner.id}(&|$)`));
  await expect(page).toHaveURL(/[?&]status=ACTIVE(&|$)/);
  await expect(page.getByText(/\d+ agreements? match these filters/)).toHaveText("2 agreements match these filters");
  await expect(filters(page).getByRole("combobox", { name: "Partner", exact: true })).toHaveValue(partner.id);

  expect(new Set(await columnTexts(page, "Title"))).toEqual(new Set(active.map((a) => a.title)));
  expect(await columnTexts(page, "Status")).toEqual(["Active", "Active"]);
  for (const cell of await columnTexts(page, "Partners")) expect(cell).toContain(partner.name);
  await page.screenshot({ path: `${SHOTS}/agreements-filtered.png`, fullPage: true });

  const before = await columnTexts(page, "Reference");
  expect(new Set(before)).toEqual(new Set(active.map((a) => a.reference)));
  const url = page.url();
  await page.reload();
  await waitForHydration(page);
  expect(page.url()).toBe(url);
  expect(await columnTexts(page, "Reference")).toEqual(before);
  // The controls show the filters the URL carries.
  await expect(multiSelect(page, "Status").locator(".multi-select-value")).toHaveText("Active");
  await multiSelect(page, "Status").locator("summary").click();
  await expect(multiSelect(page, "Status").getByRole("checkbox", { name: "Active", exact: true })).toBeChecked();
  await expect(filters(page).getByRole("combobox", { name: "Partner", exact: true }).locator("option:checked")).toHaveText(partner.name);

  // Clearing the filters brings back the whole list.
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/agreements$/);
  await expect(page.getByText(/match these filters/)).toHaveCount(0);
});

test("an editor searches agreements by a word and every result mentions it", async ({ page, login, create }) => {
  // A word only this test's agreements contain: in two titles, and in the name of a partner.
  const word = `Ciliopathy-${create.tag}`;
  const unit = await create.unitNamed("Medical Genomics");
  const partner = await create.partner();
  await create.agreement({ units: [unit], partners: [partner], title: `${word} registry of rare kidney disease` });
  await create.agreement({ units: [unit], partners: [partner], status: "DRAFT", title: `Natural history of ${word} in children` });
  await create.agreement({ units: [unit], partners: [await create.partner({ name: `Centro ${word}` })], title: create.unique("Patient cohort") });
  await create.agreement({ units: [unit], partners: [partner], title: create.unique("Unrelated genome study") });

  await login("editor");
  await page.goto("/agreements");
  await waitForHydration(page);

  await filters(page).getByRole("searchbox", { name: "Search" }).fill(word.toLowerCase());
  // The search applies after a pause in typing.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word.toLowerCase()}(&|$)`));
  await expect(page.getByText(/\d+ agreements? match these filters/)).toHaveText("3 agreements match these filters");

  const rows = page.locator("table.data-table tbody tr");
  await expect(rows).toHaveCount(3);
  for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain(word.toLowerCase());

  // A word nothing contains says so, with a way back.
  await filters(page).getByRole("searchbox", { name: "Search" }).fill(`zzxq${create.tag}nothingmatches`);
  await expect(page.getByRole("heading", { name: "No agreements found" })).toBeVisible();
  await page.locator(".empty-state").getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/agreements$/);
  await expect(rows.first()).toBeVisible();
});

test("an editor sorts the agreement list by title, A to Z and back", async ({ page, login, create }) => {
  // Recorded in this order, so newest first is neither A to Z nor Z to A.
  const unit = await create.unitNamed("Data Science");
  const partner = await create.partner();
  const title = (word: string) => `${create.unique("Sorting study")} – ${word}`;
  for (const word of ["Charlie", "Alpha", "Bravo"]) await create.agreement({ units: [unit], partners: [partner], title: title(word) });

  await login("editor");
  await page.goto(`/agreements?q=${create.tag}`);
  const titleHeader = page.getByRole("columnheader", { name: /^Title/ });
  const referenceHeader = page.getByRole("columnheader", { name: /^Reference/ });
  // Newest first by default.
  await expect(referenceHeader).toHaveAttribute("aria-sort", "descending");
  await expect(titleHeader).not.toHaveAttribute("aria-sort", /.*/);
  expect(await columnTexts(page, "Title")).toEqual([title("Bravo"), title("Alpha"), title("Charlie")]);

  await titleHeader.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=title&dir=asc/);
  await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(referenceHeader).not.toHaveAttribute("aria-sort", /.*/);
  expect(await columnTexts(page, "Title")).toEqual([title("Alpha"), title("Bravo"), title("Charlie")]);

  await titleHeader.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=title&dir=desc/);
  await expect(titleHeader).toHaveAttribute("aria-sort", "descending");
  expect(await columnTexts(page, "Title")).toEqual([title("Charlie"), title("Bravo"), title("Alpha")]);
});

test("an editor follows an implementing agreement to its framework, which lists it back", async ({ page, login, create }) => {
  const unit = await create.unitNamed("Data Science");
  const university = await create.partner({ name: create.unique("Politecnico di Brera"), acronym: `PB${create.tag}`.toUpperCase() });
  const framework = await create.agreement({
    kind: "FRAMEWORK",
    title: create.unique("Convenzione quadro HT–Politecnico di Brera per la ricerca in data science"),
    units: [unit],
    partners: [university],
    start: isoDay(-700),
    end: isoDay(1100),
  });
  const implementing = "Accordo attuativo HT–PB: federated learning on hospital genomic data " + create.tag;
  const created = await create.agreement({
    kind: "IMPLEMENTING",
    title: implementing,
    units: [unit],
    partners: [university],
    start: isoDay(-300),
    end: isoDay(400),
    links: [{ type: "IMPLEMENTS", to: framework }],
  });

  await login("editor");
  await page.goto(`/agreements?${new URLSearchParams({ q: `federated learning ${create.tag}` })}`);
  await page.getByRole("link", { name: implementing }).click();
  await expect(page.getByRole("heading", { level: 1, name: implementing })).toBeVisible();
  const reference = (await page.locator(".eyebrow").innerText()).trim();
  expect(reference).toMatch(/^HT-\d{4}-\d{4}$/);
  expect(reference).toBe(created.reference);

  const links = page.getByRole("region", { name: "Linked agreements" });
  const implementsItem = links.getByRole("listitem").filter({ hasText: /^Implements/ });
  await expect(implementsItem).toHaveCount(1);
  await expect(implementsItem).toContainText(framework.reference);
  await page.screenshot({ path: `${SHOTS}/agreement-implementing.png`, fullPage: true });
  await implementsItem.getByRole("link").click();

  await expect(page.getByRole("heading", { level: 1, name: framework.title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Terms", exact: true })).toContainText("Framework agreement");
  const back = page
    .getByRole("region", { name: "Linked agreements" })
    .getByRole("listitem")
    .filter({ hasText: /^Implemented by/ })
    .filter({ hasText: reference });
  await expect(back).toHaveCount(1);
  await expect(back).toContainText(implementing);
  await back.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: implementing })).toBeVisible();
});

test.describe("a missing agreement", () => {
  // The browser reports the 404 document itself in the console.
  test.use({ allowedConsoleErrors: [/the server responded with a status of 404/] });

  test("an unknown agreement id shows a not-found page with a way back to the list", async ({ page, login }) => {
    await login("viewer");
    const response = await page.goto("/agreements/no-such-agreement");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
    await expect(page.getByText("No agreement has the id “no-such-agreement”")).toBeVisible();
    // The top bar is still there, so the person is not stranded.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/agreement-404.png`, fullPage: true });

    await page.getByRole("link", { name: "Search all agreements" }).click();
    await expect(page).toHaveURL(/\/agreements$/);
    await expect(page.getByRole("heading", { level: 1, name: "Agreements" })).toBeVisible();
  });
});

test("an editor reads counts by status on the overview, and the agreements ending in the next 90 days", async ({ page, login, create }) => {
  const unit = await create.unitNamed("F1 Central Genomics");
  const partner = await create.partner({ kind: "COMPANY" });
  const endingSoon = await create.agreement({
    kind: "SERVICE",
    title: create.unique("Sequencing service ending soon"),
    units: [unit],
    partners: [partner],
    start: isoDay(-335),
    end: isoDay(30),
  });
  const endingLater = await create.agreement({
    kind: "SERVICE",
    title: create.unique("Sequencing service ending later"),
    units: [unit],
    partners: [partner],
    start: isoDay(-335),
    end: isoDay(120),
  });
  await login("editor");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const byStatus = page.getByRole("region", { name: "By status" });
  const labels = ["Draft", "In negotiation", "Legal review", "Awaiting signature", "Active", "Expired", "Terminated", "Superseded"];
  const counts: Record<string, number> = {};
  for (const label of labels) {
    const stat = byStatus.getByRole("link").filter({ has: page.locator(".stat-label", { hasText: new RegExp(`^${label}$`) }) });
    await expect(stat).toHaveCount(1);
    counts[label] = parseCount(await stat.locator(".stat-value").innerText());
  }
  const subtitle = await page.getByText(/agreements on record/).innerText();
  const total = parseCount(/^([\d,]+) agreements on record/.exec(subtitle)![1]!);
  expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total);

  const ending = page.getByRole("region", { name: "Ending in the next 90 days" });
  const row = ending.locator("tbody tr").filter({ hasText: endingSoon.title });
  await expect(row).toHaveCount(1);
  await expect(ending.getByText(endingLater.title)).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });

  // It says, on its own page, when it ends.
  await row.getByRole("link", { name: endingSoon.title }).click();
  await expect(page.getByRole("heading", { level: 1, name: endingSoon.title })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Ends in/ })).toHaveText(/^Ends in 30 days, on /);

  // A status count opens the list of exactly those agreements. (Other tests
  // may add or activate an agreement meanwhile: read the count afresh on a retry.)
  await expect(async () => {
    await page.goto("/");
    const active = byStatus.getByRole("link").filter({ hasText: /Active$/ });
    const count = parseCount(await active.locator(".stat-value").innerText());
    await active.click();
    await expect(page).toHaveURL(/\/agreements\?status=ACTIVE$/);
    await expect(page.getByText(/agreements? match these filters/)).toHaveText(
      `${count} agreements match these filters`,
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 10_000 });
});

test("a viewer's overview counts restricted agreements but never shows them", async ({ page, login, create }) => {
  // The issue: viewers see restricted agreements only as counts in aggregates.
  await create.agreement({
    kind: "NDA",
    restricted: true,
    title: create.unique("Confidentiality agreement on unpublished variants"),
    units: [await create.unitNamed("Medical Genomics")],
    partners: [await create.partner({ kind: "COMPANY" })],
  });
  await login("viewer");
  // Other tests may add agreements meanwhile: read the counts afresh on a retry.
  await expect(async () => {
    await page.goto("/");
    const subtitle = await page.getByText(/agreements on record/).innerText();
    const total = parseCount(/^([\d,]+) agreements on record/.exec(subtitle)![1]!);
    const note = await page.locator(".restricted-note").innerText();
    const restricted = parseCount(/include ([\d,]+) restricted/.exec(note)![1]!);
    expect(restricted).toBeGreaterThan(0);
    await expect(page.getByText("Restricted", { exact: true })).toHaveCount(0);
    await page.goto("/agreements");
    await expect(page.locator(".page-header .subtitle")).toHaveText(`${total - restricted} agreements`, { timeout: 1_000 });
  }).toPass({ timeout: 5_000 });
});

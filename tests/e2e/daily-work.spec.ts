/**
 * The legal office's daily work without friction: a draft saved with a
 * title and a kind, completed, and taken to Active in one move with the
 * signatures recorded in the same step (one click on Confirm, right after
 * typing); the party box finding an organisation before its departments;
 * possible duplicates; the list's columns remembered and its archived view;
 * the keyboard (skip link to the results, Escape, focus after removing a
 * party). Every test creates what it needs, with unique names.
 */
import { pickParty, saveNewAgreement } from "./agreement-helpers";
import { expect, test, waitForHydration } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 8);

test("an editor takes a new agreement from a draft with a title and a kind to Active in one move", async ({ page, login }) => {
  await login("editor");
  const title = `Organoid imaging with PoliMi ${unique()}`;
  await page.goto("/agreements/new");
  await waitForHydration(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind", { exact: true }).selectOption("RESEARCH_COLLABORATION");
  // The parties' rows the form starts with may stay empty in a draft.
  await saveNewAgreement(page, "Save draft");

  const lifecycle = page.getByRole("region", { name: /^Status: Draft/ });
  await expect(lifecycle.getByText(/^\d+ things missing before signature$/)).toBeVisible();
  await expect(lifecycle).toContainText("Scientific leads is required");
  await lifecycle.getByRole("link", { name: "Complete them in the agreement" }).click();
  await waitForHydration(page);

  await page.getByLabel("Start date").fill("2026-03-01");
  await page.getByLabel("End date").fill("2029-02-28");
  await page.getByLabel("Scientific leads").fill("Dr. A. Conti (HT); Prof. L. Bianchi (PoliMi)");
  await page.getByLabel("Budget").fill("Split 50/50");
  await page.getByLabel("IP terms").fill("Joint ownership");
  await page.getByLabel("Publication terms").fill("30 days' review");
  await pickParty(page, "Party 1", "Neurogenomics");
  // Typing the university's name picks the university, not one of its departments.
  await page.getByRole("combobox", { name: "Party 2", exact: true }).fill("Politecnico di Milano");
  await expect(page.getByRole("listbox").getByRole("option").first()).toContainText("Politecnico di Milano (PoliMi)");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("combobox", { name: "Party 2", exact: true })).toHaveValue("Politecnico di Milano (PoliMi)");
  await page.getByRole("button", { name: "Save changes" }).click();
  const anyway = page.getByRole("button", { name: "Save anyway" });
  await expect(page.getByText("Changes saved.").or(anyway)).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByText(/missing before signature/)).toHaveCount(0);

  // One move, straight to Active: the form lists who has not signed and records their signatures.
  await page.getByRole("link", { name: "Skip to active", exact: true }).click();
  const form = page.locator("form.move-form");
  await expect(form).toContainText("Draft → In negotiation → Legal review → Awaiting signature → Active");
  await expect(form).toContainText("2 parties have not signed yet");
  await form.getByLabel(/Neurogenomics .*signed on$/).check();
  await form.getByLabel(/Politecnico di Milano.*signed on$/).check();
  await form.getByLabel("Comment").fill("Signed by both parties at the steering committee");
  // One click, right after typing: it must not be lost.
  await form.getByRole("button", { name: "Confirm: Active" }).click();

  await expect(page.getByText("Status updated.")).toBeVisible();
  await expect(page.locator(".header-badges .badge").first()).toHaveText("Active");
  await expect(page.locator(".timeline li")).toHaveCount(5);
  await expect(page.getByRole("region", { name: "Parties" })).not.toContainText("Not yet signed");
});

test("a move asks for its comment on submit and keeps the button where it was", async ({ page, login }) => {
  await login("editor");
  await page.goto("/agreements/new");
  await waitForHydration(page);
  await page.getByLabel("Title").fill(`Move without a comment ${unique()}`);
  await page.getByLabel("Kind", { exact: true }).selectOption("MOU");
  await saveNewAgreement(page, "Save draft");
  await page.getByRole("link", { name: "Move to negotiation", exact: true }).click();
  const form = page.locator("form.move-form");
  const confirm = form.getByRole("button", { name: "Confirm: In negotiation" });
  await confirm.click();
  await expect(form.getByText("Add a comment for the status history")).toBeVisible();
  await form.getByLabel("Comment").fill("Negotiation opened");
  await expect(form.getByText("Add a comment for the status history")).toHaveCount(0);
  const before = await confirm.boundingBox();
  // Leaving the comment field (as pressing the button does) changes nothing above the button.
  await form.getByLabel("Date of the change").focus();
  expect(await confirm.boundingBox()).toEqual(before);
  await confirm.click();
  await expect(page.getByText("Status updated.")).toBeVisible();
  // Escape closes a move's form and gives the focus back to its link.
  await page.getByRole("link", { name: "Move to legal review", exact: true }).click();
  await expect(page.locator("form.move-form")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator("form.move-form")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Move to legal review", exact: true })).toBeFocused();
});

test("recording the same agreement twice shows the first one and asks to save anyway", async ({ page, login }) => {
  await login("editor");
  const title = `Single-cell atlas of the cortex ${unique()}`;
  for (const attempt of [1, 2]) {
    await page.goto("/agreements/new?kind=MOU");
    await waitForHydration(page);
    await page.getByLabel("Title").fill(attempt === 1 ? title : `${title}.`);
    await page.getByLabel("Kind", { exact: true }).selectOption("MOU");
    if (attempt === 1) {
      await saveNewAgreement(page, "Save draft");
      continue;
    }
    await page.getByRole("button", { name: "Save draft", exact: true }).click();
    const panel = page.getByRole("region", { name: "This may already be recorded" });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole("link", { name: new RegExp(title) })).toBeVisible();
    await expect(panel).toContainText("very similar title");
    await expect(page.getByLabel("Title")).toHaveValue(`${title}.`);
    await panel.getByRole("button", { name: "Save anyway" }).click();
    await expect(page.getByText("Agreement recorded as a draft.")).toBeVisible();
  }
});

test("removing a party leaves the focus on the next party's box", async ({ page, login }) => {
  await login("editor");
  await page.goto("/agreements/new");
  await waitForHydration(page);
  await pickParty(page, "Party 1", "Neurogenomics");
  await pickParty(page, "Party 2", "CINECA");
  await page.getByRole("button", { name: "Remove party 1" }).click();
  await expect(page.getByRole("combobox", { name: "Party 1", exact: true })).toBeFocused();
  await expect(page.getByRole("combobox", { name: "Party 1", exact: true })).toHaveValue("CINECA");
  await page.getByRole("button", { name: "Remove party 1" }).click();
  await expect(page.getByRole("button", { name: "+ Add a party" })).toBeFocused();
});

test("the agreement list: a skip link to the results, Escape closes a filter, the columns chosen are remembered, archived agreements have their view", async ({ page, login }) => {
  await login("editor");
  await page.goto("/agreements");
  await waitForHydration(page);
  await page.getByRole("searchbox", { name: "Search", exact: true }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to the results" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#results")).toBeFocused();

  const status = page.locator("details.multi-select", { has: page.locator("summary .field-label", { hasText: /^Status$/ }) });
  await status.locator("summary").click();
  await expect(status.getByRole("checkbox", { name: "Active", exact: true })).toBeVisible();
  await status.getByRole("checkbox", { name: "Active", exact: true }).focus();
  await page.keyboard.press("Escape");
  await expect(status.getByRole("checkbox", { name: "Active", exact: true })).toBeHidden();
  await expect(status.locator("summary")).toBeFocused();

  const columns = page.locator("details.column-chooser");
  await columns.locator("summary").click();
  await columns.getByRole("checkbox", { name: "HT units" }).uncheck();
  await expect(page.getByRole("columnheader", { name: /^HT units/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("columnheader", { name: /^HT units/ })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: /^Partners/ })).toBeVisible();
  await page.locator("details.column-chooser summary").click();
  await page.locator("details.column-chooser").getByRole("checkbox", { name: "HT units" }).check();
  await expect(page.getByRole("columnheader", { name: /^HT units/ })).toBeVisible();

  // The list fits the page: nothing to scroll sideways at 1280 px.
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

  await page.getByRole("navigation", { name: "Quick views" }).getByRole("link", { name: "Archived" }).click();
  await expect(page).toHaveURL(/archived=only/);
  await expect(page.getByRole("heading", { level: 1, name: "Archived agreements" })).toBeVisible();
});

test("an archived agreement is listed in the archived view, and only there", async ({ page, login }) => {
  await login("editor");
  const title = `To be archived ${unique()}`;
  await page.goto("/agreements/new?kind=NDA");
  await waitForHydration(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind", { exact: true }).selectOption("NDA");
  await saveNewAgreement(page, "Save draft");
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("Agreement archived.")).toBeVisible();
  await page.goto(`/agreements?${new URLSearchParams({ q: title })}`);
  await expect(page.getByRole("heading", { name: "No agreements found" })).toBeVisible();
  await page.goto(`/agreements?${new URLSearchParams({ q: title, archived: "only" })}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

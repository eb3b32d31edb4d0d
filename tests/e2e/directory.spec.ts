/**
 * Keeping the directory of partners and HT units right, and taking the
 * agreement list away as CSV. These tests create their own partners and
 * agreements (names with a random suffix) and change no seeded record, so
 * they hold whatever else runs.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, waitForHydration } from "./fixtures";

const SHOTS = "/tmp/dir-shots";
mkdirSync(SHOTS, { recursive: true });

const unique = () => Math.random().toString(36).slice(2, 7);

test("an editor creates a partner with a wrong website, fixes it, edits it and merges a duplicate into it", async ({ page, login }) => {
  const suffix = unique();
  const name = `Istituto di Genomica Applicata ${suffix}`;
  await login("editor");

  await page.goto("/partners");
  await page.getByRole("link", { name: "New partner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New partner" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel(/^Acronym/).fill(`IGA${suffix}`.toUpperCase().slice(0, 10));
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Research institute" });
  await page.getByLabel(/^City/).fill("Genova");
  await page.getByLabel(/^Website/).fill("www.iga-genomica.it");
  await page.getByRole("button", { name: "Create partner" }).click();

  // The mistake is named next to the field; what was typed stays.
  await expect(page.getByText("Enter a full web address starting with https:// (or http://), like https://www.iit.it")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Country")).toHaveValue("IT");
  await page.screenshot({ path: `${SHOTS}/partner-new-error.png`, fullPage: true });

  await page.getByLabel(/^Website/).fill("https://www.iga-genomica.it");
  await page.getByRole("button", { name: "Create partner" }).click();
  await expect(page.getByRole("status")).toHaveText("Partner created.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("link", { name: "www.iga-genomica.it" })).toBeVisible();
  const keptUrl = new URL(page.url()).pathname;
  await page.screenshot({ path: `${SHOTS}/partner-created.png`, fullPage: true });

  // Edit: a new acronym and city.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel(/^Acronym/).fill(`IGA-${suffix}`);
  await page.getByLabel(/^City/).fill("Genoa");
  await page.screenshot({ path: `${SHOTS}/partner-edit.png`, fullPage: true });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`(IGA-${suffix})`);
  await expect(page.getByText(/Research institute · Genoa/)).toBeVisible();

  // A duplicate, with a sub-unit of its own, turns up...
  const dupName = `Ist. Genomica Applicata ${suffix}`;
  await page.goto("/partners/new");
  await waitForHydration(page);
  await page.getByLabel("Name", { exact: true }).fill(dupName);
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Research institute" });
  await page.getByRole("button", { name: "Create partner" }).click();
  await expect(page.getByRole("status")).toHaveText("Partner created.");
  const dupUrl = new URL(page.url()).pathname;
  await page.goto("/partners/new");
  await waitForHydration(page);
  await page.getByLabel("Name", { exact: true }).fill(`Genomics Lab of ${dupName}`);
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Research institute" });
  await page.getByLabel(/^Part of/).selectOption({ label: dupName });
  await page.getByRole("button", { name: "Create partner" }).click();
  await expect(page.getByRole("status")).toHaveText("Partner created.");

  // ...and is merged into the partner to keep, after a look at what will move.
  await page.goto(dupUrl);
  await page.getByRole("link", { name: "Merge into…" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Merge ${dupName} into another partner` })).toBeVisible();
  await page.getByRole("combobox", { name: "Partner to keep" }).selectOption({ label: `IGA-${suffix} — ${name}` });
  await page.getByRole("button", { name: "Review merge" }).click();
  const review = page.getByRole("region", { name: "2. What will happen" });
  await expect(review.getByText(`0 agreements move from ${dupName} to ${name}.`)).toBeVisible();
  await expect(review.getByText(`Genomics Lab of ${dupName}`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/partner-merge.png`, fullPage: true });
  await review.getByRole("button", { name: `Merge ${dupName} into ${name}` }).click();

  await expect(page).toHaveURL(new RegExp(`${keptUrl}\\?merged=0$`));
  await expect(page.getByRole("status")).toHaveText(`Duplicate merged into ${name}: 0 agreements moved.`);
  await expect(page.getByRole("region", { name: "Sub-units" }).getByRole("link", { name: `Genomics Lab of ${dupName}` })).toBeVisible();
  const gone = await page.request.get(dupUrl);
  expect(gone.status()).toBe(404);
});

test.describe("concurrent editing", () => {
  // The refused save answers 409 Conflict, which Chromium logs as a failed resource load.
  test.use({ allowedConsoleErrors: [/status of 409 \(Conflict\)/] });

  test("two editors change the same partner: the later save shows what the other saved and keeps what was typed", async ({ page, login, pageAs }) => {
    const name = `Centro Ricerche Condivise ${unique()}`;
    await login("editor");
    await page.goto("/partners/new");
    await waitForHydration(page);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Research foundation" });
    await page.getByLabel(/^City/).fill("Milan");
    await page.getByRole("button", { name: "Create partner" }).click();
    await expect(page.getByRole("status")).toHaveText("Partner created.");
    const editUrl = `${new URL(page.url()).pathname}/edit`;

    await page.goto(editUrl);
    await waitForHydration(page);
    const colleague = await pageAs("editor");
    await colleague.goto(editUrl);
    await waitForHydration(colleague);
    await colleague.getByLabel(/^City/).fill("Turin");
    await colleague.getByRole("button", { name: "Save changes" }).click();
    await expect(colleague.getByRole("status")).toHaveText("Changes saved.");

    await page.getByLabel(/^Acronym/).fill("CRC");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").first()).toContainText("Someone else saved this partner while you were editing it.");
    const saved = page.locator(".conflict");
    await expect(saved.getByText("Turin")).toBeVisible();
    await expect(page.getByLabel(/^Acronym/)).toHaveValue("CRC");
    await expect(page.getByLabel(/^City/)).toHaveValue("Milan");
    await page.screenshot({ path: `${SHOTS}/partner-conflict.png`, fullPage: true });

    // Both versions side by side; saving again without choosing still refuses to overwrite.
    await expect(saved.getByRole("row", { name: /City/ })).toContainText("Milan");
    await expect(saved.getByRole("row", { name: /City/ })).toContainText("Turin");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").first()).toContainText("Someone else saved this partner while you were editing it.");

    // Having seen the colleague's city, they keep it and re-apply their own change on top.
    await page.getByLabel(/^City/).fill("Turin");
    await page.getByRole("button", { name: "Re-apply my changes" }).click();
    await expect(page.getByText("Your changes are kept below and will be saved over the newer version")).toBeVisible();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status")).toHaveText("Changes saved.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("(CRC)");
    await expect(page.getByText(/Research foundation · Turin/)).toBeVisible();
  });
});

test("an editor exports the filtered agreement list as a CSV file", async ({ page, login, create }) => {
  const unit = await create.unitNamed("Computational Life Sciences");
  const partner = await create.partner({ name: create.unique("Fondazione per il Calcolo"), kind: "FOUNDATION", city: "Turin" });
  const title = (word: string) => `${create.unique("Protein design collaboration")} – ${word}`;
  const beta = await create.agreement({ units: [unit], partners: [partner], title: title("Beta") });
  const alpha = await create.agreement({ units: [unit], partners: [partner], title: title("Alpha") });
  // Same partner, not Active: not in the export.
  await create.agreement({ units: [unit], partners: [partner], status: "NEGOTIATION", title: title("Gamma") });

  await login("editor");
  const query = `status=ACTIVE&partner=${partner.id}&sort=title`;
  await page.goto(`/agreements?${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "Agreements" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/agreements-export-link.png` });
  const link = page.getByRole("link", { name: "Export CSV" });
  await expect(link).toHaveAttribute("href", `/agreements.csv?${query}`);

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^agreements-[a-z0-9-]+-active-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "Reference,Title,Kind,Status,Confidentiality,HT units,Partners,Start,End,Notice deadline,Renewal,Value EUR,Direction,HT owner,Partner contact,Signature date",
  );
  // The filtered rows, A to Z by title.
  expect(lines).toHaveLength(3);
  const starts = (line: string | undefined, prefix: string) => expect(line?.slice(0, prefix.length)).toBe(prefix);
  starts(lines[1], `${alpha.reference},${title("Alpha")},Research collaboration,Active,Internal,Computational Life Sciences (lead),${partner.name} (participant),`);
  starts(lines[2], `${beta.reference},${title("Beta")},Research collaboration,Active,`);
});

test("an editor adds a research group and is told which centre it needs", async ({ page, login }) => {
  await login("editor");
  await page.goto("/units");
  await page.getByRole("link", { name: "New unit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New HT unit" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Code").fill("ng-test");
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Research group" });
  await page.getByLabel("Name", { exact: true }).fill("A lab without a centre");
  await page.getByRole("button", { name: "Create unit" }).click();
  await expect(page.getByText("Choose the centre or facility the group belongs to")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/unit-new-error.png`, fullPage: true });

  // A centre's edit page lists its research lines, each with the agreements that serve it.
  await page.goto("/units");
  await page.getByRole("link", { name: "Neurogenomics", exact: true }).click();
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit Neurogenomics" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Research lines" }).getByRole("button", { name: "Add" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/unit-edit.png`, fullPage: true });
});

test.describe("a viewer", () => {
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test("sees no buttons to change the directory, and is refused the forms", async ({ page, login }) => {
    await login("viewer");
    await page.goto("/partners");
    await expect(page.getByRole("heading", { level: 1, name: "Partners" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New partner" })).toHaveCount(0);
    await page.getByRole("link", { name: "CINECA" }).first().click();
    await expect(page.getByRole("link", { name: "Filter agreements" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Merge into…" })).toHaveCount(0);
    const refused = await page.goto("/partners/new");
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });
});

/**
 * Bringing the office's spreadsheet in, as an editor would: upload an
 * Italian ";" CSV, correct the proposed mapping (a column the app could not
 * name, the kind and the HT unit the sheet lacks), review the partners (a
 * similar name taken as the existing partner), run the dry run, import,
 * find the agreement, and undo the import as a whole. Screenshots of each
 * step at desktop and phone sizes; axe on the mapping and the review.
 */
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, waitForHydration } from "./fixtures";

const SHOTS = "/tmp/e2e-shots";
mkdirSync(SHOTS, { recursive: true });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/import-${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/import-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("an editor imports a register: mapping corrected, partners reviewed, dry run, import, undo", async ({ page, login, create }) => {
  test.setTimeout(120_000);
  const unit = await create.unit();
  const partner = await create.partner({ name: create.unique("Istituto Ricerche Farmacologiche") });
  const tag = create.unique("Import");
  const similarName = partner.name.replace("Istituto", "Ist.");
  const titles = [`${tag} convenzione`, `${tag} accordo dati`];
  const csv = [
    "Rif.;Titolo;Soggetto;Data inizio;Scadenza;Importo",
    `${tag}-1;${titles[0]};${partner.name.toUpperCase()};01/02/2024;31/01/2027;12.500,00 €`,
    // A similar name, which the app offers but does not take by itself.
    `${tag}-2;${titles[1]};${similarName};15/03/2024;14/03/2026;`,
  ].join("\r\n");

  await login("editor");
  await page.goto("/agreements");
  await shoot(page, "agreements-list");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a register" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Register (.xlsx or .csv)").setInputFiles({ name: "registro.csv", mimeType: "text/csv", buffer: Buffer.from(csv.replace(/€/g, "\x80"), "latin1") });
  await page.getByRole("button", { name: "Upload and read" }).click();

  // Columns: "Soggetto" is not a header the app knows; the sheet has no kind and no HT unit.
  await expect(page.getByRole("heading", { name: "Columns" })).toBeVisible();
  await expect(page.getByText("separated by semicolons")).toBeVisible();
  await expect(page.getByLabel("Rif.")).toHaveValue("reference");
  await expect(page.getByLabel("Soggetto")).toHaveValue("");
  await expect(page.getByLabel("Importo")).toHaveValue("value");
  await expect(page.getByText("12.500,00 €")).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Match partners →" }).click();
  await expect(page.getByText("The sheet has no kind column: choose the kind of its agreements")).toBeVisible();
  await page.getByLabel("Soggetto").selectOption("partner");
  await page.getByLabel("Kind", { exact: true }).selectOption("FRAMEWORK");
  await page.getByLabel("HT unit", { exact: true }).selectOption(unit.id);
  await expectAccessible(page);
  await shoot(page, "columns");
  await page.getByRole("button", { name: "Match partners →" }).click();

  // Partners: the name in capitals is the same partner; the similar one waits for a person.
  await expect(page.getByRole("heading", { name: "Partners" })).toBeVisible();
  await page.getByRole("link", { name: /^All/ }).click();
  await expect(page.getByLabel(`What ${partner.name.toUpperCase()} is`)).toHaveValue(`match:${partner.id}`);
  await page.getByRole("link", { name: /^To review/ }).click();
  const similar = page.getByLabel(`What ${similarName} is`);
  await expect(similar).toHaveValue("create");
  await similar.selectOption(`match:${partner.id}`);
  await expectAccessible(page);
  await shoot(page, "partners");
  await page.getByRole("button", { name: "Save and run the dry run →" }).click();

  // Dry run: two agreements to create, no partner; nothing written yet.
  await expect(page.getByRole("button", { name: "Import 2 agreements" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Totals" })).toContainText("2 agreements to create");
  await expect(page.getByRole("list", { name: "Totals" })).toContainText("0 partners to create");
  await expect(page.getByRole("list", { name: "Totals" })).toContainText("1 partner getting other names");
  await expect(page.getByRole("link", { name: "Download the report (.xlsx)" })).toBeVisible();
  await shoot(page, "dry-run");
  await page.getByRole("button", { name: "Import 2 agreements" }).click();

  await expect(page.getByRole("heading", { name: "Imported", exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Totals" })).toContainText("2 agreements created");
  await expect(page.getByRole("list", { name: "Totals" })).toContainText("1 partner with new other names");
  await expectAccessible(page);
  await shoot(page, "done");
  const importUrl = page.url();
  await page.goto(`/agreements?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("link", { name: titles[0] })).toBeVisible();
  await expect(page.getByRole("link", { name: titles[1] })).toBeVisible();

  await page.goto(importUrl);
  await waitForHydration(page);
  await page.getByRole("button", { name: "Undo this import" }).click();
  await expect(page.getByRole("heading", { name: "This import was undone" })).toBeVisible();
  await page.goto(`/agreements?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("link", { name: titles[0] })).toHaveCount(0);
  await page.goto("/import");
  await expect(page.getByRole("link", { name: "registro.csv" }).first()).toBeVisible();
  await shoot(page, "index");
});

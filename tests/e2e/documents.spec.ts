/**
 * The paper trail in the browser: an editor uploads a PDF to an agreement
 * (by the file button), sees it with its type, size and SHA-256, opens it in
 * the browser's viewer, uploads a new version that keeps the first, waits
 * for its text to be read, and finds the agreement by a word that is only
 * inside the PDF: in the top bar's search (opened with "/") and in the
 * agreement list. Screenshots of the pages at desktop and phone sizes go to
 * tests/screenshots/.
 */
import type { Page } from "@playwright/test";
import { makeContractPdf } from "../setup/pdf";
import { pickParty, saveNewAgreement } from "./agreement-helpers";
import { expect, test, waitForHydration } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 8);
const word = () => `Zq${unique()}marker`.replace(/[0-9]/g, "x");

async function recordMou(page: Page, title: string) {
  await page.goto("/agreements/new");
  await waitForHydration(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind", { exact: true }).selectOption("MOU");
  await page.getByLabel("Areas of collaboration").fill("Genomic data; imaging");
  await page.getByLabel("Start date").fill("2026-01-01");
  await page.getByLabel("End date").fill("2028-12-31");
  await pickParty(page, "Party 1", "Neurogenomics");
  await pickParty(page, "Party 2", "IIT", "Italian Institute of Technology (IIT)");
  await saveNewAgreement(page, "Save draft");
  return new URL(page.url()).pathname;
}

async function shoot(page: Page, name: string) {
  for (const [w, h] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `tests/screenshots/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("an editor uploads a PDF, a new version, and finds the agreement by a word inside the PDF", async ({ page, login }) => {
  test.setTimeout(90_000);
  await login("editor");
  const title = `Deed test ${unique()}`;
  const url = await recordMou(page, title);
  const marker = word();
  const card = page.locator("#documents-card");

  await card.getByLabel("Kind").selectOption("SIGNED_DEED");
  await card.locator('input[type="file"]').setInputFiles({ name: "Signed deed.pdf", mimeType: "application/pdf", buffer: makeContractPdf(4, marker, 3) });
  await expect(card.getByText("Signed deed.pdf (")).toBeVisible();
  await card.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(card.getByText("Uploaded. Its text is being read for search.")).toBeVisible({ timeout: 20_000 });
  await expect(card.locator(".document-name", { hasText: "Signed deed.pdf" })).toBeVisible();
  await expect(card.getByText(/^PDF, \d+ KB$/)).toBeVisible();
  await expect(card.getByText("SHA-256")).toBeVisible();

  // The browser's own viewer: the file comes back as a PDF shown inline.
  const viewHref = await card.getByRole("link", { name: "View" }).first().getAttribute("href");
  const viewed = await page.request.get(viewHref!);
  expect(viewed.headers()["content-type"]).toBe("application/pdf");
  expect(viewed.headers()["content-disposition"]).toMatch(/^inline; filename="Signed deed.pdf"/);
  expect(viewed.headers()["x-content-type-options"]).toBe("nosniff");
  const download = await page.request.get(viewHref!.replace("/view", "/download"));
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);

  await card.getByRole("button", { name: "Upload a new version" }).click();
  await card.locator('input[type="file"]').first().setInputFiles({ name: "Signed deed v2.pdf", mimeType: "application/pdf", buffer: makeContractPdf(2, `${marker}`, 1) });
  await card.getByRole("button", { name: "Upload the new version" }).click();
  await expect(card.getByText("· version 2")).toBeVisible({ timeout: 20_000 });
  await card.getByText("Earlier versions (1)").click();
  await expect(card.getByText("Version 1: Signed deed.pdf")).toBeVisible();

  await expect(card.getByText("Text searchable (2 pages)")).toBeVisible({ timeout: 30_000 });
  await shoot(page, "agreement-documents");

  // The quick search, opened with "/", finds it by the word inside the PDF.
  await page.locator("body").press("/");
  await expect(page.locator("#quick-search")).toBeFocused();
  await page.keyboard.type(marker.toLowerCase());
  const panel = page.locator("#quick-search-results");
  await expect(panel.getByRole("link", { name: new RegExp(title) })).toBeVisible();
  await expect(panel.getByRole("link", { name: /^Signed deed.pdf Signed deed of/ })).toBeVisible();
  await shoot(page, "quick-search");
  // The screenshots resize the window (the phone layout hides the box), so
  // the cursor goes back into the box before Enter.
  await page.locator("#quick-search").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByText(/in the signed deed “Signed deed.pdf”, page 1/)).toBeVisible();
  await shoot(page, "search-page");
  await page.getByRole("link", { name: new RegExp(title) }).first().click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));

  // The agreement list's search uses the same index.
  await page.goto(`/agreements?q=${marker.toUpperCase()}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test.describe("a refused upload", () => {
  test.use({ allowedConsoleErrors: [/the server responded with a status of 400/] });

  test("an editor uploads a file that is not what its name says, and sees it refused", async ({ page, login }) => {
  await login("editor");
  await recordMou(page, `Refusal test ${unique()}`);
  const card = page.locator("#documents-card");
  await card.locator('input[type="file"]').setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><body>not a pdf</body></html>") });
  await card.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(card.getByText("“invoice.pdf” is not a file the register keeps")).toBeVisible();
  await expect(card.getByText("No documents yet.")).toBeVisible();
});
});

/**
 * The legal office's daily work on agreements: recording one (with mistakes
 * caught), moving it to Active, renewing it, editing at the same time as a
 * colleague, and the limits of a viewer.
 */
import type { Page } from "@playwright/test";
import { moveAgreement, pickParty, saveNewAgreement } from "./agreement-helpers";
import { expect, test, waitForHydration } from "./fixtures";

const unique = () => Math.random().toString(36).slice(2, 8);

/** Fills the parts of the form every agreement needs: a Neurogenomics lead and an IIT participant. */
async function fillParties(page: Page, { javaScript = true } = {}) {
  if (!javaScript) {
    // Without JavaScript the party box is a plain select.
    await page.getByLabel("Party 1", { exact: true }).selectOption({ label: "Neurogenomics" });
    await page.getByLabel("Party 2", { exact: true }).selectOption({ label: "Italian Institute of Technology (IIT)" });
    return;
  }
  await pickParty(page, "Party 1", "Neurogenomics");
  await pickParty(page, "Party 2", "IIT", "Italian Institute of Technology (IIT)");
}

/** Records a memorandum of understanding through the form and returns its page's URL and reference. */
async function recordMou(page: Page, title: string) {
  await page.goto("/agreements/new");
  await waitForHydration(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind", { exact: true }).selectOption("MOU");
  await page.getByLabel("Areas of collaboration").fill("Brain organoids; imaging");
  await page.getByLabel("Start date").fill("2026-01-01");
  await page.getByLabel("End date").fill("2028-12-31");
  await fillParties(page);
  await saveNewAgreement(page, "Save draft");
  const reference = (await page.locator(".eyebrow.mono").first().textContent())!.trim();
  return { url: new URL(page.url()).pathname, reference };
}

const move = moveAgreement;

test("an editor records an agreement with wrong data, fixes it and saves it", async ({ page, login }) => {
  await login("editor");
  await page.goto("/agreements/new");
  await waitForHydration(page);
  const title = `Joint imaging study ${unique()}`;
  await page.getByLabel("Title").fill("<script>alert(1)</script>");
  await page.getByLabel("Kind", { exact: true }).selectOption("RESEARCH_COLLABORATION");
  await page.getByLabel("Start date").fill("2027-05-01");
  await page.getByLabel("End date").fill("2027-01-31");
  await page.getByLabel("Value (EUR)").fill("12,34,5");
  await pickParty(page, "Party 1", "Neurogenomics");
  await page.getByRole("button", { name: "Save draft" }).click();

  await expect(page.getByText("The end date cannot be before the start date").first()).toBeVisible();
  await expect(page.getByText("Enter the value in euro as a number").first()).toBeVisible();
  // A draft may leave the partner and the kind's terms for later: those are not errors yet.
  await expect(page.getByText("Add at least one partner as a party")).toHaveCount(0);
  // Nothing typed is lost.
  await expect(page.getByLabel("Title")).toHaveValue("<script>alert(1)</script>");
  await expect(page.getByLabel("Start date")).toHaveValue("2027-05-01");
  expect(page.url()).toContain("/agreements/new");

  await page.getByLabel("Title").fill(title);
  await page.getByLabel("End date").fill("2029-04-30");
  await page.getByLabel("Value (EUR)").fill("125.000,50");
  await page.getByLabel("Direction").selectOption("HT_PAYS");
  await pickParty(page, "Party 2", "IIT", "Italian Institute of Technology (IIT)");
  await page.getByLabel("Scientific leads").fill("Dr. A. Conti (HT); Dr. B. Rossi (IIT)");
  await page.getByLabel("Budget").fill("Split 60/40");
  await page.getByLabel("IP terms").fill("Joint ownership");
  await page.getByLabel("Publication terms").fill("30 days' review");
  await saveNewAgreement(page, "Save draft");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".eyebrow.mono")).toHaveText(/^HT-\d{4}-\d{4}$/);
  await expect(page.getByRole("region", { name: "Terms" }).getByText("€125,000.50 (HT pays)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Italian Institute of Technology (IIT)" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  // The refused save answers 400 Bad Request, which Chromium logs as a failed resource load.
  test.use({ javaScriptEnabled: false, allowedConsoleErrors: [/status of 400 \(Bad Request\)/] });

  test("the server rejects a 10,000-character title and keeps what was typed", async ({ page, login }) => {
    await login("editor");
    // Without JavaScript the kind's own fields come with the page: ?kind= preselects it.
    await page.goto("/agreements/new?kind=MOU");
    // The browser stops typing at 300 characters; lift that, as a crafted request would.
    await expect(page.getByLabel("Title")).toHaveAttribute("maxlength", "300");
    await page.getByLabel("Title").evaluate((input) => input.removeAttribute("maxlength"));
    await page.getByLabel("Title").fill("x".repeat(10_000));
    await page.getByLabel("Areas of collaboration").fill("Genomics");
    await fillParties(page, { javaScript: false });
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("A title has at most 300 characters").first()).toBeVisible();
    await expect(page.getByLabel("Areas of collaboration")).toHaveValue("Genomics");
    await expect(page.getByLabel("Party 2", { exact: true })).toHaveValue(/^partner:/);
  });
});

test("an editor moves an agreement to Active, then renews it and the original is superseded", async ({ page, login }) => {
  await login("editor");
  const { url, reference } = await recordMou(page, `MoU for renewal ${unique()}`);
  await move(page, "Move to negotiation");
  await move(page, "Move to legal review");
  await move(page, "Move to awaiting signature");
  await move(page, "Activate (signed)", { signatureDate: new Date().toISOString().slice(0, 10), confirmUnsigned: true });
  await expect(page.locator(".header-badges .badge").first()).toHaveText("Active");
  await expect(page.locator(".timeline li")).toHaveCount(5);

  await page.getByRole("link", { name: "Renew", exact: true }).click();
  await waitForHydration(page);
  await expect(page.getByLabel("Title")).toHaveValue(/^Renewal: MoU for renewal/);
  await expect(page.getByLabel("Start date")).toHaveValue("2029-01-01");
  await saveNewAgreement(page, "Save renewal draft");
  await expect(page.locator(".link-list")).toContainText(`Renews ${reference}`);

  for (const step of ["Move to negotiation", "Move to legal review", "Move to awaiting signature"]) await move(page, step);
  await move(page, "Activate (signed)", { signatureDate: new Date().toISOString().slice(0, 10), confirmUnsigned: true });
  await page.goto(url);
  await expect(page.locator(".header-badges .badge").first()).toHaveText("Superseded");
  await expect(page.locator(".timeline")).toContainText("Superseded by renewal");
});

test.describe("editing at the same time", () => {
  // The refused save answers 409 Conflict, which Chromium logs as a failed resource load.
  test.use({ allowedConsoleErrors: [/status of 409 \(Conflict\)/] });

test("two editors edit the same agreement: the second sees a conflict and nothing is lost", async ({ pageAs }) => {
  const first = await pageAs("editor");
  const { url } = await recordMou(first, `Conflict test ${unique()}`);
  const second = await pageAs("editor");

  await first.goto(`${url}/edit`);
  await second.goto(`${url}/edit`);
  await waitForHydration(first);
  await waitForHydration(second);

  await first.getByLabel("Summary").fill("Written by the first editor");
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first.getByText("Changes saved.")).toBeVisible();

  await second.getByLabel("Summary").fill("Written by the second editor");
  await second.getByRole("button", { name: "Save changes" }).click();
  const panel = second.getByRole("alert").filter({ hasText: "Someone else saved this agreement" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("row", { name: /Summary/ })).toContainText("Written by the second editor");
  await expect(panel.getByRole("row", { name: /Summary/ })).toContainText("Written by the first editor");
  // The first editor's save is intact.
  await first.reload();
  await expect(first.locator(".prose")).toHaveText("Written by the first editor");

  await second.getByRole("button", { name: "Re-apply my changes" }).click();
  await expect(second.getByLabel("Summary")).toHaveValue("Written by the second editor");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByText("Changes saved.")).toBeVisible();
  await expect(second.locator(".prose")).toHaveText("Written by the second editor");
});
});

test("a viewer sees no editing controls, and a crafted POST from a viewer is refused", async ({ page, login, pageAs }) => {
  const editor = await pageAs("editor");
  const { url } = await recordMou(editor, `Viewer test ${unique()}`);
  await login("viewer");
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Viewer test");
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Archive" })).toHaveCount(0);
  await expect(page.getByText("Move this agreement")).toHaveCount(0);

  const origin = new URL(page.url()).origin;
  for (const [path, form] of [
    [`${url}/edit`, { title: "Hijacked", kind: "MOU", version: "1" }],
    [url, { intent: "archive", version: "1" }],
    [url, { intent: "move", to: "NEGOTIATION", effectiveOn: "2026-01-01", version: "1" }],
  ] as const) {
    const response = await page.request.post(path, { form, headers: { Origin: origin }, maxRedirects: 0 });
    expect(response.status(), path).toBe(403);
  }
  await editor.reload();
  await expect(editor.getByRole("heading", { level: 1 })).toContainText("Viewer test");
  await expect(editor.locator(".header-badges .badge").first()).toHaveText("Draft");
});

test("an editor adds a missing partner without leaving the agreement form", async ({ page, login }) => {
  await login("editor");
  await page.goto("/agreements/new?kind=MOU");
  await waitForHydration(page);
  const title = `MoU with a new partner ${unique()}`;
  const partner = `Fondazione Test ${unique()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Areas of collaboration").fill("Data science");
  await pickParty(page, "Party 1", "Data Science");
  await page.getByRole("button", { name: "Remove party 2" }).click();

  await page.getByText("Partner not in the list? Add it").click();
  await page.getByLabel("Partner name").fill(partner);
  await page.getByLabel("Partner kind").selectOption("FOUNDATION");
  await page.getByLabel("City", { exact: true }).fill("Turin");
  await page.getByRole("button", { name: "Add partner and make it a party" }).click();

  await expect(page.getByRole("combobox", { name: "Party 2", exact: true })).toHaveValue(partner);
  // The agreement's own fields were not posted or lost.
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await saveNewAgreement(page, "Save draft");
  await expect(page.getByRole("link", { name: partner })).toBeVisible();
});

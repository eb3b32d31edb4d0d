/**
 * Steps on the agreement pages that several specs take, done as a person
 * does them: choosing a party in the party box (typing, then picking the
 * match), and moving an agreement through its lifecycle from the top of
 * its page.
 */
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Types `name` into the party box labelled `label` ("Party 1") and picks the option whose text starts with `option` (default: `name`). */
export async function pickParty(page: Page, label: string, name: string, option = name) {
  const box = page.getByRole("combobox", { name: label, exact: true });
  await box.fill(name);
  await page.getByRole("listbox").getByRole("option").filter({ hasText: option }).first().click();
  await expect(box).toHaveValue(new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
}

/**
 * Opens the move `button` ("Move to negotiation", "Skip to active") at the
 * top of the agreement page, fills what it asks, and confirms with one click.
 */
export async function moveAgreement(page: Page, button: string, opts: { signatureDate?: string; confirmUnsigned?: boolean } = {}) {
  // "Status updated." may still be on screen from the step before: wait for the history to grow instead.
  const history = page.locator(".timeline li");
  const steps = await history.count();
  await page.getByRole("link", { name: button, exact: true }).click();
  const form = page.locator("form.move-form");
  if (opts.signatureDate) await form.getByLabel("Signature date (last party)").fill(opts.signatureDate);
  if (opts.confirmUnsigned) await form.getByLabel("Activate even if a party above is still not signed").check();
  await form.getByLabel("Comment").fill(`${button}: agreed at the weekly legal meeting`);
  await form.getByRole("button", { name: /^Confirm/ }).click();
  await expect.poll(() => history.count()).toBeGreaterThan(steps);
  await expect(page.getByText("Status updated.")).toBeVisible();
}

/**
 * Clicks the form's save button `button` for a new agreement and, if the
 * server shows possible duplicates (other tests record similar ones), says
 * "Save anyway"; resolves once the new agreement's page says it is recorded.
 */
export async function saveNewAgreement(page: Page, button: string) {
  await page.getByRole("button", { name: button, exact: true }).click();
  const saved = page.getByText("Agreement recorded as a draft.");
  const anyway = page.getByRole("button", { name: "Save anyway" });
  await expect(saved.or(anyway)).toBeVisible();
  if (await anyway.isVisible()) {
    await anyway.click();
    await expect(saved).toBeVisible();
  }
}

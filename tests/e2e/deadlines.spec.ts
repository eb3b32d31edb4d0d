/**
 * No deadline passes unseen: an editor records a tacit renewal whose notice
 * falls due in about 20 days and finds it first among the notices on
 * /deadlines and on the overview, adds an obligation and marks it done from
 * the list (it leaves the list), and an admin sends the due reminders and
 * reads the reminder in the outbox. The agreement is archived at the end,
 * so a rerun starts clean. Screenshots at desktop and phone sizes.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { moveAgreement, pickParty, saveNewAgreement } from "./agreement-helpers";
import { expect, test, waitForHydration } from "./fixtures";

const SHOTS = "/tmp/e2e-shots";
mkdirSync(SHOTS, { recursive: true });
const unique = () => Math.random().toString(36).slice(2, 8);
const day = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Records a tacit-renewal MoU ending in 110 days with 90 days' notice (moved off a weekend), and activates it. */
async function recordTacitRenewal(page: Page, title: string) {
  let end = addDays(today, 110);
  while ([0, 6].includes(addDays(end, -90).getUTCDay())) end = addDays(end, 1);
  await page.goto("/agreements/new");
  await waitForHydration(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind", { exact: true }).selectOption("MOU");
  await page.getByLabel("Areas of collaboration").fill("Single-cell atlases");
  await page.getByLabel("Start date").fill(day(addDays(today, -600)));
  await page.getByLabel("End date").fill(day(end));
  await page.getByLabel("Renewal", { exact: true }).selectOption("TACIT");
  await page.getByLabel("Notice period (days)").fill("90");
  await expect(page.getByText(/Give notice by .*, or it renews/)).toBeVisible();
  await pickParty(page, "Party 1", "Neurogenomics");
  await pickParty(page, "Party 2", "IIT", "Italian Institute of Technology (IIT)");
  await saveNewAgreement(page, "Save draft");
  // One move from draft to active, recording negotiation, legal review and signature on the way.
  await moveAgreement(page, "Skip to active", { signatureDate: day(addDays(today, -1)), confirmUnsigned: true });
  return { url: new URL(page.url()).pathname, reference: (await page.locator(".eyebrow.mono").first().textContent())!.trim(), notice: addDays(end, -90) };
}

test("a tacit renewal with notice due in 20 days comes first on /deadlines and on the overview; a completed obligation leaves the list; the outbox shows the reminder", async ({ page, login, pageAs }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await login("editor");
  const title = `Tacit MoU with IIT ${unique()}`;
  const agreement = await recordTacitRenewal(page, title);

  // /deadlines, notices only: ours is the first.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deadlines" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deadlines" })).toBeVisible();
  await waitForHydration(page);
  const kind = page.locator("details.multi-select").filter({ hasText: "Kind" });
  await kind.locator("summary").click();
  await kind.getByRole("checkbox", { name: "Notice deadline", exact: true }).check();
  await expect(page).toHaveURL(/kind=NOTICE/);
  // The drop-down stays open and keeps its choice while the list follows.
  await expect(kind.getByRole("checkbox", { name: "Notice deadline", exact: true })).toBeChecked();
  // First: nothing falls due before ours (a retried earlier attempt of this test may leave one due the same day).
  const noticeDay = agreement.notice.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  const rows = page.locator("table.deadline-table tbody tr");
  await expect(rows.first()).toContainText(`Give notice by ${noticeDay} or it renews`);
  const ours = rows.filter({ hasText: title });
  await expect(ours).toContainText(`Give notice by ${noticeDay} or it renews`);
  await expect(ours).toContainText(/in (1[89]|2[012]) days/);
  await expect(ours.locator(".deadline-kind")).toHaveText("Tacit renewal: notice");

  // The overview: first among the notices to give.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
  const notices = page.getByRole("region", { name: "Tacit renewals: notice to give" }).locator("tbody tr");
  await expect(notices.first()).toContainText(noticeDay);
  await expect(notices.filter({ hasText: title })).toContainText(noticeDay);
  await shoot(page, "overview-deadlines");

  // An obligation, then marked done from the deadlines list: it leaves the list.
  await page.goto(agreement.url);
  await page.getByRole("link", { name: "Add obligation" }).click();
  await waitForHydration(page);
  const report = `Interim report ${unique()}`;
  await page.getByLabel("Kind").selectOption("REPORT");
  await page.getByLabel("What is due").fill(report);
  await page.getByLabel("Due date").fill(day(addDays(today, 10)));
  await page.getByRole("button", { name: "Add obligation" }).click();
  await expect(page.getByText("Obligations updated.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Deadlines and obligations" })).toContainText(report);
  await shoot(page, "agreement-deadlines");

  await page.goto("/deadlines?who=me");
  await waitForHydration(page);
  const row = page.locator("table.deadline-table tbody tr").filter({ hasText: report });
  await expect(row).toHaveCount(1);
  await shoot(page, "deadlines");
  await row.getByText("Mark done").click();
  await row.getByLabel("Note (optional)").fill("Sent to the partner by PEC");
  await row.getByRole("button", { name: /^Done:/ }).click();
  await expect(page.locator("table.deadline-table tbody tr").filter({ hasText: report })).toHaveCount(0);

  // The admin sends the due reminders; the owner's reminder is in the outbox.
  const admin = await pageAs("admin");
  await admin.setViewportSize({ width: 1440, height: 900 });
  await admin.goto("/admin/outbox");
  await waitForHydration(admin);
  await expect(async () => {
    await admin.getByRole("button", { name: "Send due reminders now" }).click();
    await expect(admin.getByRole("status").filter({ hasText: /^Sent / })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  const message = admin.locator(".outbox-message").filter({ hasText: title });
  await expect(message.first()).toBeVisible();
  await expect(message.first()).toContainText("editor@demo.test");
  await message.first().locator("summary").click();
  await expect(message.first().locator(".outbox-text")).toContainText(/Give notice by \d+ \w+ \d{4} or it renews/);
  await shoot(admin, "outbox");

  // Reminders and calendar: a feed address, shown once.
  await page.goto("/account/reminders");
  await waitForHydration(page);
  await page.getByRole("button", { name: /Create my feed|Replace the address/ }).click();
  await expect(page.getByLabel("Calendar feed address")).toHaveValue(/\/calendar\/[\w-]+\/deadlines\.ics$/);
  await shoot(page, "reminders");

  // Clean up: archived, it leaves every list (and a rerun starts clean).
  await page.goto(agreement.url);
  await waitForHydration(page);
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText(/Agreement archived/)).toBeVisible();
});

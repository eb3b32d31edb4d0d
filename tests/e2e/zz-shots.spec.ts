import { test } from "./fixtures";
test("shots", async ({ page, login }) => {
  await login("editor");
  for (const [path, file] of [["/partners", "partners-index"], ["/units", "units-index"]]) {
    await page.goto(path!);
    await page.screenshot({ path: `/tmp/dir-shots/${file}.png` });
  }
  await page.getByRole("link", { name: "Neurogenomics", exact: true }).click();
  await page.screenshot({ path: `/tmp/dir-shots/unit-page.png` });
  await page.goto("/partners");
  await page.getByRole("link", { name: "CINECA" }).first().click();
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.screenshot({ path: `/tmp/dir-shots/partner-edit-inuse.png`, fullPage: true });
  await page.getByRole("link", { name: "merge it into the partner to keep" }).click();
  await page.getByRole("combobox", { name: "Partner to keep" }).selectOption({ index: 3 });
  await page.getByRole("button", { name: "Review merge" }).click();
  await page.screenshot({ path: `/tmp/dir-shots/partner-merge-real.png`, fullPage: true });
  await page.goto("/units/new");
  await page.screenshot({ path: `/tmp/dir-shots/unit-new.png`, fullPage: true });
});

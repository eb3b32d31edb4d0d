/**
 * The map's lines as .xlsx (/api/network.xlsx): one row per line, with the
 * map's filters, real numbers and dates, read back with exceljs.
 */
import ExcelJS from "exceljs";
import { expect, it } from "vitest";
import { clearNetworkCache } from "~/models/network.server";
import { loader } from "~/routes/api.network[.]xlsx";
import { login, makeAgreement, makePartner, makeUnit } from "../setup/factories";
import { get } from "../setup/routes";

it("gives one row per line of the map, with numbers and dates, named after the as-of day", async () => {
  const unit = await makeUnit("Computational Biology");
  const partner = await makePartner("Politecnico di Torino");
  await makeAgreement({ unit, partner, startDate: new Date("2024-02-01T00:00:00Z"), endDate: new Date("2028-01-31T00:00:00Z") });
  await makeAgreement({ unit, partner, startDate: new Date("2025-05-01T00:00:00Z"), endDate: new Date("2029-01-31T00:00:00Z") });
  clearNetworkCache();
  const { cookie } = await login("VIEWER");
  const res = await get(loader, "/api/network.xlsx?asOf=2026-06-01&cluster=none", cookie);
  expect(res.response!.headers.get("Content-Disposition")).toContain('filename="ht-collaboration-map-lines-as-of-2026-06-01-');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.response!.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe("HT unit");
  const row = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(3).value === "Politecnico di Torino")!;
  expect(row.getCell(1).value).toBe("Computational Biology");
  expect(row.getCell(5).value).toBe(2);
  expect(row.getCell(10).value).toEqual(new Date("2024-02-01T00:00:00Z"));
});

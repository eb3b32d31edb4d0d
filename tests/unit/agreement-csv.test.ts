import { beforeAll, describe, expect, it } from "vitest";
import { parseAgreementFilters } from "~/domain/agreement-filters";
import { toDay, utcToday } from "~/domain/dates";
import { agreementCsvChunks, CSV_COLUMNS, euroAmount, inertText } from "~/models/agreement-export.server";
import { listAgreements } from "~/models/agreements.server";
import type { Reader } from "~/domain/confidentiality";
import { loader as csvLoader } from "~/routes/agreements[.]csv";
import { loader as xlsxLoader } from "~/routes/agreements[.]xlsx";
import ExcelJS from "exceljs";
import { refreshSearchIndex } from "~/models/search-index.server";
import { prisma } from "~/utils/db.server";
import { login, makeAgreement, makePartner, makeUnit } from "../setup/factories";
import { get } from "../setup/routes";

const today = new Date("2026-11-26T00:00:00Z");
const editor: Reader = { role: "EDITOR" };
const viewer: Reader = { role: "VIEWER" };

async function csv(query: string, reader: Reader = editor) {
  let text = "";
  for await (const chunk of agreementCsvChunks(parseAgreementFilters(new URLSearchParams(query)), today, reader)) text += chunk;
  return text;
}

/** RFC 4180, strictly: what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += c;
  }
  if (cell || row.length) throw new Error("the CSV does not end with a line break");
  return rows;
}

let tricky: { id: string; reference: string };

beforeAll(async () => {
  const ng = await makeUnit("Neurogenomics");
  const iit = await prisma.partner.create({ data: { name: "Italian Institute of Technology", acronym: "IIT", kind: "RESEARCH_INSTITUTE" } });
  const unimi = await prisma.partner.create({ data: { name: "University of Milan", acronym: "UniMi", kind: "UNIVERSITY" } });
  tricky = await prisma.agreement.create({
    data: {
      reference: "HT-2026-0001",
      title: 'Genomics, "quoted" and\nmulti-line',
      kind: "FRAMEWORK",
      status: "ACTIVE",
      startDate: new Date("2025-01-01T00:00:00Z"),
      endDate: new Date("2027-12-31T00:00:00Z"),
      signatureDate: new Date("2024-12-20T00:00:00Z"),
      renewalType: "TACIT",
      noticePeriodDays: 90,
      valueCents: 125_000_000n,
      valueDirection: "HT_RECEIVES",
      htOwner: "=cmd|' /C calc'!A0",
      partnerContact: "Dr. Rossi, Ufficio Ricerca",
      partnersLabel: "IIT (Italian Institute of Technology); UniMi (University of Milan)",
      unitsLabel: "Neurogenomics",
      parties: {
        create: [
          { unitId: ng.id, role: "LEAD" },
          { partnerId: iit.id, role: "LEAD" },
          { partnerId: unimi.id, role: "PARTICIPANT" },
        ],
      },
    },
  });
  await makeAgreement({ title: "Lapsed service", kind: "SERVICE", status: "ACTIVE", endDate: new Date("2026-01-31T00:00:00Z"), unit: ng });
  await makeAgreement({ title: "Secret patient data transfer", kind: "DATA_SHARING", confidentiality: "RESTRICTED", unit: ng });
  await makeAgreement({ title: "Archived MoU", kind: "MOU", unit: ng, partner: await makePartner("Old Partner") });
  await prisma.agreement.updateMany({ where: { title: "Archived MoU" }, data: { archivedAt: new Date("2026-01-01T00:00:00Z") } });
});

describe("the agreement CSV export", () => {
  it("starts with a UTF-8 byte-order mark and the header row", async () => {
    const text = await csv("");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const firstLine = text.slice(1).split("\r\n")[0];
    expect(firstLine).toBe(
      "Reference,Title,Kind,Status,Confidentiality,HT units,Partners,Start,End,Notice deadline,Renewal,Value EUR,Direction,HT owner,Partner contact,Signature date",
    );
    expect(parseCsv(text.slice(1))[0]).toEqual([...CSV_COLUMNS]);
  });

  it("writes one row per agreement, quoting commas, quotes and line breaks so they read back intact", async () => {
    const text = await csv("q=HT-2026-0001");
    expect(text).toContain('"Genomics, ""quoted"" and\nmulti-line"');
    const [, row, ...rest] = parseCsv(text.slice(1));
    expect(rest).toEqual([]);
    const cell = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row![i]]));
    expect(cell).toEqual({
      Reference: "HT-2026-0001",
      Title: 'Genomics, "quoted" and\nmulti-line',
      Kind: "Framework agreement (convenzione quadro)",
      Status: "Active",
      Confidentiality: "Internal",
      "HT units": "Neurogenomics (lead)",
      Partners: "IIT (lead); UniMi (participant)",
      Start: "2025-01-01",
      End: "2027-12-31",
      // 31 Dec 2027 minus 90 days is Saturday 2 Oct: the deadline moves to the Friday before (app/domain/deadlines.ts).
      "Notice deadline": "2027-10-01",
      Renewal: "Tacit renewal",
      "Value EUR": "1250000.00",
      Direction: "HT receives",
      // A spreadsheet would run this as a formula: it stays text.
      "HT owner": "'=cmd|' /C calc'!A0",
      "Partner contact": "Dr. Rossi, Ufficio Ricerca",
      "Signature date": "2024-12-20",
    });
  });

  it("shows the effective status and takes the same filters and order as the list", async () => {
    const rows = parseCsv((await csv("status=EXPIRED")).slice(1)).slice(1);
    expect(rows.map((r) => [r[1], r[3]])).toEqual([["Lapsed service", "Expired"]]);
    for (const query of ["sort=title", "sort=endDate&dir=desc", "archived=include&sort=partners", "kind=FRAMEWORK&kind=SERVICE"]) {
      const listed = await listAgreements(parseAgreementFilters(new URLSearchParams(`${query}&size=100`)), today, editor);
      const exported = parseCsv((await csv(query)).slice(1)).slice(1).map((r) => r[0]);
      expect(exported, query).toEqual(listed.rows.map((r) => r.reference));
    }
    const archived = parseCsv((await csv("archived=only")).slice(1)).slice(1);
    expect(archived.map((r) => r[1])).toEqual(["Archived MoU"]);
  });

  it("never gives a viewer the restricted rows", async () => {
    const forEditor = parseCsv((await csv("")).slice(1));
    const viewerText = await csv("", viewer);
    const forViewer = parseCsv(viewerText.slice(1));
    expect(forEditor.map((r) => r[1])).toContain("Secret patient data transfer");
    expect(viewerText).not.toContain("Secret patient");
    expect(forViewer.map((r) => r[4])).not.toContain("Restricted");
    expect(forViewer).toHaveLength(forEditor.length - 1);
  });

  it("answers the download as a dated attachment, for the logged-in role", async () => {
    const { cookie } = await login("VIEWER");
    const res = await get(csvLoader, "/agreements.csv?q=Secret", cookie);
    expect(res.status).toBe(200);
    const response = res.response!;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="agreements-secret-${toDay(utcToday())}.csv"`);
    const body = new Uint8Array(await response.arrayBuffer());
    expect([...body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(body).split("\r\n").filter(Boolean)).toHaveLength(1);
    const anonymous = await get(csvLoader, "/agreements.csv");
    expect(anonymous.status).toBe(302);
  });

  it("formats amounts exactly and neutralises formulas only where a spreadsheet would run them", () => {
    expect(euroAmount(125_000_000n)).toBe("1250000.00");
    expect(euroAmount(5n)).toBe("0.05");
    expect(euroAmount(-1999n)).toBe("-19.99");
    expect(euroAmount(null)).toBe("");
    expect(["=1+1", "+39 02", "-x", "@SUM(A1)", "\tx", "plain = text"].map(inertText)).toEqual([
      "'=1+1", "'+39 02", "'-x", "'@SUM(A1)", "'\tx", "plain = text",
    ]);
  });

  it("exports 20,000 agreements in full", async () => {
    const unit = await makeUnit("Bulk centre");
    const partner = await makePartner("Bulk partner");
    const N = 20_000;
    // Generated inside SQLite: 60,000 rows through createMany would take the test most of its time.
    const stamp = `(SELECT "updatedAt" FROM "Agreement" WHERE "id" = '${tricky.id}')`;
    await prisma.$executeRawUnsafe(`
      WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${N - 1})
      INSERT INTO "Agreement" ("id", "reference", "title", "kind", "status", "valueCents", "partnersLabel", "unitsLabel", "createdAt", "updatedAt")
      SELECT 'bulk-' || printf('%05d', i), 'HT-2030-' || printf('%05d', i), 'Bulk agreement ' || i, 'SERVICE', 'ACTIVE', i * 100,
             'Bulk partner', 'Bulk centre', ${stamp}, ${stamp} FROM n`);
    for (const [who, column, id, role] of [["u", "unitId", unit.id, "LEAD"], ["p", "partnerId", partner.id, "PARTICIPANT"]] as const) {
      await prisma.$executeRawUnsafe(`
        INSERT INTO "AgreementParty" ("id", "agreementId", "${column}", "role", "createdAt")
        SELECT 'bulk-${who}-' || "id", "id", '${id}', '${role}', "createdAt" FROM "Agreement" WHERE "id" LIKE 'bulk-%'`);
    }
    expect(await prisma.agreement.count({ where: { reference: { startsWith: "HT-2030-" } } })).toBe(N);
    // Rows written by SQL are indexed for search by the server's background job soon after;
    // here it runs before the export is timed (indexing has its own benchmark: npm run bench -- search).
    expect(await refreshSearchIndex()).toBeGreaterThanOrEqual(N);

    const started = performance.now();
    const text = await csv("q=HT-2030&sort=reference&dir=asc");
    const ms = performance.now() - started;
    const parsed = parseCsv(text.slice(1));
    expect(parsed).toHaveLength(N + 1);
    expect(parsed[1]!.slice(0, 2)).toEqual(["HT-2030-00000", "Bulk agreement 0"]);
    expect(parsed[N]![6]).toBe("Bulk partner (participant)");
    expect(parsed[N]![11]).toBe("19999.00");
    expect(ms).toBeLessThan(5_000);
  }, 60_000);
});

describe("the agreement export for Excel", () => {
  it("as .xlsx: a header row, real dates and numbers, filters on, widths; read back with the same library", async () => {
    const { cookie } = await login("EDITOR");
    const unit = await prisma.unit.findFirstOrThrow({ where: { name: "Neurogenomics" } });
    const res = await get(xlsxLoader, `/agreements.xlsx?q=HT-2026-0001&unit=${unit.id}&status=ACTIVE`, cookie);
    expect(res.status).toBe(200);
    const response = res.response!;
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toContain(`filename="agreements-neurogenomics-active-ht-2026-0001-${toDay(utcToday())}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...CSV_COLUMNS]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(2);
    const cell = (name: string) => sheet.getRow(2).getCell(CSV_COLUMNS.indexOf(name as never) + 1);
    expect(cell("Reference").value).toBe("HT-2026-0001");
    expect(cell("Start").value).toEqual(new Date("2025-01-01T00:00:00Z"));
    expect(cell("Notice deadline").value).toEqual(new Date("2027-10-01T00:00:00Z"));
    expect(cell("Start").numFmt).toBe("dd/mm/yyyy");
    expect(cell("Value EUR").value).toBe(1_250_000);
    // Text that a spreadsheet would run stays text: exceljs writes it as a string, never a formula.
    expect(cell("HT owner").value).toBe("=cmd|' /C calc'!A0");
    expect(sheet.getColumn(CSV_COLUMNS.indexOf("Title") + 1).width).toBeGreaterThan(20);
  });

  it("as CSV for Italian Excel: semicolons, decimal commas, day-first dates, and a name that says so", async () => {
    const { cookie } = await login("EDITOR");
    const res = await get(csvLoader, "/agreements.csv?q=HT-2026-0001&flavour=it", cookie);
    const text = new TextDecoder().decode(await res.response!.arrayBuffer());
    const [head, row] = text.split("\r\n");
    expect(head).toBe(CSV_COLUMNS.join(";"));
    expect(row).toContain(";1250000,00;");
    expect(row).toContain(";01/01/2025;31/12/2027;01/10/2027;");
    expect(res.response!.headers.get("Content-Disposition")).toContain("-it.csv");
  });
});

/**
 * Spreadsheets out (docs/decisions/065): an .xlsx made with exceljs from
 * typed columns, so dates are real dates and amounts real numbers, with a
 * bold header row kept in view, filters on, and column widths that fit the
 * values (bounded). Text a spreadsheet would run as a formula stays text
 * (exceljs writes strings as strings, never as formulas). Used by the
 * agreement and deadline exports and the import's report.
 */
import ExcelJS from "exceljs";
import { contentDisposition } from "~/utils/download.server";

export type ColumnType = "text" | "date" | "number" | "euro";

export interface SheetColumn {
  header: string;
  type: ColumnType;
  /** Widest a column gets, in characters. */
  max?: number;
}

export type SheetCell = string | number | Date | null;

const FORMATS: Partial<Record<ColumnType, string>> = { date: "dd/mm/yyyy", euro: "#,##0.00", number: "0" };

const cellLength = (v: SheetCell) => (v === null ? 0 : v instanceof Date ? 10 : String(v).split("\n").reduce((m, l) => Math.max(m, l.length), 0));

/** The workbook of one sheet, as bytes. */
export async function buildWorkbook(sheetName: string, columns: SheetColumn[], rows: AsyncIterable<SheetCell[][]> | SheetCell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "HT Collaborations";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  const widths = columns.map((c) => c.header.length);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  let count = 0;
  const add = (batch: SheetCell[][]) => {
    for (const r of batch) {
      sheet.addRow(r);
      r.forEach((v, i) => {
        widths[i] = Math.max(widths[i] ?? 0, cellLength(v));
      });
      count += 1;
    }
  };
  if (Array.isArray(rows)) add(rows);
  else for await (const batch of rows) add(batch);
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.min(Math.max(widths[i]! + 2, 8), c.max ?? 60);
    const format = FORMATS[c.type];
    if (format) column.numFmt = format;
  });
  sheet.getRow(1).numFmt = "@";
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, count + 1), column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A download of a workbook (private: it holds what this reader may see). */
export function xlsxResponse(bytes: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": contentDisposition("attachment", fileName),
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A day stored as UTC midnight, as the date Excel shows (exceljs writes a Date as its UTC day). */
export const excelDay = (d: Date | null | undefined): Date | null => (d ? new Date(d.getTime()) : null);

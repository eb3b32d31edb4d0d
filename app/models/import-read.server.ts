/**
 * Reading an uploaded register, row by row, with bounded memory
 * (docs/decisions/060, 061):
 *
 * - CSV with csv-parse, streamed: the encoding found by the bytes (a UTF-8
 *   byte-order mark, UTF-16 from Excel's "Unicode text", UTF-8 when every
 *   byte sequence is valid, else Windows-1252 as Italian Excel writes it) and
 *   the separator by the header line (";" from Italian Excel, ",", tab);
 * - .xlsx with exceljs's streaming reader, after app/models/zip-guard.server.ts
 *   has checked the archive; dates come as days (YYYY-MM-DD), numbers as
 *   numbers, formulas as their results, rich text as its text; the first
 *   sheet that holds data is read.
 *
 * Either way a row wider than MAX_COLUMNS, a cell longer than Excel's
 * 32,767 characters or more than MAX_IMPORT_ROWS rows stop the reading with
 * a message that says so.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";
import { ruleBroken } from "~/domain/errors";
import { MAX_COLUMNS } from "~/domain/import-mapping";
import type { SheetRow } from "~/domain/import-rows";
import { MAX_CELL_CHARS, MAX_IMPORT_ROWS } from "~/domain/import-status";
import type { Cell } from "~/domain/import-values";
import { checkWorkbook } from "./zip-guard.server";

export interface SheetSource {
  rows: AsyncGenerator<SheetRow>;
  /** How the file was read, once its first row is ("UTF-8, separated by ;", "sheet “Registro”"). */
  readAs: () => string;
}

const refuse = (message: string) => ruleBroken("file", message);

function checkRow(cells: Cell[], line: number) {
  if (cells.length > MAX_COLUMNS) {
    throw refuse(`Row ${line} has ${cells.length.toLocaleString("en-GB")} columns; at most ${MAX_COLUMNS} are read. Remove the empty or extra columns and upload it again.`);
  }
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (typeof c === "string" && c.length > MAX_CELL_CHARS) {
      throw refuse(`A cell of row ${line} holds ${c.length.toLocaleString("en-GB")} characters; a cell holds at most ${MAX_CELL_CHARS.toLocaleString("en-GB")} (Excel's own limit).`);
    }
  }
  if (line > MAX_IMPORT_ROWS + 20) throw refuse(`The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows. Split it into smaller files.`);
}

// ---------------------------------------------------------------------------
// CSV

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** The encoding of a text file, from its bytes (read once, streamed). */
export async function detectEncoding(file: string): Promise<{ encoding: TextEncoding; bom: boolean }> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: true };
    if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: true };
    if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: true };
  } finally {
    await handle.close();
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return { encoding: "utf-8", bom: false };
  } catch {
    return { encoding: "windows-1252", bom: false };
  }
}

/**
 * The separator of the first lines: of ; , and tab, the one that splits
 * some line (outside quotes) into the most cells. Registers often open with
 * a title line without any, and Italian amounts hold commas.
 */
export function detectDelimiter(lines: string): ";" | "," | "\t" {
  const most = { ";": 0, ",": 0, "\t": 0 };
  for (const line of lines.split(/\r?\n/)) {
    const counts = { ";": 0, ",": 0, "\t": 0 };
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
    }
    for (const d of [";", ",", "\t"] as const) most[d] = Math.max(most[d], counts[d]);
  }
  if (most["\t"] > most[";"] && most["\t"] > most[","]) return "\t";
  return most[";"] > most[","] ? ";" : ",";
}

async function* decoded(file: string, encoding: TextEncoding, bom: boolean): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: !bom });
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** The file's first 20 lines (or first 64 KB), where the separator is decided. */
async function firstLines(file: string, encoding: TextEncoding, bom: boolean): Promise<string> {
  let text = "";
  for await (const part of decoded(file, encoding, bom)) {
    text += part;
    if (text.length > 64 * 1024 || (text.match(/\n/g)?.length ?? 0) >= 20) break;
  }
  return text.slice(0, 64 * 1024).split(/\r?\n/).slice(0, 20).join("\n");
}

const ENCODING_NAMES: Record<TextEncoding, string> = { "utf-8": "UTF-8", "utf-16le": "UTF-16", "utf-16be": "UTF-16", "windows-1252": "Windows-1252" };
const DELIMITER_NAMES = { ";": "semicolons", ",": "commas", "\t": "tabs" };

export async function openCsv(file: string): Promise<SheetSource> {
  const { encoding, bom } = await detectEncoding(file);
  const delimiter = detectDelimiter(await firstLines(file, encoding, bom));
  const readAs = `${ENCODING_NAMES[encoding]}${bom ? " with a byte-order mark" : ""}, separated by ${DELIMITER_NAMES[delimiter]}`;
  async function* rows(): AsyncGenerator<SheetRow> {
    const parser = Readable.from(decoded(file, encoding, bom)).pipe(
      parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: 4 * MAX_CELL_CHARS * 4 }),
    );
    let line = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        line += 1;
        checkRow(record, line);
        yield { line, cells: record };
      }
    } catch (error) {
      if ((error as { code?: string }).code === "CSV_MAX_RECORD_SIZE") {
        throw refuse(`Row ${line + 1} is longer than any row of a register (a cell of more than ${MAX_CELL_CHARS.toLocaleString("en-GB")} characters?). It is refused.`);
      }
      if ((error as { code?: string }).code?.startsWith("CSV_")) throw refuse(`Row ${line + 1} cannot be read as CSV: ${(error as Error).message}`);
      throw error;
    } finally {
      parser.destroy();
    }
  }
  return { rows: rows(), readAs: () => readAs };
}

// ---------------------------------------------------------------------------
// XLSX

type ExcelValue = ExcelJS.CellValue | undefined;

/** A spreadsheet cell as the import reads it: dates as days, formulas as their results, rich text as text. */
export function excelCell(value: ExcelValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return excelCell(value.result as ExcelValue);
  if ("formula" in value || "sharedFormula" in value) return null;
  if ("text" in value) return typeof value.text === "string" ? value.text : excelCell(value.text as ExcelValue);
  if ("error" in value) return null;
  return null;
}

export async function openXlsx(file: string): Promise<SheetSource> {
  await checkWorkbook(file);
  let sheetName = "";
  let otherSheets = 0;
  async function* rows(): AsyncGenerator<SheetRow> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore",
    });
    let done = false;
    for await (const sheet of reader) {
      // Only the first sheet with data is read; the others are drained unread.
      if (done) {
        otherSheets += 1;
        continue;
      }
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = Array.isArray(row.values) ? (row.values as ExcelValue[]) : [];
        const cells = values.slice(1).map(excelCell);
        checkRow(cells, row.number);
        if (!done) sheetName = (sheet as unknown as { name: string }).name;
        done = true;
        yield { line: row.number, cells };
      }
    }
  }
  return { rows: rows(), readAs: () => `sheet “${sheetName}”${otherSheets ? ` (${otherSheets} other sheet${otherSheets === 1 ? "" : "s"} not read)` : ""}` };
}

export function openSheet(file: string, format: "csv" | "xlsx"): Promise<SheetSource> {
  return format === "xlsx" ? openXlsx(file) : openCsv(file);
}

/** The first row that looks like a header among the first 20: filled enough, compared with the rows that follow. */
export function headerIndex(rows: SheetRow[]): number {
  const filled = rows.map((r) => r.cells.filter((c) => c !== null && String(c).trim() !== "").length);
  const widest = Math.max(0, ...filled.slice(0, 20));
  const i = filled.findIndex((n) => n >= 2 && n >= Math.ceil(widest * 0.6));
  return i < 0 ? 0 : i;
}

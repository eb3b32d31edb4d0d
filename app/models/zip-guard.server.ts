/**
 * Checks an .xlsx (a zip archive) before any spreadsheet library opens it,
 * so that a hostile file fails with a clear message and bounded memory
 * (docs/decisions/061): the central directory is read by hand (no zip64,
 * no encryption, at most 5,000 parts), the parts' declared sizes must stay
 * under MAX_XLSX_UNPACKED in all and a plausible compression ratio each, and
 * every part is then really inflated (in 16 KB pieces, discarding the
 * output) and stopped the moment it grows past what it declared, past the
 * total, or holds one run of text longer than any cell may (a "1-GB cell").
 * Only then does exceljs read it.
 */
import { readFile } from "node:fs/promises";
import { createInflateRaw } from "node:zlib";
import { ruleBroken } from "~/domain/errors";
import { formatBytes } from "~/domain/documents";
import { MAX_CELL_CHARS, MAX_XLSX_UNPACKED } from "~/domain/import-status";

const MAX_ENTRIES = 5_000;
/** XML of a sheet compresses 5 to 50 times; a zip bomb a thousand times and more. */
const MAX_RATIO = 400;
/** Bytes between two XML marks: a cell at Excel's limit is at most 4 bytes a character, escaped. */
const MAX_RUN = MAX_CELL_CHARS * 6 + 1024;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const refuse = (message: string) => ruleBroken("file", message);

function endOfDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw refuse("This is not an Excel workbook (.xlsx): its zip directory is missing. Save it again from Excel, or as CSV.");
}

/** The parts listed in the zip's central directory. */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const end = endOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const start = zip.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) {
    throw refuse("This workbook uses the zip64 format, which the import does not read. Save it again from Excel, or as CSV.");
  }
  if (count > MAX_ENTRIES) throw refuse(`This workbook has ${count} parts; a spreadsheet has a few dozen. It is refused.`);
  const entries: ZipEntry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) throw refuse("This workbook's zip directory is damaged. Save it again from Excel.");
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    entries.push({
      name: zip.toString("utf8", p + 46, p + 46 + nameLength),
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      offset: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extra + comment;
  }
  return entries;
}

function checkDeclared(entries: ZipEntry[]) {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1) throw refuse("This workbook is password-protected. Remove the password in Excel and upload it again.");
    if (e.method !== 0 && e.method !== 8) throw refuse(`This workbook's part “${e.name}” is compressed in a way Excel does not use. Save it again from Excel.`);
    if (e.compressedSize > 0 && e.size / e.compressedSize > MAX_RATIO && e.size > 1024 * 1024) {
      throw refuse(`This workbook's part “${e.name}” unpacks to ${formatBytes(e.size)} from ${formatBytes(e.compressedSize)}: a compression no spreadsheet has. It is refused.`);
    }
    total += e.size;
  }
  if (total > MAX_XLSX_UNPACKED) {
    throw refuse(`This workbook unpacks to ${formatBytes(total)}; at most ${formatBytes(MAX_XLSX_UNPACKED)} are read. Split it, or save it as CSV.`);
  }
}

/** The longest stretch without "<" or ">" so far, carried from one piece to the next. */
function longestRun(chunk: Buffer, carried: number): { run: number; longest: number } {
  let run = carried;
  let longest = carried;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (c === 0x3c || c === 0x3e) run = 0;
    else if (++run > longest) longest = run;
  }
  return { run, longest };
}

/** Inflates one part, discarding its bytes; refuses it as soon as it breaks a limit. Returns its real size. */
function inflateChecked(zip: Buffer, e: ZipEntry, budget: number): Promise<number> {
  if (zip.readUInt32LE(e.offset) !== 0x04034b50) return Promise.reject(refuse("This workbook's zip parts are damaged. Save it again from Excel."));
  const dataStart = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28);
  const data = zip.subarray(dataStart, dataStart + e.compressedSize);
  const limit = Math.min(e.size, budget);
  if (e.method === 0) {
    if (data.length > limit) return Promise.reject(refuse(`This workbook's part “${e.name}” is larger than it says.`));
    return longestRun(data, 0).longest > MAX_RUN ? Promise.reject(cellTooLong()) : Promise.resolve(data.length);
  }
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 16 * 1024 });
    let out = 0;
    let run = 0;
    const stop = (error: Error) => {
      inflate.removeAllListeners("data");
      inflate.destroy();
      reject(error);
    };
    inflate.on("data", (chunk: Buffer) => {
      out += chunk.length;
      const r = longestRun(chunk, run);
      run = r.run;
      if (out > limit) stop(refuse(`This workbook's part “${e.name}” unpacks to more than it declares (${formatBytes(e.size)}): a zip bomb. It is refused.`));
      else if (r.longest > MAX_RUN) stop(cellTooLong());
    });
    inflate.on("end", () => resolve(out));
    inflate.on("error", () => reject(refuse(`This workbook's part “${e.name}” cannot be unpacked: the file is damaged.`)));
    inflate.end(data);
  });
}

const cellTooLong = () => refuse(`A cell of this workbook holds more than ${MAX_CELL_CHARS.toLocaleString("en-GB")} characters (Excel's own limit for a cell). It is refused.`);

/** Refuses (a rule on "file") a workbook that could exhaust memory or time; resolves when it is safe to read. */
export async function checkWorkbook(file: string): Promise<void> {
  const zip = await readFile(file);
  if (zip.length < 22 || zip.readUInt32LE(0) !== 0x04034b50) {
    throw refuse("This is not an Excel workbook (.xlsx). Upload an .xlsx or a .csv file (an old .xls must be saved again as .xlsx).");
  }
  const entries = zipEntries(zip);
  checkDeclared(entries);
  let total = 0;
  for (const e of entries) total += await inflateChecked(zip, e, MAX_XLSX_UNPACKED - total);
}

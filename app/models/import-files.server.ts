/**
 * The uploaded register while it is read: streamed to FILES_DIR/imports/
 * as it arrives, refused past MAX_IMPORT_BYTES without reading the rest,
 * its type decided by its first bytes (an .xlsx is a zip; anything else
 * must be text), and deleted once its rows are in the database (or the
 * reading failed). Never served back: the rows are what the import keeps.
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { formatBytes } from "~/domain/documents";
import { ruleBroken } from "~/domain/errors";
import { MAX_IMPORT_BYTES } from "~/domain/import-status";
import { filesDir } from "./file-store.server";

export interface StoredUpload {
  path: string;
  size: number;
  format: "csv" | "xlsx";
}

const importsDir = () => path.join(filesDir(), "imports");

/** The format by the first bytes: a zip is an .xlsx; an old binary .xls or another binary file is refused. */
function formatOf(head: Buffer, fileName: string): "csv" | "xlsx" {
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return "xlsx";
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw ruleBroken("file", `“${fileName}” is an old Excel file (.xls). Open it in Excel and save it as .xlsx, or as CSV.`);
  }
  const probe = head.subarray(0, 4096);
  const utf16 = (probe[0] === 0xff && probe[1] === 0xfe) || (probe[0] === 0xfe && probe[1] === 0xff);
  if (!utf16 && probe.includes(0)) throw ruleBroken("file", `“${fileName}” is neither a spreadsheet (.xlsx) nor a text file (.csv).`);
  return "csv";
}

/** Streams an upload to disk; refuses it (rule on "file") past the size limit or when it is not a register. */
export async function storeUpload(source: AsyncIterable<Uint8Array>, fileName: string): Promise<StoredUpload> {
  await mkdir(importsDir(), { recursive: true });
  const file = path.join(importsDir(), `${randomUUID()}.upload`);
  const handle = await open(file, "wx");
  let size = 0;
  const head: Buffer[] = [];
  let headSize = 0;
  try {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > MAX_IMPORT_BYTES) {
        throw ruleBroken("file", `“${fileName}” is larger than ${formatBytes(MAX_IMPORT_BYTES)}. Split the register into smaller files.`);
      }
      if (headSize < 8192) {
        head.push(Buffer.from(chunk.subarray(0, 8192 - headSize)));
        headSize += Math.min(chunk.byteLength, 8192 - headSize);
      }
      await handle.write(chunk);
    }
    if (size === 0) throw ruleBroken("file", "Choose the register to import: an .xlsx or .csv file.");
    const format = formatOf(Buffer.concat(head), fileName);
    await handle.close();
    return { path: file, size, format };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(file, { force: true });
    throw error;
  }
}

export async function removeUpload(file: string) {
  await rm(file, { force: true });
}

/** Deletes uploads older than `before` (a process that stopped while reading them left them behind). */
export async function removeStaleUploads(before: Date): Promise<number> {
  const names = await readdir(importsDir()).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith(".upload"))) {
    const file = path.join(importsDir(), name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtime < before) {
      await rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

/**
 * Driving an import through the app's own models, step by step, as the
 * pages do (upload, mapping, matching, dry run, commit), waiting for each
 * job step; and the real sample register, re-saved the ways offices save
 * it (xlsx; ";" and Windows-1252 from Italian Excel).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { ImportMapping } from "~/domain/import-mapping";
import type { Actor } from "~/models/audit.server";
import { startCommit, type CommitOptions } from "~/models/import-commit.server";
import { startDryRun } from "~/models/import-dry-run.server";
import { storeUpload } from "~/models/import-files.server";
import { getImportJob, stepDone } from "~/models/import-jobs.server";
import { saveMappingAndMatch } from "~/models/import-match.server";
import { startImport } from "~/models/import-parse.server";
import { prisma } from "~/utils/db.server";
import { ROOT } from "./paths";

export const H2020_CSV = path.join(ROOT, "tests", "fixtures", "h2020-sample.csv");

export const h2020Bytes = () => readFileSync(H2020_CSV);

/** The sample's rows (header first), as csv-parse reads the original. */
export function h2020Rows(): string[][] {
  return parse(h2020Bytes(), { bom: true, relax_column_count: true }) as string[][];
}

/** The sample re-saved as an .xlsx: numbers as numbers, dates as dates, as Excel would keep them. */
export async function h2020Xlsx(): Promise<Buffer> {
  const rows = h2020Rows();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("CORDIS");
  sheet.addRow(rows[0]);
  for (const r of rows.slice(1)) {
    sheet.addRow(r.map((v, i) => {
      const h = rows[0]![i]!;
      if (/date$/.test(h) && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
      if (/(_eur|_rcn|_pic|_grant_id)$/.test(h) && v !== "" && !Number.isNaN(Number(v))) return Number(v);
      return v;
    }));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The sample as Italian Excel saves "CSV (separato dal carattere di elenco)": ";", dd/mm/yyyy, decimal commas, Windows-1252. */
export function h2020ItalianCsv(): Buffer {
  const rows = h2020Rows();
  const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = rows
    .map((r, line) => r.map((v, i) => {
      if (line === 0) return quote(v);
      const h = rows[0]![i]!;
      const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (day && /date$/.test(h)) return `${day[3]}/${day[2]}/${day[1]}`;
      if (/_eur$/.test(h) && /^\d+(\.\d+)?$/.test(v)) {
        const [int, dec = ""] = v.split(".");
        return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ".")}${dec ? `,${dec}` : ""}`;
      }
      return quote(v);
    }).join(";"))
    .join("\r\n");
  return encodeWindows1252(text);
}

/** Windows-1252 bytes of a text (Latin-1 where they coincide; characters outside it become "?"). */
export function encodeWindows1252(text: string): Buffer {
  const special: Record<string, number> = { "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97, "Š": 0x8a, "š": 0x9a, "Ž": 0x8e, "ž": 0x9e, "Œ": 0x8c, "œ": 0x9c, "Ÿ": 0x9f };
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out[n++] = special[ch] ?? (code < 256 ? code : 0x3f);
  }
  return out.subarray(0, n);
}

async function* once(bytes: Uint8Array) {
  yield bytes;
}

/** Uploads bytes as the upload route would, and waits for the file to be read. */
export async function uploadImport(actor: Actor, fileName: string, bytes: Uint8Array) {
  const upload = await storeUpload(once(bytes), fileName);
  const id = await startImport(actor, fileName, upload);
  await stepDone(id);
  return id;
}

export async function job(id: number) {
  return (await getImportJob(id))!;
}

/**
 * Runs a whole import with the proposed mapping (changed by `adjust`) and
 * the proposed matches: upload, matching, dry run and, unless told
 * otherwise, the commit. Throws with the job's error when a step fails.
 */
export async function runImport(
  actor: Actor,
  fileName: string,
  bytes: Uint8Array,
  o: { adjust?: (m: ImportMapping) => void; commit?: boolean; commitOptions?: CommitOptions } = {},
) {
  const id = await uploadImport(actor, fileName, bytes);
  const expectStatus = async (status: string) => {
    const j = await job(id);
    if (j.status !== status) throw new Error(`import ${id} is ${j.status}, expected ${status}: ${j.error}`);
    return j;
  };
  const read = await expectStatus("MAPPING");
  const mapping = JSON.parse(read.mapping) as ImportMapping;
  o.adjust?.(mapping);
  await saveMappingAndMatch(id, mapping);
  await stepDone(id);
  await expectStatus("MATCHES");
  await startDryRun(id);
  await stepDone(id);
  await expectStatus("READY");
  if (o.commit !== false) {
    await startCommit(actor, id, o.commitOptions);
    await stepDone(id);
  }
  return { id, mapping, job: await job(id) };
}

/** Rows in the tables an import writes to, to prove a failed commit wrote none of them. */
export async function registerCounts() {
  const [agreements, parties, partners, links, statusChanges, audit, counters] = await Promise.all([
    prisma.agreement.count(), prisma.agreementParty.count(), prisma.partner.count(), prisma.agreementLink.count(),
    prisma.statusChange.count(), prisma.auditEvent.count(), prisma.referenceCounter.findMany({ orderBy: { year: "asc" } }),
  ]);
  const aliases = (await prisma.partner.findMany({ select: { aliases: true }, orderBy: { id: "asc" } })).map((p) => p.aliases).join("|");
  return { agreements, parties, partners, links, statusChanges, audit, counters: JSON.stringify(counters), aliases };
}

/**
 * A zip archive made by hand, for hostile workbooks: each part deflated,
 * with the sizes it declares (`declared` lies about a part's size, as a zip
 * bomb does). CRCs are left at 0: the import refuses such files before any
 * CRC would be checked.
 */
export function handmadeZip(parts: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, "utf8");
    const packed = deflateRawSync(p.data, { level: 9 });
    const size = p.declared ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

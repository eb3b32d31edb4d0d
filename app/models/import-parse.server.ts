/**
 * The first step of an import: the uploaded file read into ImportRow rows
 * (app/models/import-read.server.ts), its header row found (registers often
 * open with a title line or two), empty rows and trailing empty columns
 * dropped, and a mapping proposed from the headers and the first rows'
 * values (app/domain/import-mapping.ts), or taken from the saved template
 * that fits the headers. The file itself is deleted once read.
 */
import { cellText, type Cell } from "~/domain/import-values";
import { applyTemplate, columnName, proposeMapping, type ImportMapping } from "~/domain/import-mapping";
import type { SheetRow } from "~/domain/import-rows";
import { MAX_IMPORT_ROWS } from "~/domain/import-status";
import { identifierLabel } from "~/domain/organisation-names";
import { ruleBroken } from "~/domain/errors";
import { insertRows } from "~/utils/bulk-insert.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "./audit.server";
import { removeUpload, type StoredUpload } from "./import-files.server";
import { startStep, type Progress, type StepOutcome } from "./import-jobs.server";
import { headerIndex, openSheet } from "./import-read.server";
import { bestTemplate, getTemplate } from "./import-templates.server";

const INSERT_CHUNK = 300;
const SAMPLE_ROWS = 200;

const isEmptyRow = (cells: Cell[]) => cells.every((c) => cellText(c) === "");

/** The header row's cells as names: empty ones become "Column F"; repeated ones "Ente (2)". */
function headerNames(cells: Cell[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const base = cellText(cells[i] ?? null) || `Column ${columnName(i)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function trimRow(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && cellText(cells[end - 1] ?? null) === "") end -= 1;
  return cells.slice(0, end).map((c) => (typeof c === "string" ? c.replace(/\u0000/g, "") : c));
}

async function writeRows(jobId: number, rows: SheetRow[]) {
  await insertRows(prisma, "ImportRow", ["jobId", "line", "cells"], rows.map((r) => [jobId, r.line, JSON.stringify(r.cells)]));
}

/** Reads every row; returns the header, the data rows' count and a sample for the proposal. */
async function readRows(jobId: number, upload: StoredUpload, progress: Progress, estimate: number) {
  const source = await openSheet(upload.path, upload.format);
  const head: SheetRow[] = [];
  let header: SheetRow | null = null;
  let width = 0;
  let count = 0;
  const sample: Cell[][] = [];
  let pending: SheetRow[] = [];
  const accept = async (row: SheetRow) => {
    count += 1;
    if (count > MAX_IMPORT_ROWS) throw ruleBroken("file", `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows. Split it into smaller files.`);
    width = Math.max(width, row.cells.length);
    if (sample.length < SAMPLE_ROWS) sample.push(row.cells);
    pending.push(row);
    if (pending.length >= INSERT_CHUNK) {
      await writeRows(jobId, pending);
      pending = [];
      progress(count, estimate);
    }
  };
  for await (const raw of source.rows) {
    const row = { line: raw.line, cells: trimRow(raw.cells) };
    if (isEmptyRow(row.cells)) continue;
    if (header) {
      await accept(row);
      continue;
    }
    head.push(row);
    if (head.length < 20) continue;
    const i = headerIndex(head);
    header = head[i]!;
    for (const r of head.slice(i + 1)) await accept(r);
  }
  if (!header && head.length) {
    const i = headerIndex(head);
    header = head[i]!;
    for (const r of head.slice(i + 1)) await accept(r);
  }
  await writeRows(jobId, pending);
  if (!header || count === 0) throw ruleBroken("file", "The file has no rows under its header: there is nothing to import.");
  width = Math.max(width, header.cells.length);
  return { header, width, count, sample, readAs: source.readAs() };
}

async function mappingFor(headers: string[], sample: Cell[][], templateId: string | null) {
  const proposal = proposeMapping(headers, sample);
  const chosen = templateId ? await getTemplate(templateId) : null;
  const template = chosen ?? (await bestTemplate(headers));
  const mapping: ImportMapping = template ? applyTemplate(template.template, headers, proposal) : proposal;
  return { mapping, templateName: template?.name ?? null };
}

/** The parse step's work: rows in, mapping proposed, file deleted. */
async function parseWork(jobId: number, upload: StoredUpload, templateId: string | null, progress: Progress, estimate: number): Promise<StepOutcome> {
  try {
    await prisma.importRow.deleteMany({ where: { jobId } });
    const { header, width, count, sample, readAs } = await readRows(jobId, upload, progress, estimate);
    progress(count, count);
    const headers = headerNames(header.cells, width);
    const { mapping, templateName } = await mappingFor(headers, sample, templateId);
    const idColumn = mapping.fields.indexOf("partnerIdentifier");
    return {
      next: "MAPPING",
      data: {
        headers: JSON.stringify(headers), headerLine: header.line, rowCount: count, mapping: JSON.stringify(mapping),
        identifierLabel: idColumn >= 0 ? identifierLabel(headers[idColumn]!) : "ID",
        readAs: `${readAs}${templateName ? `; template “${templateName}” applied` : ""}`,
      },
    };
  } catch (error) {
    await prisma.importRow.deleteMany({ where: { jobId } });
    throw error;
  } finally {
    await removeUpload(upload.path);
  }
}

/** Records a new import of an uploaded file and starts reading it. */
export async function startImport(actor: Actor, fileName: string, upload: StoredUpload, templateId: string | null = null): Promise<number> {
  const job = await prisma.importJob.create({
    data: { createdById: actor.id, createdByEmail: actor.email, fileName, fileSize: upload.size, format: upload.format, status: "PARSING" },
    select: { id: true },
  });
  // A first guess of the rows, for the progress bar: about 250 bytes a CSV row, 60 a zipped one.
  const estimate = Math.max(1, Math.round(upload.size / (upload.format === "csv" ? 250 : 60)));
  await startStep(job.id, ["PARSING"], "PARSING", (progress) => parseWork(job.id, upload, templateId, progress, estimate));
  return job.id;
}

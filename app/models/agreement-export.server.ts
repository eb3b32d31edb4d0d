/**
 * The agreement list as CSV (docs/decisions/005-csv.md) and as .xlsx
 * (docs/decisions/065): the same filters and order as /agreements, every
 * matching row, read in batches. The CSV comes plain (comma, dot decimals)
 * or for Italian Excel (";", decimal commas, dd/mm/yyyy); the .xlsx has
 * real dates and numbers. File names carry the filter.
 */
import { stringify } from "csv-stringify/sync";
import type { Prisma } from "~/generated/prisma/client";
import type { AgreementFilters } from "~/domain/agreement-filters";
import { toDay } from "~/domain/dates";
import { CSV_FLAVOURS, exportFileName, flavourAmount, flavourDay, type CsvFlavour } from "~/domain/export-names";
import { noticeDeadline } from "~/domain/deadlines";
import { effectiveStatus } from "~/domain/lifecycle";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, PARTY_ROLES, RENEWAL_TYPES, VALUE_DIRECTIONS,
} from "~/domain/vocabulary";
import { prisma } from "~/utils/db.server";
import { readableWhere, type Reader } from "~/domain/confidentiality";
import { agreementWhere, ORDER } from "./agreements.server";
import { buildWorkbook, excelDay, type SheetCell, type SheetColumn } from "./spreadsheet.server";

export const CSV_COLUMNS = [
  "Reference", "Title", "Kind", "Status", "Confidentiality", "HT units", "Partners", "Start", "End",
  "Notice deadline", "Renewal", "Value EUR", "Direction", "HT owner", "Partner contact", "Signature date",
] as const;

/**
 * Rows per query. Each batch query binds its ids and the reader's condition;
 * SQLite (through Prisma) allows at most 999 bound values in one statement.
 */
const BATCH = 500;

const exportSelect = {
  id: true, reference: true, title: true, kind: true, status: true, confidentiality: true,
  startDate: true, endDate: true, signatureDate: true, renewalType: true, noticePeriodDays: true, noticePeriodMonths: true,
  valueCents: true, valueDirection: true, htOwner: true, partnerContact: true,
  owner: { select: { name: true } },
  parties: {
    select: { role: true, unit: { select: { name: true } }, partner: { select: { name: true, acronym: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.AgreementSelect;

type ExportRecord = Prisma.AgreementGetPayload<{ select: typeof exportSelect }>;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or a leading tab or
 * carriage return) gets a leading apostrophe: a partner-supplied title such
 * as "=HYPERLINK(...)" must stay text when the office opens the file (OWASP,
 * "CSV injection").
 */
export function inertText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** 125000000 cents -> "1250000.00": a plain number any spreadsheet reads, without float rounding. */
export function euroAmount(cents: bigint | null): string {
  if (cents === null) return "";
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

const role = (r: string | null) => (r ? PARTY_ROLES.label(r).toLowerCase() : "role not set");

const unitsOf = (a: ExportRecord) => a.parties.flatMap((p) => (p.unit ? [`${p.unit.name} (${role(p.role)})`] : []));
const partnersOf = (a: ExportRecord) => a.parties.flatMap((p) => (p.partner ? [`${p.partner.acronym ?? p.partner.name} (${role(p.role)})`] : []));

function toCells(a: ExportRecord, today: Date, flavour: CsvFlavour = "plain"): string[] {
  const units = unitsOf(a);
  const partners = partnersOf(a);
  const day = (d: Date | null | undefined) => (d ? flavourDay(toDay(d), flavour) : "");
  return [
    inertText(a.reference),
    inertText(a.title),
    AGREEMENT_KINDS.label(a.kind),
    AGREEMENT_STATUSES.label(effectiveStatus(a.status, a.endDate, today)),
    CONFIDENTIALITY.label(a.confidentiality),
    inertText(units.join("; ")),
    inertText(partners.join("; ")),
    day(a.startDate),
    day(a.endDate),
    day(noticeDeadline(a)),
    RENEWAL_TYPES.label(a.renewalType),
    flavourAmount(euroAmount(a.valueCents), flavour),
    a.valueCents === null ? "" : VALUE_DIRECTIONS.label(a.valueDirection),
    inertText(a.owner?.name ?? a.htOwner),
    inertText(a.partnerContact),
    day(a.signatureDate),
  ];
}

// RFC 4180: CRLF between records. csv-stringify stops quoting fields that
// contain a line break once a record delimiter is given, unless told to.
const CSV_OPTIONS = { record_delimiter: "windows", quote_record_delimiter: true } as const;

/**
 * The matching agreements in batches of 500, in the list's order. The ids
 * are read once up front, so every batch belongs to the same result even if
 * someone edits meanwhile; restricted agreements are left out for roles that
 * may not read them, in both queries.
 */
async function* exportBatches(filters: AgreementFilters, today: Date, reader: Reader): AsyncGenerator<ExportRecord[]> {
  const where = await agreementWhere(filters, today, reader);
  const ids = (
    await prisma.agreement.findMany({ where, select: { id: true }, orderBy: [ORDER[filters.sort](filters.dir), { reference: "asc" }] })
  ).map((a) => a.id);
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const records = await prisma.agreement.findMany({ where: { AND: [readableWhere(reader), { id: { in: batch } }] }, select: exportSelect });
    const byId = new Map(records.map((r) => [r.id, r]));
    yield batch.flatMap((id) => byId.get(id) ?? []);
  }
}

/** The CSV, in chunks: a UTF-8 byte-order mark and the header first (so Excel reads accents right), then the rows by batch. */
export async function* agreementCsvChunks(filters: AgreementFilters, today: Date, reader: Reader, flavour: CsvFlavour = "plain"): AsyncGenerator<string> {
  const options = { ...CSV_OPTIONS, delimiter: CSV_FLAVOURS[flavour].delimiter };
  yield stringify([[...CSV_COLUMNS]], { ...options, bom: true });
  for await (const records of exportBatches(filters, today, reader)) {
    if (records.length) yield stringify(records.map((r) => toCells(r, today, flavour)), options);
  }
}

const XLSX_COLUMNS: SheetColumn[] = CSV_COLUMNS.map((header) => ({
  header,
  type: ["Start", "End", "Notice deadline", "Signature date"].includes(header) ? "date" : header === "Value EUR" ? "euro" : "text",
  max: header === "Title" ? 70 : 45,
}));

function toXlsxCells(a: ExportRecord, today: Date): SheetCell[] {
  const text = toCells(a, today);
  return [
    a.reference, a.title, text[2]!, text[3]!, text[4]!, unitsOf(a).join("; "), partnersOf(a).join("; "),
    excelDay(a.startDate), excelDay(a.endDate), excelDay(noticeDeadline(a)), text[10]!,
    a.valueCents === null ? null : Number(a.valueCents) / 100, text[12]!, a.owner?.name ?? a.htOwner, a.partnerContact, excelDay(a.signatureDate),
  ];
}

/** The same rows as an .xlsx workbook. */
export async function agreementsXlsx(filters: AgreementFilters, today: Date, reader: Reader): Promise<Buffer> {
  async function* rows() {
    for await (const records of exportBatches(filters, today, reader)) yield records.map((r) => toXlsxCells(r, today));
  }
  return buildWorkbook("Agreements", XLSX_COLUMNS, rows());
}

/** The CSV as a byte stream for a Response body; each batch is read when the client is ready for it. */
export function exportAgreements(filters: AgreementFilters, today: Date, reader: Reader, flavour: CsvFlavour = "plain"): ReadableStream<Uint8Array> {
  const chunks = agreementCsvChunks(filters, today, reader, flavour);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** What the filter narrows to, as words for the file name: the unit, the partner, kinds, statuses, the search. */
export async function agreementFilterWords(filters: AgreementFilters): Promise<string[]> {
  const [unit, partner] = await Promise.all([
    filters.unit ? prisma.unit.findUnique({ where: { id: filters.unit }, select: { name: true, code: true } }) : null,
    filters.partner ? prisma.partner.findUnique({ where: { id: filters.partner }, select: { name: true, acronym: true } }) : null,
  ]);
  return [
    unit?.name ?? "", partner ? partner.acronym || partner.name : "", ...filters.kind.map((k) => k.toLowerCase()),
    ...filters.status.map((s) => s.toLowerCase().replace("_", "-")), filters.q, filters.archived === "only" ? "archived" : "",
  ];
}

export async function agreementsFileName(filters: AgreementFilters, today: Date, extension: "csv" | "xlsx"): Promise<string> {
  return exportFileName("agreements", await agreementFilterWords(filters), today, extension);
}

/**
 * The agreement list as CSV (docs/decisions/005-csv.md): the same filters and
 * order as /agreements, every matching row, streamed in batches.
 */
import { stringify } from "csv-stringify/sync";
import type { Prisma } from "~/generated/prisma/client";
import type { AgreementFilters } from "~/domain/agreement-filters";
import { toDay } from "~/domain/dates";
import { noticeDeadline } from "~/domain/deadlines";
import { effectiveStatus } from "~/domain/lifecycle";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, PARTY_ROLES, RENEWAL_TYPES, VALUE_DIRECTIONS,
} from "~/domain/vocabulary";
import { prisma } from "~/utils/db.server";
import { readableWhere, type Reader } from "~/domain/confidentiality";
import { agreementWhere, ORDER } from "./agreements.server";

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

const day = (d: Date | null | undefined) => (d ? toDay(d) : "");
const role = (r: string | null) => (r ? PARTY_ROLES.label(r).toLowerCase() : "role not set");

function toCells(a: ExportRecord, today: Date): string[] {
  const units = a.parties.flatMap((p) => (p.unit ? [`${p.unit.name} (${role(p.role)})`] : []));
  const partners = a.parties.flatMap((p) => (p.partner ? [`${p.partner.acronym ?? p.partner.name} (${role(p.role)})`] : []));
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
    euroAmount(a.valueCents),
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
 * The CSV, in chunks: a UTF-8 byte-order mark and the header first (so
 * Excel reads accents right), then the rows in batches of 1,000. The matching
 * ids are read once up front, in the list's order, so every batch belongs to
 * the same result even if someone edits meanwhile; restricted agreements are
 * left out for roles that may not read them, in both queries.
 */
export async function* agreementCsvChunks(filters: AgreementFilters, today: Date, reader: Reader): AsyncGenerator<string> {
  const where = await agreementWhere(filters, today, reader);
  const ids = (
    await prisma.agreement.findMany({ where, select: { id: true }, orderBy: [ORDER[filters.sort](filters.dir), { reference: "asc" }] })
  ).map((a) => a.id);
  yield stringify([[...CSV_COLUMNS]], { ...CSV_OPTIONS, bom: true });
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const records = await prisma.agreement.findMany({ where: { AND: [readableWhere(reader), { id: { in: batch } }] }, select: exportSelect });
    const byId = new Map(records.map((r) => [r.id, r]));
    const rows = batch.flatMap((id) => {
      const record = byId.get(id);
      return record ? [toCells(record, today)] : [];
    });
    if (rows.length) yield stringify(rows, CSV_OPTIONS);
  }
}

/** The CSV as a byte stream for a Response body; each batch is read when the client is ready for it. */
export function exportAgreements(filters: AgreementFilters, today: Date, reader: Reader): ReadableStream<Uint8Array> {
  const chunks = agreementCsvChunks(filters, today, reader);
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

export function csvFileName(today: Date): string {
  return `agreements-${toDay(today)}.csv`;
}

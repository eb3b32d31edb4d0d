/**
 * The mapping of an imported sheet: which field each column holds, the
 * shape (one row per agreement, or one row per party grouped by a key
 * column), the order of its dates, and the defaults for what the sheet
 * lacks (kind, HT unit, status, confidentiality). The app proposes one from
 * the headers and the values (`proposeMapping`); the person corrects it in
 * the form whose zod schema is here (browser and server alike), and may
 * save it as a named template, kept by header so it applies to a file with
 * the columns in another order (`applyTemplate`). Pure.
 */
import { z } from "zod";
import { FIELD_KEYS, headerScore, IMPORT_FIELDS, isFieldKey, headerWords, type FieldKey } from "./import-fields";
import { cellText, detectDateOrder, readAmount, readDate, type Cell, type DateOrder } from "./import-values";
import { readKind, readStatus } from "./import-words";
import { REFERENCE_PATTERN } from "./agreement-reference";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, VALUE_DIRECTIONS, type AgreementKind } from "./vocabulary";

/** Most columns a sheet may have; wider sheets are refused when read. */
export const MAX_COLUMNS = 200;
/** A header match counts from this score (its words cover at least half of the header's). */
export const HEADER_THRESHOLD = 72;

export const STATUS_DEFAULTS = ["AUTO", ...AGREEMENT_STATUSES.values] as const;
export type StatusDefault = (typeof STATUS_DEFAULTS)[number];

export interface ImportMapping {
  shape: "wide" | "long";
  /** long: the column whose value groups rows into one agreement. */
  keyColumn: number | null;
  /** The field of each column ("" for a column not imported). */
  fields: (FieldKey | "")[];
  dateOrder: DateOrder;
  defaults: {
    kind: AgreementKind | "";
    /** AUTO: Active when the sheet gives a signature or start date, else Draft. */
    status: StatusDefault;
    confidentiality: "INTERNAL" | "RESTRICTED";
    /** The HT unit of rows that name none. */
    unitId: string;
    valueDirection: "NONE" | "HT_PAYS" | "HT_RECEIVES";
  };
}

const optionalEnum = <T extends [string, ...string[]]>(values: T) => z.enum(values).or(z.literal("")).optional().transform((v) => v ?? "");

/** The mapping form: `fields[3]` is column D's field; `intent` says what to do next. */
export const MappingFormSchema = z
  .object({
    shape: z.enum(["wide", "long"]).default("wide"),
    keyColumn: z.coerce.number().int().min(0).max(MAX_COLUMNS - 1).optional(),
    fields: z.array(z.enum(FIELD_KEYS as [FieldKey, ...FieldKey[]]).or(z.literal("")).optional()).max(MAX_COLUMNS).default([]),
    dateOrder: z.enum(["dmy", "mdy"]).default("dmy"),
    kind: optionalEnum(AGREEMENT_KINDS.values),
    status: z.enum(STATUS_DEFAULTS).default("AUTO"),
    confidentiality: z.enum(CONFIDENTIALITY.values).default("INTERNAL"),
    unitId: z.string().max(64).optional().transform((v) => v ?? ""),
    valueDirection: z.enum(VALUE_DIRECTIONS.values).default("NONE"),
    templateName: z.string().trim().max(80, "A template's name has at most 80 characters").optional(),
    intent: z.enum(["match", "save-template"]).default("match"),
  })
  .superRefine((v, ctx) => {
    const fields = v.fields.map((f) => f ?? "");
    if (v.shape === "long" && v.keyColumn === undefined) {
      ctx.addIssue({ code: "custom", path: ["keyColumn"], message: "Choose the column that groups the rows of one agreement" });
    }
    if (!fields.some((f) => f === "title" || f === "acronym")) {
      ctx.addIssue({ code: "custom", path: ["fields"], message: "Choose the column that holds the title (or the acronym)" });
    }
    for (const key of FIELD_KEYS) {
      if ((IMPORT_FIELDS[key] as { multi?: boolean }).multi) continue;
      const columns = fields.flatMap((f, i) => (f === key ? [i] : []));
      for (const i of columns.slice(1)) ctx.addIssue({ code: "custom", path: ["fields", i], message: `${IMPORT_FIELDS[key].label} is already column ${columnName(columns[0]!)}` });
    }
    if (!fields.includes("kind") && !v.kind) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "The sheet has no kind column: choose the kind of its agreements" });
    }
    if (v.intent === "save-template" && !v.templateName) {
      ctx.addIssue({ code: "custom", path: ["templateName"], message: "Name the template" });
    }
  });
export type MappingForm = z.output<typeof MappingFormSchema>;

export function mappingFromForm(v: MappingForm, columns: number): ImportMapping {
  const fields = Array.from({ length: columns }, (_, i) => v.fields[i] ?? "");
  return {
    shape: v.shape,
    keyColumn: v.shape === "long" ? v.keyColumn ?? null : null,
    fields,
    dateOrder: v.dateOrder,
    defaults: { kind: v.kind, status: v.status, confidentiality: v.confidentiality, unitId: v.unitId, valueDirection: v.valueDirection },
  };
}

/** A: 0, Z: 25, AA: 26 — as spreadsheets name columns. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

// ---------------------------------------------------------------------------
// Proposing a mapping

interface ColumnStats {
  filled: number;
  distinct: number;
  dates: number;
  /** Dates written as dates (not bare numbers, which could be anything). */
  dateTexts: number;
  amounts: number;
  kinds: number;
  statuses: number;
  references: number;
}

function columnStats(rows: Cell[][], column: number): ColumnStats {
  const values = rows.map((r) => r[column] ?? null).filter((c) => cellText(c) !== "");
  const share = (test: (c: Cell) => boolean) => values.filter(test).length;
  return {
    filled: values.length,
    distinct: new Set(values.map((c) => cellText(c))).size,
    dates: share((c) => readDate(c).value !== undefined),
    dateTexts: share((c) => readDate(c).value !== undefined && !/^\d+(\.\d+)?$/.test(cellText(c))),
    amounts: share((c) => readAmount(c).value !== undefined),
    kinds: share((c) => readKind(c).value !== undefined),
    statuses: share((c) => readStatus(c).value !== undefined),
    references: share((c) => REFERENCE_PATTERN.test(cellText(c).toUpperCase())),
  };
}

/** What the values alone say a column without a known header holds. */
function fieldFromValues(s: ColumnStats): FieldKey | null {
  if (!s.filled) return null;
  const most = (n: number) => n / s.filled >= 0.8;
  if (most(s.references)) return "reference";
  if (most(s.dateTexts)) return "startDate";
  if (most(s.statuses)) return "status";
  if (most(s.kinds)) return "kind";
  return null;
}

/** Whether a header match fits the column's values (a date field holds dates...). */
function valuesFit(field: FieldKey, s: ColumnStats): boolean {
  if (!s.filled) return false;
  const type = IMPORT_FIELDS[field].type;
  if (type === "date") return s.dates / s.filled >= 0.5 || s.filled < 3;
  if (type === "amount") return s.amounts / s.filled >= 0.5;
  return true;
}

/** Each column's best field by its header, single fields given to the column that names them best. */
function assignByHeader(headers: string[], stats: ColumnStats[]): (FieldKey | "")[] {
  const fields: (FieldKey | "")[] = headers.map(() => "");
  const offers = headers.flatMap((h, column) =>
    FIELD_KEYS.map((field) => ({ column, field, score: headerScore(h, field) })).filter((o) => o.score >= HEADER_THRESHOLD && valuesFit(o.field, stats[column]!)),
  );
  offers.sort((a, b) => b.score - a.score || a.column - b.column);
  const taken = new Set<FieldKey>();
  for (const o of offers) {
    if (fields[o.column] || (taken.has(o.field) && !(IMPORT_FIELDS[o.field] as { multi?: boolean }).multi)) continue;
    fields[o.column] = o.field;
    taken.add(o.field);
  }
  const dateFields: FieldKey[] = ["startDate", "endDate", "signatureDate"];
  headers.forEach((_, column) => {
    if (fields[column]) return;
    let field = fieldFromValues(stats[column]!);
    if (field === "startDate") field = dateFields.find((f) => !taken.has(f)) ?? null;
    if (field && !taken.has(field)) {
      fields[column] = field;
      taken.add(field);
    }
  });
  return fields;
}

/** EU-project registers (CORDIS and the like) hold consortium agreements. */
const EU_PROJECT_WORDS = ["grant", "programme", "funding scheme", "call", "topic", "ec contribution", "h2020", "horizon"];

/**
 * The mapping the app proposes for a sheet: fields from the headers, then
 * from the values for columns whose header says nothing; one row per party
 * grouped by the reference when references repeat; day-first dates unless
 * the values say otherwise; a consortium agreement as the kind of EU
 * project registers without a kind column.
 */
export function proposeMapping(headers: string[], sample: Cell[][]): ImportMapping {
  const stats = headers.map((_, c) => columnStats(sample, c));
  const fields = assignByHeader(headers, stats);
  const keyColumn = fields.indexOf("reference") >= 0 ? fields.indexOf("reference") : fields.indexOf("title") >= 0 ? fields.indexOf("title") : -1;
  const repeats = keyColumn >= 0 && stats[keyColumn]!.distinct < stats[keyColumn]!.filled;
  const dateColumns = fields.flatMap((f, i) => (f && IMPORT_FIELDS[f].type === "date" ? [i] : []));
  const words = headers.map(headerWords).join(" | ");
  return {
    shape: repeats ? "long" : "wide",
    keyColumn: repeats ? keyColumn : null,
    fields,
    dateOrder: detectDateOrder(dateColumns.flatMap((c) => sample.map((r) => r[c] ?? null))),
    defaults: {
      kind: fields.includes("kind") ? "" : EU_PROJECT_WORDS.some((w) => words.includes(w)) ? "CONSORTIUM" : "",
      status: "AUTO",
      confidentiality: "INTERNAL",
      unitId: "",
      valueDirection: "NONE",
    },
  };
}

// ---------------------------------------------------------------------------
// Templates: a mapping kept by header

export interface MappingTemplate {
  /** Every header's field, "" for a column the person chose not to import (it stays so next time). */
  byHeader: Record<string, FieldKey | "">;
  shape: "wide" | "long";
  keyHeader: string | null;
  dateOrder: DateOrder;
  defaults: ImportMapping["defaults"];
}

export function templateOf(mapping: ImportMapping, headers: string[]): MappingTemplate {
  const byHeader: Record<string, FieldKey | ""> = {};
  mapping.fields.forEach((f, i) => {
    if (headers[i]) byHeader[headerWords(headers[i]!)] = f;
  });
  return {
    byHeader,
    shape: mapping.shape,
    keyHeader: mapping.keyColumn !== null && headers[mapping.keyColumn] ? headerWords(headers[mapping.keyColumn]!) : null,
    dateOrder: mapping.dateOrder,
    defaults: mapping.defaults,
  };
}

/** The template applied to these headers; columns it does not know keep the proposal's field. */
export function applyTemplate(template: MappingTemplate, headers: string[], proposal: ImportMapping): ImportMapping {
  const words = headers.map(headerWords);
  const known = words.map((w) => template.byHeader[w]);
  const keyColumn = template.keyHeader ? words.indexOf(template.keyHeader) : -1;
  return {
    shape: template.shape === "long" && keyColumn >= 0 ? "long" : "wide",
    keyColumn: template.shape === "long" && keyColumn >= 0 ? keyColumn : null,
    fields: words.map((w, i) => (w in template.byHeader ? (isFieldKey(known[i]) ? known[i]! : "") : proposal.fields[i] ?? "")),
    dateOrder: template.dateOrder,
    defaults: template.defaults,
  };
}

/** How many of the template's headers this file has: a template fits a file when most do. */
export function templateFit(template: MappingTemplate, headers: string[]): number {
  const words = new Set(headers.map(headerWords));
  const own = Object.keys(template.byHeader);
  return own.length ? own.filter((h) => words.has(h)).length / own.length : 0;
}

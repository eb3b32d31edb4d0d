/**
 * Turning the rows of an imported sheet into agreements, by the mapping
 * (app/domain/import-mapping.ts): one row per agreement, or the rows of one
 * agreement grouped by a key column (one row per party, as EU project
 * listings come); each value read as the office writes it
 * (app/domain/import-values.ts, import-words.ts); the organisations named,
 * each once, for matching (keyed by their identifier when the sheet has one,
 * else by their normalised name); HT units found by name or code; and every
 * problem on the cell it comes from ("F12"): errors refuse the row's
 * agreement, warnings only tell (what is missing before signature, a tacit
 * renewal without notice...). Pure: the dry run and the commit run it alike.
 */
import { describeGaps, missingBeforeSignature } from "./agreement-readiness";
import { REFERENCE_PATTERN } from "./agreement-reference";
import { TITLE_MAX, SUMMARY_MAX, TEXT_MAX, VALUE_MAX_EUR } from "./agreement-schema";
import { IMPORT_FIELDS, type FieldKey } from "./import-fields";
import { columnName, type ImportMapping } from "./import-mapping";
import { cellText, readAmount, readCountry, readDate, readNotice, type Cell, type Read } from "./import-values";
import { readConfidentiality, readDirection, readKind, readRenewal, readRole, readStatus, splitParties } from "./import-words";
import { identifierAlias, normaliseOrganisation, tidyCapitals } from "./organisation-names";
import { fold } from "./text-match";
import type { AgreementKind, AgreementStatus, PartyRole } from "./vocabulary";

export interface SheetRow {
  /** The row's number in the file (the header is usually 1). */
  line: number;
  cells: Cell[];
}

export interface Issue {
  line: number;
  /** The column (0 is A), or null for the agreement as a whole. */
  column: number | null;
  severity: "error" | "warning";
  message: string;
}

export interface DraftParty {
  orgKey: string;
  role: PartyRole | null;
  line: number;
}

export interface DraftAgreement {
  key: string;
  lines: number[];
  /** An HT-YYYY-NNNN reference written in the sheet. */
  reference: string | null;
  /** Any other reference (the register's own number, a grant number): re-imports find the agreement by it. */
  sourceReference: string | null;
  title: string;
  kind: AgreementKind | null;
  status: AgreementStatus;
  summary: string;
  signatureDate: string | null;
  startDate: string | null;
  endDate: string | null;
  renewalType: "NONE" | "EXPRESS" | "TACIT";
  noticePeriodDays: number | null;
  noticePeriodMonths: number | null;
  valueCents: number | null;
  valueDirection: "NONE" | "HT_PAYS" | "HT_RECEIVES";
  confidentiality: "INTERNAL" | "RESTRICTED";
  htOwner: string;
  partnerContact: string;
  /** The reference of the framework it implements or the agreement it amends, as written. */
  related: { text: string; line: number; column: number } | null;
  units: { unitId: string; role: PartyRole | null }[];
  partners: DraftParty[];
  /** The fields the sheet gave (an update changes only those). */
  given: FieldKey[];
  issues: Issue[];
}

export interface DraftOrganisation {
  key: string;
  name: string;
  shortName: string;
  /** As kept among a partner's other names ("PIC 999979500"); "" for none. */
  identifier: string;
  country: string;
  city: string;
  kindHint: string;
  variants: string[];
  agreements: number;
  lines: number[];
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface ReadInput {
  headers: string[];
  rows: SheetRow[];
  mapping: ImportMapping;
  units: UnitRef[];
  /** How the identifier column's values are kept ("PIC"): app/domain/organisation-names.ts. */
  identifierLabel: string;
}

export interface ReadResult {
  drafts: DraftAgreement[];
  organisations: DraftOrganisation[];
}

/** "F12 (Scadenza)": where a problem is, as the person finds it in their sheet. */
export function cellName(headers: string[], line: number, column: number | null): string {
  if (column === null) return `row ${line}`;
  const header = headers[column] ? ` (${headers[column]})` : "";
  return `${columnName(column)}${line}${header}`;
}

// ---------------------------------------------------------------------------
// HT units

const UNIT_WORDS = new Set(["centro", "centre", "center", "facility", "lab", "laboratorio", "laboratory", "ht", "human", "technopole", "di", "of", "the", "group", "gruppo"]);
const unitCore = (text: string) => fold(text).split(" ").filter((w) => !UNIT_WORDS.has(w)).join(" ");

/** An HT unit by its code ("NG", "F1"), its name, or its name without "Centre"/"Centro"/"Lab"... */
export function findUnit(text: string, units: UnitRef[]): UnitRef | null {
  const code = text.trim().toUpperCase();
  const folded = fold(text);
  const core = unitCore(text);
  return (
    units.find((u) => u.code.toUpperCase() === code) ??
    units.find((u) => fold(u.name) === folded) ??
    (core ? units.find((u) => unitCore(u.name) === core) : undefined) ??
    null
  );
}

// ---------------------------------------------------------------------------
// Reading one agreement's rows

interface Context {
  input: ReadInput;
  columns: Map<FieldKey, number[]>;
  organisations: Map<string, DraftOrganisation>;
}

interface Found<T> {
  value: T;
  line: number;
  column: number;
}

/** The field's first value among the rows (warning where a later row says otherwise), and any unreadable cell's error. */
function take<T>(ctx: Context, rows: SheetRow[], field: FieldKey, read: (cell: Cell, column: number) => Read<T>, issues: Issue[]): Found<T> | null {
  let found: Found<T> | null = null;
  for (const column of ctx.columns.get(field) ?? []) {
    for (const row of rows) {
      const cell = row.cells[column] ?? null;
      if (cellText(cell) === "") continue;
      const r = read(cell, column);
      if (r.error) issues.push({ line: row.line, column, severity: "error", message: r.error });
      if (r.value === undefined) continue;
      if (!found) found = { value: r.value, line: row.line, column };
      else if (JSON.stringify(r.value) !== JSON.stringify(found.value)) {
        issues.push({ line: row.line, column, severity: "warning", message: `differs from ${cellName(ctx.input.headers, found.line, found.column)}: kept “${cellText(rows.find((x) => x.line === found!.line)!.cells[found.column] ?? null)}”` });
      }
    }
  }
  return found;
}

const textReader = (max: number, label: string) => (cell: Cell): Read<string> => {
  const text = cellText(cell).replace(/[\u0000-\u001f\u007f]/g, " ");
  return text.length > max ? { error: `${label} has ${text.length} characters; at most ${max}` } : { value: text };
};

/** A header as a label: "funding_scheme" -> "Funding scheme". */
const headerLabel = (h: string) => {
  const spaced = h.replace(/_/g, " ").trim();
  return spaced === spaced.toLowerCase() ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : spaced;
};

/** The summary: each summary column's values as "Header: value" lines (a lone notes column's values as they are). */
function summaryOf(ctx: Context, rows: SheetRow[], extra: string[]): string {
  const columns = ctx.columns.get("summary") ?? [];
  const lines: string[] = [];
  for (const column of columns) {
    const values = [...new Set(rows.map((r) => cellText(r.cells[column] ?? null)).filter(Boolean))];
    const header = headerLabel(ctx.input.headers[column] ?? columnName(column));
    for (const v of values) lines.push(columns.length === 1 && !extra.length ? v : `${header}: ${v}`);
  }
  return [...extra, ...lines].join("\n").slice(0, SUMMARY_MAX);
}

function references(found: Found<string> | null) {
  if (!found) return { reference: null, sourceReference: null };
  const upper = found.value.toUpperCase().replace(/\s+/g, "");
  return REFERENCE_PATTERN.test(upper) ? { reference: upper, sourceReference: null } : { reference: null, sourceReference: found.value.slice(0, 100) };
}

function readDates(ctx: Context, rows: SheetRow[], issues: Issue[]) {
  const order = ctx.input.mapping.dateOrder;
  const date = (field: FieldKey) => take(ctx, rows, field, (c) => readDate(c, order), issues);
  return { signature: date("signatureDate"), start: date("startDate"), end: date("endDate") };
}

function readTerms(ctx: Context, rows: SheetRow[], issues: Issue[]) {
  const headerOf = (column: number) => ctx.input.headers[column] ?? "";
  const renewal = take(ctx, rows, "renewal", (c, column) => readRenewal(c, headerOf(column)), issues);
  const notice = take(ctx, rows, "notice", readNotice, issues)?.value ?? renewal?.value.notice ?? null;
  const value = take(ctx, rows, "value", readAmount, issues);
  const direction = take(ctx, rows, "valueDirection", readDirection, issues);
  return { renewal, notice, value, direction };
}

/** The agreement-level fields of one agreement's rows. */
function agreementOf(ctx: Context, key: string, rows: SheetRow[]): DraftAgreement {
  const issues: Issue[] = [];
  const { defaults } = ctx.input.mapping;
  const text = (field: FieldKey, max = TEXT_MAX) => take(ctx, rows, field, textReader(max, IMPORT_FIELDS[field].label), issues);
  const title = text("title", TITLE_MAX);
  const acronym = text("acronym", TITLE_MAX);
  const kind = take(ctx, rows, "kind", readKind, issues);
  const status = take(ctx, rows, "status", readStatus, issues);
  const confidentiality = take(ctx, rows, "confidentiality", readConfidentiality, issues);
  const related = text("related");
  const dates = readDates(ctx, rows, issues);
  const terms = readTerms(ctx, rows, issues);
  const owner = text("htOwner");
  const contact = text("partnerContact");
  const signedOrStarted = dates.signature ?? dates.start;
  const given = ([...ctx.columns.keys()] as FieldKey[]).filter((f) => rows.some((r) => (ctx.columns.get(f) ?? []).some((c) => cellText(r.cells[c] ?? null) !== "")));
  return {
    key, lines: rows.map((r) => r.line), ...references(text("reference", 100)),
    title: title?.value || acronym?.value || "",
    kind: kind?.value ?? (defaults.kind || null),
    status: status?.value ?? (defaults.status === "AUTO" ? (signedOrStarted ? "ACTIVE" : "DRAFT") : defaults.status),
    summary: summaryOf(ctx, rows, title?.value && acronym?.value ? [`Acronym: ${acronym.value}`] : []),
    signatureDate: dates.signature?.value ?? null, startDate: dates.start?.value ?? null, endDate: dates.end?.value ?? null,
    renewalType: terms.renewal?.value.type ?? "NONE",
    noticePeriodDays: terms.notice?.days ?? null, noticePeriodMonths: terms.notice?.months ?? null,
    valueCents: terms.value?.value ?? null,
    valueDirection: terms.direction?.value ?? (terms.value?.value ? defaults.valueDirection : "NONE"),
    confidentiality: confidentiality?.value ?? defaults.confidentiality,
    htOwner: owner?.value ?? "", partnerContact: contact?.value ?? "",
    related: related ? { text: related.value, line: related.line, column: related.column } : null,
    units: [], partners: [], given, issues,
  };
}

/** The HT units an agreement's rows name (or the mapping's default unit). */
function unitsOf(ctx: Context, rows: SheetRow[], draft: DraftAgreement) {
  const units = new Map<string, PartyRole | null>();
  for (const column of ctx.columns.get("unit") ?? []) {
    for (const row of rows) {
      for (const named of splitParties(row.cells[column] ?? null)) {
        const unit = findUnit(named.name, ctx.input.units);
        if (!unit) {
          draft.issues.push({ line: row.line, column, severity: "error", message: `no HT unit is called “${named.name}” (use a centre's, facility's or group's name or code)` });
        } else if (!units.has(unit.id)) units.set(unit.id, named.role);
      }
    }
  }
  const fallback = ctx.input.mapping.defaults.unitId;
  if (!units.size && fallback && ctx.input.units.some((u) => u.id === fallback)) units.set(fallback, null);
  draft.units = [...units].map(([unitId, role]) => ({ unitId, role }));
}

/** Records an organisation the sheet names (merging what each mention adds) and returns its key. */
function organisation(ctx: Context, o: Omit<DraftOrganisation, "key" | "variants" | "agreements" | "lines">, line: number): string {
  const key = o.identifier ? `id:${fold(o.identifier)}` : `name:${normaliseOrganisation(o.name)}`;
  const known = ctx.organisations.get(key);
  if (!known) {
    ctx.organisations.set(key, { ...o, key, variants: [], agreements: 0, lines: [line] });
    return key;
  }
  if (!known.name && o.name) known.name = o.name;
  else if (o.name && fold(o.name) !== fold(known.name) && !known.variants.some((v) => fold(v) === fold(o.name))) known.variants.push(o.name);
  for (const field of ["shortName", "country", "city", "kindHint"] as const) if (!known[field] && o[field]) known[field] = o[field];
  if (known.lines.length < 50) known.lines.push(line);
  return key;
}

function partyExtras(ctx: Context, row: SheetRow, issues: Issue[]) {
  const one = (field: FieldKey) => {
    const column = ctx.columns.get(field)?.[0];
    return column === undefined ? { text: "", column: -1 } : { text: cellText(row.cells[column] ?? null), column };
  };
  const country = one("partnerCountry");
  const countryRead = country.text ? readCountry(country.text) : {};
  if (countryRead.error) issues.push({ line: row.line, column: country.column, severity: "warning", message: `${countryRead.error}: left empty` });
  const role = one("partnerRole");
  const roleRead = role.text ? readRole(role.text) : {};
  if (roleRead.error) issues.push({ line: row.line, column: role.column, severity: "warning", message: `${roleRead.error}: left empty` });
  const identifier = one("partnerIdentifier").text;
  return {
    shortName: one("partnerShortName").text.slice(0, 60),
    identifier: identifier ? identifierAlias(ctx.input.identifierLabel, identifier).slice(0, 80) : "",
    country: countryRead.value ?? "",
    city: tidyCapitals(one("partnerCity").text).slice(0, 120),
    kindHint: one("partnerKind").text.slice(0, 60),
    role: roleRead.value ?? null,
  };
}

/** The partner parties of one row: the names in its partner cells, with the row's other party columns when it names one. */
function partiesOfRow(ctx: Context, row: SheetRow, draft: DraftAgreement) {
  const split = ctx.input.mapping.shape === "wide";
  const named = (ctx.columns.get("partner") ?? []).flatMap((column) => splitParties(row.cells[column] ?? null, { split }).map((p) => ({ ...p, column })));
  const extras = partyExtras(ctx, row, draft.issues);
  const single = named.length <= 1;
  const mentions = named.length ? named : extras.identifier ? [{ name: "", role: null, column: -1 }] : [];
  if (!mentions.length && ctx.input.mapping.shape === "long" && ctx.columns.has("partner")) {
    draft.issues.push({ line: row.line, column: ctx.columns.get("partner")![0]!, severity: "error", message: "no partner is named on this row" });
  }
  for (const m of mentions) {
    if (m.name.length > 200) {
      draft.issues.push({ line: row.line, column: m.column, severity: "error", message: `a partner's name has at most 200 characters (this one has ${m.name.length})` });
      continue;
    }
    const o = single ? extras : { shortName: "", identifier: "", country: "", city: "", kindHint: "", role: extras.role };
    const key = organisation(ctx, { name: m.name, shortName: o.shortName, identifier: o.identifier, country: o.country, city: o.city, kindHint: o.kindHint }, row.line);
    if (draft.partners.some((p) => p.orgKey === key)) continue;
    draft.partners.push({ orgKey: key, role: m.role ?? extras.role, line: row.line });
  }
}

/** Rules across the fields: errors that refuse it, and warnings of what stays incomplete. */
function checkDraft(draft: DraftAgreement, at: (field: FieldKey) => number | null) {
  const first = draft.lines[0]!;
  const issue = (severity: Issue["severity"], message: string, column: number | null = null) => draft.issues.push({ line: first, column, severity, message });
  if (!draft.title) issue("error", "no title: fill in the title (or the acronym)", at("title") ?? at("acronym"));
  else if (draft.title.length < 3) issue("error", `the title “${draft.title}” is too short (at least 3 characters)`, at("title") ?? at("acronym"));
  if (!draft.kind) issue("error", "no kind: the sheet gives none and the mapping sets no default", at("kind"));
  if (draft.startDate && draft.endDate && draft.endDate < draft.startDate) issue("error", "the end is before the start", at("endDate"));
  if (draft.signatureDate && draft.endDate && draft.signatureDate > draft.endDate) issue("warning", "signed after its end date", at("signatureDate"));
  if (draft.renewalType !== "NONE" && !draft.endDate) issue("warning", "it renews but has no end date: no notice deadline can be worked out", at("renewal"));
  if (draft.renewalType === "TACIT" && !draft.noticePeriodDays && !draft.noticePeriodMonths) issue("warning", "tacit renewal without a notice period: the notice deadline cannot be worked out", at("renewal"));
  if (draft.valueCents !== null && draft.valueCents > VALUE_MAX_EUR * 100) issue("error", "the value is implausibly large; check the number of digits", at("value"));
  if (draft.valueCents && draft.valueDirection === "NONE") issue("warning", "the value does not say whether HT pays or receives it", at("value"));
  if (!draft.units.length) issue("warning", "no HT unit: it will not show on the map until one is added");
  if (!draft.partners.length) issue("warning", "no partner");
  if (draft.kind && ["ACTIVE", "AWAITING_SIGNATURE", "EXPIRED", "SUPERSEDED"].includes(draft.status)) {
    const gaps = missingBeforeSignature({
      kind: draft.kind, startDate: draft.startDate, endDate: draft.endDate, frameworkId: draft.related?.text, amendsRef: draft.related?.text, details: {},
      parties: [...draft.units.map((u) => ({ ref: "unit:x", role: u.role })), ...draft.partners.map((p) => ({ ref: "partner:x", role: p.role }))],
    });
    if (gaps.length) issue("warning", `${describeGaps(gaps)}, kept as it is: ${[...new Set(gaps.map((g) => g.message))].slice(0, 3).join("; ")}${gaps.length > 3 ? "…" : ""}`);
  }
}

/** Groups the rows: each its own agreement (wide), or by the key column (long). */
function groupRows(input: ReadInput): { key: string; rows: SheetRow[]; issue?: Issue }[] {
  const { shape, keyColumn } = input.mapping;
  if (shape === "wide" || keyColumn === null) return input.rows.map((row) => ({ key: `line:${row.line}`, rows: [row] }));
  const groups = new Map<string, { key: string; rows: SheetRow[]; issue?: Issue }>();
  for (const row of input.rows) {
    const text = cellText(row.cells[keyColumn] ?? null);
    if (!text) {
      groups.set(`line:${row.line}`, {
        key: `line:${row.line}`, rows: [row],
        issue: { line: row.line, column: keyColumn, severity: "error", message: "the key column is empty: the row cannot be grouped with its agreement" },
      });
      continue;
    }
    const key = `key:${text.toUpperCase()}`;
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { key, rows: [row] });
  }
  return [...groups.values()];
}

/** Every agreement of the sheet, with its problems, and every organisation it names (each once). */
export function readDrafts(input: ReadInput): ReadResult {
  const columns = new Map<FieldKey, number[]>();
  input.mapping.fields.forEach((f, i) => {
    if (f) columns.set(f, [...(columns.get(f) ?? []), i]);
  });
  const ctx: Context = { input, columns, organisations: new Map() };
  const drafts = groupRows(input).map(({ key, rows, issue }) => {
    const draft = agreementOf(ctx, key, rows);
    if (issue) draft.issues.push(issue);
    unitsOf(ctx, rows, draft);
    for (const row of rows) partiesOfRow(ctx, row, draft);
    checkDraft(draft, (field) => columns.get(field)?.[0] ?? null);
    return draft;
  });
  for (const d of drafts) for (const p of d.partners) ctx.organisations.get(p.orgKey)!.agreements += 1;
  return { drafts, organisations: [...ctx.organisations.values()] };
}

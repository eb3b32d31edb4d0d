/**
 * Reading the values of an imported sheet's cells as the office types them,
 * in Italian or English: dates (31/12/2026, 2026-12-31, 31.12.26, "31 dic
 * 2026", "December 31, 2026", an Excel serial such as 46387), amounts
 * (1.234,56 €, € 1,234.56, 1234.5, an Excel number), notice periods
 * ("3 mesi", "90 giorni", "tre mesi", "6 months", "1 anno"), yes/no words
 * and countries (IT, Italia, Italy, UK, EL). Each reader answers the value,
 * nothing for an empty cell, or an error saying what was expected. Pure;
 * the words of the vocabularies (kinds, statuses, roles...) are in
 * app/domain/import-words.ts.
 */
import { isCountryCode, COUNTRY_CODES } from "./countries";
import { fold } from "./text-match";

/** A cell as read from a file: CSV gives text; a spreadsheet also numbers, booleans and dates (as YYYY-MM-DD). */
export type Cell = string | number | boolean | null;

/** What a reader answers: a value, nothing (empty cell), or why the cell could not be read. */
export type Read<T> = { value: T; error?: undefined } | { value?: undefined; error: string } | { value?: undefined; error?: undefined };

export const EMPTY = {} as const;
const fail = (error: string) => ({ error });

/** A cell's text: trimmed, numbers as typed in English notation, booleans as "yes"/"no". */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : String(cell);
  return cell.replace(/[\u00a0\u202f]/g, " ").replace(/\s+/g, " ").trim();
}

const quoted = (cell: Cell | undefined) => `“${cellText(cell).slice(0, 60)}”`;

// ---------------------------------------------------------------------------
// Dates

/** Day first (Italian, British) or month first (American). */
export type DateOrder = "dmy" | "mdy";

const MONTHS: Record<string, number> = {};
[
  ["gen", "gennaio", "jan", "january", "janvier", "januar", "ene", "enero"],
  ["feb", "febbraio", "february", "fev", "fevrier", "februar", "febrero"],
  ["mar", "marzo", "march", "mars", "marz"],
  ["apr", "aprile", "april", "avr", "avril", "abr", "abril"],
  ["mag", "maggio", "may", "mai", "mayo"],
  ["giu", "giugno", "jun", "june", "juin", "juni", "junio"],
  ["lug", "luglio", "jul", "july", "juil", "juillet", "juli", "julio"],
  ["ago", "agosto", "aug", "august", "aout", "agosto"],
  ["set", "sett", "settembre", "sep", "sept", "september", "septembre", "septiembre"],
  ["ott", "ottobre", "oct", "october", "octobre", "okt", "oktober", "octubre"],
  ["nov", "novembre", "november", "noviembre"],
  ["dic", "dicembre", "dec", "december", "decembre", "dez", "dezember", "diciembre"],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const pad = (n: number) => String(n).padStart(2, "0");

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? `${year}-${pad(month)}-${pad(day)}` : null;
}

/** Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999 (as Excel reads them). */
const fullYear = (y: string) => (y.length === 2 ? (Number(y) < 70 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

/** Excel's day number (1900 date system: 1 is 1 Jan 1900, with its phantom 29 Feb 1900) as a day. */
export function excelSerialDay(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 110_000) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function numericDate(text: string, order: DateOrder): string | null | undefined {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: \d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [day, month] = order === "mdy" ? [b, a] : [a, b];
    return isoDay(fullYear(m[3]!), month, day);
  }
  return undefined;
}

function wordDate(text: string): string | null | undefined {
  const t = fold(text.replace(/(\d)\s*°/g, "$1 ").replace(/(\d)(st|nd|rd|th)\b/gi, "$1"));
  // "31 dic 2026", "31 dicembre 2026", "1 gennaio 26", "31 dec 2026"
  let m = /^(\d{1,2}) ([a-z]+) (\d{2}|\d{4})$/.exec(t);
  if (m && MONTHS[m[2]!]) return isoDay(fullYear(m[3]!), MONTHS[m[2]!]!, Number(m[1]));
  // "december 31 2026" (the comma folds to a space)
  m = /^([a-z]+) (\d{1,2}) (\d{4})$/.exec(t);
  if (m && MONTHS[m[1]!]) return isoDay(Number(m[3]), MONTHS[m[1]!]!, Number(m[2]));
  if ((m = /^([a-z]+) (\d{4})$/.exec(t)) && MONTHS[m[1]!]) return null;
  return undefined;
}

/**
 * A date cell as YYYY-MM-DD. `order` decides 03/04/2026 (3 April, Italian,
 * by default; 4 March when a column is known to put the month first).
 */
export function readDate(cell: Cell | undefined, order: DateOrder = "dmy"): Read<string> {
  if (typeof cell === "number") {
    const day = excelSerialDay(cell);
    return day ? { value: day } : fail(`${quoted(cell)} is not a date (an Excel date is a day number such as 46387)`);
  }
  const text = cellText(cell);
  if (!text || text === "-" || /^n\/?a$/i.test(text)) return EMPTY;
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const day = excelSerialDay(Number(text));
    if (day) return { value: day };
  }
  const found = numericDate(text, order) ?? wordDate(text);
  if (found) return { value: found };
  if (found === null) return fail(`${quoted(cell)} is not a real date`);
  return fail(`${quoted(cell)} is not a date: write it as 31/12/2026, 2026-12-31 or 31 dic 2026`);
}

/**
 * The order of a column's dates: month first only when some value cannot
 * be day first (13/25/2026 is not a day) and none must be (25/12/2026).
 */
export function detectDateOrder(cells: Iterable<Cell | undefined>): DateOrder {
  let dayFirst = false;
  let monthFirst = false;
  for (const cell of cells) {
    const m = /^(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}/.exec(cellText(cell));
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  return monthFirst && !dayFirst ? "mdy" : "dmy";
}

// ---------------------------------------------------------------------------
// Amounts

/**
 * An amount in euro as cents: Italian (1.234,56) or English (1,234.56)
 * notation, with or without € or EUR, or a spreadsheet number. One
 * separator followed by exactly three digits groups thousands ("1.234" and
 * "1,234" are 1234 euro): amounts never have three decimals.
 */
export function readAmount(cell: Cell | undefined): Read<number> {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return fail(`${quoted(cell)} is not an amount`);
    return cell < 0 ? fail(`${quoted(cell)} is negative: record the amount and say whether HT pays or receives it`) : { value: Math.round(cell * 100) };
  }
  const raw = cellText(cell);
  const text = raw.replace(/€|\beur(o|os)?\b/gi, "").replace(/[\s']/g, "");
  if (!text || text === "-") return EMPTY;
  if (/^-|^\(.*\)$/.test(text)) return fail(`${quoted(cell)} is negative: record the amount and say whether HT pays or receives it`);
  let normal: string | null = null;
  if (/^\d+$/.test(text)) normal = text;
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) normal = text.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) normal = text.replace(/,/g, "");
  else if (/^\d+[.,]\d+$/.test(text)) normal = text.replace(",", ".");
  if (normal === null) return fail(`${quoted(cell)} is not an amount: write it as 1.234,56 or 1234.56`);
  const [euros = "0", decimals = ""] = normal.split(".");
  const cents = Number(euros) * 100 + Math.round(Number(`0.${decimals || "0"}`) * 100);
  return Number.isSafeInteger(cents) ? { value: cents } : fail(`${quoted(cell)} is too large to be an amount`);
}

// ---------------------------------------------------------------------------
// Notice periods

const NUMBER_WORDS: Record<string, number> = {
  un: 1, uno: 1, una: 1, one: 1, a: 1, an: 1, due: 2, two: 2, tre: 3, three: 3, quattro: 4, four: 4, cinque: 5, five: 5, sei: 6, six: 6,
  sette: 7, seven: 7, otto: 8, eight: 8, nove: 9, nine: 9, dieci: 10, ten: 10, undici: 11, eleven: 11, dodici: 12, twelve: 12,
  quindici: 15, fifteen: 15, diciotto: 18, eighteen: 18, venti: 20, twenty: 20, ventiquattro: 24, trenta: 30, thirty: 30,
  sessanta: 60, sixty: 60, novanta: 90, ninety: 90, centoventi: 120, centottanta: 180,
};

const UNIT_WORDS: [RegExp, "days" | "weeks" | "months" | "years"][] = [
  [/^(giorn[oi]|gg|g|days?|d)$/, "days"],
  [/^(settiman[ae]|weeks?|w)$/, "weeks"],
  [/^(mes[ei]|months?|m|mm)$/, "months"],
  [/^(ann[oi]|years?|y|yy)$/, "years"],
];

export interface Notice {
  days?: number;
  months?: number;
}

/** A notice period in days or months: "3 mesi", "90 giorni", "tre mesi", "6 months", "1 anno", "90" (days). */
export function readNotice(cell: Cell | undefined): Read<Notice> {
  if (typeof cell === "number") return Number.isInteger(cell) && cell > 0 && cell <= 3650 ? { value: { days: cell } } : fail(`${quoted(cell)} is not a notice period`);
  const text = fold(cellText(cell));
  if (!text || text === "no" || text === "nessuno" || text === "none") return EMPTY;
  const m = /(\d+|[a-z]+) ?(giorn[oi]|gg|g|days?|d|settiman[ae]|weeks?|w|mes[ei]|months?|mm|m|ann[oi]|years?|yy|y)\b/.exec(text) ?? /^(\d+)$/.exec(text);
  if (!m) return fail(`${quoted(cell)} is not a notice period: write it as “3 mesi”, “90 giorni” or “6 months”`);
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!];
  if (!n) return fail(`${quoted(cell)} is not a notice period: write it as “3 mesi”, “90 giorni” or “6 months”`);
  const unit = m[2] ? UNIT_WORDS.find(([re]) => re.test(m[2]!))![1] : "days";
  if (unit === "days") return n <= 3650 ? { value: { days: n } } : fail(`${quoted(cell)}: a notice period is at most 3650 days`);
  if (unit === "weeks") return { value: { days: n * 7 } };
  const months = unit === "years" ? n * 12 : n;
  return months <= 120 ? { value: { months } } : fail(`${quoted(cell)}: a notice period is at most 120 months`);
}

// ---------------------------------------------------------------------------
// Yes / no, countries

const YES = new Set(["si", "sì", "yes", "y", "x", "true", "vero", "1", "ok", "s"]);
const NO = new Set(["no", "n", "false", "falso", "0", "-", "non"]);

/** true for sì / yes / x / 1, false for no / 0 / -, nothing for an empty cell. */
export function readYesNo(cell: Cell | undefined): Read<boolean> {
  if (typeof cell === "boolean") return { value: cell };
  const text = fold(cellText(cell));
  if (!text) return EMPTY;
  if (YES.has(text)) return { value: true };
  if (NO.has(text)) return { value: false };
  return fail(`${quoted(cell)} is neither yes nor no`);
}

let countryNames: Map<string, string> | null = null;

function countriesByName(): Map<string, string> {
  if (countryNames) return countryNames;
  countryNames = new Map();
  for (const lang of ["en", "it", "fr", "de", "es"]) {
    const names = new Intl.DisplayNames([lang], { type: "region" });
    for (const code of COUNTRY_CODES) countryNames.set(fold(names.of(code) ?? code), code);
  }
  for (const [alias, code] of [["uk", "GB"], ["el", "GR"], ["england", "GB"], ["usa", "US"], ["stati uniti", "US"], ["holland", "NL"]] as const) {
    countryNames.set(alias, code);
  }
  return countryNames;
}

/** An ISO country code from a code or a name in English, Italian, French, German or Spanish ("UK" and the EU's "EL" too). */
export function readCountry(cell: Cell | undefined): Read<string> {
  const text = cellText(cell);
  if (!text) return EMPTY;
  const upper = text.toUpperCase();
  if (upper === "UK") return { value: "GB" };
  if (upper === "EL") return { value: "GR" };
  if (/^[A-Z]{2}$/.test(upper) && isCountryCode(upper)) return { value: upper };
  const code = countriesByName().get(fold(text));
  return code ? { value: code } : fail(`${quoted(cell)} is not a country`);
}

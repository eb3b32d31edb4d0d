/**
 * The names of downloaded files, carrying the filter they were made with
 * ("agreements-neurogenomics-active-2026-12-01.xlsx"): each part folded to
 * lower-case ASCII words joined by hyphens, at most a few parts and a
 * bounded length, the day last. And the two CSV flavours: the plain one
 * (comma, dot decimals, ISO days) and Italian Excel's (";", decimal commas,
 * dd/mm/yyyy), chosen by ?flavour=it. Pure.
 */
import { toDay } from "./dates";
import { fold } from "./text-match";

const MAX_PARTS = 4;
const MAX_PART = 32;

/** "Neurogenomics › Brain Organoids" -> "neurogenomics-brain-organoids". */
export function slugPart(text: string): string {
  const slug = fold(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.length > MAX_PART ? slug.slice(0, MAX_PART).replace(/-[^-]*$/, "") || slug.slice(0, MAX_PART) : slug;
}

export function exportFileName(base: string, parts: readonly string[], today: Date, extension: "csv" | "xlsx"): string {
  const slugs = [...new Set(parts.map(slugPart).filter(Boolean))].slice(0, MAX_PARTS);
  return [base, ...slugs, toDay(today)].join("-") + `.${extension}`;
}

export type CsvFlavour = "plain" | "it";

export const CSV_FLAVOURS: Record<CsvFlavour, { label: string; delimiter: string }> = {
  plain: { label: "CSV (comma-separated, decimal points: English Excel, LibreOffice, scripts)", delimiter: "," },
  it: { label: "CSV for Italian Excel (semicolon-separated, decimal commas)", delimiter: ";" },
};

export const csvFlavour = (params: URLSearchParams): CsvFlavour => (params.get("flavour") === "it" ? "it" : "plain");

/** "1250000.00" -> "1250000,00" for Italian Excel. */
export function flavourAmount(amount: string, flavour: CsvFlavour): string {
  return flavour === "it" ? amount.replace(".", ",") : amount;
}

/** "2026-12-31" -> "31/12/2026" for Italian Excel. */
export function flavourDay(day: string, flavour: CsvFlavour): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return flavour === "it" && m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

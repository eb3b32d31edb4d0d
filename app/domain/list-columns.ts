/**
 * The agreement list's columns a person may hide, and how their choice is
 * remembered: a cookie (so the server renders the list as they left it, on
 * any page of it), holding the hidden ones. Reference, title and status
 * always show. Until someone chooses, the start date is hidden: with every
 * other column shown at 1440 px the titles would wrap a word per line.
 */
import type { SortColumn } from "./agreement-filters";

export const OPTIONAL_COLUMNS = ["kind", "partners", "units", "startDate", "endDate", "noticeDeadline", "value"] as const satisfies readonly SortColumn[];
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export const COLUMN_LABELS: Record<OptionalColumn, string> = {
  kind: "Kind", partners: "Partners", units: "HT units", startDate: "Start", endDate: "End", noticeDeadline: "Notice by", value: "Value",
};

/** Hidden until the person chooses otherwise. */
export const DEFAULT_HIDDEN: readonly OptionalColumn[] = ["startDate"];

export const COLUMNS_COOKIE = "ht_list_columns";

/** The hidden columns from a Cookie header; unknown names are ignored. */
export function hiddenColumns(cookieHeader: string | null | undefined): OptionalColumn[] {
  const cookie = (cookieHeader ?? "").split(/;\s*/).find((c) => c.startsWith(`${COLUMNS_COOKIE}=`));
  if (cookie === undefined) return [...DEFAULT_HIDDEN];
  const raw = cookie.slice(COLUMNS_COOKIE.length + 1);
  let value = "";
  try {
    value = decodeURIComponent(raw);
  } catch {
    return [];
  }
  return OPTIONAL_COLUMNS.filter((c) => value.split(",").includes(c));
}

/** The cookie that remembers `hidden` for a year. */
export function columnsCookie(hidden: readonly OptionalColumn[]): string {
  return `${COLUMNS_COOKIE}=${encodeURIComponent(hidden.join(","))}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

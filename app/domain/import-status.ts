/**
 * Where an import is: its statuses, which of them are steps running as a
 * job (reading the file, matching partners, the dry run, the commit, the
 * undo) and which wait for the person (the mapping, the partners' review,
 * the confirmation), the five steps the pages show, and the limits of what
 * is read. Pure; shared by the import pages and app/models/import-*.server.ts.
 */
import { labels } from "./vocabulary";

export const IMPORT_STATUSES = labels({
  PARSING: "Reading the file",
  MAPPING: "Columns to map",
  MATCHING: "Matching partners",
  MATCHES: "Partners to review",
  PLANNING: "Dry run",
  READY: "Ready to import",
  COMMITTING: "Importing",
  DONE: "Imported",
  UNDOING: "Undoing",
  UNDONE: "Undone",
  FAILED: "Failed",
  CANCELLED: "Discarded",
});
export type ImportStatus = (typeof IMPORT_STATUSES.values)[number];

/** The steps that run as a job, and what each reports progress on. */
export const RUNNING_STATUSES = ["PARSING", "MATCHING", "PLANNING", "COMMITTING", "UNDOING"] as const satisfies readonly ImportStatus[];
export type RunningStatus = (typeof RUNNING_STATUSES)[number];

export const PROGRESS_UNITS: Record<RunningStatus, string> = {
  PARSING: "rows read",
  MATCHING: "organisations matched",
  PLANNING: "rows checked",
  COMMITTING: "agreements written",
  UNDOING: "records undone",
};

export const isRunning = (status: string): status is RunningStatus => (RUNNING_STATUSES as readonly string[]).includes(status);

/** Statuses from which the person may still go back and change the mapping or the partners. */
export const EDITABLE_STATUSES: readonly ImportStatus[] = ["MAPPING", "MATCHES", "READY", "FAILED"];

export const STEPS = [
  { label: "File", statuses: ["PARSING"] },
  { label: "Columns", statuses: ["MAPPING"] },
  { label: "Partners", statuses: ["MATCHING", "MATCHES"] },
  { label: "Dry run", statuses: ["PLANNING", "READY"] },
  { label: "Import", statuses: ["COMMITTING", "DONE", "UNDOING", "UNDONE"] },
] as const satisfies readonly { label: string; statuses: readonly ImportStatus[] }[];

/** The index of the step a status belongs to; a failed or discarded import shows the step it stopped at. */
export function stepIndex(status: string, failedStep?: string | null): number {
  const s = status === "FAILED" && failedStep ? failedStep : status;
  const i = STEPS.findIndex((step) => (step.statuses as readonly string[]).includes(s));
  return i < 0 ? 0 : i;
}

/** An upload is refused above this size. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Data rows read at most. */
export const MAX_IMPORT_ROWS = 50_000;
/** Characters in one cell at most: Excel's own limit. */
export const MAX_CELL_CHARS = 32_767;
/** Where an xlsx's parts may unpack to, in all: a 20 MB sheet is far below. */
export const MAX_XLSX_UNPACKED = 256 * 1024 * 1024;
/** The file types an import reads. */
export const IMPORT_EXTENSIONS = [".xlsx", ".csv", ".txt"] as const;

/** Organisations on one page of the partners' review. */
export const REVIEW_PAGE_SIZE = 50;
/** Report lines on one page of the dry run. */
export const REPORT_PAGE_SIZE = 100;

/** What /import/:id/progress answers while a step runs. */
export interface ImportProgressAnswer {
  status: string;
  done: number;
  total: number;
  error: string;
}

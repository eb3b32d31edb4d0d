/**
 * The app's one error vocabulary (docs/decisions/009). Models throw these;
 * routes never inspect them one by one: app/utils/errors.server.ts turns any
 * of them into what a form or an API call expects.
 *
 * - conflict: someone saved a newer version meanwhile; carries what is saved
 *   now (a snapshot of labelled fields) and its version, so the form can show
 *   both versions and offer an explicit "re-apply my changes";
 * - rule: the change breaks a rule, on a named field (or on the whole form);
 *   400 when the input is at fault, 409 when the record's current state
 *   refuses it (it has agreements, it is archived...);
 * - not-found and forbidden.
 */

/** What a person reads of a saved record, field by field: the two sides of a conflict. */
export type Snapshot = Record<string, string>;

/** The two versions of a conflict, field by field, as the conflict panel shows them. */
export interface ConflictView {
  /** The version saved meanwhile: an explicit "re-apply my changes" saves over it. */
  version: number;
  rows: { field: string; label: string; mine: string; theirs: string }[];
}

export type AppErrorKind = "conflict" | "rule" | "not-found" | "forbidden";

const STATUS: Record<AppErrorKind, number> = { conflict: 409, rule: 400, "not-found": 404, forbidden: 403 };

export class AppError extends Error {
  readonly kind: AppErrorKind;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** rule: the form field the message belongs to (conform's name, "parties[2].ref"); null for the whole form. */
  readonly field: string | null;
  /** conflict: what is saved now, and its version. */
  readonly current: Snapshot | null;
  readonly currentVersion: number | null;
  /** Anything else the form needs to help (e.g. the existing partner of a taken name). */
  readonly details: Record<string, unknown>;

  constructor(
    kind: AppErrorKind,
    message: string,
    options: {
      status?: number;
      field?: string | null;
      current?: Snapshot | null;
      currentVersion?: number | null;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.kind = kind;
    this.status = options.status ?? STATUS[kind];
    this.field = options.field ?? null;
    this.current = options.current ?? null;
    this.currentVersion = options.currentVersion ?? null;
    this.details = options.details ?? {};
  }
}

/** Someone else saved meanwhile: nothing was written; `current` is what is saved now. */
export function versionConflict(message: string, current: Snapshot | null = null, currentVersion: number | null = null) {
  return new AppError("conflict", message, { current, currentVersion });
}

/** The input breaks a rule: shown on `field` (null: above the form). 400. */
export function ruleBroken(field: string | null, message: string, details: Record<string, unknown> = {}) {
  return new AppError("rule", message, { field, details });
}

/** The record's current state refuses the change (it is referenced, archived, final...). 409. */
export function refused(message: string, field: string | null = null) {
  return new AppError("rule", message, { field, status: 409 });
}

export function notFound(message: string) {
  return new AppError("not-found", message);
}

export function forbidden(message: string) {
  return new AppError("forbidden", message);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Turns the app's errors (app/domain/errors.ts) into the answer a route
 * gives, so that routes have no `instanceof` chains:
 *
 *   try { ... } catch (error) { return formFailure(error, submission, { mine }) }
 *
 * - formFailure: for conform forms: the form's reply with the message on its
 *   field (or above the form), the status, and for a version conflict both
 *   versions side by side (ConflictView);
 * - messageFailure: for forms without fields (a confirmation button);
 * - jsonFailure: for JSON endpoints.
 * Not-found and forbidden become the route's error page (a thrown Response);
 * anything that is not an AppError is re-thrown: it is a bug, and Remix
 * logs it and answers 500.
 */
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { isAppError, type AppError, type ConflictView, type Snapshot } from "~/domain/errors";

/** What a form action answers on failure. */
export interface FormFailure {
  result: SubmissionResult<string[]>;
  conflict: ConflictView | null;
  /** A record that already holds the name typed (a taken name), for a link to it. */
  existing?: { id: string; name: string } | null;
}

interface Replyable {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): SubmissionResult<string[]>;
}

/** The error as an AppError; anything else is re-thrown, and not-found / forbidden become the error page. */
function expected(error: unknown): AppError {
  if (!isAppError(error)) throw error;
  if (error.kind === "not-found" || error.kind === "forbidden") {
    throw new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return error;
}

/** The rows that differ between what this person submitted and what is saved now, labelled. */
export function compareSnapshots(labels: Record<string, string>, mine: Snapshot, theirs: Snapshot): ConflictView["rows"] {
  return Object.entries(labels)
    .filter(([field]) => (mine[field] ?? "") !== (theirs[field] ?? ""))
    .map(([field, label]) => ({ field, label, mine: mine[field] ?? "", theirs: theirs[field] ?? "" }));
}

/**
 * The failed form's answer. For a version conflict, `mine` is the snapshot
 * of what was submitted (same keys as the error's `current`) and `labels`
 * names the fields to compare.
 */
export async function formFailure<Extra extends object = object>(
  error: unknown,
  submission: Replyable,
  options: {
    mine?: () => Snapshot | Promise<Snapshot>;
    labels?: Record<string, string>;
    hideFields?: string[];
    /** More fields for the answer, e.g. which of the page's forms failed ({ intent: "update" }). */
    extra?: Extra;
  } = {},
) {
  const e = expected(error);
  const hideFields = options.hideFields;
  const result = e.field
    ? submission.reply({ fieldErrors: { [e.field]: [e.message] }, hideFields })
    : submission.reply({ formErrors: [e.message], hideFields });
  let conflict: ConflictView | null = null;
  if (e.kind === "conflict" && e.current && e.currentVersion !== null && options.mine && options.labels) {
    conflict = { version: e.currentVersion, rows: compareSnapshots(options.labels, await options.mine(), e.current) };
  }
  const body = { ...options.extra, ...e.details, result, conflict } as FormFailure & Extra;
  return data(body, { status: e.status });
}

/** The failed answer of a form without fields: `{ error }` with the status. */
export function messageFailure<Extra extends object = object>(error: unknown, extra?: Extra) {
  const e = expected(error);
  return data({ ...extra, error: e.message } as Extra & { error: string }, { status: e.status });
}

/** A JSON endpoint's answer for an error: `{ error, field }` with the status; a conflict adds what is saved now and its version. */
export function jsonFailure(error: unknown, headers: HeadersInit = { "Cache-Control": "no-store" }) {
  if (!isAppError(error)) throw error;
  const conflict = error.kind === "conflict" ? { current: error.current, currentVersion: error.currentVersion } : {};
  return Response.json({ ok: false, error: error.message, field: error.field, ...conflict }, { status: error.status, headers });
}

/**
 * What an agreement needs before it goes for signature. A draft, and an
 * agreement in negotiation or legal review, may be saved with any subset of
 * fields (title and kind are enough): that is when its terms are still being
 * worked out. From Awaiting signature on, the kind's specific terms, every
 * party's role (and GDPR role for data sharing), both sides of the deal,
 * the dates and the agreement it implements or amends are required.
 *
 * One list, used three ways: the form's strict mode (app/domain/agreement-schema.ts),
 * the agreement page's "3 things missing before signature", and the server's
 * refusal of a move to Awaiting signature or Active.
 */
import { DETAIL_FIELDS } from "./agreement-details";
import { AGREEMENT_KINDS, type AgreementKind, type AgreementStatus } from "./vocabulary";

/** draft: lenient (before signature); signature: strict. */
export type FormMode = "draft" | "signature";

/** Statuses in which an agreement is still being worked out: its form is lenient. */
export const LENIENT_STATUSES: readonly AgreementStatus[] = ["DRAFT", "NEGOTIATION", "LEGAL_REVIEW"];

/** The form's mode for an agreement in `status` (a new agreement is a draft). */
export function formModeFor(status: string | null | undefined): FormMode {
  return !status || LENIENT_STATUSES.includes(status as AgreementStatus) ? "draft" : "signature";
}

/** Moving to these statuses needs everything (the move passes through Awaiting signature). */
export const STRICT_TARGETS: readonly AgreementStatus[] = ["AWAITING_SIGNATURE", "ACTIVE"];

export interface ReadinessValues {
  kind?: string;
  startDate?: string | null;
  endDate?: string | null;
  frameworkId?: string | null;
  amendsRef?: string | null;
  /** Typed or raw kind-specific values, by field name. */
  details?: Record<string, unknown>;
  parties?: ({ ref?: string | null; role?: string | null; gdprRole?: string | null; name?: string } | undefined)[];
}

/** One thing missing, on the form field it belongs to (conform's name). */
export interface Gap {
  field: string;
  message: string;
}

const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function partyGaps(values: ReadinessValues): Gap[] {
  const gaps: Gap[] = [];
  const parties = (values.parties ?? []).map((p) => p ?? {});
  const refs = parties.map((p) => p.ref ?? "");
  if (!refs.some((r) => r.startsWith("unit:"))) gaps.push({ field: "parties", message: "Add at least one HT unit as a party" });
  if (!refs.some((r) => r.startsWith("partner:"))) gaps.push({ field: "parties", message: "Add at least one partner as a party" });
  parties.forEach((p, i) => {
    if (!p.ref) return;
    const who = p.name ?? `party ${i + 1}`;
    if (isEmpty(p.role)) gaps.push({ field: `parties[${i}].role`, message: `Choose the role of ${who}` });
    if (values.kind === "DATA_SHARING" && isEmpty(p.gdprRole)) {
      gaps.push({ field: `parties[${i}].gdprRole`, message: `Record the GDPR role of ${who}` });
    }
  });
  return gaps;
}

/**
 * Everything still missing before signature, in the order of the form.
 * Empty when the agreement may go for signature.
 */
export function missingBeforeSignature(values: ReadinessValues): Gap[] {
  const gaps: Gap[] = [];
  const kind = AGREEMENT_KINDS.includes(values.kind) ? (values.kind as AgreementKind) : null;
  if (kind === "IMPLEMENTING" && isEmpty(values.frameworkId)) {
    gaps.push({ field: "frameworkId", message: "Choose the framework agreement this implements" });
  }
  if (kind === "AMENDMENT" && isEmpty(values.amendsRef)) {
    gaps.push({ field: "amendsRef", message: "Enter the reference of the agreement this amends" });
  }
  if (isEmpty(values.startDate)) gaps.push({ field: "startDate", message: "Enter the start date" });
  if (isEmpty(values.endDate)) gaps.push({ field: "endDate", message: "Enter the end date" });
  if (kind) {
    for (const field of DETAIL_FIELDS[kind]) {
      // A checkbox always has an answer (ticked or not).
      if (!field.required || field.type === "boolean") continue;
      if (isEmpty(values.details?.[field.name])) gaps.push({ field: `details.${field.name}`, message: `${field.label} is required` });
    }
  }
  return [...gaps, ...partyGaps(values)];
}

/** "parties[3].role" -> "parties[].role": one name for a field of every row. */
export const rowless = (name: string) => name.replace(/\[\d+\]/g, "[]");

/**
 * The form fields signature requires for `kind`, rows written "parties[].role":
 * marked required in strict mode and "needed for signature" in a draft.
 */
export function signatureFields(kind: string | undefined): Set<string> {
  const gaps = missingBeforeSignature({ kind, parties: [{ ref: "unit:x" }, { ref: "partner:y" }] });
  return new Set(gaps.map((g) => rowless(g.field)));
}

/** How a form field is marked in `mode`: required (strict) or needed for signature (draft). */
export function fieldNeeds(mode: FormMode, kind: string | undefined) {
  const fields = signatureFields(kind);
  return (name: string): { required?: boolean; forSignature?: boolean } =>
    fields.has(rowless(name)) ? (mode === "signature" ? { required: true } : { forSignature: true }) : {};
}
export type FieldNeeds = ReturnType<typeof fieldNeeds>;

/** "3 things missing before signature" */
export function describeGaps(gaps: Gap[]): string {
  return gaps.length === 1 ? "1 thing missing before signature" : `${gaps.length} things missing before signature`;
}

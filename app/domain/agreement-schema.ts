/**
 * The agreement form: one zod schema for the browser (conform) and the
 * server, in two modes: "draft" (lenient: before signature any subset of
 * fields saves, title and kind are enough) and "signature" (strict: what
 * app/domain/agreement-readiness.ts lists is required). Formats (real dates,
 * amounts, e-mail addresses) and consistency (an end after the start, no
 * party twice) are checked in both. Rules that need only the submitted values live here; rules that
 * need the database (the framework's term, unknown ids, unique references)
 * are checked by app/models/agreement-write.server.ts and reported on the
 * same fields.
 */
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { DETAIL_FIELDS, detailsSchemaFor } from "./agreement-details";
import { missingBeforeSignature, type FormMode } from "./agreement-readiness";
import { REFERENCE_PATTERN } from "./agreement-reference";
import { parseDay } from "./dates";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, GDPR_ROLES, PARTY_ROLES, RENEWAL_TYPES, SIGNATURE_STATUSES, VALUE_DIRECTIONS,
  type AgreementKind,
} from "./vocabulary";

export const TITLE_MAX = 300;
export const TEXT_MAX = 200;
export const SUMMARY_MAX = 5000;
export const MAX_PARTIES = 60;
/** The field "Save anyway" submits: the ids of the possible duplicates the person has seen. */
export const ACKNOWLEDGED_DUPLICATES = "acknowledgedDuplicates";

/** An agreement the server found that may be the one being saved (app/models/agreement-duplicates.server.ts), as the form shows it. */
export interface PossibleDuplicate {
  id: string;
  reference: string;
  title: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  partnersLabel: string;
  reason: "same parties and overlapping term" | "very similar title";
}
/** Largest value accepted, in euro: a guard against typos (an extra zero or two). */
export const VALUE_MAX_EUR = 10_000_000_000;

const text = (label: string, max = TEXT_MAX) =>
  z.string().trim().max(max, `${label} has at most ${max} characters`).optional();

const day = (label: string) =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || parseDay(v) !== undefined, `${label} must be a real date (YYYY-MM-DD)`);

/** "1250000.5", "1.250.000,50", "€ 1,250,000.50" all read as cents; anything else is an error. */
export function parseEuroToCents(input: string): number | null {
  const s = input.replace(/[€\s]/g, "").replace(/^EUR/i, "");
  if (!s) return null;
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s) || /^\d+(,\d{1,2})$/.test(s)) {
    normalised = s.replace(/\./g, "").replace(",", "."); // Italian: 1.250.000,50
  } else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s) || /^\d+(\.\d{1,2})?$/.test(s)) {
    normalised = s.replace(/,/g, ""); // English: 1,250,000.50
  } else {
    return Number.NaN;
  }
  const [euros = "0", cents = ""] = normalised.split(".");
  return Number(euros) * 100 + Number(cents.padEnd(2, "0"));
}

export const PartySchema = z.object({
  /** "unit:<id>" or "partner:<id>": one select lists both sides. */
  ref: z
    .string()
    .regex(/^(unit|partner):[\w-]{1,64}$/, "Choose an HT unit or a partner from the list")
    .optional(),
  /** Optional in a draft; required for signature (agreement-readiness). */
  role: z.enum(PARTY_ROLES.values, { errorMap: () => ({ message: "Choose the party's role" }) }).optional(),
  contactName: text("Contact name"),
  contactEmail: z.string().trim().max(254).email("Enter a valid email address").optional(),
  gdprRole: z.enum(GDPR_ROLES.values).optional(),
  signatureStatus: z.enum(SIGNATURE_STATUSES.values).default("PENDING"),
  signedAt: day("Signature date"),
});
export type PartyInput = z.infer<typeof PartySchema>;

export const AgreementInputSchema = z.object({
  /** Present when editing: the version the form was loaded with. */
  version: z.number().int().min(1).optional(),
  /** Optional on create (onboarding keeps existing numbers); generated when empty. */
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(REFERENCE_PATTERN, "A reference looks like HT-2026-0042")
    .optional(),
  title: z
    .string({ required_error: "Enter a title" })
    .trim()
    .min(3, "A title has at least 3 characters")
    .max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters`),
  kind: z.enum(AGREEMENT_KINDS.values, { errorMap: () => ({ message: "Choose the kind of agreement" }) }),
  summary: text("The summary", SUMMARY_MAX),
  signatureDate: day("The signature date"),
  startDate: day("The start date"),
  endDate: day("The end date"),
  renewalType: z.enum(RENEWAL_TYPES.values).default("NONE"),
  noticePeriodDays: z
    .number({ invalid_type_error: "The notice period is a whole number of days" })
    .int("The notice period is a whole number of days")
    .min(1, "The notice period is at least 1 day")
    .max(3650, "The notice period is at most 3650 days")
    .optional(),
  /** Notice in calendar months instead of days (app/domain/deadlines.ts has the rule). */
  noticePeriodMonths: z
    .number({ invalid_type_error: "The notice period is a whole number of months" })
    .int("The notice period is a whole number of months")
    .min(1, "The notice period is at least 1 month")
    .max(120, "The notice period is at most 120 months")
    .optional(),
  /** How long a renewal lasts; empty: as long as the current term. */
  renewalTermMonths: z
    .number({ invalid_type_error: "The renewal term is a whole number of months" })
    .int("The renewal term is a whole number of months")
    .min(1, "The renewal term is at least 1 month")
    .max(600, "The renewal term is at most 600 months")
    .optional(),
  value: z.string().trim().max(40, "Enter the value as a number, like 125000.50").optional(),
  valueDirection: z.enum(VALUE_DIRECTIONS.values).default("NONE"),
  confidentiality: z.enum(CONFIDENTIALITY.values).default("INTERNAL"),
  /** The HT owner's account. */
  ownerId: z.string().max(64).optional(),
  /** The owner's name as recorded before accounts (kept while no account is chosen). */
  htOwner: text("The HT owner"),
  partnerContact: text("The partner contact"),
  /** The lifecycle then asks for a board approval before "Awaiting signature". */
  needsBoardApproval: z.boolean().default(false),
  /** The framework an implementing agreement implements. */
  frameworkId: z.string().max(64).optional(),
  /** The reference of the agreement an amendment changes (HT-2024-0007). */
  amendsRef: z
    .string()
    .trim()
    .toUpperCase()
    .regex(REFERENCE_PATTERN, "Enter the reference of the amended agreement, like HT-2024-0007")
    .optional(),
  /** The agreement a renewal succeeds (set by "Renew"). */
  renewsId: z.string().max(64).optional(),
  researchLineIds: z.array(z.string().max(64)).max(50).default([]),
  details: z.record(z.string(), z.string().optional()).default({}),
  parties: z.array(PartySchema).max(MAX_PARTIES, `At most ${MAX_PARTIES} parties`).default([]),
});

/** Kind-specific raw form strings to typed values (checkbox "on", whole numbers). */
function typedDetails(kind: AgreementKind, raw: Record<string, string | undefined>) {
  const out: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS[kind]) {
    const v = raw[field.name]?.trim();
    if (field.type === "boolean") out[field.name] = v === "on" || v === "true";
    else if (field.type === "integer") out[field.name] = v ? (/^\d+$/.test(v) ? Number(v) : Number.NaN) : undefined;
    else out[field.name] = v || undefined;
  }
  return out;
}

/** The form's values as far as they could be read: strings, possibly missing or malformed. */
interface LooseValues {
  kind?: string;
  startDate?: string;
  endDate?: string;
  signatureDate?: string;
  renewalType?: string;
  noticePeriodDays?: number | string;
  noticePeriodMonths?: number | string;
  value?: string;
  valueDirection?: string;
  frameworkId?: string;
  amendsRef?: string;
  details?: Record<string, string | undefined>;
  parties?: ({ ref?: string; role?: string; gdprRole?: string; signatureStatus?: string; signedAt?: string; contactName?: string; contactEmail?: string } | undefined)[];
}

/**
/**
 * The rules that relate fields to each other. They run on whatever could be
 * read, so a person sees every problem at once, not only the first layer
 * (zod skips refinements while any single field is invalid). In "signature"
 * mode, everything still missing before signature is a problem too.
 */
export function crossFieldIssues(values: LooseValues, mode: FormMode = "signature"): { path: (string | number)[]; message: string }[] {
  const issues = [...dateAndValueIssues(values), ...partyIssues(values), ...detailFormatIssues(values)];
  if (mode === "signature") {
    for (const gap of missingBeforeSignature(values)) issues.push({ path: parsePath(gap.field), message: gap.message });
  }
  return issues;
}

function dateAndValueIssues(values: LooseValues) {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const issue = (path: (string | number)[], message: string) => issues.push({ path, message });
  const start = parseDay(values.startDate);
  const end = parseDay(values.endDate);
  if (start && end && end < start) issue(["endDate"], "The end date cannot be before the start date");
  const signed = parseDay(values.signatureDate);
  if (signed && end && signed > end) issue(["signatureDate"], "The signature date cannot be after the end date");

  const renewal = values.renewalType ?? "NONE";
  if (renewal === "TACIT" && !values.noticePeriodDays && !values.noticePeriodMonths) {
    issue(["noticePeriodDays"], "A tacit renewal needs a notice period");
  }
  if (values.noticePeriodDays && values.noticePeriodMonths) {
    issue(["noticePeriodMonths"], "Give the notice period in days or in months, not both");
  }
  if (renewal !== "NONE" && !end) issue(["endDate"], "An agreement that renews needs an end date");

  const direction = values.valueDirection ?? "NONE";
  if (values.value) {
    const cents = parseEuroToCents(values.value);
    if (cents === null) {
      /* only symbols: no value */
    } else if (Number.isNaN(cents)) {
      issue(["value"], "Enter the value in euro as a number with at most two decimals, like 125000.50");
    } else if (cents > VALUE_MAX_EUR * 100) {
      issue(["value"], "That value is implausibly large; check the number of digits");
    } else if (cents > 0 && direction === "NONE") {
      issue(["valueDirection"], "Say whether HT pays or receives this value");
    }
  } else if (direction !== "NONE") {
    issue(["value"], "Enter the value, or set the direction to “No value”");
  }
  return issues;
}

/** In both modes: no party twice, signatures consistent, no row with details but no party. */
function partyIssues(values: LooseValues) {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const parties = (values.parties ?? []).map((p) => p ?? {});
  const refs = parties.map((p) => p.ref ?? "");
  refs.forEach((r, i) => {
    if (r && refs.indexOf(r) !== i) issues.push({ path: ["parties", i, "ref"], message: "This party is already listed" });
  });
  parties.forEach((p, i) => {
    if (!p.ref && (p.contactName || p.contactEmail || p.signedAt || p.gdprRole)) {
      issues.push({ path: ["parties", i, "ref"], message: "Choose the HT unit or partner, or remove this row" });
    }
    const status = p.signatureStatus ?? "PENDING";
    if (status === "SIGNED" && !p.signedAt) issues.push({ path: ["parties", i, "signedAt"], message: "Enter when this party signed" });
    if (status !== "SIGNED" && p.signedAt) issues.push({ path: ["parties", i, "signatureStatus"], message: "A signature date needs the status “Signed”" });
  });
  return issues;
}

/** The kind's fields that are filled in must be well formed (a real date, a whole number...), in both modes. */
function detailFormatIssues(values: LooseValues) {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (!values.kind || !AGREEMENT_KINDS.includes(values.kind)) return issues;
  const kind = values.kind as AgreementKind;
  const details = detailsSchemaFor(kind, { lenient: true }).safeParse(typedDetails(kind, values.details ?? {}));
  if (!details.success) for (const e of details.error.issues) issues.push({ path: ["details", ...e.path], message: e.message });
  return issues;
}

/** "parties[2].role" -> ["parties", 2, "role"] */
function parsePath(name: string): (string | number)[] {
  return name.split(/[.[\]]+/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function buildSchema(mode: FormMode) {
  return AgreementInputSchema.superRefine((v, ctx) => {
    for (const { path, message } of crossFieldIssues(v, mode)) ctx.addIssue({ code: "custom", path, message });
  }).transform((v) => ({
    ...v,
    valueCents: v.value ? parseEuroToCents(v.value) : null,
    details: typedDetails(v.kind, v.details),
  }));
}

const SCHEMAS = { draft: buildSchema("draft"), signature: buildSchema("signature") };

/** The form's schema in a mode: "draft" before signature, "signature" from Awaiting signature on. */
export const agreementFormSchema = (mode: FormMode) => SCHEMAS[mode];
/** The strict schema (the mode of an agreement awaiting signature or signed). */
export const AgreementFormSchema = SCHEMAS.signature;

export type AgreementFormInput = z.input<typeof AgreementInputSchema>;
export type AgreementFormValue = z.output<typeof AgreementFormSchema>;

/**
 * Parses the agreement form in `mode`. When some field is invalid, the
 * cross-field rules are still checked on what could be read, and their
 * messages added.
 */
export function parseAgreementForm(formData: FormData, mode: FormMode = "signature") {
  const submission = parseWithZod(formData, { schema: agreementFormSchema(mode) });
  if (submission.status === "error") {
    const error = (submission.error ??= {});
    for (const { path, message } of crossFieldIssues(submission.payload as LooseValues, mode)) {
      const name = formatPath(path);
      const messages = (error[name] ??= []);
      if (!messages.includes(message)) messages.push(message);
    }
  }
  return submission;
}

/** ["parties", 2, "ref"] -> "parties[2].ref", conform's field names. */
function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}

/** Splits "unit:<id>" / "partner:<id>". */
export function splitPartyRef(ref: string): { unitId: string | null; partnerId: string | null } {
  const [side, id = ""] = ref.split(":");
  return side === "unit" ? { unitId: id, partnerId: null } : { unitId: null, partnerId: id };
}

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false);

/** A party's signature recorded while activating (the move form lists those not yet signed). */
export const SignatureRecordSchema = z.object({
  partyId: z.string().min(1).max(64),
  signed: checkbox,
  signedAt: day("The signature date"),
});

/**
 * Moving an agreement along its lifecycle, one step or several at once:
 * always dated, with a comment recorded on every step. Activating asks for
 * the signature date, lets the signatures still missing be recorded in the
 * same step, and asks for an explicit confirmation to activate without them.
 */
export const TransitionSchema = z
  .object({
    version: z.number().int().min(1),
    to: z.enum(AGREEMENT_STATUSES.values, { errorMap: () => ({ message: "Choose where to move the agreement" }) }),
    effectiveOn: z
      .string({ required_error: "Enter the date of this change" })
      .refine((v) => parseDay(v) !== undefined, "Enter a real date (YYYY-MM-DD)"),
    comment: z
      .string({ required_error: "Add a comment for the status history (what happened, who decided)" })
      .trim()
      .min(1, "Add a comment for the status history (what happened, who decided)")
      .max(1000, "A comment has at most 1000 characters"),
    signatureDate: day("The signature date"),
    signatures: z.array(SignatureRecordSchema).max(MAX_PARTIES).default([]),
    confirmUnsigned: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.to === "ACTIVE" && !v.signatureDate) {
      ctx.addIssue({ code: "custom", path: ["signatureDate"], message: "Activation needs the signature date (the last party's signature)" });
    }
    v.signatures.forEach((s, i) => {
      if (s.signed && !s.signedAt) ctx.addIssue({ code: "custom", path: ["signatures", i, "signedAt"], message: "Enter when this party signed" });
    });
  });
export type TransitionValue = z.output<typeof TransitionSchema>;

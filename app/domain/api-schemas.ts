/**
 * The JSON API's answers as zod schemas (docs/decisions/072): what
 * /api/agreements, /api/partners, /api/units, /api/deadlines and
 * /api/network return and
 * what an error looks like. The OpenAPI document is generated from these
 * and from the forms' own input schemas (app/utils/openapi.server.ts); the
 * tests parse every answer with them, so the document cannot drift from
 * what the server sends. Dates are calendar days (YYYY-MM-DD); amounts are
 * euro cents.
 */
import { z } from "zod";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, GDPR_ROLES, PARTNER_KINDS, PARTY_ROLES, RENEWAL_TYPES, SIGNATURE_STATUSES,
  UNIT_KINDS, VALUE_DIRECTIONS,
} from "./vocabulary";
import { DEADLINE_STATES } from "./deadlines";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable();
const instant = z.string().datetime();

export const ApiErrorSchema = z.object({
  ok: z.literal(false),
  error: z.string(),
  field: z.string().nullable().optional(),
  /** 400: every problem, on the field it belongs to ("parties[0].role"). */
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  /** 409 version conflict: what is saved now, field by field, and its version. */
  current: z.record(z.string(), z.string()).nullable().optional(),
  currentVersion: z.number().int().nullable().optional(),
});

export const AgreementRowSchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  kind: z.enum(AGREEMENT_KINDS.values),
  /** The effective status: an active agreement past its end date is EXPIRED. */
  status: z.enum(AGREEMENT_STATUSES.values),
  confidentiality: z.enum(CONFIDENTIALITY.values),
  startDate: day,
  endDate: day,
  valueCents: z.number().int().nullable(),
  valueDirection: z.enum(VALUE_DIRECTIONS.values),
  partners: z.string(),
  units: z.string(),
  archived: z.boolean(),
});

export const AgreementListSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  items: z.array(AgreementRowSchema),
});

export const ApiPartySchema = z.object({
  /** "unit:<id>" or "partner:<id>", as the input takes it. */
  ref: z.string(),
  name: z.string(),
  role: z.enum(PARTY_ROLES.values).nullable(),
  contactName: z.string(),
  contactEmail: z.string(),
  gdprRole: z.enum(GDPR_ROLES.values).nullable(),
  signatureStatus: z.enum(SIGNATURE_STATUSES.values),
  signedAt: day,
});

export const AgreementSchema = AgreementRowSchema.extend({
  /** The status recorded (status: the effective one). */
  recordedStatus: z.enum(AGREEMENT_STATUSES.values),
  summary: z.string(),
  signatureDate: day,
  renewalType: z.enum(RENEWAL_TYPES.values),
  noticePeriodDays: z.number().int().nullable(),
  noticePeriodMonths: z.number().int().nullable(),
  renewalTermMonths: z.number().int().nullable(),
  /** The last day to give notice (tacit renewal) or decide (express), computed from the terms. */
  noticeDeadline: day,
  /** The HT owner's account, and the owner's name. */
  ownerId: z.string().nullable(),
  htOwner: z.string(),
  partnerContact: z.string(),
  needsBoardApproval: z.boolean(),
  protocolNumber: z.string().nullable(),
  protocolDate: day,
  details: z.record(z.string(), z.unknown()),
  parties: z.array(ApiPartySchema),
  links: z.array(z.object({ type: z.string(), direction: z.enum(["from", "to"]), agreementId: z.string(), reference: z.string() })),
  researchLineIds: z.array(z.string()),
  /** Send it back with an update: a newer one means someone saved meanwhile (409). */
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});

export const PartnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  acronym: z.string().nullable(),
  kind: z.enum(PARTNER_KINDS.values),
  city: z.string(),
  country: z.string(),
  parentId: z.string().nullable(),
  /** Agreements (not archived) the caller may read. */
  agreementCount: z.number().int(),
});
export const PartnerDetailSchema = PartnerSchema.extend({
  website: z.string().nullable(),
  aliases: z.array(z.string()),
  agreements: z.array(AgreementRowSchema),
});

export const UnitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS.values),
  parentId: z.string().nullable(),
  agreementCount: z.number().int(),
});
export const UnitDetailSchema = UnitSchema.extend({
  description: z.string(),
  researchLines: z.array(z.object({ id: z.string(), name: z.string() })),
  groups: z.array(z.object({ id: z.string(), name: z.string(), code: z.string() })),
  agreements: z.array(AgreementRowSchema),
});

export const NetworkSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), type: z.enum(["unit", "partner", "cluster"]), label: z.string(), name: z.string(), kind: z.string(), agreementCount: z.number() }).passthrough()),
  edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string(), count: z.number() }).passthrough()),
  meta: z.record(z.string(), z.unknown()),
});

export const DeadlineSchema = z.object({
  /** Stable: the kind, the agreement or obligation, and the date. */
  key: z.string(),
  /** NOTICE, RENEWAL, END, SIGNATURE, or an obligation's kind (REPORT, PAYMENT_DUE...). */
  kind: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The legal date when the deadline moved off a weekend (date is the working day before). */
  legalDate: day,
  state: z.enum(DEADLINE_STATES.values),
  daysLeft: z.number().int(),
  /** What has to happen, as the deadlines page says it. */
  sentence: z.string(),
  agreement: z.object({ id: z.string(), reference: z.string(), title: z.string(), kind: z.string(), partners: z.string(), units: z.string() }),
  obligation: z.object({ id: z.string(), title: z.string(), schedule: z.string(), party: z.string() }).nullable(),
  responsible: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});

export const DeadlineListSchema = z.object({
  window: z.object({ from: day, to: z.string() }),
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  summary: z.object({ total: z.number().int(), overdue: z.number().int(), due: z.number().int(), notices: z.number().int() }),
  /** Deadlines of restricted agreements the caller may not read: counted, never shown. */
  restrictedHidden: z.number().int(),
  items: z.array(DeadlineSchema),
});

export const CreatedSchema = z.object({ ok: z.literal(true), agreement: AgreementSchema });
export const UpdatedSchema = CreatedSchema.extend({ changed: z.array(z.string()) });

export const AGREEMENT_PAGE_SIZE_MAX = 100;

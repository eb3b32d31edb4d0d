/**
 * Fields that only some kinds of agreement record (DOMAIN.md, "fields it needs
 * beyond the common ones"). Each kind declares its fields once; the zod
 * schema that validates the Agreement.details JSON column and the labels the
 * pages show are both derived from that declaration.
 */
import { z } from "zod";
import { parseDay } from "./dates";
import type { AgreementKind } from "./vocabulary";

type FieldType = "text" | "longtext" | "date" | "boolean" | "choice" | "integer";

export interface DetailField {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  choices?: Record<string, string>;
  hint?: string;
}

const text = (name: string, label: string, required = true, hint?: string): DetailField => ({
  name, label, type: "text", required, hint,
});
const longtext = (name: string, label: string, required = true, hint?: string): DetailField => ({
  name, label, type: "longtext", required, hint,
});

export const DETAIL_FIELDS: Record<AgreementKind, DetailField[]> = {
  MOU: [longtext("areasOfCollaboration", "Areas of collaboration")],
  FRAMEWORK: [
    text("coordinatingCommittee", "Coordinating committee"),
    text("ipRegime", "IP regime"),
  ],
  IMPLEMENTING: [
    text("scientificLeads", "Scientific leads"),
    longtext("activities", "Activities"),
    longtext("resourcesAndCosts", "Resources and costs"),
  ],
  RESEARCH_COLLABORATION: [
    text("scientificLeads", "Scientific leads"),
    text("budget", "Budget", true, "How the value is split between the parties"),
    text("ipTerms", "IP terms"),
    text("publicationTerms", "Publication terms"),
  ],
  CONSORTIUM: [
    text("governance", "Governance"),
    text("backgroundIp", "Background IP"),
    text("grantReference", "Grant", true, "Programme and grant agreement number"),
  ],
  DATA_SHARING: [
    text("dataCategories", "Data transferred"),
    text("transferBasis", "Transfer basis", true, "Legal basis of the transfer (GDPR art. 6/9, SCCs...)"),
    { name: "dataDestructionDate", label: "Data destruction date", type: "date", required: true },
  ],
  MTA: [
    text("material", "Material"),
    { name: "nonCommercialUse", label: "Non-commercial use only", type: "boolean", required: true },
  ],
  NDA: [
    {
      name: "direction", label: "Direction", type: "choice", required: true,
      choices: { ONE_WAY: "One-way", MUTUAL: "Mutual" },
    },
    { name: "confidentialityYears", label: "Confidentiality lasts (years)", type: "integer", required: true },
  ],
  JOINT_LAB: [
    text("host", "Hosted by"),
    text("staff", "Staff"),
    text("annualContributions", "Annual contributions"),
  ],
  AFFILIATION: [
    text("person", "Person"),
    text("homeInstitution", "Home institution"),
    text("hostInstitution", "Host institution"),
  ],
  SERVICE: [
    text("tariffs", "Tariffs"),
    text("capacity", "Capacity"),
  ],
  AMENDMENT: [longtext("whatChanged", "What changed")],
};

const MAX_TEXT = 2000;

function fieldSchema(field: DetailField): z.ZodTypeAny {
  let schema: z.ZodTypeAny;
  switch (field.type) {
    case "text":
    case "longtext":
      schema = z.string().trim().min(1, `${field.label} is required`).max(MAX_TEXT);
      break;
    case "date":
      // A real calendar day: 2026-02-30 is refused, not stored as 2 March.
      schema = z.string().refine((v) => parseDay(v) !== undefined, `${field.label} must be a date (YYYY-MM-DD)`);
      break;
    case "boolean":
      schema = z.boolean();
      break;
    case "integer":
      schema = z.number().int().min(0).max(100);
      break;
    case "choice":
      schema = z.enum(Object.keys(field.choices ?? {}) as [string, ...string[]]);
      break;
  }
  return field.required ? schema : schema.optional();
}

/**
 * The schema of a kind's fields. Lenient (a draft's): every field may be
 * empty, but what is filled in must be well formed; what is required before
 * signature is listed by app/domain/agreement-readiness.ts.
 */
export const detailsSchemaFor = (kind: AgreementKind, { lenient = false }: { lenient?: boolean } = {}) =>
  z.object(Object.fromEntries(DETAIL_FIELDS[kind].map((f) => [f.name, fieldSchema({ ...f, required: lenient ? false : f.required })]))).strict();

export type AgreementDetails = Record<string, string | number | boolean | undefined>;

/** Parses stored JSON leniently for display: unknown or malformed content shows as empty. */
export function readDetails(json: string): AgreementDetails {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" ? (value as AgreementDetails) : {};
  } catch {
    return {};
  }
}

/** Label/value pairs for the kind's fields, in declaration order. */
export function describeDetails(kind: AgreementKind, json: string) {
  const details = readDetails(json);
  return DETAIL_FIELDS[kind].map((field) => {
    const raw = details[field.name];
    let value: string;
    if (raw === undefined || raw === "") value = "";
    else if (field.type === "boolean") value = raw ? "Yes" : "No";
    else if (field.type === "choice") value = field.choices?.[String(raw)] ?? String(raw);
    else value = String(raw);
    return { name: field.name, label: field.label, type: field.type, value };
  });
}

/**
 * Form schemas for the directory: partners (create, edit, merge), HT units
 * and their research lines. Shared by the server (parseWithZod) and the
 * browser (conform's client-side validation). Rules that need the database
 * (unique names, no cycles, a group's parent being a centre) live in the
 * models.
 */
import { z } from "zod";
import { isCountryCode } from "./countries";
import { PARTNER_KINDS, UNIT_KINDS } from "./vocabulary";

// Control characters (line breaks, tabs, NUL...) have no place in a name and
// would break one-line displays and exports.
const CONTROL = /[\u0000-\u001f\u007f]/;

function nameSchema(what: string, max: number) {
  return z
    .string({ required_error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(max, `The ${what} has at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), `The ${what} cannot contain line breaks or control characters`);
}

const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `The ${what} has at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), `The ${what} cannot contain line breaks or control characters`)
    .optional();

/** A web address people can follow: http or https, with a real host name. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".") && !url.username;
  } catch {
    return false;
  }
}

const id = z.string().trim().max(64);
const version = z.coerce.number({ invalid_type_error: "Reload the page and try again" }).int().min(1);

// ---------------------------------------------------------------------------
// Partners

export const PartnerFields = z.object({
  name: nameSchema("partner's name", 200),
  acronym: optionalText("acronym", 20),
  kind: z.enum(PARTNER_KINDS.values, { errorMap: () => ({ message: "Choose what kind of institution it is" }) }),
  city: optionalText("city", 120),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, "Choose a country (a two-letter ISO 3166 code, such as IT)")
    .default("IT"),
  website: z
    .string()
    .trim()
    .max(500, "A web address has at most 500 characters")
    .refine(isWebAddress, "Enter a full web address starting with https:// (or http://), like https://www.iit.it")
    .optional(),
  parentId: id.optional(),
  /** Other names it goes by, ";"-separated (the party picker matches them). */
  aliases: optionalText("other names", 500),
});
export type PartnerInput = z.infer<typeof PartnerFields>;

export const CreatePartnerSchema = PartnerFields;

export const UpdatePartnerSchema = PartnerFields.extend({
  intent: z.literal("update"),
  version,
});

export const DeletePartnerSchema = z.object({ intent: z.literal("delete"), version });

export const MergePartnerSchema = z.object({
  into: id.min(1, "Choose the partner to keep"),
  version,
  intoVersion: version,
});

// ---------------------------------------------------------------------------
// HT units

/** NG, F1, MG-ROSSI: capital letters and digits, in parts joined by single hyphens. */
export const UNIT_CODE_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

const UnitFields = z.object({
  code: z
    .string({ required_error: "Enter a code" })
    .trim()
    .toUpperCase()
    .max(30, "A code has at most 30 characters")
    .regex(UNIT_CODE_PATTERN, "Use capital letters and digits, in parts joined by hyphens, like NG or NG-CONTI"),
  name: nameSchema("unit's name", 200),
  kind: z.enum(UNIT_KINDS.values, { errorMap: () => ({ message: "Choose a research centre, a facility or a research group" }) }),
  parentId: id.optional(),
  description: z.string().trim().max(2000, "The description has at most 2,000 characters").optional(),
});
export type UnitInput = z.infer<typeof UnitFields>;

/** A group sits under a centre or a facility; centres and facilities sit under nothing. */
function unitTree<T extends z.ZodTypeAny>(schema: T) {
  return schema.superRefine((v: UnitInput, ctx) => {
    if (v.kind === "GROUP" && !v.parentId) {
      ctx.addIssue({ code: "custom", path: ["parentId"], message: "Choose the centre or facility the group belongs to" });
    }
    if (v.kind !== "GROUP" && v.parentId) {
      ctx.addIssue({ code: "custom", path: ["parentId"], message: "Centres and facilities do not sit under another unit: leave this empty" });
    }
  });
}

export const CreateUnitSchema = unitTree(UnitFields);
/** The form's shape (conform cannot infer it through the refinement). */
export type UnitForm = z.input<typeof UnitFields>;

export const UpdateUnitSchema = unitTree(UnitFields.extend({ intent: z.literal("update"), version }));

export const AddResearchLineSchema = z.object({
  intent: z.literal("add-line"),
  name: nameSchema("research line's name", 200),
});

export const RenameResearchLineSchema = z.object({
  intent: z.literal("rename-line"),
  lineId: id.min(1),
  name: nameSchema("research line's name", 200),
});

export const RemoveResearchLineSchema = z.object({
  intent: z.literal("remove-line"),
  lineId: id.min(1),
});

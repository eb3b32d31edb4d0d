/**
 * What a person may see of a restricted agreement (docs/decisions/010).
 * Every read path asks this module: pages, lists, exports, the map and its
 * drill-downs, the audit trail, and whatever later reads agreements (feeds,
 * e-mails, search snippets, documents).
 *
 * The rule: a role without `agreement:read-restricted` learns that a
 * restricted agreement exists and the numbers it adds to (how many, of which
 * kind, how much in value); nothing else about it, not even its reference.
 * On the map, a restricted agreement may thicken a line that exists anyway,
 * but a line, or a partner, known only through restricted agreements is not
 * shown at all.
 */
import { can, type Role } from "./permissions";

/** The person asking: the role decides what they may read. */
export interface Reader {
  role: Role;
}

/** The one text shown in place of anything restricted. */
export const RESTRICTED_PLACEHOLDER = "Restricted agreement";

/**
 * What a reader without the permission never sees of a restricted agreement,
 * on any page, export, feed, e-mail, snippet or document. (Its kind and value
 * may still add to aggregate counts and totals.)
 */
export const HIDDEN_FIELDS = [
  "id", "reference", "title", "summary", "status", "dates", "parties", "partner contacts", "HT owner",
  "kind-specific terms", "value", "links", "history", "obligations", "documents",
] as const;

export function mayReadRestricted(reader: Reader | null | undefined): boolean {
  return can(reader?.role, "agreement:read-restricted");
}

export function isRestricted(agreement: { confidentiality: string }): boolean {
  return agreement.confidentiality === "RESTRICTED";
}

/** True when `reader` must not see this agreement's details. */
export function isHiddenFrom(reader: Reader | null | undefined, agreement: { confidentiality: string }): boolean {
  return isRestricted(agreement) && !mayReadRestricted(reader);
}

/**
 * The condition on agreements a reader may read: a plain object, usable as
 * a Prisma `where` (or spread into one).
 */
export function readableWhere(reader: Reader): { confidentiality?: "INTERNAL" } {
  return mayReadRestricted(reader) ? {} : { confidentiality: "INTERNAL" };
}

/** Stands for a restricted agreement the reader may not see: no id, no reference, no dates. */
export interface MaskedAgreement {
  masked: true;
  label: typeof RESTRICTED_PLACEHOLDER;
}

export const MASKED: MaskedAgreement = { masked: true, label: RESTRICTED_PLACEHOLDER };

/** The agreement itself, or the placeholder that stands for it. */
export function maskAgreement<T extends { confidentiality: string }>(reader: Reader, agreement: T): T | MaskedAgreement {
  return isHiddenFrom(reader, agreement) ? MASKED : agreement;
}

export function isMasked(value: object): value is MaskedAgreement {
  return (value as Partial<MaskedAgreement>).masked === true;
}

/** The agreements `reader` may see, and how many others were left out. */
export function partitionReadable<T extends { confidentiality: string }>(
  reader: Reader,
  agreements: readonly T[],
): { readable: T[]; hidden: number } {
  if (mayReadRestricted(reader)) return { readable: [...agreements], hidden: 0 };
  const readable = agreements.filter((a) => !isRestricted(a));
  return { readable, hidden: agreements.length - readable.length };
}

/** "1 restricted agreement", "3 restricted agreements": all a reader learns of those left out. */
export function restrictedSummary(count: number): string {
  return `${count.toLocaleString("en-GB")} restricted agreement${count === 1 ? "" : "s"}`;
}

/**
 * The confidentiality values `reader` may read, for raw SQL (the search
 * index): null when every value may be read.
 */
export function readableConfidentialities(reader: Reader): string[] | null {
  const where = readableWhere(reader);
  return where.confidentiality ? [where.confidentiality] : null;
}

/**
 * The closed vocabularies of the domain (../shared/DOMAIN.md). SQLite has no
 * enums, so these lists are the single source of truth for what the String
 * columns may hold; zod schemas are built from them.
 */

/** A closed vocabulary: its values (for zod enums) and their labels. */
export function labels<const K extends string>(entries: Record<K, string>) {
  const values = Object.keys(entries) as K[];
  return {
    values: values as [K, ...K[]],
    /** The label of a value; "" for none (a draft's party without a role yet). */
    label: (k: string | null | undefined) => (k ? entries[k as K] ?? k : ""),
    entries,
    /** Whether a value (from a URL, a form, a file) is one of the vocabulary's. */
    includes: (value: unknown): value is K => typeof value === "string" && Object.hasOwn(entries, value),
  };
}

export const UNIT_KINDS = labels({
  CENTRE: "Research centre",
  FACILITY: "Facility",
  GROUP: "Research group",
});
export type UnitKind = (typeof UNIT_KINDS.values)[number];

export const PARTNER_KINDS = labels({
  UNIVERSITY: "University",
  RESEARCH_INSTITUTE: "Research institute",
  PUBLIC_RESEARCH_BODY: "Public research body",
  PUBLIC_HEALTH_BODY: "Public health body",
  RESEARCH_HOSPITAL: "Research hospital",
  SUPERCOMPUTING: "Supercomputing consortium",
  FOUNDATION: "Research foundation",
  AGRICULTURAL_BODY: "Agricultural research body",
  TECHNOLOGY_PARK: "Technology park",
  COMPANY: "Company",
  FOREIGN_UNIVERSITY: "Foreign university",
  EU_CONSORTIUM: "EU consortium",
  OTHER: "Other",
});
export type PartnerKind = (typeof PARTNER_KINDS.values)[number];

export const AGREEMENT_KINDS = labels({
  MOU: "Memorandum of understanding",
  FRAMEWORK: "Framework agreement (convenzione quadro)",
  IMPLEMENTING: "Implementing agreement (accordo attuativo)",
  RESEARCH_COLLABORATION: "Research collaboration",
  CONSORTIUM: "Consortium agreement",
  DATA_SHARING: "Data sharing / transfer agreement",
  MTA: "Material transfer agreement",
  NDA: "Confidentiality agreement (NDA/CDA)",
  JOINT_LAB: "Joint laboratory / outstation",
  AFFILIATION: "Affiliation / secondment",
  SERVICE: "Service / facility access",
  AMENDMENT: "Amendment / extension (proroga)",
});
export type AgreementKind = (typeof AGREEMENT_KINDS.values)[number];

/** Short labels for tables and chips. */
export const AGREEMENT_KIND_SHORT: Record<AgreementKind, string> = {
  MOU: "MoU",
  FRAMEWORK: "Framework",
  IMPLEMENTING: "Implementing",
  RESEARCH_COLLABORATION: "Research collab.",
  CONSORTIUM: "Consortium",
  DATA_SHARING: "Data sharing",
  MTA: "MTA",
  NDA: "NDA",
  JOINT_LAB: "Joint lab",
  AFFILIATION: "Affiliation",
  SERVICE: "Service",
  AMENDMENT: "Amendment",
};

export const AGREEMENT_STATUSES = labels({
  DRAFT: "Draft",
  NEGOTIATION: "In negotiation",
  LEGAL_REVIEW: "Legal review",
  AWAITING_SIGNATURE: "Awaiting signature",
  ACTIVE: "Active",
  EXPIRED: "Expired",
  TERMINATED: "Terminated",
  SUPERSEDED: "Superseded",
});
export type AgreementStatus = (typeof AGREEMENT_STATUSES.values)[number];

export const PARTY_ROLES = labels({
  LEAD: "Lead",
  PARTICIPANT: "Participant",
  COORDINATOR: "Coordinator",
  HOST: "Host",
  PROVIDER: "Provider",
  RECIPIENT: "Recipient",
  FUNDER: "Funder",
  HOME_INSTITUTION: "Home institution",
  HOST_INSTITUTION: "Host institution",
  DISCLOSING: "Disclosing party",
  RECEIVING: "Receiving party",
});
export type PartyRole = (typeof PARTY_ROLES.values)[number];

export const GDPR_ROLES = labels({
  INDEPENDENT_CONTROLLER: "Independent controller",
  JOINT_CONTROLLER: "Joint controller",
  PROCESSOR: "Processor",
});

export const SIGNATURE_STATUSES = labels({
  PENDING: "Not yet signed",
  SIGNED: "Signed",
  DECLINED: "Declined",
});

export const RENEWAL_TYPES = labels({
  NONE: "No renewal",
  EXPRESS: "Express renewal",
  TACIT: "Tacit renewal",
});

export const VALUE_DIRECTIONS = labels({
  NONE: "No value",
  HT_PAYS: "HT pays",
  HT_RECEIVES: "HT receives",
});

export const CONFIDENTIALITY = labels({
  INTERNAL: "Internal",
  RESTRICTED: "Restricted",
});

export const LINK_TYPES = labels({
  IMPLEMENTS: "Implements",
  AMENDS: "Amends",
  RENEWS: "Renews",
});
export type LinkType = (typeof LINK_TYPES.values)[number];

/** How a link reads from the other end. */
export const LINK_TYPE_INVERSE: Record<LinkType, string> = {
  IMPLEMENTS: "Implemented by",
  AMENDS: "Amended by",
  RENEWS: "Renewed by",
};

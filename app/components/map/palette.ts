/**
 * Colours of the collaboration map. One place, so the graph, the legend and
 * the exported picture always agree. Chosen to stay distinguishable on white
 * and next to HT's own blue (the units).
 */
import type { AgreementKind, PartnerKind } from "~/domain/vocabulary";

export const UNIT_COLOURS = {
  CENTRE: "#0b4f6c",
  FACILITY: "#137ea7",
  GROUP: "#4f9fc4",
} as const;

export function unitColour(kind: string): string {
  return UNIT_COLOURS[kind as keyof typeof UNIT_COLOURS] ?? UNIT_COLOURS.CENTRE;
}

export const PARTNER_KIND_COLOURS: Record<PartnerKind, string> = {
  UNIVERSITY: "#6a3d9a",
  FOREIGN_UNIVERSITY: "#a58bd0",
  RESEARCH_INSTITUTE: "#d81b60",
  PUBLIC_RESEARCH_BODY: "#8d6e63",
  PUBLIC_HEALTH_BODY: "#00897b",
  RESEARCH_HOSPITAL: "#e53935",
  SUPERCOMPUTING: "#546e7a",
  FOUNDATION: "#e0a100",
  AGRICULTURAL_BODY: "#43a047",
  TECHNOLOGY_PARK: "#9e9d24",
  COMPANY: "#f57c00",
  EU_CONSORTIUM: "#3949ab",
  OTHER: "#9e9e9e",
};

export function partnerColour(kind: string): string {
  return PARTNER_KIND_COLOURS[kind as PartnerKind] ?? PARTNER_KIND_COLOURS.OTHER;
}

export const AGREEMENT_KIND_COLOURS: Record<AgreementKind, string> = {
  MOU: "#90a4ae",
  FRAMEWORK: "#1565c0",
  IMPLEMENTING: "#4ba3e3",
  RESEARCH_COLLABORATION: "#2e7d32",
  CONSORTIUM: "#7b1fa2",
  DATA_SHARING: "#00838f",
  MTA: "#ef6c00",
  NDA: "#616161",
  JOINT_LAB: "#c62828",
  AFFILIATION: "#d81b60",
  SERVICE: "#8d6e63",
  AMENDMENT: "#afb42b",
};

export function agreementKindColour(kind: string): string {
  return AGREEMENT_KIND_COLOURS[kind as AgreementKind] ?? "#90a4ae";
}

export const LIFECYCLE_COLOURS = {
  active: "#2e7d32",
  ending: "#e08a00",
  expired: "#b0485b",
} as const;
export const LIFECYCLE_LABELS = {
  active: "Active",
  ending: "Ending within 90 days",
  expired: "Expired",
} as const;

export const CHANGE_COLOURS = {
  new: "#1e88e5",
  lapsed: "#d32f2f",
  unchanged: "#a7b4bf",
} as const;
export const CHANGE_LABELS = {
  new: "New since the earlier date",
  lapsed: "Lapsed since the earlier date",
  unchanged: "Unchanged",
} as const;

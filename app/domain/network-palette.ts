/**
 * The collaboration map's colours and shapes, in one place so that the
 * map, its legend, the SVG export and the GEXF/GraphML files agree.
 *
 * Partner kinds use eight colours of the Okabe–Ito palette (told apart by
 * people with any common colour-vision deficiency) and four shapes: kinds
 * that share a colour differ in shape (a university is a blue circle, a
 * foreign university a blue diamond). Lines are neutral by default; by
 * agreement kind they use five groups from Paul Tol's muted palette (a
 * different set from the dots', so a line's colour is never read as a
 * partner kind). Units are HT's own blue. Pure data: no React.
 */
import type { AgreementKind, PartnerKind } from "./vocabulary";

export type NodeShape = "circle" | "square" | "diamond" | "triangle";

export const HT_BLUE = "#0b4f6c";
export const UNIT_COLOURS = { CENTRE: HT_BLUE, FACILITY: "#1d6f8f", GROUP: "#3f86a6" } as const;

export function unitColour(kind: string): string {
  return UNIT_COLOURS[kind as keyof typeof UNIT_COLOURS] ?? HT_BLUE;
}

/** Okabe & Ito (2008). */
const OI = {
  blue: "#0072B2", sky: "#56B4E9", green: "#009E73", orange: "#E69F00",
  vermillion: "#D55E00", purple: "#CC79A7", yellow: "#F0E442", grey: "#7A7A7A",
} as const;

export const PARTNER_LOOK: Record<PartnerKind, { colour: string; shape: NodeShape }> = {
  UNIVERSITY: { colour: OI.blue, shape: "circle" },
  FOREIGN_UNIVERSITY: { colour: OI.blue, shape: "diamond" },
  EU_CONSORTIUM: { colour: OI.blue, shape: "triangle" },
  RESEARCH_INSTITUTE: { colour: OI.purple, shape: "circle" },
  PUBLIC_RESEARCH_BODY: { colour: OI.sky, shape: "circle" },
  PUBLIC_HEALTH_BODY: { colour: OI.sky, shape: "square" },
  RESEARCH_HOSPITAL: { colour: OI.vermillion, shape: "circle" },
  FOUNDATION: { colour: OI.orange, shape: "circle" },
  AGRICULTURAL_BODY: { colour: OI.green, shape: "circle" },
  TECHNOLOGY_PARK: { colour: OI.green, shape: "square" },
  COMPANY: { colour: OI.yellow, shape: "circle" },
  SUPERCOMPUTING: { colour: OI.grey, shape: "square" },
  OTHER: { colour: OI.grey, shape: "circle" },
};

export function partnerLook(kind: string): { colour: string; shape: NodeShape } {
  return PARTNER_LOOK[kind as PartnerKind] ?? PARTNER_LOOK.OTHER;
}

/** The outline every partner shape gets, so light colours (yellow) stand out from white (WCAG 1.4.11). */
export const SHAPE_OUTLINE = "#3b4650";

/** Agreement kinds in five groups for the lines' colours. */
export const KIND_GROUPS = [
  { key: "framework", label: "Framework, implementing, amendment", colour: "#332288", kinds: ["FRAMEWORK", "IMPLEMENTING", "AMENDMENT"] },
  { key: "research", label: "Research, consortium, joint lab", colour: "#117733", kinds: ["RESEARCH_COLLABORATION", "CONSORTIUM", "JOINT_LAB"] },
  { key: "data", label: "Data and materials (DTA, MTA)", colour: "#882255", kinds: ["DATA_SHARING", "MTA"] },
  { key: "intent", label: "MoU and confidentiality", colour: "#999933", kinds: ["MOU", "NDA"] },
  { key: "people", label: "People and services", colour: "#44AA99", kinds: ["AFFILIATION", "SERVICE"] },
] as const satisfies readonly { key: string; label: string; colour: string; kinds: readonly AgreementKind[] }[];

export type KindGroup = (typeof KIND_GROUPS)[number];

export function kindGroup(kind: string): KindGroup {
  return KIND_GROUPS.find((g) => (g.kinds as readonly string[]).includes(kind)) ?? KIND_GROUPS[0];
}

export const NEUTRAL_LINE = "#7d8c99";
/** Lines with a deadline in the next 90 days: a notice to give or an end of term. */
export const DEADLINE_COLOUR = "#C25E00";
/** Highlighted lines (the neighbourhood of the node picked, a path). */
export const LIT_LINE = "#0b4f6c";

export const LIFECYCLE_COLOURS = { active: "#117733", ending: "#C25E00", expired: "#AA4466" } as const;
export const LIFECYCLE_LABELS = { active: "Active", ending: "Ending within 90 days", expired: "Expired" } as const;
export const CHANGE_COLOURS = { new: "#0072B2", lapsed: "#D55E00", unchanged: "#a7b4bf" } as const;
export const CHANGE_LABELS = {
  new: "New since the earlier date",
  lapsed: "Lapsed since the earlier date",
  unchanged: "Unchanged",
} as const;
/** What-if: lines that would go, and lines that would thin. */
export const WHAT_IF_COLOURS = { vanish: "#D55E00", thin: "#E69F00", kept: "#b5c1cb" } as const;

/** Colour by detected community: a categorical palette, cycling past its end (Tol's bright + muted). */
export const COMMUNITY_COLOURS = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#332288", "#999933"] as const;
export const communityColour = (community: number) => COMMUNITY_COLOURS[community % COMMUNITY_COLOURS.length]!;

/** An SVG path of `shape` centred on (0, 0), `size` across. */
export function shapePath(shape: NodeShape, size: number): string {
  const r = size / 2;
  const f = (n: number) => (Math.round(n * 10) / 10).toString();
  switch (shape) {
    case "circle":
      return `M${f(-r)} 0A${f(r)} ${f(r)} 0 1 0 ${f(r)} 0A${f(r)} ${f(r)} 0 1 0 ${f(-r)} 0Z`;
    case "square": {
      const s = r * 0.86;
      return `M${f(-s)} ${f(-s)}H${f(s)}V${f(s)}H${f(-s)}Z`;
    }
    case "diamond":
      return `M0 ${f(-r)}L${f(r)} 0L0 ${f(r)}L${f(-r)} 0Z`;
    case "triangle":
      return `M0 ${f(-r)}L${f(r * 0.95)} ${f(r * 0.7)}L${f(-r * 0.95)} ${f(r * 0.7)}Z`;
  }
}

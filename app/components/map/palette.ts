/**
 * The map's colours for the components: the palette lives in
 * app/domain/network-palette.ts (shared with the SVG export and the GEXF
 * and GraphML files); this module re-exports it.
 */
export {
  CHANGE_COLOURS,
  CHANGE_LABELS,
  communityColour,
  HT_BLUE,
  KIND_GROUPS,
  kindGroup,
  LIFECYCLE_COLOURS,
  LIFECYCLE_LABELS,
  LIT_LINE,
  NEUTRAL_LINE,
  PARTNER_LOOK,
  partnerLook,
  shapePath,
  SHAPE_OUTLINE,
  unitColour,
  WHAT_IF_COLOURS,
  DEADLINE_COLOUR,
  type NodeShape,
} from "~/domain/network-palette";

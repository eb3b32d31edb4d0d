/**
 * Saved views of the collaboration map: the form's schema (shared by the
 * browser and the server) and how a view's query is normalised: only the
 * map's own parameters are kept (filters, question, selection, the view
 * tab), so a saved link can carry nothing else. Pure.
 */
import { z } from "zod";

export const MAP_VIEW_NAME_MAX = 80;
/** Parameters a saved view keeps from the map's URL. */
export const MAP_VIEW_PARAMS = [
  "asOf", "compare", "kind", "status", "partnerKind", "unit", "minWeight", "expand", "cluster", "expandCluster", "focus",
  "weight", "colour", "view", "sort", "dir", "whatIf", "explore", "measures", "size", "nodeColour", "pathFrom", "pathTo",
] as const;
const MAX_QUERY = 4000;

/** The map's query with only its own parameters, in a stable order, without "?". */
export function normaliseMapQuery(query: string): string {
  const given = new URLSearchParams(query.replace(/^\?/, ""));
  const out = new URLSearchParams();
  for (const key of MAP_VIEW_PARAMS) for (const value of given.getAll(key)) if (value.length <= 200) out.append(key, value);
  const text = out.toString();
  return text.length <= MAX_QUERY ? text : "";
}

export const MapViewSchema = z.object({
  name: z
    .string({ required_error: "Give the view a name." })
    .trim()
    .min(1, "Give the view a name.")
    .max(MAP_VIEW_NAME_MAX, `At most ${MAP_VIEW_NAME_MAX} characters.`),
  query: z.string().max(MAX_QUERY, "The view is too large to save.").default("").transform(normaliseMapQuery),
  positions: z.string().max(500_000, "The arrangement is too large to save.").default("{}"),
  pinned: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
});

export type MapViewInput = z.infer<typeof MapViewSchema>;

/**
 * One straight line per unit–partner pair. Thickness and colour are worked
 * out by the page (map-model.ts) and arrive in `data`; the component only
 * draws. No markers, no animation, no shadows: thousands of these must pan
 * smoothly.
 */
import { BaseEdge, getStraightPath, type Edge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { NetworkEdge } from "./types";

export interface MapEdgeData extends Record<string, unknown> {
  edge: NetworkEdge;
  colour: string;
  width: number;
  dashed: boolean;
  /** A wider invisible path to click on; left out on very large maps (it doubles the SVG). */
  clickable: boolean;
}

export type MapFlowEdge = Edge<MapEdgeData, "network">;

export const NetworkEdgeLine = memo(function NetworkEdgeLine({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
}: EdgeProps<MapFlowEdge>) {
  const [path] = getStraightPath({ sourceX, sourceY, targetX, targetY });
  return (
    <BaseEdge
      id={id}
      path={path}
      interactionWidth={data?.clickable ? Math.max(10, data.width + 6) : 0}
      style={{
        stroke: data?.colour,
        strokeWidth: data?.width ?? 1,
        strokeDasharray: data?.dashed ? "6 4" : undefined,
      }}
    />
  );
});

export const EDGE_TYPES = { network: NetworkEdgeLine };

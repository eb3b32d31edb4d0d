/**
 * The map's node types. Each is memoized and draws only a circle and a
 * label: React Flow re-renders a node only when its object changes, so the
 * page keeps node objects stable and passes everything a node draws in
 * `data`. One invisible handle of each type sits at the centre, so the
 * straight edges run centre to centre underneath the opaque circles.
 */
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NetworkNode } from "./types";

/** e/w: beside the node; n/s: above/below; r: along the ray from the map's centre (top and bottom of the rings). */
export type LabelSide = "n" | "s" | "e" | "w" | "r";

export interface MapNodeData extends Record<string, unknown> {
  node: NetworkNode;
  colour: string;
  /** Where the label sits, away from the centre of the map so labels fan out. */
  side: LabelSide;
  /** For side "r": the ray's angle in degrees (0 = right, 90 = down). */
  angle?: number;
  /** Kept readable when zoomed out (the busiest entities). */
  major: boolean;
  /** For units: its groups are on show (?expand=). */
  expanded?: boolean;
}

export type UnitFlowNode = Node<MapNodeData, "unit">;
export type PartnerFlowNode = Node<MapNodeData, "partner">;
export type ClusterFlowNode = Node<MapNodeData, "cluster">;
export type MapFlowNode = UnitFlowNode | PartnerFlowNode | ClusterFlowNode;

function CentreHandles() {
  return (
    <>
      <Handle type="source" position={Position.Top} isConnectable={false} className="map-handle" />
      <Handle type="target" position={Position.Top} isConnectable={false} className="map-handle" />
    </>
  );
}

const RADIAL_CHARS = 14;

function Label({ data, className }: { data: MapNodeData; className?: string }) {
  const { side, angle = 0, node } = data;
  const cls = `map-label map-label-${side}${className ? ` ${className}` : ""}`;
  // Research centres by name (people look for "Neurogenomics", not "NG"); facilities by their code (F1–F4).
  const text =
    node.type === "unit" && node.kind === "CENTRE" && !node.parentId
      ? node.name
      : node.type === "cluster"
        ? `${node.label} (${(node.memberCount ?? 0).toLocaleString("en-GB")})`
        : node.label;
  if (side !== "r") return <span className={cls}>{text}</span>;
  // Along a ray the label runs towards the edge of the map: keep it short (the full name is in the tooltip).
  const short = text.length > RADIAL_CHARS ? `${text.slice(0, RADIAL_CHARS - 1).trimEnd()}…` : text;
  // Radial: written outward along the ray, never upside down.
  const flip = Math.cos((angle * Math.PI) / 180) < 0;
  const offset = node.size / 2 + 3; // radial labels are on partners, drawn at the server's size
  const transform = flip
    ? `rotate(${angle + 180}deg) translate(calc(-100% - ${offset}px), -50%)`
    : `rotate(${angle}deg) translate(${offset}px, -50%)`;
  return <span className={cls} style={{ transform }}>{short}</span>;
}

function tooltip(node: NetworkNode) {
  return `${node.name}: ${node.agreementCount} agreement${node.agreementCount === 1 ? "" : "s"}`;
}

export const UnitNode = memo(function UnitNode({ data }: NodeProps<UnitFlowNode>) {
  const { node, colour, expanded } = data;
  return (
    <div className="map-node map-node-unit" data-kind={node.kind} title={tooltip(node)}>
      <CentreHandles />
      <div className="map-dot" style={{ background: colour }}>
        {node.expandable ? (
          <span className="map-expand-mark" aria-hidden="true">{expanded ? "−" : "+"}</span>
        ) : null}
      </div>
      <Label data={data} className="map-label-unit" />
    </div>
  );
});

export const PartnerNode = memo(function PartnerNode({ data }: NodeProps<PartnerFlowNode>) {
  const { node, colour, major } = data;
  return (
    <div className="map-node map-node-partner" title={tooltip(node)}>
      <CentreHandles />
      <div className="map-dot" style={{ background: colour }} />
      <Label data={data} className={major ? "map-label-major" : undefined} />
    </div>
  );
});

export const ClusterNode = memo(function ClusterNode({ data }: NodeProps<ClusterFlowNode>) {
  const { node, colour } = data;
  return (
    <div className="map-node map-node-cluster" title={tooltip(node)}>
      <CentreHandles />
      <div className="map-dot map-dot-cluster" style={{ borderColor: colour, color: colour }}>
        <span className="map-cluster-count">{(node.memberCount ?? 0).toLocaleString("en-GB")}</span>
      </div>
      <Label data={data} className="map-label-major" />
    </div>
  );
});

/** Defined once, outside any component: React Flow warns when nodeTypes changes identity. */
export const NODE_TYPES = { unit: UnitNode, partner: PartnerNode, cluster: ClusterNode };

/**
 * The map's node types: HT centres and facilities as pills with their name
 * inside, partners as a dot in their kind's colour and shape (a picture)
 * (app/domain/network-palette.ts), groups of partners as a ring with a
 * count. Every label sits in the box the server's label placement gave it
 * (app/domain/network-labels.ts): horizontal, never overlapping another.
 * Each type is memoized and draws only what arrives in `data`; one
 * invisible handle sits at the centre, with ?edges=svg only (React Flow draws
 * its SVG edges from them; otherwise the lines are on the canvas below,
 * edge-layer.tsx, and the handles would be two more elements per node).
 */
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { labelText } from "~/domain/network-label-text";
import { shapePath, SHAPE_OUTLINE, type NodeShape } from "./palette";
import type { NetworkNode } from "./types";

export interface MapNodeData extends Record<string, unknown> {
  node: NetworkNode;
  colour: string;
  shape: NodeShape;
  /** For units: its groups are on show (?expand=). */
  expanded?: boolean;
  /** Neighbours not on the map yet (explore mode): the node can be expanded. */
  hidden?: number;
  /** React Flow's SVG edges are drawn (?edges=svg): the node carries the handles they start and end at. */
  handles?: boolean;
}

export type UnitFlowNode = Node<MapNodeData, "unit">;
export type PartnerFlowNode = Node<MapNodeData, "partner">;
export type ClusterFlowNode = Node<MapNodeData, "cluster">;
export type MapFlowNode = UnitFlowNode | PartnerFlowNode | ClusterFlowNode;

function CentreHandles({ on }: { on?: boolean }) {
  if (!on) return null;
  return (
    <>
      <Handle type="source" position={Position.Top} isConnectable={false} className="map-handle" />
      <Handle type="target" position={Position.Top} isConnectable={false} className="map-handle" />
    </>
  );
}

/** The label in its placed box (left of the dot's box, relative to the node's top-left corner). */
function Label({ node }: { node: NetworkNode }) {
  const box = node.labelBox;
  if (!box) return null;
  const side = box.dx + box.w <= -node.width / 2 + 1 ? "w" : box.dx >= node.width / 2 - 1 ? "e" : "c";
  return (
    <span
      className={`map-label map-label-${side}`}
      style={{ left: node.width / 2 + box.dx, top: node.height / 2 + box.dy, width: box.w, height: box.h }}
      aria-hidden="true"
    >
      {labelText(node)}
    </span>
  );
}

const shapeImages = new Map<string, string>();

/** The size the pictures are drawn at, with a 1 px outline; each is scaled to its partner's box. */
const SHAPE_SIZE = 24;
/** Pixels per map pixel in the raster pictures: sharp up to the map's largest zoom. */
const RASTER_SCALE = 4;

/**
 * A partner's shape as a picture, one per shape and colour, made once: a
 * thousand partners are then a thousand plain boxes, with no SVG element of
 * their own to lay out, paint and hit-test. In the browser the picture is a
 * bitmap drawn once on a canvas: an SVG picture is re-drawn for every box
 * at every size each time the map is painted (a fifth of a second for a
 * thousand partners), a bitmap is only scaled. An SVG data URL where there
 * is no canvas.
 */
function shapeImage(shape: NodeShape, colour: string): string {
  const key = `${shape}|${colour}`;
  let url = shapeImages.get(key);
  if (!url) {
    url = `url("${rasterShape(shape, colour) ?? svgShape(shape, colour)}")`;
    shapeImages.set(key, url);
  }
  return url;
}

function svgShape(shape: NodeShape, colour: string): string {
  const half = SHAPE_SIZE / 2 + 1;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-half} ${-half} ${half * 2} ${half * 2}">` +
    `<path d="${shapePath(shape, SHAPE_SIZE)}" fill="${colour}" stroke="${SHAPE_OUTLINE}" stroke-width="1" vector-effect="non-scaling-stroke"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function rasterShape(shape: NodeShape, colour: string): string | null {
  if (typeof document === "undefined") return null;
  const side = (SHAPE_SIZE + 2) * RASTER_SCALE;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = side;
  const context = canvas.getContext("2d");
  if (!context || typeof Path2D === "undefined") return null;
  context.translate(side / 2, side / 2);
  context.scale(RASTER_SCALE, RASTER_SCALE);
  const path = new Path2D(shapePath(shape, SHAPE_SIZE));
  context.fillStyle = colour;
  context.fill(path);
  context.strokeStyle = SHAPE_OUTLINE;
  context.lineWidth = 1;
  context.stroke(path);
  return canvas.toDataURL("image/png");
}

function tooltip(node: NetworkNode) {
  return `${node.name}: ${node.agreementCount} agreement${node.agreementCount === 1 ? "" : "s"}`;
}

function HiddenBadge({ count }: { count?: number }) {
  return count ? <span className="map-more-badge" aria-hidden="true">+{count}</span> : null;
}

export const UnitNode = memo(function UnitNode({ data }: NodeProps<UnitFlowNode>) {
  const { node, colour, expanded, hidden } = data;
  if (!node.lines) {
    // A research group: a small dot and its label.
    return (
      <div className="map-node map-node-group" title={tooltip(node)}>
        <CentreHandles on={data.handles} />
        <div className="map-dot" style={{ background: colour }} />
        <Label node={node} />
        <HiddenBadge count={hidden} />
      </div>
    );
  }
  return (
    <div className="map-node map-node-unit" data-kind={node.kind} title={tooltip(node)}>
      <CentreHandles on={data.handles} />
      <div className="map-pill" style={{ background: colour }}>
        {node.lines.map((line, i) => (
          <span key={i}>{line}</span>
        ))}
      </div>
      {node.expandable ? <span className="map-expand-mark" aria-hidden="true">{expanded ? "−" : "+"}</span> : null}
      <HiddenBadge count={hidden} />
    </div>
  );
});

export const PartnerNode = memo(function PartnerNode({ data }: NodeProps<PartnerFlowNode>) {
  const { node, colour, shape, hidden } = data;
  const size = node.size;
  return (
    <div className="map-node map-node-partner" title={tooltip(node)}>
      <CentreHandles on={data.handles} />
      <div className="map-shape" style={{ width: size, height: size, backgroundImage: shapeImage(shape, colour) }} aria-hidden="true" />
      <Label node={node} />
      <HiddenBadge count={hidden} />
    </div>
  );
});

export const ClusterNode = memo(function ClusterNode({ data }: NodeProps<ClusterFlowNode>) {
  const { node, colour } = data;
  return (
    <div className="map-node map-node-cluster" title={tooltip(node)}>
      <CentreHandles on={data.handles} />
      <div className="map-dot map-dot-cluster" style={{ borderColor: colour }}>
        <span className="map-cluster-count">{(node.memberCount ?? 0).toLocaleString("en-GB")}</span>
      </div>
      <Label node={node} />
    </div>
  );
});

/** Defined once, outside any component: React Flow warns when nodeTypes changes identity. */
export const NODE_TYPES = { unit: UnitNode, partner: PartnerNode, cluster: ClusterNode };

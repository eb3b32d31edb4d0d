/**
 * The React Flow canvas of the collaboration map. Nodes are React Flow
 * nodes (focus, keyboard, drag, click); the lines are drawn on a canvas
 * layer under them (edge-layer.tsx, docs/decisions/082), or with ?edges=svg
 * as React Flow's own SVG edges (what the map did before; the benchmark
 * measures both). Positions come from the server plus whatever this person
 * dragged; the viewport is left alone when the filters or the date change,
 * so every entity stays where it was. Its behaviour is in canvas-hooks.ts
 * and canvas-lines.ts.
 */
import { Controls, ControlButton, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, type ReactFlowProps } from "@xyflow/react";
import { forwardRef, useRef, useState, type ReactNode } from "react";
import { useIdle } from "~/components/use-idle";
import { useLinePointer, useLineKeys, useNodeCentres } from "./canvas-lines";
import {
  FIT,
  useCanvasHandle,
  useCanvasKeyboard,
  useCanvasPointer,
  useExpandOnZoom,
  useFlowEdges,
  useFlowNodes,
  useFrameOnNewSubject,
  useHighlight,
  useNodeMarks,
  useZoom,
  type NetworkCanvasHandle,
} from "./canvas-hooks";
import { EDGE_TYPES, type MapFlowEdge } from "./edge";
import { EdgeLayer, type EdgeLayerHandle } from "./edge-layer";
import { Legend } from "./legend";
import { toFlowEdges, toFlowNodes, type ColourBy, type Positions } from "./map-model";
import { NODE_TYPES, type MapFlowNode } from "./nodes";
import type { Network, NetworkNode } from "./types";

export type { NetworkCanvasHandle } from "./canvas-hooks";

const ARIA = {
  "node.a11yDescription.default":
    "Enter opens its agreements. Arrow keys move to the nearest organisation in that direction; Tab to the next one. The ] and [ keys walk through its lines; Enter then opens the line. Escape closes the panel.",
  "node.a11yDescription.keyboardDisabled": "Press Enter to open its agreements.",
  "edge.a11yDescription.default": "Press Enter to list the agreements behind this line.",
  "controls.ariaLabel": "Map controls",
  "controls.zoomIn.ariaLabel": "Zoom in",
  "controls.zoomOut.ariaLabel": "Zoom out",
  "controls.fitView.ariaLabel": "Fit the whole map in view",
  "minimap.ariaLabel": "Overview of the whole map",
};

const MIN_ZOOM = 0.03;
/** At most this many lit nodes show their labels far out (map.css). */
const FEW_LIT = 40;
const MAX_ZOOM = 3;

/** What the map never does (connect, select, delete, zoom on double click), and what it always does. */
const FIXED: Partial<ReactFlowProps<MapFlowNode, MapFlowEdge>> = {
  nodeTypes: NODE_TYPES,
  edgeTypes: EDGE_TYPES,
  fitView: true,
  fitViewOptions: FIT,
  minZoom: MIN_ZOOM,
  maxZoom: MAX_ZOOM,
  // Every node stays mounted: panning then adds and removes no elements (a frame is the compositor moving layers).
  onlyRenderVisibleElements: false,
  nodesConnectable: false,
  nodesFocusable: true,
  edgesFocusable: false,
  elementsSelectable: false,
  nodesDraggable: true,
  zoomOnDoubleClick: false,
  deleteKeyCode: null,
  selectionKeyCode: null,
  multiSelectionKeyCode: null,
  ariaLabelConfig: ARIA,
  "aria-label": "Collaboration map: HT units in the centre, partners around them, a line per pair that has agreements",
};

export interface CanvasProps {
  network: Network;
  colourBy: ColourBy;
  /** React Flow's own SVG edges instead of the canvas layer (?edges=svg). */
  svgEdges: boolean;
  positions: Positions;
  onPositionsChange: (moved: Positions) => void;
  expandedUnits: string[];
  /** The node or line picked (its panel is open): its neighbourhood stays lit. */
  selectedId: string | null;
  /** Nodes and lines lit whatever else happens (a path between two nodes). */
  pinned: Set<string>;
  onOpenNode: (node: NetworkNode) => void;
  onToggleExpand: (node: NetworkNode) => void;
  /** Zooming in on partner groups opens them (clusters whose centres fill the view). */
  onExpandClusters: (nodes: NetworkNode[]) => void;
  onOpenEdge: (edgeId: string) => void;
  onClose: () => void;
  caption: ReactNode;
  reducedMotion: boolean;
  fullscreen: boolean;
  onToggleFullscreen: () => void;
  /** The size of the element the map fills: the first frame is drawn for it, before React Flow measures. */
  width: number;
  height: number;
}

/**
 * The canvas with its own React Flow store, created with the first nodes
 * already in it: React then builds the whole graph off-document and inserts
 * it in one go (docs/decisions/015-map-first-frame-off-document.md).
 */
export const NetworkCanvas = forwardRef<NetworkCanvasHandle, CanvasProps>(function NetworkCanvas(props, ref) {
  const [initial] = useState(() => ({
    nodes: toFlowNodes(props.network, { positions: props.positions, expanded: props.expandedUnits, handles: props.svgEdges }),
    edges: props.svgEdges ? toFlowEdges(props.network, props.colourBy) : [],
  }));
  return (
    <ReactFlowProvider
      initialNodes={initial.nodes}
      initialEdges={initial.edges}
      initialWidth={props.width}
      initialHeight={props.height}
      fitView
      initialFitViewOptions={FIT}
      initialMinZoom={MIN_ZOOM}
      initialMaxZoom={MAX_ZOOM}
    >
      <Canvas {...props} initial={initial} ref={ref} />
    </ReactFlowProvider>
  );
});

const Canvas = forwardRef<NetworkCanvasHandle, CanvasProps & { initial: { nodes: MapFlowNode[]; edges: MapFlowEdge[] } }>(function Canvas(props, ref) {
  const { network, colourBy } = props;
  const flow = useReactFlow<MapFlowNode, MapFlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const layer = useRef<EdgeLayerHandle>(null);
  const { nodes, onNodesChange } = useFlowNodes(network, props.positions, props.expandedUnits, props.initial.nodes, props.svgEdges);
  const svgEdges = useFlowEdges(network, colourBy, props.initial.edges, props.svgEdges);
  const centres = useNodeCentres(nodes);
  const lineKeys = useLineKeys(network, props.onOpenEdge);
  const linePointer = useLinePointer(flow, layer, props.onOpenEdge, props.onClose);
  const highlight = useHighlight(network, svgEdges, {
    selectedId: props.selectedId,
    pinned: props.pinned,
    lineId: linePointer.hoveredLine ?? lineKeys.activeLine,
  });
  useNodeMarks(wrapper, highlight.litNodes, props.selectedId, nodes);
  const { zoomClass, onMove } = useZoom(flow);
  const expandOnZoom = useExpandOnZoom(network, wrapper, props.onExpandClusters);
  const [moving, setMoving] = useState(false);
  const handle = useCanvasHandle(ref, flow, wrapper, props.reducedMotion);
  useFrameOnNewSubject(network, flow, props.reducedMotion);
  const onKeyDown = useCanvasKeyboard(flow, handle, props.onOpenNode, props.onToggleExpand, lineKeys.onKey);
  const pointer = useCanvasPointer(props);

  return (
    <ReactFlow<MapFlowNode, MapFlowEdge>
      {...FIXED}
      ref={wrapper}
      className={["map-canvas", zoomClass, highlight.lit ? "is-hovering" : "", (highlight.litNodes?.size ?? 0) <= FEW_LIT ? "few-lit" : "", linePointer.hoveredLine ? "over-line" : "", moving ? "is-moving" : ""].filter(Boolean).join(" ")}
      nodes={nodes}
      edges={highlight.edges}
      onNodesChange={onNodesChange}
      {...pointer}
      {...highlight.handlers}
      onPaneClick={linePointer.onPaneClick}
      onPaneMouseMove={linePointer.onPaneMouseMove}
      onPaneMouseLeave={linePointer.onPaneMouseLeave}
      onMove={onMove}
      onMoveStart={() => setMoving(true)}
      onMoveEnd={(event, viewport) => {
        setMoving(false);
        expandOnZoom(event, viewport);
      }}
      onKeyDown={onKeyDown}
    >
      {props.svgEdges ? null : (
        <EdgeLayer ref={layer} network={network} centres={centres} lookOf={highlight.lookOf(colourBy)} lit={highlight.litEdges} litColour={highlight.litColour} />
      )}
      <p className="visually-hidden" role="status" aria-live="polite">{lineKeys.announcement}</p>
      <CanvasOverlays {...props} />
    </ReactFlow>
  );
});

/** Drawn over the map: the controls (with full screen), the caption and the legend (both in every picture), the minimap (once idle). */
function CanvasOverlays({ network, colourBy, caption, fullscreen, onToggleFullscreen, width }: CanvasProps) {
  const fullscreenLabel = fullscreen ? "Leave full screen" : "Full screen";
  // The minimap draws every node once more: it comes once the map is up, not while it is being drawn.
  const idle = useIdle();
  return (
    <>
      <Controls position="top-left" showInteractive={false} fitViewOptions={FIT}>
        <ControlButton onClick={onToggleFullscreen} title={fullscreenLabel} aria-label={fullscreenLabel}>
          <svg viewBox="0 0 16 16" aria-hidden="true" width="12" height="12">
            {fullscreen ? (
              <path d="M6 1v5H1M10 1v5h5M6 15v-5H1M10 15v-5h5" fill="none" stroke="currentColor" strokeWidth="2" />
            ) : (
              <path d="M1 6V1h5M15 6V1h-5M1 10v5h5M15 10v5h-5" fill="none" stroke="currentColor" strokeWidth="2" />
            )}
          </svg>
        </ControlButton>
      </Controls>
      <Panel position="top-right" className="map-caption">{caption}</Panel>
      <Panel position="bottom-left" className="map-legend-panel">
        {/* Open on large screens; folded on phones, where it would cover the map (exports unfold it). */}
        <Legend network={network} colourBy={colourBy} open={width >= 720} />
      </Panel>
      {width >= 720 && idle ? (
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeBorderRadius={999}
          nodeColor={(n) => (n as MapFlowNode).data.colour}
          nodeStrokeWidth={0}
          maskColor="rgba(246, 248, 250, 0.7)"
          style={{ width: 150, height: 100 }}
        />
      ) : null}
    </>
  );
}

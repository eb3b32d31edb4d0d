/**
 * The React Flow canvas of the collaboration map. Positions come from the
 * server (a deterministic ring layout, or the arrangement an editor saved)
 * plus whatever this person dragged; the viewport is left alone when the
 * filters or the date change, so every entity stays where it was. Its
 * behaviour is in canvas-hooks.ts.
 */
import { Controls, ControlButton, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, type ReactFlowProps } from "@xyflow/react";
import { forwardRef, useRef, useState, type ReactNode } from "react";
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
  useZoom,
  type NetworkCanvasHandle,
} from "./canvas-hooks";
import { EDGE_TYPES, type MapFlowEdge } from "./edge";
import { Legend } from "./legend";
import { toFlowEdges, toFlowNodes, type ColourBy, type Positions } from "./map-model";
import { NODE_TYPES, type MapFlowNode } from "./nodes";
import type { Network, NetworkNode } from "./types";

export type { NetworkCanvasHandle } from "./canvas-hooks";

const ARIA = {
  "node.a11yDescription.default":
    "Press Enter to open its agreements. Arrow keys move to the nearest organisation in that direction; Tab to the next one. Escape closes the panel.",
  "node.a11yDescription.keyboardDisabled": "Press Enter to open its agreements.",
  "edge.a11yDescription.default": "Press Enter to list the agreements behind this line.",
  "controls.ariaLabel": "Map controls",
  "controls.zoomIn.ariaLabel": "Zoom in",
  "controls.zoomOut.ariaLabel": "Zoom out",
  "controls.fitView.ariaLabel": "Fit the whole map in view",
  "minimap.ariaLabel": "Overview of the whole map",
};

const MIN_ZOOM = 0.08;
const MAX_ZOOM = 3;

/** What the map never does (connect, select, delete, zoom on double click), and what it always does. */
const FIXED: Partial<ReactFlowProps<MapFlowNode, MapFlowEdge>> = {
  nodeTypes: NODE_TYPES,
  edgeTypes: EDGE_TYPES,
  fitView: true,
  fitViewOptions: FIT,
  minZoom: MIN_ZOOM,
  maxZoom: MAX_ZOOM,
  onlyRenderVisibleElements: true,
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

interface CanvasProps {
  network: Network;
  colourBy: ColourBy;
  positions: Positions;
  onPositionsChange: (moved: Positions) => void;
  expandedUnits: string[];
  selectedId: string | null;
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
 * The canvas with its own React Flow store, created with the first nodes and
 * edges already in it: React then builds the whole graph off-document and
 * inserts it in one go. (Appending thousands of nodes one by one into the
 * live document is what a MutationObserver-heavy page pays for; see
 * docs/decisions/015-map-first-frame-off-document.md.)
 */
export const NetworkCanvas = forwardRef<NetworkCanvasHandle, CanvasProps>(function NetworkCanvas(props, ref) {
  const [initial] = useState(() => ({
    nodes: toFlowNodes(props.network, { positions: props.positions, expanded: props.expandedUnits }),
    edges: toFlowEdges(props.network, props.colourBy),
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
  const { nodes, onNodesChange } = useFlowNodes(network, props.positions, props.expandedUnits, props.initial.nodes);
  const edges = useFlowEdges(network, colourBy, props.initial.edges);
  const highlight = useHighlight(network, nodes, edges, props.selectedId);
  const { zoomClass, onMove } = useZoom(network, wrapper, flow);
  const onMoveEnd = useExpandOnZoom(network, wrapper, props.onExpandClusters);
  const handle = useCanvasHandle(ref, flow, wrapper, props.reducedMotion);
  useFrameOnNewSubject(network, flow, props.reducedMotion);
  const onKeyDown = useCanvasKeyboard(flow, handle, props.onOpenNode, props.onToggleExpand);
  const pointer = useCanvasPointer(props);

  return (
    <ReactFlow<MapFlowNode, MapFlowEdge>
      {...FIXED}
      ref={wrapper}
      className={["map-canvas", zoomClass, highlight.hovering ? "is-hovering" : ""].filter(Boolean).join(" ")}
      nodes={highlight.nodes}
      edges={highlight.edges}
      onNodesChange={onNodesChange}
      {...pointer}
      {...highlight.handlers}
      onPaneClick={props.onClose}
      onMove={onMove}
      onMoveEnd={onMoveEnd}
      onKeyDown={onKeyDown}
    >
      <CanvasOverlays {...props} />
    </ReactFlow>
  );
});

/** Drawn over the map: the controls (with full screen), the caption and the legend (both in every picture), the minimap. */
function CanvasOverlays({ network, colourBy, caption, fullscreen, onToggleFullscreen, height }: CanvasProps) {
  const fullscreenLabel = fullscreen ? "Leave full screen" : "Full screen";
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
        {/* Folded on short screens, where it would cover the map; exports unfold it. */}
        <Legend network={network} colourBy={colourBy} open={height >= 640} />
      </Panel>
      <MiniMap
        position="bottom-right"
        pannable
        zoomable
        nodeBorderRadius={999}
        nodeColor={(n) => (n as MapFlowNode).data.colour}
        nodeStrokeWidth={0}
        maskColor="rgba(246, 248, 250, 0.7)"
        style={{ width: 160, height: 110 }}
      />
    </>
  );
}

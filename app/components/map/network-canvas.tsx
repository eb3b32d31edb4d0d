/**
 * The React Flow canvas of the collaboration map. Positions come from the
 * server (a deterministic ring layout, or the arrangement an editor saved)
 * plus whatever this person dragged; the viewport is left alone when the
 * filters or the date change, so every entity stays where it was.
 */
import {
  applyNodeChanges,
  Controls,
  ControlButton,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type NodeChange,
  type NodeMouseHandler,
  type EdgeMouseHandler,
  type FitViewOptions,
  type Viewport,
} from "@xyflow/react";
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode } from "react";
import { EDGE_TYPES, type MapFlowEdge } from "./edge";
import { Legend } from "./legend";
import { nearestInDirection, neighbourIndex, toFlowEdges, toFlowNodes, type ColourBy, type Positions } from "./map-model";
import { NODE_TYPES, type MapFlowNode } from "./nodes";
import type { Network, NetworkNode } from "./types";

export interface NetworkCanvasHandle {
  /** The element exports are made from (the whole map, legend and caption included). */
  element(): HTMLElement | null;
  /** Centres the view on a node, opens nothing. */
  centreOn(nodeId: string): void;
  /** Moves keyboard focus to a node (centring it first if it is off screen). */
  focusNode(nodeId: string): void;
  fitView(): void;
}

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

const ARROWS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"]);

function zoomClass(zoom: number) {
  return zoom < 0.45 ? "zoom-far" : zoom < 0.9 ? "zoom-mid" : "zoom-near";
}

/** Zoom at or above which partner groups in view open by themselves, and how many at most. */
export const EXPAND_ON_ZOOM = 2;
const MAX_CLUSTERS_OPENED_BY_ZOOM = 2;

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
 * docs/decisions/006-map.md.)
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

/** Room around the nodes for their labels, which fitView does not see (they overflow the node boxes). */
const FIT: FitViewOptions = { padding: { top: "110px", bottom: "110px", left: "150px", right: "160px" } };
const MIN_ZOOM = 0.08;
const MAX_ZOOM = 3;

const Canvas = forwardRef<NetworkCanvasHandle, CanvasProps & { initial: { nodes: MapFlowNode[]; edges: MapFlowEdge[] } }>(function Canvas(props, ref) {
  const { network, colourBy, positions, expandedUnits, selectedId, reducedMotion } = props;
  const flow = useReactFlow<MapFlowNode, MapFlowEdge>();
  const initialNetwork = useRef(props.network);
  const initialColour = useRef(props.colourBy);
  const wrapper = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [zoom, setZoom] = useState("zoom-mid");

  const neighbours = useMemo(() => neighbourIndex(network.edges), [network]);
  const lit = useMemo(() => {
    if (!hovered) return null;
    return new Set([hovered, ...(neighbours.get(hovered) ?? [])]);
  }, [hovered, neighbours]);

  // Nodes are state (dragging changes them); rebuilt when the data or the arrangement changes.
  const [nodes, setNodes] = useState<MapFlowNode[]>(props.initial.nodes);
  const first = useRef(true);
  useEffect(() => {
    // The first nodes are already in the store; rebuild only when something changes.
    if (first.current) {
      first.current = false;
      return;
    }
    setNodes(toFlowNodes(network, { positions, expanded: expandedUnits }));
  }, [network, positions, expandedUnits]);

  // Highlighting touches only the nodes whose class changes: React Flow re-renders just those.
  const shownNodes = useMemo(
    () =>
      nodes.map((n) => {
        const className = [lit?.has(n.id) ? "is-lit" : "", n.id === selectedId ? "is-selected" : ""].filter(Boolean).join(" ") || undefined;
        return n.className === className ? n : { ...n, className };
      }),
    [nodes, lit, selectedId],
  );

  const initialEdges = props.initial.edges;
  const baseEdges = useMemo(
    () => (network === initialNetwork.current && colourBy === initialColour.current ? initialEdges : toFlowEdges(network, colourBy)),
    [network, colourBy, initialEdges],
  );
  const edges = useMemo(() => {
    if (!hovered && !selectedId) return baseEdges;
    return baseEdges.map((e) => {
      const on = (hovered && (e.source === hovered || e.target === hovered)) || e.id === selectedId;
      return on ? { ...e, className: "is-lit" } : e;
    });
  }, [baseEdges, hovered, selectedId]);

  const onNodesChange = useCallback((changes: NodeChange<MapFlowNode>[]) => {
    // Positions and measurements only: nothing here is selectable, removable or connectable.
    const relevant = changes.filter((c) => c.type === "position" || c.type === "dimensions");
    if (relevant.length) setNodes((current) => applyNodeChanges(relevant, current));
  }, []);

  const { onPositionsChange } = props;
  const onNodeDragStop = useCallback(
    (_: unknown, _node: MapFlowNode, dragged: MapFlowNode[]) => {
      const moved: Positions = {};
      for (const n of dragged) moved[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
      onPositionsChange(moved);
    },
    [onPositionsChange],
  );

  const { onOpenNode, onToggleExpand, onOpenEdge, onClose } = props;
  const onNodeClick: NodeMouseHandler<MapFlowNode> = useCallback(
    (event, node) => {
      const data = node.data.node;
      const onMark = (event.target as HTMLElement).closest?.(".map-expand-mark");
      if (data.type === "cluster" || (onMark && data.expandable)) onToggleExpand(data);
      else onOpenNode(data);
    },
    [onOpenNode, onToggleExpand],
  );
  const onEdgeClick: EdgeMouseHandler<MapFlowEdge> = useCallback((_, edge) => onOpenEdge(edge.id), [onOpenEdge]);
  const onNodeMouseEnter: NodeMouseHandler<MapFlowNode> = useCallback((_, node) => setHovered(node.id), []);
  const onNodeMouseLeave: NodeMouseHandler<MapFlowNode> = useCallback(() => setHovered(null), []);
  // Labels keep a readable size on screen when zoomed out: up to 3× their size
  // on the map, or fully when there are few nodes (a clustered overview).
  const maxLabelScale = network.nodes.length <= 80 ? 12 : network.nodes.length <= 300 ? 5 : 3;
  const lastZoom = useRef(0);
  const applyZoom = useCallback(
    (zoom: number) => {
      lastZoom.current = zoom;
      wrapper.current?.style.setProperty("--label-scale", Math.min(maxLabelScale, Math.max(1, 1 / zoom)).toFixed(2));
      setZoom(zoomClass(zoom));
    },
    [maxLabelScale],
  );
  const onMove = useCallback(
    (_: unknown, viewport: Viewport) => {
      if (viewport.zoom !== lastZoom.current) applyZoom(viewport.zoom);
    },
    [applyZoom],
  );
  useEffect(() => applyZoom(flow.getZoom()), [applyZoom, flow]);

  // Zoomed in far enough that a few partner groups fill the view: open them,
  // so the detail appears where the person is looking, without a click.
  const { onExpandClusters } = props;
  const onMoveEnd = useCallback(
    (_: unknown, viewport: Viewport) => {
      if (viewport.zoom < EXPAND_ON_ZOOM || !wrapper.current) return;
      const { clientWidth, clientHeight } = wrapper.current;
      const x0 = -viewport.x / viewport.zoom;
      const y0 = -viewport.y / viewport.zoom;
      const x1 = x0 + clientWidth / viewport.zoom;
      const y1 = y0 + clientHeight / viewport.zoom;
      const inView = network.nodes.filter((n) => n.type === "cluster" && n.x >= x0 && n.x <= x1 && n.y >= y0 && n.y <= y1);
      if (inView.length >= 1 && inView.length <= MAX_CLUSTERS_OPENED_BY_ZOOM) onExpandClusters(inView);
    },
    [network, onExpandClusters],
  );

  const centreOf = useCallback(
    (id: string) => {
      const n = flow.getNode(id);
      if (!n) return null;
      const size = n.width ?? n.data.node.size;
      return { x: n.position.x + size / 2, y: n.position.y + size / 2 };
    },
    [flow],
  );

  const focusNode = useCallback(
    (id: string) => {
      const find = () => wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const el = find();
      if (el) {
        el.focus();
        return;
      }
      // Off screen nodes are not rendered (onlyRenderVisibleElements): bring it into view, then focus.
      const c = centreOf(id);
      if (!c) return;
      void flow.setCenter(c.x, c.y, { zoom: flow.getZoom(), duration: 0 }).then(() => {
        requestAnimationFrame(() => requestAnimationFrame(() => find()?.focus()));
      });
    },
    [centreOf, flow],
  );

  useImperativeHandle(
    ref,
    () => ({
      element: () => wrapper.current,
      centreOn: (id) => {
        const c = centreOf(id);
        if (c) void flow.setCenter(c.x, c.y, { zoom: Math.max(flow.getZoom(), 1.1), duration: reducedMotion ? 0 : 450 });
      },
      focusNode,
      fitView: () => void flow.fitView({ ...FIT, duration: reducedMotion ? 0 : 300 }),
    }),
    [centreOf, flow, focusNode, reducedMotion],
  );

  // A new focus (?focus=) or unit filter shows a different part of the network: frame it.
  const frameKey = `${network.meta.filters.focus ?? ""}|${network.meta.filters.unit ?? ""}`;
  const lastFrame = useRef(frameKey);
  useEffect(() => {
    if (lastFrame.current === frameKey) return;
    lastFrame.current = frameKey;
    requestAnimationFrame(() => void flow.fitView({ ...FIT, duration: reducedMotion ? 0 : 300 }));
  }, [frameKey, flow, reducedMotion]);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const nodeEl = target.closest?.<HTMLElement>(".react-flow__node");
    if (!nodeEl || target !== nodeEl) return;
    const id = nodeEl.dataset.id!;
    const node = flow.getNode(id);
    if (!node) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (node.data.node.type === "cluster") onToggleExpand(node.data.node);
      else onOpenNode(node.data.node);
    } else if (ARROWS.has(event.key)) {
      event.preventDefault();
      const from = centreOf(id);
      if (!from) return;
      const candidates = flow
        .getNodes()
        .filter((n) => n.id !== id)
        .map((n) => ({ id: n.id, x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 }));
      const next = nearestInDirection(from, candidates, event.key as "ArrowUp");
      if (next) focusNode(next);
    } else if (event.key === "+" && node.data.node.expandable) {
      onToggleExpand(node.data.node);
    }
  }

  const className = ["map-canvas", zoom, lit ? "is-hovering" : ""].filter(Boolean).join(" ");

  return (
    <ReactFlow<MapFlowNode, MapFlowEdge>
      ref={wrapper}
      className={className}
      nodes={shownNodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      edgeTypes={EDGE_TYPES}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onNodeClick={onNodeClick}
      onEdgeClick={onEdgeClick}
      onNodeMouseEnter={onNodeMouseEnter}
      onNodeMouseLeave={onNodeMouseLeave}
      onPaneClick={onClose}
      onMove={onMove}
      onMoveEnd={onMoveEnd}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const el = (e.target as HTMLElement).closest?.<HTMLElement>(".react-flow__node");
        if (el && e.target === el) setHovered(el.dataset.id ?? null);
      }}
      onBlur={(e) => {
        if ((e.target as HTMLElement).classList?.contains("react-flow__node")) setHovered(null);
      }}
      fitView
      fitViewOptions={FIT}
      minZoom={MIN_ZOOM}
      maxZoom={MAX_ZOOM}
      onlyRenderVisibleElements
      nodesConnectable={false}
      nodesFocusable
      edgesFocusable={false}
      elementsSelectable={false}
      nodesDraggable
      zoomOnDoubleClick={false}
      deleteKeyCode={null}
      selectionKeyCode={null}
      multiSelectionKeyCode={null}
      ariaLabelConfig={ARIA}
      aria-label="Collaboration map: HT units in the centre, partners around them, a line per pair that has agreements"
    >
      <Controls position="top-left" showInteractive={false} fitViewOptions={FIT}>
        <ControlButton
          onClick={props.onToggleFullscreen}
          title={props.fullscreen ? "Leave full screen" : "Full screen"}
          aria-label={props.fullscreen ? "Leave full screen" : "Full screen"}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" width="12" height="12">
            {props.fullscreen ? (
              <path d="M6 1v5H1M10 1v5h5M6 15v-5H1M10 15v-5h5" fill="none" stroke="currentColor" strokeWidth="2" />
            ) : (
              <path d="M1 6V1h5M15 6V1h-5M1 10v5h5M15 10v5h-5" fill="none" stroke="currentColor" strokeWidth="2" />
            )}
          </svg>
        </ControlButton>
      </Controls>
      <Panel position="top-right" className="map-caption">{props.caption}</Panel>
      <Panel position="bottom-left" className="map-legend-panel">
        {/* Folded on short screens, where it would cover the map; exports unfold it. */}
        <Legend network={network} colourBy={colourBy} open={props.height >= 640} />
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
    </ReactFlow>
  );
});

/**
 * The behaviour of the map's React Flow canvas (network-canvas.tsx), one
 * hook per concern: the nodes and edges as state, the hover highlight, zoom
 * classes and opening clusters by zooming in, the imperative handle
 * (centre, focus, fit), re-framing for a new focus, the keyboard, and
 * clicks and drags. Used inside the canvas's own ReactFlowProvider.
 */
import {
  applyNodeChanges,
  type EdgeMouseHandler,
  type FitViewOptions,
  type NodeChange,
  type NodeMouseHandler,
  type ReactFlowInstance,
  type Viewport,
} from "@xyflow/react";
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ForwardedRef, type RefObject } from "react";
import type { MapFlowEdge } from "./edge";
import type { EdgeLook } from "./edge-geometry";
import { edgeLookOf, nearestInDirection, neighbourIndex, placedStyle, toFlowEdges, toFlowNodes, type ColourBy, type Positions } from "./map-model";
import type { MapFlowNode } from "./nodes";
import { LIT_LINE, WHAT_IF_COLOURS } from "./palette";
import type { Network, NetworkEdge, NetworkNode } from "./types";

type Flow = ReactFlowInstance<MapFlowNode, MapFlowEdge>;

/** The canvas's handle, for the page. */
export interface NetworkCanvasHandle {
  /** The element exports are made from (the whole map, legend and caption included). */
  element(): HTMLElement | null;
  /** Centres the view on a node, opens nothing. */
  centreOn(nodeId: string): void;
  /** Moves keyboard focus to a node (centring it first if it is off screen). */
  focusNode(nodeId: string): void;
  fitView(): void;
}

/** Room around the nodes for their labels, which fitView does not see (they overflow the node boxes). */
export const FIT: FitViewOptions = { padding: { top: "110px", bottom: "110px", left: "150px", right: "160px" } };

/** Zoom at or above which partner groups in view open by themselves, and how many at most. */
export const EXPAND_ON_ZOOM = 2;
const MAX_CLUSTERS_OPENED_BY_ZOOM = 2;

const ARROWS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"]);

/** A node whose position changed (a drag) moves its left and top with it (placedStyle). */
function placed(node: MapFlowNode): MapFlowNode {
  const style = node.style;
  return style?.left === node.position.x && style?.top === node.position.y ? node : { ...node, style: placedStyle(node.position) };
}

/** Nodes are state (dragging changes them); rebuilt when the data or the arrangement changes. */
export function useFlowNodes(network: Network, positions: Positions, expandedUnits: string[], initialNodes: MapFlowNode[], handles: boolean) {
  const [nodes, setNodes] = useState<MapFlowNode[]>(initialNodes);
  const first = useRef(true);
  useEffect(() => {
    // The first nodes are already in the store; rebuild only when something changes.
    if (first.current) {
      first.current = false;
      return;
    }
    setNodes(toFlowNodes(network, { positions, expanded: expandedUnits, handles }));
  }, [network, positions, expandedUnits, handles]);
  const onNodesChange = useCallback((changes: NodeChange<MapFlowNode>[]) => {
    // Positions and measurements only: nothing here is selectable, removable or connectable.
    const relevant = changes.filter((c) => c.type === "position" || c.type === "dimensions");
    if (relevant.length) setNodes((current) => applyNodeChanges(relevant, current).map(placed));
  }, []);
  return { nodes, onNodesChange };
}

/** React Flow's own SVG edges, only with ?edges=svg: the first ones as the store got them, rebuilt when the data or the colouring changes. */
export function useFlowEdges(network: Network, colourBy: ColourBy, initialEdges: MapFlowEdge[], svg: boolean): MapFlowEdge[] {
  const initialNetwork = useRef(network);
  const initialColour = useRef(colourBy);
  return useMemo(
    () => (!svg ? [] : network === initialNetwork.current && colourBy === initialColour.current ? initialEdges : toFlowEdges(network, colourBy)),
    [network, colourBy, initialEdges, svg],
  );
}

/** How lines look in what-if mode: those that would vanish dashed, those that would thin in amber, the rest pale. */
function whatIfLook(base: (edge: NetworkEdge) => EdgeLook): (edge: NetworkEdge) => EdgeLook {
  return (edge) => {
    const look = base(edge);
    const removed = edge.whatIf?.removed ?? 0;
    if (removed >= edge.count) return { ...look, colour: WHAT_IF_COLOURS.vanish, dashed: true };
    if (removed > 0) return { ...look, colour: WHAT_IF_COLOURS.thin, dashed: false };
    return { ...look, colour: WHAT_IF_COLOURS.kept, dashed: false };
  };
}

/**
 * What is lit: the node hovered or focused, else the node picked (its
 * neighbourhood stays lit until another is chosen), the line under the
 * pointer or walked to by keyboard, and what is pinned (a path). The lit
 * nodes are marked on their elements (useNodeMarks), the lit lines go to
 * the canvas layer's top canvas.
 */
export function useHighlight(
  network: Network,
  edges: MapFlowEdge[],
  { selectedId, pinned, lineId }: { selectedId: string | null; pinned: Set<string>; lineId: string | null },
) {
  const [hovered, setHovered] = useState<string | null>(null);
  const neighbours = useMemo(() => neighbourIndex(network.edges), [network]);
  const nodeIds = useMemo(() => new Set(network.nodes.map((n) => n.id)), [network]);
  const edgeById = useMemo(() => new Map(network.edges.map((e) => [e.id, e])), [network]);
  const centre = hovered ?? (selectedId && nodeIds.has(selectedId) ? selectedId : null);
  const { lit, litEdges } = useMemo(() => {
    const nodesLit = new Set<string>();
    const linesLit = new Set<string>();
    if (centre) {
      nodesLit.add(centre);
      for (const id of neighbours.get(centre) ?? []) nodesLit.add(id);
      for (const e of network.edges) if (e.source === centre || e.target === centre) linesLit.add(e.id);
    }
    for (const id of [lineId, selectedId, ...pinned]) {
      if (!id) continue;
      const edge = edgeById.get(id);
      if (edge) {
        linesLit.add(id);
        nodesLit.add(edge.source);
        nodesLit.add(edge.target);
      } else if (nodeIds.has(id) && pinned.has(id)) nodesLit.add(id);
    }
    return { lit: nodesLit.size ? nodesLit : null, litEdges: linesLit };
  }, [centre, neighbours, network, lineId, selectedId, pinned, edgeById, nodeIds]);
  const shownEdges = useMemo(
    () => (litEdges.size ? edges.map((e) => (litEdges.has(e.id) ? { ...e, className: "is-lit" } : e)) : edges),
    [edges, litEdges],
  );
  const whatIf = Boolean(network.meta.filters.whatIf);
  const lookOf = useCallback(
    (colourBy: ColourBy) => (whatIf ? whatIfLook(edgeLookOf(network, colourBy)) : edgeLookOf(network, colourBy)),
    [network, whatIf],
  );
  const onNodeMouseEnter: NodeMouseHandler<MapFlowNode> = useCallback((_, node) => setHovered(node.id), []);
  const onNodeMouseLeave: NodeMouseHandler<MapFlowNode> = useCallback(() => setHovered(null), []);
  const onFocus = (event: React.FocusEvent) => {
    const element = (event.target as HTMLElement).closest?.<HTMLElement>(".react-flow__node");
    if (element && event.target === element) setHovered(element.dataset.id ?? null);
  };
  const onBlur = (event: React.FocusEvent) => {
    if ((event.target as HTMLElement).classList?.contains("react-flow__node")) setHovered(null);
  };
  return {
    lit: lit !== null,
    litNodes: lit,
    edges: shownEdges,
    litEdges,
    litColour: pinned.size ? LIT_LINE : null,
    lookOf: useMemoLook(lookOf),
    handlers: { onNodeMouseEnter, onNodeMouseLeave, onFocus, onBlur },
  };
}

/**
 * The lit and the selected nodes carry `is-lit` and `is-selected` on their
 * elements, set here rather than through React Flow's nodes: hovering a
 * centre lights hundreds of partners, and new node objects for each made
 * React Flow re-render every one of them (a seventh of a second for each
 * hover at 1,000 partners); a class on an element costs a style update.
 * Set again whenever React Flow renders the nodes anew (a drag), since its
 * own class names replace the element's.
 */
export function useNodeMarks(wrapper: RefObject<HTMLElement>, lit: Set<string> | null, selectedId: string | null, nodes: MapFlowNode[]) {
  useLayoutEffect(() => {
    const root = wrapper.current;
    if (!root) return;
    for (const element of root.querySelectorAll<HTMLElement>(".react-flow__node")) {
      const id = element.dataset.id ?? "";
      element.classList.toggle("is-lit", lit?.has(id) ?? false);
      element.classList.toggle("is-selected", id === selectedId);
    }
  }, [wrapper, lit, selectedId, nodes]);
}

/** The same look function for the same colouring (the canvas layer redraws when it changes identity). */
function useMemoLook(make: (colourBy: ColourBy) => (edge: NetworkEdge) => EdgeLook) {
  const cache = useRef(new Map<string, (edge: NetworkEdge) => EdgeLook>());
  const last = useRef(make);
  if (last.current !== make) {
    cache.current = new Map();
    last.current = make;
  }
  return (colourBy: ColourBy) => {
    let look = cache.current.get(colourBy);
    if (!look) cache.current.set(colourBy, (look = make(colourBy)));
    return look;
  };
}

function zoomClass(zoom: number) {
  return zoom < 0.45 ? "zoom-far" : zoom < 0.9 ? "zoom-mid" : "zoom-near";
}

/** The zoom level as a class on the map: far out, partners' labels (too small to read) are left out until hovered. */
export function useZoom(flow: Flow) {
  // The store is made framed (network-canvas.tsx): its zoom is the first frame's, so far-out labels are never laid out.
  const [zoom, setZoom] = useState(() => zoomClass(flow.getZoom()));
  const lastZoom = useRef(0);
  const applyZoom = useCallback((level: number) => {
    lastZoom.current = level;
    setZoom(zoomClass(level));
  }, []);
  const onMove = useCallback(
    (_: unknown, viewport: Viewport) => {
      if (viewport.zoom !== lastZoom.current) applyZoom(viewport.zoom);
    },
    [applyZoom],
  );
  useEffect(() => applyZoom(flow.getZoom()), [applyZoom, flow]);
  return { zoomClass: zoom, onMove };
}

/**
 * Zoomed in far enough that a few partner groups fill the view: open them,
 * so the detail appears where the person is looking, without a click.
 */
export function useExpandOnZoom(network: Network, wrapper: RefObject<HTMLDivElement>, onExpandClusters: (nodes: NetworkNode[]) => void) {
  return useCallback(
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
    [network, onExpandClusters, wrapper],
  );
}

/** Where a node's centre is now (dragged or not), and moving keyboard focus to a node; the page's handle. */
export function useCanvasHandle(ref: ForwardedRef<NetworkCanvasHandle>, flow: Flow, wrapper: RefObject<HTMLDivElement>, reducedMotion: boolean) {
  const centreOf = useCallback(
    (id: string) => {
      const node = flow.getNode(id);
      if (!node) return null;
      return { x: node.position.x + (node.width ?? node.data.node.width) / 2, y: node.position.y + (node.height ?? node.data.node.height) / 2 };
    },
    [flow],
  );
  const focusNode = useCallback(
    (id: string) => {
      const find = () => wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const element = find();
      if (element) {
        element.focus();
        return;
      }
      // Off screen nodes are not rendered (onlyRenderVisibleElements): bring it into view, then focus.
      const centre = centreOf(id);
      if (!centre) return;
      void flow.setCenter(centre.x, centre.y, { zoom: flow.getZoom(), duration: 0 }).then(() => {
        requestAnimationFrame(() => requestAnimationFrame(() => find()?.focus()));
      });
    },
    [centreOf, flow, wrapper],
  );
  useImperativeHandle(
    ref,
    () => ({
      element: () => wrapper.current,
      centreOn: (id) => {
        const centre = centreOf(id);
        if (centre) void flow.setCenter(centre.x, centre.y, { zoom: Math.max(flow.getZoom(), 1.1), duration: reducedMotion ? 0 : 450 });
      },
      focusNode,
      fitView: () => void flow.fitView({ ...FIT, duration: reducedMotion ? 0 : 300 }),
    }),
    [centreOf, flow, focusNode, reducedMotion, wrapper],
  );
  return { centreOf, focusNode };
}

/** A new focus (?focus=) or unit filter shows a different part of the network: frame it. */
export function useFrameOnNewSubject(network: Network, flow: Flow, reducedMotion: boolean) {
  const frameKey = `${network.meta.filters.focus ?? ""}|${network.meta.filters.unit ?? ""}`;
  const lastFrame = useRef(frameKey);
  useEffect(() => {
    if (lastFrame.current === frameKey) return;
    lastFrame.current = frameKey;
    const fit = () => void flow.fitView({ ...FIT, duration: reducedMotion ? 0 : 300 });
    requestAnimationFrame(fit);
    // Nodes arriving with the new subject are measured a little later on a busy machine: frame them again then.
    const again = setTimeout(fit, 400);
    return () => clearTimeout(again);
  }, [frameKey, flow, reducedMotion]);
}

/** On a focused node: Enter or Space opens it (or a cluster), arrows move to the nearest node that way, + expands. */
export function useCanvasKeyboard(
  flow: Flow,
  handle: { centreOf: (id: string) => { x: number; y: number } | null; focusNode: (id: string) => void },
  onOpenNode: (node: NetworkNode) => void,
  onToggleExpand: (node: NetworkNode) => void,
  onLineKey: (event: React.KeyboardEvent, nodeId: string) => boolean,
) {
  return function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const nodeElement = target.closest?.<HTMLElement>(".react-flow__node");
    if (!nodeElement || target !== nodeElement) return;
    const id = nodeElement.dataset.id!;
    const node = flow.getNode(id);
    if (!node) return;
    if (onLineKey(event, id)) {
      event.preventDefault();
      if (event.key === "Escape") event.stopPropagation();
      return;
    }
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      if (node.data.node.type === "cluster" && node.data.node.expandable) onToggleExpand(node.data.node);
      else onOpenNode(node.data.node);
    } else if (ARROWS.has(event.key)) {
      event.preventDefault();
      const from = handle.centreOf(id);
      if (!from) return;
      const candidates = flow
        .getNodes()
        .filter((n) => n.id !== id)
        .map((n) => ({ id: n.id, x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 }));
      const next = nearestInDirection(from, candidates, event.key as "ArrowUp");
      if (next) handle.focusNode(next);
    } else if (event.key === "+" && node.data.node.expandable) {
      onToggleExpand(node.data.node);
    }
  };
}

/** Clicks open a node's or a line's panel (a cluster, or a centre's "+" mark, opens it up); drags are reported. */
export function useCanvasPointer(props: {
  onOpenNode: (node: NetworkNode) => void;
  onToggleExpand: (node: NetworkNode) => void;
  onOpenEdge: (edgeId: string) => void;
  onPositionsChange: (moved: Positions) => void;
}) {
  const { onOpenNode, onToggleExpand, onOpenEdge, onPositionsChange } = props;
  const onNodeClick: NodeMouseHandler<MapFlowNode> = useCallback(
    (event, node) => {
      const data = node.data.node;
      const onMark = (event.target as HTMLElement).closest?.(".map-expand-mark");
      if (data.expandable && (data.type === "cluster" || onMark)) onToggleExpand(data);
      else onOpenNode(data);
    },
    [onOpenNode, onToggleExpand],
  );
  const onEdgeClick: EdgeMouseHandler<MapFlowEdge> = useCallback((_, edge) => onOpenEdge(edge.id), [onOpenEdge]);
  const onNodeDragStop = useCallback(
    (_: unknown, _node: MapFlowNode, dragged: MapFlowNode[]) => {
      const moved: Positions = {};
      for (const n of dragged) moved[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
      onPositionsChange(moved);
    },
    [onPositionsChange],
  );
  return { onNodeClick, onEdgeClick, onNodeDragStop };
}

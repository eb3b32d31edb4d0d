/**
 * What the side panel shows: the organisation (node) or pair (line) picked
 * on the map, how to open and close it, and where the keyboard goes back to
 * when it closes. The panel closes by itself when its subject leaves the map
 * (a filter or the date changed).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { neighbourIndex } from "./map-model";
import type { NetworkCanvasHandle } from "./network-canvas";
import type { Network, NetworkEdge, NetworkNode } from "./types";

export type Selection = { type: "node"; id: string } | { type: "edge"; id: string } | null;

export interface MapSelection {
  selection: Selection;
  selectedNode: NetworkNode | undefined;
  selectedEdge: NetworkEdge | undefined;
  panelOpen: boolean;
  nodeById: Map<string, NetworkNode>;
  /** Node id → ids of the nodes it shares a line with. */
  neighbours: Map<string, Set<string>>;
  openNode: (node: NetworkNode) => void;
  openEdge: (edgeId: string) => void;
  /** Closes the panel; a node's panel gives the keyboard back to the node. */
  close: () => void;
}

export function useMapSelection(network: Network, canvas: RefObject<NetworkCanvasHandle>): MapSelection {
  const [selection, setSelection] = useState<Selection>(null);
  const returnFocus = useRef<string | null>(null);
  const nodeById = useMemo(() => new Map(network.nodes.map((n) => [n.id, n])), [network]);
  const neighbours = useMemo(() => neighbourIndex(network.edges), [network]);
  const selectedNode = selection?.type === "node" ? nodeById.get(selection.id) : undefined;
  const selectedEdge = selection?.type === "edge" ? network.edges.find((e) => e.id === selection.id) : undefined;
  const panelOpen = Boolean(selectedNode || selectedEdge);

  const openNode = useCallback((node: NetworkNode) => {
    returnFocus.current = node.id;
    setSelection({ type: "node", id: node.id });
  }, []);
  const openEdge = useCallback((edgeId: string) => {
    returnFocus.current = null;
    setSelection({ type: "edge", id: edgeId });
  }, []);
  const close = useCallback(() => {
    setSelection((current) => {
      if (current && returnFocus.current) {
        const id = returnFocus.current;
        requestAnimationFrame(() => canvas.current?.focusNode(id));
      }
      return null;
    });
  }, [canvas]);

  // Close the panel when its subject leaves the map.
  useEffect(() => {
    if (selection && !panelOpen) setSelection(null);
  }, [selection, panelOpen]);

  return { selection, selectedNode, selectedEdge, panelOpen, nodeById, neighbours, openNode, openEdge, close };
}

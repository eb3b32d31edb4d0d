/**
 * The map's lines as people reach them (network-canvas.tsx): with the
 * pointer (the line under it lights up and a click opens it: the canvas
 * layer answers which line is under a point) and with the keyboard, from a
 * node: ] and [ walk through its lines, lit one at a time and announced,
 * and Enter opens the one lit. Also the nodes' current centres, which the
 * lines start and end at (a drag moves them).
 */
import type { ReactFlowInstance } from "@xyflow/react";
import { useCallback, useMemo, useRef, useState, type RefObject } from "react";
import type { Point } from "~/domain/network-layout";
import type { MapFlowEdge } from "./edge";
import type { EdgeLayerHandle } from "./edge-layer";
import type { MapFlowNode } from "./nodes";
import type { Network } from "./types";

type Flow = ReactFlowInstance<MapFlowNode, MapFlowEdge>;

/** Node id → its centre now (top-left corner plus half its size). */
export function useNodeCentres(nodes: MapFlowNode[]): Map<string, Point> {
  return useMemo(() => new Map(nodes.map((n) => [n.id, { x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + (n.height ?? 0) / 2 }])), [nodes]);
}

/** The line under the pointer lights up; a click on the pane opens it (or closes the panel when there is none). */
export function useLinePointer(flow: Flow, layer: RefObject<EdgeLayerHandle>, onOpenEdge: (id: string) => void, onClose: () => void) {
  const [hoveredLine, setHovered] = useState<string | null>(null);
  const frame = useRef(0);
  const pick = useCallback(
    (event: { clientX: number; clientY: number }) => {
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      return layer.current?.pick(point, flow.getZoom()) ?? null;
    },
    [flow, layer],
  );
  const onPaneClick = useCallback(
    (event: React.MouseEvent) => {
      const edge = pick(event);
      if (edge) onOpenEdge(edge.id);
      else onClose();
    },
    [pick, onOpenEdge, onClose],
  );
  const onPaneMouseMove = useCallback(
    (event: React.MouseEvent) => {
      if (frame.current || event.buttons) return;
      const at = { clientX: event.clientX, clientY: event.clientY };
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        const id = pick(at)?.id ?? null;
        setHovered((current) => (current === id ? current : id));
      });
    },
    [pick],
  );
  const onPaneMouseLeave = useCallback(() => setHovered(null), []);
  return { hoveredLine, onPaneClick, onPaneMouseMove, onPaneMouseLeave };
}

/** From a focused node: ] and [ light its lines one at a time, Enter opens the one lit. */
export function useLineKeys(network: Network, onOpenEdge: (id: string) => void) {
  const [active, setActive] = useState<{ node: string; edge: string } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const names = useMemo(() => new Map(network.nodes.map((n) => [n.id, n.name])), [network]);
  /** Handles the key if it is about lines; true when it did. */
  const onKey = useCallback(
    (event: React.KeyboardEvent, nodeId: string): boolean => {
      const lines = network.edges.filter((e) => e.source === nodeId || e.target === nodeId);
      if (event.key === "]" || event.key === "[") {
        if (!lines.length) {
          setAnnouncement("No lines from this organisation with these filters.");
          return true;
        }
        const at = active?.node === nodeId ? lines.findIndex((e) => e.id === active.edge) : -1;
        const next = lines[(at + (event.key === "]" ? 1 : lines.length - 1) + (at < 0 && event.key === "[" ? 1 : 0)) % lines.length]!;
        setActive({ node: nodeId, edge: next.id });
        const other = next.source === nodeId ? next.target : next.source;
        const since = next.since ? `, since ${next.since}` : "";
        setAnnouncement(
          `Line ${lines.indexOf(next) + 1} of ${lines.length}: ${names.get(other) ?? other}, ${next.count} agreement${next.count === 1 ? "" : "s"}${since}. Enter opens it.`,
        );
        return true;
      }
      if (event.key === "Enter" && active?.node === nodeId) {
        onOpenEdge(active.edge);
        setActive(null);
        return true;
      }
      if (event.key === "Escape" && active) {
        setActive(null);
        setAnnouncement("");
        return true;
      }
      return false;
    },
    [network, active, names, onOpenEdge],
  );
  return { activeLine: active?.edge ?? null, announcement, onKey };
}

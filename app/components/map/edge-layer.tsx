/**
 * The map's lines: two canvases under React Flow's nodes, kept in step with
 * its viewport by EdgePainter (edge-painter.ts; docs/decisions/082). React
 * Flow keeps the nodes (focus, keyboard, drag, click); the lines are never
 * DOM elements, so thousands of them pan at full speed. The line under a
 * point is found through a grid of route segments (edge-geometry.ts), built
 * in slices while the page is idle.
 */
import { useStoreApi } from "@xyflow/react";
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import type { Point } from "~/domain/network-layout";
import { EdgeIndex, routeEdges, type EdgeLook, type RoutedEdge } from "./edge-geometry";
import { drawingOf, EdgePainter, type Transform } from "./edge-painter";
import type { Network, NetworkEdge } from "./types";

export interface EdgeLayerHandle {
  /** The line under a point of the map (map pixels), within a few screen pixels of it. */
  pick(point: Point, zoom: number): NetworkEdge | null;
}

interface Props {
  network: Network;
  /** Node centres now (a drag moves them). */
  centres: Map<string, Point>;
  lookOf: (edge: NetworkEdge) => EdgeLook;
  /** Lines drawn on top while the others fade (empty: none). */
  lit: Set<string>;
  /** The colour lit lines take (null: their own). */
  litColour: string | null;
}

/**
 * The grid of route segments, built a slice at a time while the page is
 * idle (a few milliseconds each, so a click is never held up behind it),
 * and finished at once if a line is asked for first.
 */
function useLazyIndex(routed: RoutedEdge[]): EdgeIndex {
  const index = useMemo(() => new EdgeIndex(routed), [routed]);
  useEffect(() => {
    if (typeof requestIdleCallback !== "function") return;
    let handle = 0;
    const step = (deadline: IdleDeadline) => {
      if (!index.index(() => deadline.timeRemaining() > 1)) handle = requestIdleCallback(step);
    };
    handle = requestIdleCallback(step);
    return () => cancelIdleCallback(handle);
  }, [index]);
  return index;
}

export const EdgeLayer = forwardRef<EdgeLayerHandle, Props>(function EdgeLayer({ network, centres, lookOf, lit, litColour }, ref) {
  const store = useStoreApi();
  const base = useRef<HTMLCanvasElement>(null);
  const top = useRef<HTMLCanvasElement>(null);
  const [painter, setPainter] = useState<EdgePainter | null>(null);
  const routed = useMemo(() => routeEdges(network, centres, lookOf), [network, centres, lookOf]);
  const index = useLazyIndex(routed);

  useImperativeHandle(ref, () => ({ pick: (point, zoom) => index.nearest(point, 6 / Math.max(zoom, 0.05))?.edge ?? null }), [index]);

  useEffect(() => {
    const frame = base.current?.parentElement;
    if (!base.current || !top.current || !frame) return;
    const p = new EdgePainter(frame, base.current, top.current, () => store.getState().transform as Transform);
    let last = store.getState().transform;
    const unsubscribe = store.subscribe((next) => {
      if (next.transform === last) return;
      last = next.transform;
      p.schedule();
    });
    const resize = new ResizeObserver(() => p.schedule());
    resize.observe(frame);
    setPainter(p);
    return () => {
      unsubscribe();
      resize.disconnect();
      p.stop();
    };
  }, [store]);

  useEffect(() => painter?.setLines(drawingOf(routed)), [painter, routed]);
  useEffect(() => {
    if (!painter) return;
    const chosen = routed.filter((r) => lit.has(r.edge.id));
    painter.setLit(chosen.length ? drawingOf(chosen, (look) => ({ ...look, colour: litColour ?? look.colour, width: look.width + 1 })) : null);
  }, [painter, routed, lit, litColour]);

  return (
    <>
      <canvas ref={base} className="map-edges" aria-hidden="true" data-lines={routed.length} />
      <canvas ref={top} className="map-edges map-edges-lit" aria-hidden="true" />
    </>
  );
});

/**
 * The map's lines as the canvas layer draws them (edge-layer.tsx): each
 * line's route (app/domain/network-routes.ts) from the nodes' current
 * centres (dragged or not), grouped by look (colour, width, dash) so that a
 * frame strokes a few dozen paths rather than thousands of elements, and a
 * grid of route segments to find the line under the pointer. Pure: no
 * React, no DOM (a Path2D is made by the caller from the points).
 */
import type { Point } from "~/domain/network-layout";
import { distanceToRoute } from "~/domain/network-routes";
import { edgeRoute } from "~/domain/network-svg";
import type { Network, NetworkEdge, NetworkNode } from "./types";

export interface EdgeLook {
  colour: string;
  /** In map pixels (it scales with the zoom, as the dots do). */
  width: number;
  dashed: boolean;
  /** A small mark halfway along: a deadline within 90 days. */
  marked?: boolean;
}

export interface RoutedEdge {
  edge: NetworkEdge;
  points: Point[];
  look: EdgeLook;
}

/** Lines with the same look, drawn with one stroke. */
export interface EdgeBatch {
  key: string;
  look: EdgeLook;
  edges: RoutedEdge[];
}

/** Every line's route from the centres given (a node's drag moves its lines), thin ones first. */
export function routeEdges(network: Network, centres: Map<string, Point>, lookOf: (edge: NetworkEdge) => EdgeLook): RoutedEdge[] {
  const nodeById = new Map<string, NetworkNode>(network.nodes.map((n) => [n.id, n]));
  const routed: RoutedEdge[] = [];
  for (const edge of network.edges) {
    const points = edgeRoute(network, edge, nodeById, (id) => centres.get(id));
    if (points) routed.push({ edge, points, look: lookOf(edge) });
  }
  return routed.sort((a, b) => a.look.width - b.look.width || (a.edge.id < b.edge.id ? -1 : 1));
}

/** Widths are rounded to half a pixel so that lines fall into few batches. */
export function batchEdges(routed: RoutedEdge[]): EdgeBatch[] {
  const batches = new Map<string, EdgeBatch>();
  for (const r of routed) {
    const width = Math.round(r.look.width * 2) / 2;
    const key = `${r.look.colour}|${width}|${r.look.dashed ? 1 : 0}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { key, look: { ...r.look, width }, edges: [] }));
    batch.edges.push(r);
  }
  // Thin lines first, so the strong ones are drawn on top.
  return [...batches.values()].sort((a, b) => a.look.width - b.look.width || (a.key < b.key ? -1 : 1));
}

const CELL = 80;
/** Cells are numbered, not named: a cell's key is one number (the map spans far less than ±2^20 cells either way). */
const SPAN = 1 << 21;
const cellKey = (cx: number, cy: number) => (cx + SPAN / 2) * SPAN + (cy + SPAN / 2);

/** Route segments by grid cell: the lines near a point are found without looking at all of them. */
export class EdgeIndex {
  private cells = new Map<number, RoutedEdge[]>();
  /** Routes indexed so far: the grid is built a slice at a time (index), and finished when first asked (nearest). */
  private done = 0;
  constructor(private readonly routed: RoutedEdge[]) {}

  /** Indexes routes while `more()` says there is time; true once every route is in the grid. */
  index(more: () => boolean = () => true): boolean {
    const routed = this.routed;
    while (this.done < routed.length) {
      const r = routed[this.done++]!;
      for (let i = 1; i < r.points.length; i++) {
        const a = r.points[i - 1]!;
        const b = r.points[i]!;
        const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / (CELL / 2)));
        for (let s = 0; s <= steps; s++) {
          const key = cellKey(Math.floor((a.x + ((b.x - a.x) * s) / steps) / CELL), Math.floor((a.y + ((b.y - a.y) * s) / steps) / CELL));
          const list = this.cells.get(key);
          // Once per cell: a route is indexed whole before the next, so if it is in this cell already it is the last one listed.
          if (!list) this.cells.set(key, [r]);
          else if (list[list.length - 1] !== r) list.push(r);
        }
      }
      if (!more()) break;
    }
    return this.done >= routed.length;
  }

  /** The line nearest to `p` within `tolerance` map pixels (plus half its width), or null. */
  nearest(p: Point, tolerance: number): RoutedEdge | null {
    this.index();
    let best: RoutedEdge | null = null;
    let bestDistance = Infinity;
    const cx = Math.floor(p.x / CELL);
    const cy = Math.floor(p.y / CELL);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const r of this.cells.get(cellKey(cx + dx, cy + dy)) ?? []) {
          const d = distanceToRoute(p, r.points) - r.look.width / 2;
          if (d <= tolerance && d < bestDistance) {
            best = r;
            bestDistance = d;
          }
        }
      }
    }
    return best;
  }
}

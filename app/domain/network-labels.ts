/**
 * Label placement for the collaboration map: every node that has a label
 * gets a box beside it that overlaps no other label and no other node,
 * horizontal, never rotated, in map pixels (so it holds at any zoom).
 * Deterministic: the same nodes give the same boxes. Greedy, in priority
 * order (clusters, then the busiest partners first): each label takes the
 * first free spot among a dozen around its node, the side facing away from
 * the middle of the map first. A label that finds no free spot is left out
 * and the node is reported, so the map can group it into a "+N more" node
 * (network-build.ts). A grid of buckets keeps it fast at thousands of nodes.
 * Pure.
 */
import { intersects, labelBox, outwardSide, type Box, type LabelSide, type Point, type Size } from "./network-layout";

export interface LabelNode {
  id: string;
  /** Centre. */
  x: number;
  y: number;
  /** The node's own box (a dot's diameter, or a pill). */
  w: number;
  h: number;
  /** Its label's size; none when the node carries its text inside (a pill). */
  label?: Size;
  /** Higher first. */
  priority: number;
}

/** A placed label: its box relative to the node's centre. */
export interface PlacedLabel {
  dx: number;
  dy: number;
  w: number;
  h: number;
  side: LabelSide;
}

export interface Placement {
  labels: Map<string, PlacedLabel>;
  /** Nodes with a label that found no room. */
  unplaced: string[];
}

/** Kept clear around every label, in px. */
export const LABEL_GAP = 2;
const CELL = 64;

/** Boxes in grid buckets: what a new box may hit is found by looking in the buckets it covers. */
class BoxGrid {
  private cells = new Map<number, Box[]>();
  private keys(box: Box, each: (key: number) => boolean | void): boolean {
    const x0 = Math.floor(box.x / CELL);
    const x1 = Math.floor((box.x + box.w) / CELL);
    const y0 = Math.floor(box.y / CELL);
    const y1 = Math.floor((box.y + box.h) / CELL);
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) if (each((cx + 40_000) * 80_000 + cy + 40_000)) return true;
    return false;
  }
  add(box: Box) {
    this.keys(box, (key) => {
      const list = this.cells.get(key);
      if (list) list.push(box);
      else this.cells.set(key, [box]);
    });
  }
  hits(box: Box, gap: number, except?: Box): boolean {
    return this.keys(box, (key) => this.cells.get(key)?.some((other) => other !== except && intersects(box, other, gap)));
  }
}

/** The spots tried around a node, best first: the outward side, its corners, further out, the other sides. */
function candidates(node: LabelNode, label: Size): { box: Box; side: LabelSide }[] {
  const at: Point = { x: node.x, y: node.y };
  const size = Math.max(node.w, node.h);
  const side = outwardSide(at);
  const r = size / 2;
  const corner = (dx: 1 | -1, dy: 1 | -1): Box => ({
    x: dx > 0 ? at.x + r * 0.7 + 2 : at.x - r * 0.7 - 2 - label.w,
    y: dy > 0 ? at.y + r * 0.7 : at.y - r * 0.7 - label.h,
    w: label.w,
    h: label.h,
  });
  const sides: Record<LabelSide, LabelSide[]> = { e: ["e", "n", "s", "w"], w: ["w", "n", "s", "e"], n: ["n", "e", "w", "s"], s: ["s", "e", "w", "n"] };
  const corners: Record<LabelSide, [1 | -1, 1 | -1][]> = {
    e: [[1, -1], [1, 1]], w: [[-1, -1], [-1, 1]], n: [[1, -1], [-1, -1]], s: [[1, 1], [-1, 1]],
  };
  const [first, ...others] = sides[side];
  const out: { box: Box; side: LabelSide }[] = [{ box: labelBox(at, size, label, first!), side: first! }];
  for (const [dx, dy] of corners[side]) out.push({ box: corner(dx, dy), side: dx > 0 ? "e" : "w" });
  for (const step of [1, 2]) out.push({ box: labelBox(at, size, label, first!, step * (label.h + LABEL_GAP)), side: first! });
  for (const other of others) out.push({ box: labelBox(at, size, label, other), side: other });
  return out;
}

/** Places the labels of `nodes` (see the module's comment). */
export function placeLabels(nodes: LabelNode[]): Placement {
  const grid = new BoxGrid();
  const own = new Map<string, Box>();
  for (const node of nodes) {
    const box = { x: node.x - node.w / 2, y: node.y - node.h / 2, w: node.w, h: node.h };
    own.set(node.id, box);
    grid.add(box);
  }
  const order = nodes
    .filter((n) => n.label)
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const labels = new Map<string, PlacedLabel>();
  const unplaced: string[] = [];
  for (const node of order) {
    const spot = candidates(node, node.label!).find(({ box }) => !grid.hits(box, LABEL_GAP, own.get(node.id)));
    if (!spot) {
      unplaced.push(node.id);
      continue;
    }
    grid.add(spot.box);
    labels.set(node.id, { dx: round(spot.box.x - node.x), dy: round(spot.box.y - node.y), w: spot.box.w, h: spot.box.h, side: spot.side });
  }
  return { labels, unplaced };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Every pair of boxes that intersect (for tests and checks): labels with labels, and labels with other nodes. */
export function overlaps(nodes: LabelNode[], labels: Map<string, PlacedLabel>): [string, string][] {
  const boxes: { id: string; box: Box; node: string }[] = [];
  for (const node of nodes) {
    boxes.push({ id: `node:${node.id}`, box: { x: node.x - node.w / 2, y: node.y - node.h / 2, w: node.w, h: node.h }, node: node.id });
    const label = labels.get(node.id);
    if (label) boxes.push({ id: `label:${node.id}`, box: { x: node.x + label.dx, y: node.y + label.dy, w: label.w, h: label.h }, node: node.id });
  }
  boxes.sort((a, b) => a.box.x - b.box.x);
  const found: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.box.x < a.box.x + a.box.w; j++) {
      const b = boxes[j]!;
      if (a.node === b.node) continue;
      if (!a.id.startsWith("label:") && !b.id.startsWith("label:")) continue;
      if (intersects(a.box, b.box)) found.push([a.id, b.id]);
    }
  }
  return found;
}

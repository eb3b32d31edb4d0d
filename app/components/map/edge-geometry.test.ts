/**
 * The grid that finds the line under the pointer (edge-geometry.ts): built
 * a slice at a time, it answers as the whole grid does, and a question
 * asked before it is finished finishes it.
 */
import { describe, expect, it } from "vitest";
import { EdgeIndex, type RoutedEdge } from "./edge-geometry";
import type { NetworkEdge } from "./types";

const look = { colour: "#000", width: 2, dashed: false, marked: false };
const line = (id: string, points: { x: number; y: number }[]): RoutedEdge => ({ edge: { id } as NetworkEdge, points, look });

// A fan of lines from the middle, long enough to cross many cells, and a curve.
const routed = [
  ...Array.from({ length: 40 }, (_, i) => {
    const a = (i / 40) * Math.PI * 2;
    return line(`ray${i}`, [{ x: 0, y: 0 }, { x: Math.cos(a) * 900, y: Math.sin(a) * 900 }]);
  }),
  line("curve", [{ x: -500, y: 300 }, { x: -200, y: 420 }, { x: 150, y: 460 }, { x: 500, y: 380 }]),
];
const probes = Array.from({ length: 200 }, (_, i) => ({ x: ((i * 37) % 1800) - 900, y: ((i * 53) % 1800) - 900 }));

describe("the line under the pointer", () => {
  it("finds the line a point lies on, and none far from every line", () => {
    const index = new EdgeIndex(routed);
    expect(index.nearest({ x: 450, y: 0 }, 3)?.edge.id).toBe("ray0");
    expect(index.nearest({ x: -200, y: 421 }, 3)?.edge.id).toBe("curve");
    expect(index.nearest({ x: 700, y: 700 }, 3)).toBeNull();
  });

  it("answers the same built in slices as built at once, and finishes when asked early", () => {
    const whole = new EdgeIndex(routed);
    expect(whole.index()).toBe(true);
    const sliced = new EdgeIndex(routed);
    let slices = 0;
    let budget = 0;
    while (!sliced.index(() => ++budget % 5 !== 0)) slices++;
    expect(slices).toBeGreaterThan(3);
    const early = new EdgeIndex(routed);
    early.index(() => false); // one route only
    for (const p of probes) {
      const expected = whole.nearest(p, 40)?.edge.id ?? null;
      expect(sliced.nearest(p, 40)?.edge.id ?? null).toBe(expected);
      expect(early.nearest(p, 40)?.edge.id ?? null).toBe(expected);
    }
  });
});

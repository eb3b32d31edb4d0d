/**
 * The collaboration map's layout (app/domain/network-layout.ts): pure and
 * deterministic, computed over the whole universe so nodes keep their place.
 */
import { describe, expect, it } from "vitest";
import { ASPECT, computeLayout, NODE_GAP, nodeSize, type LayoutPartner, type LayoutUnit } from "~/domain/network-layout";
import { labelSize } from "~/domain/network-label-text";

const pill = (code: string) => ({ width: 12 + code.length * 8, height: 30 });
const dot = (size: number) => ({ width: size, height: size });
import { PARTNER_KINDS } from "~/domain/vocabulary";
import { agreement, network, partner, unit } from "./network-fixture";

/** A seeded universe shaped like the real one at scale: 7 centres, 4 facilities, groups, many partners. */
function universe(nPartners = 1000, nUnits = 150, seed = 7) {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const units: LayoutUnit[] = [];
  for (let c = 0; c < 7; c++) units.push({ id: `unit:c${c}`, kind: "CENTRE", code: `C${c}`, ...pill(`C${c}`) });
  for (let f = 0; f < 4; f++) units.push({ id: `unit:f${f}`, kind: "FACILITY", code: `F${f + 1}`, ...pill(`F${f + 1}`) });
  for (let g = 0; units.length < nUnits; g++) {
    units.push({ id: `unit:g${g}`, kind: "GROUP", code: `C${g % 7}-G${String(g).padStart(3, "0")}`, parentId: `unit:c${g % 7}`, ...dot(nodeSize(Math.floor(rnd() * 60))) });
  }
  const kinds = PARTNER_KINDS.values;
  const partners: LayoutPartner[] = [];
  for (let p = 0; p < nPartners; p++) {
    const links = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({
      unitId: units[Math.floor(rnd() * units.length)]!.id,
      weight: 1 + Math.floor(rnd() * 5),
    }));
    partners.push({ id: `partner:p${p}`, kind: kinds[Math.floor(rnd() * kinds.length)]!, name: `Partner ${p}`, label: labelSize([`P${p}`]), size: nodeSize(Math.floor(rnd() ** 3 * 300)), links });
  }
  return { units, partners };
}

// Rings are ellipses (x = aspect · r · cos a, y = r · sin a): angles and radii are read on them.
const angle = (p: { x: number; y: number }) => Math.atan2(p.y, p.x / ASPECT);
const radius = (p: { x: number; y: number }) => Math.hypot(p.x / ASPECT, p.y);

const { units, partners } = universe();
const layout = computeLayout(units, partners);

describe("the map's layout: units", () => {
  it("places every unit and partner", () => {
    expect(layout.positions.size).toBe(units.length + partners.length);
  });

  it("is deterministic: the same universe in any order gives the same positions", () => {
    const again = computeLayout([...units].reverse(), [...partners].reverse());
    expect([...again.positions].sort()).toEqual([...layout.positions].sort());
  });

  it("puts centres and facilities on an inner ring, centres first, in code order, clockwise from the top", () => {
    const top = units.filter((u) => !u.parentId).map((u) => layout.positions.get(u.id)!);
    const r = radius(top[0]!);
    for (const p of top) expect(radius(p)).toBeCloseTo(r, 0);
    // Angles measured clockwise from the top, increasing in the fixed order.
    const clockwise = top.map((p) => (angle(p) + Math.PI / 2 + 2 * Math.PI) % (2 * Math.PI));
    expect([...clockwise].sort((a, b) => a - b)).toEqual(clockwise);
    expect(r).toBeLessThan(layout.partnerRadius);
  });

  it("keeps research groups near their centre, inside the units' ring (drawn when their centre is opened)", () => {
    for (const g of units.filter((u) => u.parentId)) {
      const p = layout.positions.get(g.id)!;
      const c = layout.positions.get(g.parentId!)!;
      expect(radius(p)).toBeLessThan(layout.unitRadius);
      const d = Math.abs(Math.atan2(Math.sin(angle(p) - angle(c)), Math.cos(angle(p) - angle(c))));
      expect(d).toBeLessThan(Math.PI / 4);
    }
  });
});

describe("the map's layout: room and order", () => {
  it("never lets two nodes overlap (research groups are drawn one centre at a time, inside the ring)", () => {
    const all = [...units.filter((u) => !u.parentId), ...partners];
    const overlaps: string[] = [];
    for (let i = 0; i < all.length; i++) {
      const a = all[i]!;
      const pa = layout.positions.get(a.id)!;
      for (let j = i + 1; j < all.length; j++) {
        const b = all[j]!;
        const pb = layout.positions.get(b.id)!;
        const [wa, ha] = "size" in a ? [a.size, a.size] : [a.width, a.height];
        const [wb, hb] = "size" in b ? [b.size, b.size] : [b.width, b.height];
        if (Math.abs(pa.x - pb.x) < (wa + wb) / 2 && Math.abs(pa.y - pb.y) < (ha + hb) / 2) overlaps.push(`${a.id} ${b.id}`);
      }
    }
    expect(overlaps).toEqual([]);
  });
});

describe("the map's layout: partners", () => {
  it("keeps at least the gap between neighbours on a ring", () => {
    const rings = new Map<number, { x: number; y: number; size: number }[]>();
    for (const p of partners) {
      const at = layout.positions.get(p.id)!;
      const r = Math.round(radius(at));
      rings.set(r, [...(rings.get(r) ?? []), { ...at, size: p.size }]);
    }
    expect(rings.size).toBeGreaterThan(1);
    for (const ring of rings.values()) {
      ring.sort((a, b) => angle(a) - angle(b));
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1]!;
        const b = ring[i]!;
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual((a.size + b.size) / 2 + NODE_GAP * 0.8);
      }
    }
  });

  it("gives each partner kind one sector, in the fixed kind order, one after the other", () => {
    const sectors = [...layout.sectors.values()];
    expect(sectors.map((s) => s.kind)).toEqual(PARTNER_KINDS.values.filter((k) => partners.some((p) => p.kind === k)));
    for (let i = 1; i < sectors.length; i++) expect(sectors[i]!.start).toBeGreaterThanOrEqual(sectors[i - 1]!.end - 1e-9);
    for (const p of partners) {
      const s = layout.sectors.get(p.kind)!;
      let a = angle(layout.positions.get(p.id)!);
      while (a < s.start) a += 2 * Math.PI;
      expect(a).toBeLessThanOrEqual(s.end + 1e-3); // positions are rounded to a tenth of a pixel
      expect(radius(layout.positions.get(p.id)!)).toBeGreaterThanOrEqual(layout.partnerRadius - 0.5);
    }
  });

  it("orders partners inside a sector by the units they work with", () => {
    const us: LayoutUnit[] = [
      { id: "unit:a", kind: "CENTRE", code: "A", ...pill("A") },
      { id: "unit:b", kind: "CENTRE", code: "B", ...pill("B") },
      { id: "unit:c", kind: "CENTRE", code: "C", ...pill("C") },
      { id: "unit:d", kind: "CENTRE", code: "D", ...pill("D") },
    ];
    const ps: LayoutPartner[] = ["a", "b", "c", "d"].map((u, i) => ({
      id: `partner:${"zyxw"[i]}`, kind: "UNIVERSITY", name: `P ${"zyxw"[i]}`, label: labelSize([`P ${"zyxw"[i]}`]), size: 20, links: [{ unitId: `unit:${u}`, weight: 1 }],
    }));
    const l = computeLayout(us, ps);
    const sweep = (id: string) => (angle(l.positions.get(id)!) - angle(l.positions.get("unit:a")!) + 4 * Math.PI) % (2 * Math.PI);
    // Each partner sits nearer, around the circle, to the unit it works with than the others do.
    const order = ps.map((p) => p.id).sort((x, y) => sweep(x) - sweep(y));
    const unitOrder = ["unit:a", "unit:b", "unit:c", "unit:d"].sort((x, y) => sweep(x) - sweep(y));
    // The same cyclic order (where the circle starts is the sector's business).
    const expected = unitOrder.map((u) => ps.find((p) => p.links[0]!.unitId === u)!.id);
    const shift = order.indexOf(expected[0]!);
    expect([...order.slice(shift), ...order.slice(0, shift)]).toEqual(expected);
  });

  it("keeps every node where it was whatever the filters", () => {
    const us = [unit("ng"), unit("mg"), unit("ng1", "GROUP", "ng")];
    const ps = [partner("x", "UNIVERSITY"), partner("y", "RESEARCH_HOSPITAL"), partner("z", "COMPANY")];
    const rows = [
      agreement({ units: ["ng"], partners: ["x"], kind: "MOU" }),
      agreement({ units: ["mg"], partners: ["y"], kind: "MTA" }),
      agreement({ units: ["ng1"], partners: ["z"], kind: "MTA", start: "2019-01-01", end: "2020-01-01" }),
    ];
    const positions = (q: string) => Object.fromEntries(network(us, ps, rows, q).nodes.map((n) => [n.id, [n.x, n.y]]));
    const all = positions("status=ACTIVE&status=EXPIRED&expand=ng&cluster=none");
    for (const q of ["", "kind=MTA", "partnerKind=RESEARCH_HOSPITAL", "asOf=2019-06-01&expand=ng", "unit=mg", "focus=partner:x"]) {
      const some = positions(q);
      expect(Object.keys(some).length).toBeGreaterThan(0);
      for (const [id, at] of Object.entries(some)) expect(at, `${id} with ${q}`).toEqual(all[id]);
    }
  });
});

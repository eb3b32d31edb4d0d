/**
 * Label placement on the collaboration map (app/domain/network-labels.ts):
 * every node drawn has a label (or writes its name inside its pill, or is a
 * "+N more" group), and no two label boxes intersect, nor does a label
 * cover another node: on the demo data (seeded into this test's own
 * database, as `npm run db:seed` does) and on a 1,000-partner, 150-unit
 * network shaped like the synthetic benchmark's. Deterministic.
 */
import { describe, expect, it } from "vitest";
import type { Network } from "~/domain/network";
import { buildNetwork } from "~/domain/network-build";
import { buildIndex, type AgreementRow, type PartnerRow, type UnitRow } from "~/domain/network-index";
import { clearNetworkCache, getNetwork } from "~/models/network.server";
import { prisma } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed";
import { EDITOR, filters, TODAY, VIEWER } from "./network-fixture";

interface Box { id: string; x: number; y: number; w: number; h: number }

const labelBoxes = (net: Network): Box[] =>
  net.nodes.flatMap((n) => (n.labelBox ? [{ id: n.id, x: n.x + n.labelBox.dx, y: n.y + n.labelBox.dy, w: n.labelBox.w, h: n.labelBox.h }] : []));
const nodeBoxes = (net: Network): Box[] => net.nodes.map((n) => ({ id: n.id, x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width, h: n.height }));
const hit = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Pairs of labels that intersect, and labels that cover a node other than their own (a sweep along x). */
function collisions(net: Network): string[] {
  const labels = labelBoxes(net);
  const all = [...labels.map((b) => ({ ...b, label: true })), ...nodeBoxes(net).map((b) => ({ ...b, label: false }))].sort((a, b) => a.x - b.x);
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const a = all[i]!;
    for (let j = i + 1; j < all.length && all[j]!.x < a.x + a.w; j++) {
      const b = all[j]!;
      if (a.id === b.id || (!a.label && !b.label) || !hit(a, b)) continue;
      out.push(`${a.label ? "label" : "node"} ${a.id} × ${b.label ? "label" : "node"} ${b.id}`);
    }
  }
  return out;
}

/** Nodes drawn with no label of any kind. */
const unlabelled = (net: Network) => net.nodes.filter((n) => !n.labelBox && !n.lines?.length).map((n) => n.id);

describe("labels on the demo data", () => {
  it("labels every node of the default map, with no two labels overlapping", async () => {
    await seedDemo(prisma, { today: TODAY });
    clearNetworkCache();
    const views = [
      ["", EDITOR], ["", VIEWER], ["cluster=none", EDITOR], ["status=ACTIVE&status=EXPIRED&status=TERMINATED", EDITOR],
      // Sized by a measure, some labels find no room: their partners join "+N more" groups.
      ["whatIf=ending:12&size=betweenness&nodeColour=community", EDITOR], ["size=degree", VIEWER], ["size=weighted", EDITOR],
    ] as const;
    let moreGroups = 0;
    for (const [query, reader] of views) {
      const net = await getNetwork(filters(query), reader, TODAY);
      expect(net.nodes.length, query).toBeGreaterThan(20);
      expect(collisions(net), query).toEqual([]);
      expect(unlabelled(net), query).toEqual([]);
      // Labels are horizontal boxes in map pixels: never rotated, never squashed.
      for (const box of labelBoxes(net)) expect(box.w).toBeGreaterThan(box.h);
      // A "+N more" group has nothing to open into (a click shows its panel); a group of a kind opens.
      for (const group of net.nodes.filter((n) => n.type === "cluster")) expect(group.expandable, group.id).toBe(!group.id.startsWith("cluster:more:"));
      moreGroups += net.nodes.filter((n) => n.id.startsWith("cluster:more:")).length;
    }
    expect(moreGroups, "views with a +N more group").toBeGreaterThan(0);
  });
});

/** 7 centres, 4 facilities, 139 groups, 1,000 partners, 9,000 agreements (~6,000 lines): seeded, like prisma/synthetic.ts. */
function syntheticRows() {
  let seed = 20261201;
  // mulberry32: integer arithmetic, the same sequence on every machine.
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const units: UnitRow[] = [];
  for (let c = 0; c < 7; c++) units.push({ id: `c${c}`, code: `C${c + 1}`, name: `Centre number ${c + 1} for life sciences`, kind: "CENTRE", parentId: null });
  for (let f = 0; f < 4; f++) units.push({ id: `f${f}`, code: `F${f + 1}`, name: `Facility ${f + 1}`, kind: "FACILITY", parentId: null });
  for (let g = 0; units.length < 150; g++) units.push({ id: `g${g}`, code: `C${(g % 7) + 1}-G${g}`, name: `Group ${g}`, kind: "GROUP", parentId: `c${g % 7}` });
  const kinds = ["UNIVERSITY", "RESEARCH_INSTITUTE", "RESEARCH_HOSPITAL", "COMPANY", "FOUNDATION", "PUBLIC_RESEARCH_BODY", "FOREIGN_UNIVERSITY", "OTHER"];
  const partners: PartnerRow[] = Array.from({ length: 1000 }, (_, p) => ({
    id: `p${String(p).padStart(4, "0")}`,
    name: `${["Università", "Istituto", "Ospedale", "Fondazione", "Company"][p % 5]} degli Studi numero ${p} di una città lontana`,
    acronym: p % 3 === 0 ? `P${p}` : null,
    kind: kinds[Math.floor(rnd() * kinds.length)]!,
    parentId: null,
  }));
  const agreements: AgreementRow[] = [];
  for (let a = 0; a < 9000; a++) {
    const unit = units[Math.floor(rnd() ** 2 * units.length)]!;
    const partner = partners[Math.floor(rnd() * partners.length)]!;
    const start = 2018 + Math.floor(rnd() * 8);
    agreements.push({
      id: `a${a}`, kind: "RESEARCH_COLLABORATION", status: "ACTIVE", signatureDate: `${start}-03-01`, startDate: `${start}-03-01`,
      endDate: `${start + 2 + Math.floor(rnd() * 6)}-02-28`, valueCents: null, confidentiality: "INTERNAL", endedOn: null,
      units: unit.id, partners: partner.id,
    });
  }
  return buildIndex(units, partners, agreements);
}

describe("labels at 1,000 partners", () => {
  const index = syntheticRows();

  it("draws the whole network unclustered with no two labels overlapping; partners without room say so", () => {
    const net = buildNetwork(index, filters("cluster=none&status=ACTIVE&status=EXPIRED"), { reader: EDITOR, today: TODAY }).network;
    expect(net.nodes.filter((n) => n.type === "partner").length).toBeGreaterThan(900);
    expect(net.edges.length).toBeGreaterThan(5000); // the benchmark's whole network: ~6,000 lines
    expect(collisions(net)).toEqual([]);
    expect(net.meta.unlabelled).toBe(unlabelled(net).length);
  });

  it("labels every node of the default (grouped when large) map, groups of the rest saying '+N more'", () => {
    const net = buildNetwork(index, filters(""), { reader: EDITOR, today: TODAY }).network;
    expect(collisions(net)).toEqual([]);
    expect(unlabelled(net)).toEqual([]);
  });

  it("places the same labels every time", () => {
    const a = buildNetwork(index, filters("cluster=none"), { reader: EDITOR, today: TODAY }).network;
    const b = buildNetwork(index, filters("cluster=none"), { reader: EDITOR, today: TODAY }).network;
    expect(labelBoxes(b)).toEqual(labelBoxes(a));
  });
});

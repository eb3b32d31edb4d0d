/**
 * The collaboration map's resource routes against a real (per-worker)
 * database: /api/network, its drill-downs, the gap matrix and the saved
 * arrangement, as each role uses them.
 */
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Network, NetworkEdgeDetail, NetworkMatrix, NetworkNodeDetail } from "~/domain/network";
import { action as layoutAction } from "~/routes/api.network.layout";
import { loader as networkLoader } from "~/routes/api.network";
import { loader as edgeLoader } from "~/routes/api.network[.]edge";
import { loader as matrixLoader } from "~/routes/api.network[.]matrix";
import { loader as nodeLoader } from "~/routes/api.network[.]node";
import { prisma } from "~/utils/db.server";
import { login, makeAgreement, makePartner, makeUnit, ORIGIN, request } from "../setup/factories";

async function call<T>(fn: LoaderFunction | ActionFunction, req: Request): Promise<{ status: number; body: T }> {
  let res: unknown;
  try {
    res = await fn({ request: req, params: {}, context: {} });
  } catch (thrown) {
    res = thrown;
  }
  if (!(res instanceof Response)) throw new Error(`expected a Response, got ${JSON.stringify(res)}`);
  const text = await res.text();
  const type = res.headers.get("Content-Type") ?? "";
  return { status: res.status, body: (type.includes("json") ? JSON.parse(text) : text) as T };
}

const get = <T>(fn: LoaderFunction, path: string, cookie: string) => call<T>(fn, request(path, { cookie }));

function postJson<T>(body: unknown, cookie: string, method = "POST") {
  const req = new Request(new URL("/api/network/layout", ORIGIN), {
    method,
    headers: { Cookie: cookie, Origin: ORIGIN, "Content-Type": "application/json" },
    body: method === "DELETE" ? undefined : JSON.stringify(body),
  });
  return call<T>(layoutAction, req);
}

let viewer: string, editor: string, admin: string;
let ng: { id: string; name: string }, mg: { id: string; name: string };
let besta: { id: string; name: string; acronym: string | null }, unimi: { id: string; name: string; acronym: string | null };
let secret: { id: string; reference: string };
const SECRET_START = "2024-03-15";
const SECRET_END = "2031-06-30";

/** Nothing that identifies the restricted agreement or dates it. */
function expectNothingOfTheSecret(body: unknown) {
  const json = JSON.stringify(body);
  for (const detail of ["Secret genomic", secret.reference, secret.id, SECRET_START, SECRET_END]) expect(json).not.toContain(detail);
}

beforeAll(async () => {
  viewer = (await login("VIEWER")).cookie;
  editor = (await login("EDITOR")).cookie;
  admin = (await login("ADMIN")).cookie;
  ng = await makeUnit("Neurogenomics");
  mg = await makeUnit("Medical Genomics");
  besta = await makePartner("Istituto Neurologico Carlo Besta", "RESEARCH_HOSPITAL");
  unimi = await makePartner("University of Milan", "UNIVERSITY");
  await makeAgreement({ title: "Open framework with Besta", kind: "FRAMEWORK", unit: ng, partner: besta });
  // Its own dates, so a test can tell that they never reach a viewer.
  secret = await makeAgreement({
    title: "Secret genomic data transfer", kind: "DATA_SHARING", confidentiality: "RESTRICTED", unit: ng, partner: besta,
    startDate: new Date(`${SECRET_START}T00:00:00Z`), endDate: new Date(`${SECRET_END}T00:00:00Z`),
  });
  await makeAgreement({ title: "Old MTA with UniMi", kind: "MTA", unit: mg, partner: unimi, startDate: new Date("2020-01-01T00:00:00Z"), endDate: new Date("2021-01-01T00:00:00Z"), status: "EXPIRED" });
});

const edgeOf = (net: Network, unitId: string, partnerId: string) => net.edges.find((e) => e.id === `unit:${unitId}__partner:${partnerId}`);

describe("/api/network", () => {
  it("counts restricted agreements for a viewer but never carries a title", async () => {
    const { status, body } = await get<Network>(networkLoader, "/api/network", viewer);
    expect(status).toBe(200);
    expect(edgeOf(body, ng.id, besta.id)).toMatchObject({ count: 2, kinds: expect.objectContaining({ FRAMEWORK: 1, DATA_SHARING: 1 }) });
    expect(JSON.stringify(body)).not.toContain("Secret genomic");
    expect(JSON.stringify(body)).not.toContain(secret.reference);
  });

  it("shows the network as it was on an earlier day", async () => {
    const { body } = await get<Network>(networkLoader, "/api/network?asOf=2020-06-01", viewer);
    expect(body.edges.map((e) => e.id)).toEqual([`unit:${mg.id}__partner:${unimi.id}`]);
    expect(body.meta.firstAgreementDate).toBe("2020-01-01");
  });

  it("answers bad parameters with the defaults instead of an error", async () => {
    const { status, body } = await get<Network>(networkLoader, "/api/network?asOf=31/12/2024&minWeight=zero&cluster=%00&kind=FOO&weight=", viewer);
    expect(status).toBe(200);
    expect(body.meta.filters).toMatchObject({ minWeight: 1, cluster: "auto", kind: [], status: ["ACTIVE"], weight: "count" });
    expect(body.meta.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("sees a new, changed or archived agreement at once", async () => {
    const lab = await makeUnit("Data Science");
    const before = await get<Network>(networkLoader, "/api/network", viewer);
    expect(before.body.nodes.find((n) => n.id === `unit:${lab.id}`)?.agreementCount).toBe(0);
    const a = await makeAgreement({ title: "New", unit: lab, partner: unimi });
    const added = await get<Network>(networkLoader, "/api/network", viewer);
    expect(edgeOf(added.body, lab.id, unimi.id)?.count).toBe(1);
    await prisma.agreement.update({ where: { id: a.id }, data: { archivedAt: new Date() } });
    const archived = await get<Network>(networkLoader, "/api/network", viewer);
    expect(edgeOf(archived.body, lab.id, unimi.id)).toBeUndefined();
  });
});

describe("the drill-downs", () => {
  it("list the agreements behind a line a viewer may read, and only count the restricted one", async () => {
    const path = `/api/network.edge?source=unit:${ng.id}&target=partner:${besta.id}`;
    const forViewer = await get<NetworkEdgeDetail>(edgeLoader, path, viewer);
    expect(forViewer.status).toBe(200);
    expect(forViewer.body.agreements.map((a) => a.title)).toEqual(["Open framework with Besta"]);
    expect(forViewer.body.restricted).toBe(1);
    expectNothingOfTheSecret(forViewer.body);

    const forEditor = await get<NetworkEdgeDetail>(edgeLoader, path, editor);
    expect(forEditor.body.restricted).toBe(0);
    expect(forEditor.body.agreements.find((a) => a.restricted)).toMatchObject({
      id: secret.id, title: "Secret genomic data transfer", reference: secret.reference, startDate: SECRET_START, endDate: SECRET_END,
    });
  });

  it("answer 404 for a line not on the map, 400 for nonsense", async () => {
    expect((await get(edgeLoader, `/api/network.edge?source=unit:${mg.id}&target=partner:${besta.id}`, viewer)).status).toBe(404);
    expect((await get(edgeLoader, `/api/network.edge?source=partner:${besta.id}&target=unit:${mg.id}`, viewer)).status).toBe(400);
    expect((await get(nodeLoader, `/api/network.node?id=nothing`, viewer)).status).toBe(400);
    expect((await get(nodeLoader, `/api/network.node?id=partner:nope`, viewer)).status).toBe(404);
  });

  it("summarise a node with the agreements a viewer may read, the restricted one only counted", async () => {
    const { status, body } = await get<NetworkNodeDetail>(nodeLoader, `/api/network.node?id=partner:${besta.id}`, viewer);
    expect(status).toBe(200);
    expect(body.node).toMatchObject({ id: `partner:${besta.id}`, type: "partner", agreementCount: 2, kind: "RESEARCH_HOSPITAL" });
    expect(body.total).toBe(2);
    expect(body.agreements.map((a) => a.title)).toEqual(["Open framework with Besta"]);
    expect(body.restricted).toBe(1);
    expectNothingOfTheSecret(body);
    const forAdmin = await get<NetworkNodeDetail>(nodeLoader, `/api/network.node?id=partner:${besta.id}`, admin);
    expect(forAdmin.body.agreements.map((a) => a.title).sort()).toEqual(["Open framework with Besta", "Secret genomic data transfer"]);
    expect(forAdmin.body.restricted).toBe(0);
  });
});

describe("the gap matrix", () => {
  it("lists every unit and partner kind, zeros included, agreeing with the graph", async () => {
    const { body } = await get<NetworkMatrix>(matrixLoader, "/api/network.matrix?partnerKind=RESEARCH_HOSPITAL&partnerKind=UNIVERSITY", viewer);
    expect(body.partnerKinds).toEqual(["UNIVERSITY", "RESEARCH_HOSPITAL"]);
    const cell = (u: string, k: string) => body.cells.find((c) => c.unitId === `unit:${u}` && c.partnerKind === k);
    expect(cell(ng.id, "RESEARCH_HOSPITAL")).toMatchObject({ agreements: 2, partners: 1 });
    expect(cell(ng.id, "UNIVERSITY")).toMatchObject({ agreements: 0, partners: 0 });
    expect(cell(mg.id, "UNIVERSITY")).toMatchObject({ agreements: 0, partners: 0 }); // its MTA has expired
    expect(body.cells).toHaveLength(body.units.length * 2);
    const graph = await get<Network>(networkLoader, "/api/network?partnerKind=RESEARCH_HOSPITAL&partnerKind=UNIVERSITY", viewer);
    expect(body.units.map((u) => u.id)).toEqual(graph.body.nodes.filter((n) => n.type === "unit").map((n) => n.id));
    const lines = body.cells.reduce((n, c) => n + c.partners, 0);
    expect(lines).toBe(graph.body.edges.length);
  });
});

describe("the saved arrangement", () => {
  const nodeAt = async (id: string) => (await get<Network>(networkLoader, "/api/network", viewer)).body.nodes.find((n) => n.id === id)!;

  it("an editor saves where nodes sit, for everyone, and it is in the audit trail", async () => {
    const computed = await nodeAt(`partner:${besta.id}`);
    const form = new URLSearchParams({ positions: JSON.stringify({ [`partner:${besta.id}`]: { x: 1234.5, y: -42 } }) });
    const saved = await call<{ ok: boolean; saved: number }>(layoutAction, request("/api/network/layout", { cookie: editor, method: "POST", body: form }));
    expect(saved).toEqual({ status: 200, body: { ok: true, saved: 1, total: 1 } });
    expect(await nodeAt(`partner:${besta.id}`)).toMatchObject({ x: 1234.5, y: -42 });
    const meta = (await get<Network>(networkLoader, "/api/network", viewer)).body.meta.layout;
    expect(meta).toMatchObject({ saved: true, updatedBy: "Test editor" });

    // Saving a view that shows other nodes keeps the positions saved before...
    expect((await postJson({ positions: { [`unit:${ng.id}`]: { x: 3, y: 4 } } }, admin)).body).toEqual({ ok: true, saved: 1, total: 2 });
    expect(await nodeAt(`partner:${besta.id}`)).toMatchObject({ x: 1234.5, y: -42 });
    expect(await nodeAt(`unit:${ng.id}`)).toMatchObject({ x: 3, y: 4 });
    // ...unless asked to replace the whole arrangement.
    await postJson({ mode: "replace", positions: { [`partner:${besta.id}`]: { x: 1, y: 2 } } }, admin);
    expect(await nodeAt(`partner:${besta.id}`)).toMatchObject({ x: 1, y: 2 });
    expect(await nodeAt(`unit:${ng.id}`)).not.toMatchObject({ x: 3, y: 4 });

    const events = await prisma.auditEvent.findMany({ where: { entity: "MapLayout" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.summary])).toEqual([
      ["CREATE", "Saved 1 node position in the map arrangement “default” (1 node position in all)"],
      ["UPDATE", "Saved 1 node position in the map arrangement “default” (2 node positions in all)"],
      ["UPDATE", "Saved 1 node position in the map arrangement “default”, replacing it (1 node position in all)"],
    ]);

    // Anyone gets the computed layout back once it is reset.
    expect(await postJson({ intent: "reset" }, editor)).toEqual({ status: 200, body: { ok: true, reset: true } });
    expect(await nodeAt(`partner:${besta.id}`)).toMatchObject({ x: computed.x, y: computed.y });
    expect(await postJson(undefined, editor, "DELETE")).toEqual({ status: 200, body: { ok: true, reset: false } });
    expect(await prisma.auditEvent.count({ where: { entity: "MapLayout", action: "DELETE" } })).toBe(1);
  });

  it("refuses a viewer, and anything that is not a set of finite positions", async () => {
    expect((await postJson({ positions: { [`unit:${ng.id}`]: { x: 1, y: 1 } } }, viewer)).status).toBe(403);
    const tooMany = Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`partner:p${i}`, { x: i, y: i }]));
    for (const positions of [{}, { "unit:x": { x: "1", y: 2 } }, { "unit:x": { x: 1 } }, { "not-a-node": { x: 1, y: 2 } }, { "unit:x": { x: 1e300, y: 0 } }, tooMany]) {
      const res = await postJson<{ ok: boolean; error: string }>({ positions }, editor);
      expect(res.status, JSON.stringify(positions).slice(0, 60)).toBe(400);
      expect(res.body.ok).toBe(false);
    }
    const broken = new URLSearchParams({ positions: "{not json" });
    expect((await call(layoutAction, request("/api/network/layout", { cookie: editor, method: "POST", body: broken }))).status).toBe(400);
    expect(await prisma.mapLayout.count()).toBe(0);
  });
});

describe("a partner known only through a restricted agreement", () => {
  it("is on an editor's map, and not on a viewer's, nor behind its drill-downs", async () => {
    const hidden = await makePartner("Confidential Biotech Srl", "COMPANY");
    await makeAgreement({ title: "Secret option with a company", kind: "NDA", confidentiality: "RESTRICTED", unit: mg, partner: hidden });
    const line = `unit:${mg.id}__partner:${hidden.id}`;

    const forEditor = await get<Network>(networkLoader, "/api/network", editor);
    expect(forEditor.body.edges.map((e) => e.id)).toContain(line);
    expect(forEditor.body.nodes.map((n) => n.id)).toContain(`partner:${hidden.id}`);

    const forViewer = await get<Network>(networkLoader, "/api/network", viewer);
    expect(forViewer.body.edges.map((e) => e.id)).not.toContain(line);
    expect(JSON.stringify(forViewer.body)).not.toContain(hidden.id);
    const edgePath = `/api/network.edge?source=unit:${mg.id}&target=partner:${hidden.id}`;
    expect((await get(edgeLoader, edgePath, viewer)).status).toBe(404);
    expect((await get(nodeLoader, `/api/network.node?id=partner:${hidden.id}`, viewer)).status).toBe(404);
    expect((await get<NetworkEdgeDetail>(edgeLoader, edgePath, editor)).body.agreements).toHaveLength(1);
  });
});

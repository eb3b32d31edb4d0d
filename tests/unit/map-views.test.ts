/**
 * Saved views of the map (/map-views, app/models/map-views.server.ts):
 * saved with a name and the map's own parameters only, opened by link,
 * pinned for everyone by editors only, deleted by their owner, each change
 * in the audit trail.
 */
import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/map-views";
import { loader as openLoader } from "~/routes/map-views_.$id";
import { prisma } from "~/utils/db.server";
import { login, makeAgreement } from "../setup/factories";
import { get, post } from "../setup/routes";

describe("saved map views", () => {
  it("saves the filters and the question under a name, keeps only the map's parameters, and opens by its link", async () => {
    const viewer = await login("VIEWER");
    const saved = await post(action, "/map-views", viewer.cookie, {
      intent: "save", name: "  Hospitals of Neurogenomics ", query: "partnerKind=RESEARCH_HOSPITAL&whatIf=ending:12&evil=1&view=table", positions: JSON.stringify({ "partner:x": { x: 10, y: 20 } }),
    });
    expect(saved.status).toBe(200);
    const id = saved.data.saved.id as string;
    const row = await prisma.mapView.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "Hospitals of Neurogenomics", query: "partnerKind=RESEARCH_HOSPITAL&view=table&whatIf=ending%3A12", pinned: false, ownerId: viewer.user.id });
    expect(JSON.parse(row.positions)).toEqual({ "partner:x": { x: 10, y: 20 } });
    // The link opens the map with the view.
    const opened = await get(openLoader, `/map-views/${id}`, (await login("EDITOR")).cookie);
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(`/map?partnerKind=RESEARCH_HOSPITAL&view=table&whatIf=ending%3A12&savedView=${id}`);
    expect((await get(openLoader, "/map-views/nope", viewer.cookie)).status).toBe(404);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entity: "MapView", entityId: id } });
    expect(audit).toMatchObject({ action: "CREATE", actorId: viewer.user.id });
  });

  it("asks for a name, keeping what was typed", async () => {
    const viewer = await login("VIEWER");
    const answer = await post(action, "/map-views", viewer.cookie, { intent: "save", name: "   ", query: "kind=MOU" });
    expect(answer.status).toBe(400);
    expect(answer.data.result.error).toEqual({ name: ["Give the view a name."] });
  });

  it("lets editors pin a view for everyone; a viewer may not pin, nor delete another's view", async () => {
    const viewer = await login("VIEWER");
    const editor = await login("EDITOR");
    const refused = await post(action, "/map-views", viewer.cookie, { intent: "save", name: "Mine, pinned?", pinned: "on" });
    expect(refused.status).toBe(403);
    const board = await post(action, "/map-views", editor.cookie, { intent: "save", name: "Board, December", query: "asOf=2026-12-01", pinned: "on" });
    const id = board.data.saved.id as string;
    // The viewer sees it in their list, pinned, and cannot unpin or delete it.
    const listed = await get(loader, "/map-views", viewer.cookie);
    expect(listed.data.views.map((v: { name: string; pinned: boolean }) => [v.name, v.pinned])).toContainEqual(["Board, December", true]);
    expect((await post(action, "/map-views", viewer.cookie, { intent: "unpin", id, version: 1 })).status).toBe(403);
    expect((await post(action, "/map-views", viewer.cookie, { intent: "delete", id })).status).toBe(403);
    // A stale version is a conflict; the right one unpins it.
    expect((await post(action, "/map-views", editor.cookie, { intent: "unpin", id, version: 7 })).status).toBe(409);
    expect((await post(action, "/map-views", editor.cookie, { intent: "unpin", id, version: 1 })).status).toBe(200);
    expect((await get(loader, "/map-views", viewer.cookie)).data.views.some((v: { id: string }) => v.id === id)).toBe(false);
    expect((await post(action, "/map-views", editor.cookie, { intent: "delete", id })).status).toBe(200);
    expect(await prisma.mapView.count({ where: { id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { entity: "MapView", entityId: id } })).toBe(3);
  });
});

describe("a saved view and confidentiality", () => {
  it("never hands a viewer the id of a restricted agreement a view's what-if names", async () => {
    const editor = await login("EDITOR");
    const viewer = await login("VIEWER");
    const secret = await makeAgreement({ kind: "FRAMEWORK", confidentiality: "RESTRICTED" });
    const saved = await post(action, "/map-views", editor.cookie, { intent: "save", name: "Secret what-if", query: `whatIf=${secret.id}&cluster=none`, pinned: "on" });
    const id = saved.data.saved.id as string;
    expect((await get(openLoader, `/map-views/${id}`, editor.cookie)).location).toContain(`whatIf=${secret.id}`);
    const forViewer = await get(openLoader, `/map-views/${id}`, viewer.cookie);
    expect(forViewer.location).toBe(`/map?cluster=none&savedView=${id}`);
  });
});

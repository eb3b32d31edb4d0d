/**
 * The API with tokens (issue 14): a token lists, reads, creates and updates
 * agreements through the documented endpoints, with the form's rules and
 * optimistic concurrency, and cannot once revoked; scopes, expiry, the
 * per-token rate limit (429 with Retry-After), every use audited with the
 * last-used time; and a viewer's token never reads a restricted agreement's
 * title, by any endpoint.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AgreementListSchema, AgreementSchema, CreatedSchema, UpdatedSchema } from "~/domain/api-schemas";
import { addDaysUtc, utcToday } from "~/domain/dates";
import { createToken, revokeToken } from "~/models/api-tokens.server";
import { prisma } from "~/utils/db.server";
import { resetEnv } from "~/utils/env.server";
import { resetRateLimits } from "~/utils/rate-limit.server";
import { makeAgreement, makePartner, makeUnit, makeUser } from "../setup/factories";
import { api } from "../setup/api";

let editor: Awaited<ReturnType<typeof makeUser>>;
let viewer: Awaited<ReturnType<typeof makeUser>>;
let unit: Awaited<ReturnType<typeof makeUnit>>;
let partner: Awaited<ReturnType<typeof makePartner>>;
let secret: Awaited<ReturnType<typeof makeAgreement>>;

const tokenFor = async (user: { id: string; email: string }, scope: "READ" | "WRITE", expiresInDays = 30) =>
  (await createToken(user, { name: `${scope} token`, scope, expiresInDays })).token;

beforeAll(async () => {
  editor = await makeUser("EDITOR");
  viewer = await makeUser("VIEWER");
  unit = await makeUnit("Neurogenomics");
  partner = await makePartner("Istituto Neurologico Carlo Besta", "RESEARCH_HOSPITAL");
  await makeAgreement({ title: "Open organoid collaboration", unit, partner, kind: "RESEARCH_COLLABORATION" });
  // Ends in 30 days: a deadline an editor's token lists and a viewer's only counts.
  secret = await makeAgreement({ title: "Platypus cohort transfer", unit, partner, kind: "DATA_SHARING", confidentiality: "RESTRICTED", endDate: addDaysUtc(utcToday(), 30) });
});

beforeEach(() => resetRateLimits());

describe("a read-and-write token", () => {
  it("lists, reads, creates and updates agreements, each use audited", async () => {
    const token = await tokenFor(editor, "WRITE");
    const list = await api("/api/agreements?kind=RESEARCH_COLLABORATION&sort=title", { token });
    expect(list.status).toBe(200);
    expect(AgreementListSchema.parse(list.body).items.map((a) => a.title)).toContain("Open organoid collaboration");

    const created = await api("/api/agreements", {
      token, method: "POST",
      json: { title: "MoU on spatial transcriptomics", kind: "MOU", parties: [{ ref: `unit:${unit.id}`, role: "LEAD" }, { ref: `partner:${partner.id}` }], value: 125000.5, valueDirection: "HT_RECEIVES" },
    });
    expect(created.status).toBe(201);
    const agreement = CreatedSchema.parse(created.body).agreement;
    expect(agreement).toMatchObject({ title: "MoU on spatial transcriptomics", status: "DRAFT", valueCents: 12_500_050, version: 1 });
    expect(agreement.parties.map((p) => p.ref)).toEqual([`unit:${unit.id}`, `partner:${partner.id}`]);

    const read = await api(`/api/agreements/${agreement.id}`, { token });
    expect(AgreementSchema.parse(read.body).reference).toBe(agreement.reference);

    const updated = await api(`/api/agreements/${agreement.id}`, {
      token, method: "PUT",
      json: { version: 1, title: "MoU on spatial transcriptomics and imaging", kind: "MOU", parties: [{ ref: `unit:${unit.id}`, role: "LEAD" }, { ref: `partner:${partner.id}` }], value: "125000.50", valueDirection: "HT_RECEIVES" },
    });
    expect(updated.status).toBe(200);
    expect(UpdatedSchema.parse(updated.body)).toMatchObject({ changed: ["title"], agreement: { version: 2 } });

    const audit = await prisma.auditEvent.findMany({ where: { actorId: editor.id }, orderBy: { id: "asc" }, select: { entity: true, action: true, summary: true } });
    expect(audit.filter((e) => e.entity === "Agreement").map((e) => e.action)).toEqual(["CREATE", "UPDATE"]);
    expect(audit.filter((e) => e.action === "USE").map((e) => e.summary)).toEqual([
      "API token “WRITE token”: GET /api/agreements", "API token “WRITE token”: POST /api/agreements",
      "API token “WRITE token”: GET /api/agreements/{id}", "API token “WRITE token”: PUT /api/agreements/{id}",
    ]);
    const row = await prisma.apiToken.findFirstOrThrow({ where: { userId: editor.id, name: "WRITE token" } });
    expect(row.useCount).toBe(4);
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain(token.slice(4, 20));
  });

  it("answers 409 with what is saved now to an update from an old version, and 400 with every field's error", async () => {
    const token = await tokenFor(editor, "WRITE");
    const body = { title: "Framework with Besta", kind: "MOU", parties: [{ ref: `unit:${unit.id}` }] };
    const { agreement } = (await api("/api/agreements", { token, method: "POST", json: body })).body;
    expect((await api(`/api/agreements/${agreement.id}`, { token, method: "PUT", json: { ...body, version: 1, summary: "first" } })).status).toBe(200);
    const stale = await api(`/api/agreements/${agreement.id}`, { token, method: "PUT", json: { ...body, version: 1, summary: "second" } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ ok: false, currentVersion: 2, current: { summary: "first" } });

    const bad = await api("/api/agreements", { token, method: "POST", json: { title: "x", kind: "NOPE", endDate: "2026-02-30", parties: [{ ref: "unit:nope", role: "LEAD" }] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fieldErrors).sort()).toEqual(["endDate", "kind", "title"]);
    const missing = await api("/api/agreements", { token, method: "POST", json: { title: "A party that does not exist", kind: "MOU", parties: [{ ref: "partner:nope" }] } });
    expect(missing.body.fieldErrors).toEqual({ "parties[0].ref": ["This party no longer exists; choose another"] });
    expect((await api("/api/agreements", { token, method: "POST" })).status).toBe(415);
  });

  it("is refused once revoked", async () => {
    const token = await tokenFor(editor, "WRITE");
    expect((await api("/api/agreements", { token })).status).toBe(200);
    const row = await prisma.apiToken.findFirstOrThrow({ where: { userId: editor.id }, orderBy: { createdAt: "desc" } });
    await revokeToken(editor, row.id);
    const refused = await api("/api/agreements", { token });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatch(/revoked/);
    expect(refused.headers.get("WWW-Authenticate")).toContain("invalid_token");
    expect((await api("/api/agreements", { token, method: "POST", json: { title: "After revocation", kind: "MOU" } })).status).toBe(401);
    expect(await prisma.agreement.count({ where: { title: "After revocation" } })).toBe(0);
  });
});

describe("scopes, expiry and limits", () => {
  it("lets a read-only token read but not write", async () => {
    const token = await tokenFor(editor, "READ");
    expect((await api("/api/agreements", { token })).status).toBe(200);
    const write = await api("/api/agreements", { token, method: "POST", json: { title: "Read-only attempt", kind: "MOU" } });
    expect(write.status).toBe(403);
    expect(write.body.error).toMatch(/read-only/);
    expect(await prisma.agreement.count({ where: { title: "Read-only attempt" } })).toBe(0);
  });

  it("refuses an expired, an unknown and a malformed token, and a viewer's write token its role's limits", async () => {
    const { token, record } = await createToken(editor, { name: "Short", scope: "READ", expiresInDays: 7 });
    await prisma.apiToken.update({ where: { id: record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api("/api/agreements", { token })).body.error).toMatch(/expired/);
    expect((await api("/api/agreements", { token: `htc_${"A".repeat(43)}` })).status).toBe(401);
    expect((await api("/api/agreements", { authorization: "Bearer" })).status).toBe(401);
    expect((await api("/api/agreements", {})).status).toBe(401);
    const viewerWrite = await tokenFor(viewer, "WRITE");
    expect((await api("/api/agreements", { token: viewerWrite, method: "POST", json: { title: "Viewer attempt", kind: "MOU" } })).status).toBe(403);
  });

  it("answers 429 with Retry-After past the token's rate limit", async () => {
    process.env.API_RATE_LIMIT = "3";
    resetEnv();
    try {
      const token = await tokenFor(editor, "READ");
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await api("/api/units", { token })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await api("/api/units", { token });
      expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
      expect(limited.body.error).toMatch(/at most 3 a minute/);
      // Another token has its own allowance.
      expect((await api("/api/units", { token: await tokenFor(editor, "READ") })).status).toBe(200);
    } finally {
      delete process.env.API_RATE_LIMIT;
      resetEnv();
    }
  });
});

describe("a viewer's token and a restricted agreement", () => {
  it("never reads its title, by list, search, id, partner, unit, deadlines or network", async () => {
    const token = await tokenFor(viewer, "READ");
    const bodies: string[] = [];
    for (const path of [
      "/api/agreements", "/api/agreements?q=Platypus", "/api/agreements?kind=DATA_SHARING&archived=include",
      `/api/agreements/${secret.id}`, `/api/partners/${partner.id}`, `/api/units/${unit.id}`, "/api/network?cluster=none", "/api/partners", "/api/units",
      "/api/deadlines", "/api/deadlines?window=custom&from=2000-01-01&to=2040-12-31",
    ]) {
      const answer = await api(path, { token });
      expect([200, 403]).toContain(answer.status);
      bodies.push(JSON.stringify(answer.body));
    }
    for (const text of bodies) {
      expect(text).not.toContain("Platypus");
      expect(text).not.toContain(secret.reference);
    }
    expect((await api(`/api/agreements/${secret.id}`, { token })).status).toBe(403);
    // Its end date is counted for the viewer, never shown; an editor's token lists it.
    expect((await api("/api/deadlines", { token })).body.restrictedHidden).toBe(1);
    const editorDeadlines = (await api("/api/deadlines", { token: await tokenFor(editor, "READ") })).body;
    expect(editorDeadlines.restrictedHidden).toBe(0);
    expect(editorDeadlines.items.map((d: { agreement: { title: string } }) => d.agreement.title)).toContain("Platypus cohort transfer");
    // An editor's token reads it, as the editor's pages do.
    expect((await api(`/api/agreements/${secret.id}`, { token: await tokenFor(editor, "READ") })).body.title).toBe("Platypus cohort transfer");
  });
});

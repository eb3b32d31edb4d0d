/**
 * Malformed and hostile requests get a 4xx with a message, never a 500 and
 * never seconds of work: bodies that are not forms, broken multipart, list
 * indices far beyond the form's, unknown vocabulary values, impossible
 * dates; the current-password check is throttled like the log-in; routes
 * without a page answer 405; a viewer's export streams every row.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { action as accountAction } from "~/routes/account";
import { action as newAgreementAction } from "~/routes/agreements.new";
import { loader as csvLoader } from "~/routes/agreements[.]csv";
import { loader as layoutApiLoader } from "~/routes/api.network.layout";
import { prisma } from "~/utils/db.server";
import { login, makePartner, makeUnit, ORIGIN } from "../setup/factories";
import { get, post } from "../setup/routes";

let editor: string;
let viewer: string;
let unitRef: string;
let partnerRef: string;

beforeAll(async () => {
  editor = (await login("EDITOR")).cookie;
  viewer = (await login("VIEWER")).cookie;
  unitRef = `unit:${(await makeUnit("Data Science")).id}`;
  partnerRef = `partner:${(await makePartner("CINECA", "SUPERCOMPUTING")).id}`;
});

/** Calls the new-agreement action with a raw body, as curl would. */
async function raw(body: BodyInit | null, contentType: string | null) {
  const headers = new Headers({ Cookie: editor, Origin: ORIGIN });
  if (contentType) headers.set("Content-Type", contentType);
  const request = new Request(new URL("/agreements/new", ORIGIN), { method: "POST", headers, body });
  try {
    return await newAgreementAction({ request, params: {}, context: {} });
  } catch (thrown) {
    return thrown;
  }
}

const statusOf = (out: unknown) =>
  out instanceof Response ? out.status : (out as { init?: { status?: number } } | null)?.init?.status ?? 200;

describe("a form that is not a form", () => {
  it.each([
    ["a JSON body", '{"title":"x"}', "application/json", 415],
    ["plain text", "title=x", "text/plain", 415],
    ["no content type", "title=x", null, 415],
    ["multipart without a boundary", "--x\r\n", "multipart/form-data", 400],
    ["broken multipart", "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nunterminated", "multipart/form-data; boundary=b", 400],
  ])("%s is answered %i with a message", async (_what, body, type, status) => {
    const out = await raw(body, type);
    expect(out).toBeInstanceOf(Response);
    expect((out as Response).status).toBe(status);
    expect((await (out as Response).text()).length).toBeGreaterThan(10);
    expect(await prisma.agreement.count()).toBe(0);
  });

  it("bad percent-encoding is read as text, not a crash", async () => {
    // A title and a kind are enough for a draft: it saves, with the broken bytes read as replacement characters.
    const out = await raw("title=Bad%E0%A4%A&kind=MOU", "application/x-www-form-urlencoded");
    expect(statusOf(out)).toBe(302);
    const saved = await prisma.agreement.findFirstOrThrow({ where: { title: { startsWith: "Bad" } } });
    expect(saved.title).toMatch(/^Bad\uFFFD/);
    await prisma.agreement.delete({ where: { id: saved.id } });
  });

  it("a list index far past the form's answers 400 at once, with a small answer", async () => {
    const out = await raw(new URLSearchParams({ "parties[100000].ref": unitRef, title: "Sparse", kind: "MOU" }), "application/x-www-form-urlencoded");
    expect(out).toBeInstanceOf(Response);
    expect((out as Response).status).toBe(400);
    expect((await (out as Response).text()).length).toBeLessThan(200);
  });

  it("an unknown kind is a field error, not a server error", async () => {
    const res = await post(newAgreementAction, "/agreements/new", editor, { title: "Evil kind", kind: "EVIL", "parties[0].ref": unitRef, "parties[0].role": "LEAD" });
    expect(res.status).toBe(400);
    expect(res.data.result.error.kind).toEqual(["Choose the kind of agreement"]);
  });
});

describe("dates", () => {
  it("an impossible date in the kind's terms is refused, not stored as another day", async () => {
    const res = await post(newAgreementAction, "/agreements/new", editor, {
      title: "Genomic data transfer", kind: "DATA_SHARING",
      "details.dataCategories": "Genomes", "details.transferBasis": "GDPR art. 9(2)(j)", "details.dataDestructionDate": "2026-02-30",
      "parties[0].ref": unitRef, "parties[0].role": "LEAD", "parties[0].gdprRole": "INDEPENDENT_CONTROLLER",
      "parties[1].ref": partnerRef, "parties[1].role": "PARTICIPANT", "parties[1].gdprRole": "PROCESSOR",
    });
    expect(res.status).toBe(400);
    expect(res.data.result.error["details.dataDestructionDate"]).toEqual(["Data destruction date must be a date (YYYY-MM-DD)"]);
    expect(await prisma.agreement.count({ where: { title: "Genomic data transfer" } })).toBe(0);
  });
});

describe("the current password", () => {
  it("is throttled like the log-in: after five wrong attempts even the right one waits", async () => {
    const { cookie } = await login("VIEWER");
    const attempt = (currentPassword: string) =>
      post(accountAction, "/account", cookie, { currentPassword, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}`)).status).toBe(400);
    const blocked = await attempt("correct horse battery staple");
    expect(blocked.status).toBe(429);
    expect(blocked.data.result.error.currentPassword[0]).toMatch(/^Too many wrong attempts\. Wait \d+ seconds and try again\.$/);
  });
});

describe("routes without a page", () => {
  it("answer GET with 405 and say which method they take", async () => {
    const res = await get(layoutApiLoader, "/api/network/layout", editor);
    expect(res.status).toBe(405);
    expect(res.response?.headers.get("Allow")).toBe("POST, DELETE");
  });
});

describe("a viewer's export", () => {
  it("streams all 5,000 matching rows", async () => {
    const n = 5_000;
    await prisma.$executeRawUnsafe(`
      WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${n - 1})
      INSERT INTO "Agreement" ("id", "reference", "title", "kind", "status", "partnersLabel", "unitsLabel", "createdAt", "updatedAt")
      SELECT 'bulk-' || i, 'HT-2031-' || printf('%05d', i), 'Viewer export ' || i, 'SERVICE', 'ACTIVE', 'CINECA', 'Data Science',
             CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM k`);
    const res = await get(csvLoader, "/agreements.csv?q=Viewer+export", viewer);
    expect(res.status).toBe(200);
    const text = await res.response!.text();
    expect(text.trimEnd().split("\r\n")).toHaveLength(n + 1);
  }, 30_000);
});

/**
 * The production server run for real, each test on a server of its own
 * (spawned-server.ts): its JSON log after a person logs in, uploads a
 * document and uses a token holds request ids and user ids and none of the
 * secrets; SIGTERM lets a request in flight finish, then closes the
 * database and exits 0; and the restore drill: a backup taken by
 * `npm run backup` while the server keeps writing, restored by
 * `npm run restore` into an empty location, serves every change committed
 * before the backup, documents included, from a fresh server.
 */
import http from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { makePdf } from "../setup/pdf";
import { createAccount, Factories } from "./factories";
import { freshPaths, logInOver, migrate, runCli, spawnServer } from "./spawned-server";

test.describe.configure({ mode: "serial" });

async function upload(url: string, cookie: string, agreementId: string, name: string, bytes: Buffer) {
  const form = new FormData();
  form.set("kind", "SIGNED_DEED");
  form.set("respond", "json");
  form.set("files", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), name);
  const response = await fetch(`${url}/agreements/${agreementId}/documents`, { method: "POST", headers: { Cookie: cookie, Origin: url }, body: form });
  expect(response.status).toBe(200);
}

async function createTokenOver(url: string, cookie: string): Promise<string> {
  const response = await fetch(`${url}/account`, {
    method: "POST", headers: { Cookie: cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "create-token", name: "Log check", scope: "WRITE", expiresInDays: "30" }),
  });
  const token = /htc_[\w-]{43}/.exec(await response.text())?.[0];
  if (!token) throw new Error(`no token on the page (${response.status})`);
  return token;
}

test("the log has a request id on every request line and no password, token, cookie or document text", async () => {
  const paths = freshPaths("ops-logs");
  const db = migrate(paths);
  const tag = randomBytes(3).toString("hex");
  const password = `Secret-Password-${tag}-horse`;
  const editor = await createAccount(db, "editor", { email: `log-check-${tag}@e2e.test`, name: "Log Check", password });
  const create = new Factories(db, tag);
  const agreement = await create.agreement({ units: [await create.unit()], partners: [await create.partner()] });
  await db.$disconnect();
  const server = await spawnServer(paths);
  try {
    const wrong = await fetch(`${server.url}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url }, body: new URLSearchParams({ email: editor.email, password: `Wrong-${password}` }) });
    expect(wrong.status).toBe(400);
    const cookie = await logInOver(server.url, editor.email, password);
    const phrase = `Quokkaclause${tag}`;
    await upload(server.url, cookie, agreement.id, "deed.pdf", makePdf([[`The parties agree on the ${phrase} of this deed.`]]));
    const token = await createTokenOver(server.url, cookie);
    const auth = { Authorization: `Bearer ${token}` };
    // The document's text is read and indexed in the background: search for it through the API until it is found.
    await expect.poll(async () => (await (await fetch(`${server.url}/api/agreements?q=${phrase}`, { headers: auth })).json()).total, { timeout: 20_000 }).toBe(1);
    const posted = await fetch(`${server.url}/api/agreements`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ title: `Posted ${tag}`, kind: "MOU" }) });
    expect(posted.status).toBe(201);
    expect(await server.stop()).toBe(0);

    const records = server.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = records.filter((r) => r.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const r of requests) expect(r.reqId).toEqual(expect.any(String));
    const api = requests.filter((r) => String(r.path).startsWith("/api/agreements"));
    expect(api.every((r) => r.userId === editor.id && typeof r.tokenId === "string")).toBe(true);
    expect(requests.find((r) => r.path === "/account" && r.method === "POST")?.userId).toBe(editor.id);
    const everything = server.lines.join("\n");
    for (const secret of [password, token, token.slice(4), cookie.split("=")[1]!, decodeURIComponent(cookie.split("=")[1]!), phrase]) {
      expect(everything, "a secret in the log").not.toContain(secret);
    }
  } finally {
    server.process.kill("SIGKILL");
  }
});

test("SIGTERM lets a request in flight finish, then closes the database and exits 0", async () => {
  const paths = freshPaths("ops-shutdown");
  const db = migrate(paths);
  const editor = await createAccount(db, "editor", { email: "shutdown@e2e.test", name: "Shutdown" });
  await db.$disconnect();
  const server = await spawnServer(paths);
  const body = new URLSearchParams({ email: editor.email, password: editor.password, redirectTo: "/" }).toString();
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), Origin: server.url, Expect: "100-continue" },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    // The server has the request (it answered 100 Continue): stop it now, then send the body.
    req.on("continue", () => {
      server.process.kill("SIGTERM");
      void server.waitForLine((l) => l.includes("stopping: no new connections")).then(async () => {
        await expect(fetch(server.url + "/healthz")).rejects.toThrow();
        req.end(body);
      });
    });
    req.flushHeaders();
  });
  expect(status).toBe(302);
  expect(await server.exited).toBe(0);
  const messages = server.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
  expect(messages.indexOf("request")).toBeGreaterThan(messages.indexOf("stopping: no new connections; finishing requests in flight"));
  expect(messages.at(-1)).toBe("database closed; stopped");
});

test("restore drill: a backup taken while the server writes restores every committed change and document on a fresh server", async () => {
  const source = freshPaths("ops-drill-source");
  const db = migrate(source);
  const tag = randomBytes(3).toString("hex");
  const editor = await createAccount(db, "editor", { email: `drill-${tag}@e2e.test`, name: "Drill" });
  const create = new Factories(db, tag);
  const agreement = await create.agreement({ units: [await create.unit()], partners: [await create.partner()] });
  await db.$disconnect();
  const server = await spawnServer(source);
  const cookie = await logInOver(server.url, editor.email, editor.password);
  const deed = makePdf([[`Drill deed ${tag}`]]);
  await upload(server.url, cookie, agreement.id, "drill-deed.pdf", deed);
  const token = await createTokenOver(server.url, cookie);
  const post = (n: number) => fetch(`${server.url}/api/agreements`, {
    method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ title: `Drill write ${n}`, kind: "NDA" }),
  });
  for (let n = 0; n < 3; n++) expect((await post(n)).status).toBe(201);
  // npm run backup, another process, while the server keeps taking writes.
  let written = 3;
  let done = false;
  const writer = (async () => { while (!done) { expect((await post(written)).status).toBe(201); written += 1; } })();
  const backup = await runCli("backup", ["--no-prune"], source);
  done = true;
  await writer;
  await server.stop();
  expect(backup.code, backup.out).toBe(0);
  expect(backup.out).toMatch(/verified in \d+ ms/);
  const folder = path.join(source.backupDir, /Backup (ht-backup-\S+):/.exec(backup.out)![1]!);

  const target = freshPaths("ops-drill-restored");
  const restored = await runCli("restore", [folder], target);
  expect(restored.code, restored.out).toBe(0);
  const again = await runCli("restore", [folder], target);
  expect(again.code).toBe(1);
  expect(again.out).toMatch(/already exists/);

  const fresh = await spawnServer(target);
  try {
    const auth = { Authorization: `Bearer ${token}` };
    const list = await (await fetch(`${fresh.url}/api/agreements?kind=NDA&size=100`, { headers: auth })).json();
    const numbers = (list.items as { title: string }[]).map((a) => Number(a.title.replace("Drill write ", ""))).sort((a, b) => a - b);
    // Every write committed before the backup began, and a gap-free run of later ones: one snapshot.
    expect(numbers.slice(0, 3)).toEqual([0, 1, 2]);
    expect(numbers).toEqual(numbers.map((_, i) => i));
    const page = await fetch(`${fresh.url}/agreements/${agreement.id}`, { headers: { Cookie: await logInOver(fresh.url, editor.email, editor.password) } });
    const html = await page.text();
    const versionId = /\/documents\/([^/"]+)\/download/.exec(html)?.[1];
    expect(versionId).toBeTruthy();
    const file = await fetch(`${fresh.url}/documents/${versionId}/download`, { headers: { Cookie: await logInOver(fresh.url, editor.email, editor.password) } });
    expect(Buffer.from(await file.arrayBuffer()).equals(deed)).toBe(true);
    expect(readFileSync(path.join(target.dir, "app.db")).length).toBeGreaterThan(0);
  } finally {
    expect(await fresh.stop()).toBe(0);
  }
});

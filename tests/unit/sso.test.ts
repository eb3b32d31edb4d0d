/**
 * Single sign-on against a real OpenID provider (oidc-provider, started on
 * loopback by the test): the authorization code flow end to end, a person
 * landing where they were going with the role the app gave them; a wrong
 * state, a replayed code and an expired token refused; accounts matched by
 * verified e-mail only; a first sign-on without an account refused, or
 * turned into a request an admin approves; password log-in switched off.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { updateUser } from "~/models/users.server";
import { getUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { resetEnv } from "~/utils/env.server";
import { setClockSkewForTests } from "~/utils/sso.server";
import { createLogger, useLogger } from "~/utils/logger.server";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { ORIGIN, makeUser, request } from "../setup/factories";
import { loadRoute } from "../setup/route-files";

let provider: TestProvider;
/** What the app logged, one JSON object per line. */
const logged: { msg: string; reason?: string }[] = [];
useLogger(createLogger("warn", { write: (line: string) => void logged.push(JSON.parse(line)) }));
const lastReason = () => logged.at(-1)?.reason ?? "";

function configure(extra: Record<string, string> = {}) {
  Object.assign(process.env, { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_NEW_ACCOUNTS: "refuse", PASSWORD_LOGIN: "1" }, extra);
  resetEnv();
  setClockSkewForTests(0);
}

beforeAll(async () => {
  provider = await startTestProvider([`${ORIGIN}/auth/sso/callback`]);
});
afterAll(async () => {
  for (const k of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NEW_ACCOUNTS", "PASSWORD_LOGIN"]) delete process.env[k];
  resetEnv();
  await provider.close();
});
beforeEach(() => configure());

/** A browser's cookies for the provider, and its manual redirects. */
async function follow(url: string, jar: Map<string, string>, init: RequestInit = {}): Promise<string> {
  let next = url;
  let options = init;
  for (let hops = 0; hops < 10; hops++) {
    // Leaving the provider (back to the app), or reaching its log-in page, ends the walk.
    if (!next.startsWith(provider.issuer) || (hops > 0 && /\/interaction\//.test(next))) return next;
    const response = await fetch(next, { ...options, redirect: "manual", headers: { ...(options.headers as Record<string, string>), Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!, value.join("="));
    }
    const location = response.headers.get("Location");
    if (!location) throw new Error(`${response.status} from ${next} without a redirect: ${await response.text()}`);
    next = new URL(location, next).href;
    options = {};
  }
  throw new Error("too many redirects");
}

/** Starts at /auth/sso, signs in at the provider as `email`, and returns the callback URL and the app's flow cookie. */
async function signInAtProvider(email: string, redirectTo = "/agreements") {
  const { loader } = await loadRoute("auth.sso.ts");
  const start = (await loader!({ request: request(`/auth/sso?redirectTo=${encodeURIComponent(redirectTo)}`), params: {}, context: {} })) as Response;
  expect(start.status).toBe(302);
  const flowCookie = start.headers.get("Set-Cookie")!.split(";")[0]!;
  const jar = new Map<string, string>();
  const interaction = await follow(start.headers.get("Location")!, jar);
  expect(interaction).toMatch(/\/interaction\//);
  const callback = await follow(interaction, jar, {
    method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email }).toString(),
  });
  expect(callback).toMatch(/^http:\/\/localhost\/auth\/sso\/callback\?code=/);
  return { callback, flowCookie };
}

async function callBack(url: string, cookie: string) {
  const { loader } = await loadRoute("auth.sso_.callback.tsx");
  const path = url.slice(ORIGIN.length);
  try {
    const out = await loader!({ request: request(path, { cookie }), params: {}, context: {} });
    const { data, init } = out as { data: { outcome: { kind: string } }; init: ResponseInit };
    return { status: init.status ?? 200, kind: data.outcome.kind, location: null as string | null, session: null as string | null };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    const session = thrown.headers.getSetCookie().find((c) => c.startsWith("ht_session="))?.split(";")[0] ?? null;
    return { status: thrown.status, kind: "signed-in", location: thrown.headers.get("Location"), session };
  }
}

describe("single sign-on through the institute's provider", () => {
  it("lands the person where they were going, logged in with the role the app assigned", async () => {
    const editor = await makeUser("EDITOR", { email: "giulia.rossi@fht.test" });
    const { callback, flowCookie } = await signInAtProvider("Giulia.Rossi@fht.test", "/agreements?status=ACTIVE");
    const answer = await callBack(callback, flowCookie);
    expect(answer).toMatchObject({ status: 302, location: "/agreements?status=ACTIVE" });
    const user = await getUser(request("/", { cookie: answer.session! }));
    expect(user).toMatchObject({ id: editor.id, role: "EDITOR" });
    const linked = await prisma.user.findUniqueOrThrow({ where: { id: editor.id } });
    expect(linked.ssoSubject).toBe(`${provider.issuer} giulia.rossi@fht.test`);
    expect(linked.lastLoginAt).not.toBeNull();
  });

  it("logs out at the provider too: the session ends here, and the provider accepts the end-session request it is sent", async () => {
    await makeUser("EDITOR", { email: "elena.conti@fht.test" });
    const { callback, flowCookie } = await signInAtProvider("elena.conti@fht.test");
    const answer = await callBack(callback, flowCookie);
    const { action } = await loadRoute("logout.tsx");
    const logOut = (cookie: string) => (async () => action!({ request: request("/logout", { cookie, method: "POST" }), params: {}, context: {} }))().catch((r: unknown) => r);
    const out = await logOut(answer.session!);
    expect(out).toBeInstanceOf(Response);
    const location = new URL((out as Response).headers.get("Location")!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/login?signedOut=1`);
    expect(location.searchParams.get("id_token_hint")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await getUser(request("/", { cookie: answer.session! }))).toBeNull();
    // The real provider checks the hint's signature and the registered return address: a 200 is its "sign out?" page, a 400 a refusal.
    const atProvider = await fetch(location, { redirect: "manual" });
    expect(atProvider.status).toBe(200);
    expect(await atProvider.text()).toMatch(/logout|sign.?out/i);
    // A password session simply returns to the log-in page.
    const local = await makeUser("EDITOR");
    const { createSession } = await import("~/utils/auth.server");
    const cookie = (await createSession(local.id, request("/"))).split(";")[0]!;
    const plain = await logOut(cookie);
    expect((plain as Response).headers.get("Location")).toBe("/login");
  });

  it("refuses a wrong state, a replayed code and an expired token", async () => {
    await makeUser("VIEWER", { email: "marco.bianchi@fht.test" });
    const wrong = await signInAtProvider("marco.bianchi@fht.test");
    expect(await callBack(wrong.callback.replace(/state=[^&]+/, "state=forged-state"), wrong.flowCookie)).toMatchObject({ status: 400, kind: "failed" });
    expect(lastReason()).toMatch(/state/);

    const first = await signInAtProvider("marco.bianchi@fht.test");
    expect((await callBack(first.callback, first.flowCookie)).status).toBe(302);
    expect(await callBack(first.callback, first.flowCookie)).toMatchObject({ status: 400, kind: "failed", session: null });
    expect(JSON.stringify(logged.at(-1))).toMatch(/invalid_grant/);

    const late = await signInAtProvider("marco.bianchi@fht.test");
    setClockSkewForTests(2 * 60 * 60); // the app's clock two hours ahead: the ID token has expired
    expect(await callBack(late.callback, late.flowCookie)).toMatchObject({ status: 400, kind: "failed", session: null });
    expect(lastReason()).toMatch(/JWT timestamp claim value failed validation/);
    // Nothing secret in what was logged: no code, no state.
    expect(JSON.stringify(logged)).not.toContain(new URL(late.callback).searchParams.get("code")!);

    expect(await callBack(late.callback, "")).toMatchObject({ status: 400, kind: "failed" });
  });

  it("matches only a verified e-mail, and never an account linked to another identity", async () => {
    await makeUser("EDITOR", { email: "unverified.person@fht.test" });
    const unverified = await signInAtProvider("unverified.person@fht.test");
    expect(await callBack(unverified.callback, unverified.flowCookie)).toMatchObject({ status: 200, kind: "unverified" });
    const taken = await makeUser("ADMIN", { email: "anna.verdi@fht.test" });
    await prisma.user.update({ where: { id: taken.id }, data: { ssoSubject: `${provider.issuer} someone-else` } });
    const other = await signInAtProvider("anna.verdi@fht.test");
    expect(await callBack(other.callback, other.flowCookie)).toMatchObject({ status: 200, kind: "other-identity" });
  });

  it("tells a first sign-on without an account to ask an admin", async () => {
    const { callback, flowCookie } = await signInAtProvider("newcomer@fht.test");
    expect(await callBack(callback, flowCookie)).toMatchObject({ status: 200, kind: "no-account" });
    expect(await prisma.user.count({ where: { email: "newcomer@fht.test" } })).toBe(0);
  });

  it("or, when configured, records a viewer account an admin approves", async () => {
    configure({ OIDC_NEW_ACCOUNTS: "request" });
    const first = await signInAtProvider("luca.neri@fht.test");
    expect(await callBack(first.callback, first.flowCookie)).toMatchObject({ status: 200, kind: "requested" });
    const requested = await prisma.user.findUniqueOrThrow({ where: { email: "luca.neri@fht.test" } });
    expect(requested).toMatchObject({ role: "VIEWER", active: false, passwordHash: "" });
    const again = await signInAtProvider("luca.neri@fht.test");
    expect(await callBack(again.callback, again.flowCookie)).toMatchObject({ kind: "pending" });
    const admin = await makeUser("ADMIN");
    await updateUser(admin, { userId: requested.id, version: requested.version, name: requested.name, role: "EDITOR", active: true });
    const approved = await signInAtProvider("luca.neri@fht.test");
    const answer = await callBack(approved.callback, approved.flowCookie);
    expect(await getUser(request("/", { cookie: answer.session! }))).toMatchObject({ role: "EDITOR" });
    expect(await prisma.auditEvent.count({ where: { entity: "User", entityId: requested.id, action: "CREATE" } })).toBe(1);
  });

  it("offers the sign-on on the log-in page, and refuses passwords once they are switched off", async () => {
    const { loader, action } = await loadRoute("login.tsx");
    expect(await loader!({ request: request("/login"), params: {}, context: {} })).toMatchObject({ sso: { label: expect.any(String) }, passwordLogin: true });
    configure({ PASSWORD_LOGIN: "0" });
    const body = new URLSearchParams({ email: "someone@fht.test", password: "whatever-it-is" });
    let refused: unknown;
    try {
      refused = await action!({ request: request("/login", { method: "POST", body }), params: {}, context: {} });
    } catch (thrown) {
      refused = thrown;
    }
    expect((refused as Response).status).toBe(403);
    expect(await loader!({ request: request("/login"), params: {}, context: {} })).toMatchObject({ passwordLogin: false });
  });
});

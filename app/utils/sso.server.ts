/**
 * Single sign-on with OpenID Connect (docs/decisions/071), through
 * openid-client: the authorization code flow with PKCE, state and nonce
 * kept in a short-lived signed cookie, the provider found by discovery from
 * OIDC_ISSUER (Microsoft Entra ID, or any certified provider). The ID
 * token's signature, issuer, audience, expiry and nonce are checked by the
 * library; the account is matched by the verified e-mail
 * (app/models/sso-accounts.server.ts).
 */
import { createCookie, redirect } from "@remix-run/node";
import * as oidc from "openid-client";
import { matchSsoAccount, type SsoMatch } from "~/models/sso-accounts.server";
import { safeRedirect } from "./auth.server";
import { env } from "./env.server";
import { logger } from "./logger.server";
import { sessionSecret } from "./session.server";

export const CALLBACK_PATH = "/auth/sso/callback";
/** Where the provider sends the browser back after ending its session (registered with the provider as a post-logout redirect URI). */
export const POST_LOGOUT_PATH = "/login?signedOut=1";
const FLOW_TTL_S = 10 * 60;

const flowCookie = createCookie("ht_sso", {
  httpOnly: true, sameSite: "lax", path: "/auth/sso", maxAge: FLOW_TTL_S,
  secure: env().NODE_ENV === "production" && !env().DEMO, secrets: [sessionSecret()],
});

interface Flow { verifier: string; state: string; nonce: string; redirectTo: string }

export function ssoEnabled(): boolean {
  return Boolean(env().OIDC_ISSUER);
}

const state = globalThis as unknown as { __htOidc?: Promise<oidc.Configuration>; __htOidcSkew?: number };

/** Loopback providers (the tests') may speak plain HTTP; any other must use HTTPS. */
function isLoopback(url: URL) {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

async function discover(): Promise<oidc.Configuration> {
  const e = env();
  const issuer = new URL(e.OIDC_ISSUER!);
  const metadata: Partial<oidc.ClientMetadata> = { client_secret: e.OIDC_CLIENT_SECRET!, ...(state.__htOidcSkew ? { [oidc.clockSkew]: state.__htOidcSkew } : {}) };
  return oidc.discovery(issuer, e.OIDC_CLIENT_ID!, metadata, undefined, {
    execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
}

function configuration(): Promise<oidc.Configuration> {
  state.__htOidc ??= discover().catch((error: unknown) => {
    state.__htOidc = undefined;
    throw error;
  });
  return state.__htOidc;
}

/** Tests: the app's clock this many seconds ahead of the provider's (an expired token), or 0. */
export function setClockSkewForTests(seconds: number) {
  state.__htOidcSkew = seconds;
  state.__htOidc = undefined;
}

function appOrigin(request: Request): string {
  const e = env();
  // APP_URL when it is set (behind a proxy, the public address); otherwise the request's own origin.
  if (process.env.APP_URL) return e.APP_URL.replace(/\/$/, "");
  const url = new URL(request.url);
  if (e.TRUST_PROXY) {
    const host = request.headers.get("X-Forwarded-Host");
    const proto = request.headers.get("X-Forwarded-Proto");
    if (host) return `${proto ?? url.protocol.replace(":", "")}://${host}`;
  }
  return url.origin;
}

/** Sends the browser to the provider to sign in, then back to `redirectTo`. */
export async function beginSignIn(request: Request, redirectTo: string | null): Promise<Response> {
  const config = await configuration();
  const flow: Flow = {
    verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), redirectTo: safeRedirect(redirectTo),
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: appOrigin(request) + CALLBACK_PATH, scope: "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier), code_challenge_method: "S256",
    state: flow.state, nonce: flow.nonce,
  });
  return redirect(url.href, { headers: { "Set-Cookie": await flowCookie.serialize(flow) } });
}

export type SignInOutcome =
  | (SsoMatch & { redirectTo: string; idToken?: string })
  | { kind: "failed"; reason: string }
  | { kind: "unverified"; email: string };

function claimsOf(claims: oidc.IDToken, userinfo: Record<string, unknown>) {
  const all = { ...userinfo, ...claims } as Record<string, unknown>;
  const email = typeof all.email === "string" ? all.email : env().OIDC_TRUST_EMAIL && typeof all.preferred_username === "string" ? all.preferred_username : "";
  return { email: email.trim().toLowerCase(), verified: all.email_verified === true || env().OIDC_TRUST_EMAIL, name: typeof all.name === "string" ? all.name : "" };
}

/** What failed, for the log: the library's messages and codes, never the values it compared (codes, tokens). */
function refusalReason(error: unknown) {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e instanceof Error && depth < 3; depth++) {
    parts.push(e.message);
    e = (e as { cause?: unknown }).cause;
  }
  const code = error && typeof error === "object" && "code" in error ? String((error as { code: unknown }).code) : undefined;
  const oauthError = error && typeof error === "object" && "error" in error ? String((error as { error: unknown }).error) : undefined;
  return { reason: parts.join(": ") || String(error), errorCode: code, oauthError };
}

/** The provider's answer: the code exchanged (once), the ID token checked, the account matched. */
export async function completeSignIn(request: Request): Promise<{ outcome: SignInOutcome; clearCookie: string }> {
  const clearCookie = await flowCookie.serialize("", { maxAge: 0 });
  const flow = (await flowCookie.parse(request.headers.get("Cookie"))) as Flow | null;
  if (!flow?.state) return { outcome: { kind: "failed", reason: "The sign-in took too long or was opened in another browser." }, clearCookie };
  try {
    const config = await configuration();
    const current = new URL(request.url);
    const callback = new URL(appOrigin(request) + CALLBACK_PATH + current.search);
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
    });
    const idClaims = tokens.claims()!;
    // Providers that keep the ID token small (or conform strictly) give the e-mail through userinfo.
    const userinfo = typeof idClaims.email === "string" ? {} : await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    const { email, verified, name } = claimsOf(idClaims, userinfo);
    if (!email || !verified) return { outcome: { kind: "unverified", email }, clearCookie };
    const match = await matchSsoAccount({ issuer: idClaims.iss, subject: idClaims.sub, email, name }, env().OIDC_NEW_ACCOUNTS);
    return { outcome: { ...match, redirectTo: flow.redirectTo, idToken: tokens.id_token }, clearCookie };
  } catch (error) {
    // The library's message names what failed (state, code, signature, expiry); never the code or tokens.
    logger().warn(refusalReason(error), "single sign-on refused");
    return { outcome: { kind: "failed", reason: "The provider's answer could not be accepted." }, clearCookie };
  }
}

/**
 * Where to send the browser at logout to end the provider's session too
 * (OpenID Connect RP-initiated logout), then back to the log-in page; null
 * when the session did not come from single sign-on or the provider has no
 * end-session endpoint. Logging out never fails because the provider
 * cannot be reached: the app's session is ended all the same.
 */
export async function providerLogoutUrl(request: Request, idToken: string | null): Promise<string | null> {
  if (!idToken || !ssoEnabled()) return null;
  try {
    const config = await configuration();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: appOrigin(request) + POST_LOGOUT_PATH }).href;
  } catch (error) {
    logger().warn(refusalReason(error), "the provider's session could not be ended at logout");
    return null;
  }
}


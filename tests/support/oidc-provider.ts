/**
 * A real OpenID provider for the tests (oidc-provider, the certified
 * implementation), on loopback: one confidential client (the app), PKCE
 * required, and a login page of its own where a person (or a test posting
 * the form) types the e-mail to sign in as. Accounts are made up from the
 * e-mail: `email_verified` is true unless the address contains
 * "unverified". Used by the SSO tests and, through oidc-provider-main.ts,
 * by the end-to-end server.
 */
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

const PAGE = (uid: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>body{font:16px system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}label,input,button{display:block;width:100%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.5rem;font:inherit}button{padding:.6rem;font:inherit;background:#0b5394;color:#fff;border:0;border-radius:4px}</style></head>
<body><h1>Test identity provider</h1><p>Sign in to continue to HT Collaborations.</p>
<form method="post" action="/interaction/${uid}"><label for="email">Institute e-mail</label><input id="email" name="email" type="email" required autofocus><button type="submit">Continue</button></form></body></html>`;

function readBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => resolve(new URLSearchParams(text)));
    req.on("error", reject);
  });
}

/** Starts the provider on 127.0.0.1 (port 0: any free one); `redirectUri` is the app's callback. */
export async function startTestProvider(redirectUris: string[], { port = 0 } = {}): Promise<TestProvider> {
  // The app's log-in page, where the provider sends the browser back after ending its session.
  const postLogout = redirectUris.map((uri) => new URL("/login?signedOut=1", uri).href);
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "ht-collaborations";
  const clientSecret = "test-client-secret-that-is-long-enough";
  const key = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, post_logout_redirect_uris: postLogout, grant_types: ["authorization_code"], response_types: ["code"] }],
    jwks: { keys: [{ ...key, kid: "test", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["a-test-cookie-key-for-the-provider"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: {
      devInteractions: { enabled: false },
      // Its own sign-out page (the library's default loads web fonts from the internet).
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title><link rel="icon" href="data:,"></head>
<body><h1>Sign out of the test identity provider?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: id, email_verified: !id.includes("unverified"), name: id.split("@")[0]!.replace(/[.-]/g, " ") };
        },
      };
    },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on("request", (req, res) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? "");
    if (!match) return void callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (req.method === "GET") {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE(match[1]!));
        return;
      }
      const email = (await readBody(req)).get("email")?.trim().toLowerCase() ?? "";
      const grant = new provider.Grant({ accountId: email, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: email }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.writeHead(400, { "Content-Type": "text/plain" }).end(`interaction failed: ${String(error)}`);
    });
  });
  return {
    issuer, clientId, clientSecret,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * The end-to-end server's OpenID provider (tests/support/oidc-provider.ts)
 * as a process of its own, started by start-server.sh before the app:
 *
 *   tsx tests/e2e/oidc-provider-main.ts <redirect uri> <out.json> <pid to follow>
 *
 * Listens on a free loopback port, writes { issuer, clientId, clientSecret }
 * to out.json, and exits when the process it follows (the app server) ends.
 */
import { writeFileSync } from "node:fs";
import { startTestProvider } from "../support/oidc-provider";

const [redirectUri, out, followPid] = process.argv.slice(2);
if (!redirectUri || !out || !followPid) {
  console.error("usage: oidc-provider-main.ts <redirect uri> <out.json> <pid>");
  process.exit(2);
}
const provider = await startTestProvider([redirectUri]);
writeFileSync(out, JSON.stringify({ issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret }));
setInterval(() => {
  try {
    process.kill(Number(followPid), 0);
  } catch {
    void provider.close().finally(() => process.exit(0));
  }
}, 1000);

/**
 * Server rendering: each page is streamed with its CSP nonce and the
 * security headers (bots get the whole page at once), rendered with React's
 * Web Streams renderer so that no character is ever split or padded with NUL
 * bytes (app/utils/render.server.tsx); data requests get the headers too.
 * Refuses to start a real deployment that holds demo accounts, and tells
 * the server (server.js) which cross-site mutations to refuse and hands it
 * the operations it runs (`ops`: logs, metrics, readiness, shutdown);
 * checks the file store and starts the background jobs (text extraction,
 * the backup schedule, the reminder scheduler).
 */
import type { EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { NonceProvider } from "~/utils/nonce";
import { renderHtmlStream } from "~/utils/render.server";
import { applySecurityHeaders, newNonce } from "~/utils/security-headers.server";
import { assertSameOrigin } from "~/utils/auth.server";
import { bearerToken } from "~/utils/api-auth.server";
import { assertSafeDeployment } from "~/utils/startup.server";
import { ops, startBackgroundJobs } from "~/utils/ops.server";

/** For the production server (server.js): logs, metrics, readiness, jobs, shutdown. */
export { ops };

const ABORT_DELAY = 5_000;
const dev = process.env.NODE_ENV === "development";

// Refuse to serve a real deployment that still holds demo accounts.
await assertSafeDeployment();
// Report files without rows and rows without files; read documents' text for search and back up on schedule, in the background.
if (process.env.NODE_ENV !== "test") startBackgroundJobs();

export const streamTimeout = ABORT_DELAY;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = newNonce();
  let status = responseStatusCode;
  const body = await renderHtmlStream(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      waitForAll: isbot(request.headers.get("user-agent")) || remixContext.isSpaMode,
      timeoutMs: ABORT_DELAY + 1000,
      onError(error) {
        status = 500;
        console.error(error);
      },
    },
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // Pages are per person: never kept by a shared or back-forward cache.
  responseHeaders.set("Cache-Control", "private, no-store");
  applySecurityHeaders(responseHeaders, { nonce, dev });
  return new Response(body, { headers: responseHeaders, status });
}

/**
 * The refusal of a state-changing request from another site (CSRF), for the
 * server (server.js) to answer before Remix's own origin check, which would
 * otherwise answer a bare 500: a 403 page with the security headers. Null
 * when the request may go on.
 */
export function crossSiteRefusal(request: Request): Response | null {
  // An API token is never sent by a browser on its own: such requests cannot be forged by another site.
  if (bearerToken(request) !== null) return null;
  try {
    assertSameOrigin(request);
    return null;
  } catch (refusal) {
    if (!(refusal instanceof Response)) throw refusal;
    const headers = applySecurityHeaders(new Headers({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }));
    return new Response(refusalPage(), { status: 403, headers });
  }
}

function refusalPage() {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refused · HT Collaborations</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/refused.css"></head>
<body><main><p>Error 403</p><h1>This request was refused</h1>
<p>It did not come from an HT Collaborations page, so nothing was changed.</p>
<p><a href="/">Go to HT Collaborations</a></p></main></body></html>`;
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  applySecurityHeaders(response.headers, { dev });
  return response;
};

/**
 * Server rendering: streams each page with its CSP nonce and security
 * headers (bots get the whole page at once), and adds the headers to data
 * requests too. Refuses to start a real deployment that holds demo accounts.
 * Starts the reminder scheduler (app/utils/scheduler.server.ts).
 */
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext, type HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startReminderScheduler } from "~/utils/scheduler.server";
import { assertSafeDeployment } from "~/utils/startup.server";
import { NonceProvider } from "~/utils/nonce";
import { applySecurityHeaders, newNonce } from "~/utils/security-headers.server";

const ABORT_DELAY = 5_000;
const dev = process.env.NODE_ENV === "development";

// Refuse to serve a real deployment that still holds demo accounts.
await assertSafeDeployment();
// Reminders: once now (catching up a downtime), then on REMINDER_SCHEDULE; one process at a time (a lock in SQLite).
startReminderScheduler();

export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = newNonce();
  const waitForAll = isbot(request.headers.get("user-agent")) || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          applySecurityHeaders(responseHeaders, { nonce, dev });
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  applySecurityHeaders(response.headers, { dev });
  return response;
};

/**
 * Renders a React tree to an HTML byte stream for a response.
 *
 * React 18.3's Node renderer (renderToPipeableStream) flushes its whole
 * 2,048-byte buffer when a multi-byte UTF-8 character (an accented letter,
 * an en dash) does not fit at its end, so the unwritten bytes go out as NUL
 * characters and the browser sees text that differs from what React
 * rendered: hydration errors #418/#425 on ordinary Italian pages
 * (facebook/react#26228, fixed only in React 19). The Web Streams renderer
 * (renderToReadableStream, React's own build for browsers, Deno and edge
 * runtimes, which Node 20 runs natively) encodes each string whole and
 * copies bytes across buffer edges intact; Remix sends its ReadableStream as
 * the response body. So the app renders with it.
 */
import type { ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.browser";

export async function renderHtmlStream(
  element: ReactNode,
  options: { nonce: string; waitForAll: boolean; timeoutMs: number; onError: (error: unknown) => void },
): Promise<ReadableStream<Uint8Array>> {
  // Gives up on what is still pending after `timeoutMs`; the timer stops once everything has rendered
  // (aborting a finished stream would make React close it a second time).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const stream = await renderToReadableStream(element, { nonce: options.nonce, signal: controller.signal, onError: options.onError });
  stream.allReady.finally(() => clearTimeout(timer)).catch(() => undefined);
  // Bots and SPA mode get the whole page at once.
  if (options.waitForAll) await stream.allReady;
  return stream;
}

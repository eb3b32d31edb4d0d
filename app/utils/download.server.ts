/**
 * Sending a stored file to the browser safely: the sniffed type (never one
 * guessed from the name), `nosniff`, a Content-Disposition that carries any
 * file name without breaking the header (an ASCII fallback and the exact
 * UTF-8 name), no caching by shared caches, and a sandboxing policy for
 * anything that is not shown inline.
 */
import { createReadableStreamFromReadable } from "@remix-run/node";
import { readBlob } from "~/models/file-store.server";

/** `attachment; filename="deed.pdf"; filename*=UTF-8''d%C3%A9ed.pdf`: quotes, backslashes, controls and non-ASCII never reach the header raw. */
export function contentDisposition(disposition: "attachment" | "inline", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_") || "document";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function fileResponse(file: { sha256: string; size: number; mimeType: string; fileName: string }, disposition: "attachment" | "inline") {
  const headers = new Headers({
    "Content-Type": file.mimeType,
    "Content-Length": String(file.size),
    "Content-Disposition": contentDisposition(disposition, file.fileName),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-cache",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
  });
  // Saved files never run in the app's origin; a PDF shown inline is left to the browser's own viewer.
  if (disposition === "attachment") headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
  return new Response(createReadableStreamFromReadable(readBlob(file.sha256)), { status: 200, headers });
}

/**
 * The security headers of every response the app renders (CSP with nonces,
 * nosniff, referrer, framing, opener and permissions policies).
 */
import { randomBytes } from "node:crypto";

export const newNonce = () => randomBytes(16).toString("base64");

/**
 * Headers for every response the app renders. The Content-Security-Policy
 * allows scripts only from this origin or carrying this response's nonce;
 * styles may be inline because React Flow positions nodes with style
 * attributes. In development Vite's client needs its websocket and inline
 * preamble.
 */
export function applySecurityHeaders(headers: Headers, opts: { nonce?: string; dev?: boolean } = {}) {
  const script = opts.nonce ? `'self' 'nonce-${opts.nonce}'` : "'self'";
  const csp = [
    "default-src 'self'",
    `script-src ${script}${opts.dev ? " 'unsafe-inline'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  headers.set("Content-Security-Policy", csp);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  return headers;
}

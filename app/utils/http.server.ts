/**
 * Small HTTP helpers for loaders and actions: throwing a response when a
 * condition fails, and the answer to a method a route does not take.
 */
/**
 * Throws a Response when a condition fails: `invariantResponse(agreement, "No
 * such agreement", { status: 404 })`. The route's ErrorBoundary renders it.
 */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) {
    throw new Response(message, { ...init, headers: { "Content-Type": "text/plain; charset=utf-8", ...init.headers } });
  }
}

/** 405 for a method the route does not answer (GET on a route that only takes POST). */
export function methodNotAllowed(allow: string): Response {
  return new Response(`This address only takes ${allow} requests.`, {
    status: 405,
    headers: { Allow: allow, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

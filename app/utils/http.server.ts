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

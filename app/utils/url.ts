/**
 * A copy of `params` with `changes` applied (null or "" removes a key, an
 * array sets repeated values), as a "?query" string.
 */
export function withParams(
  params: URLSearchParams,
  changes: Record<string, string | number | string[] | null | undefined>,
): string {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    next.delete(key);
    if (Array.isArray(value)) value.forEach((v) => next.append(key, v));
    else if (value !== null && value !== undefined && value !== "") next.set(key, String(value));
  }
  const s = next.toString();
  return s ? `?${s}` : "?";
}

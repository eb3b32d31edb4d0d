/**
 * A request path as a pattern, for audit rows and log lines that must name
 * an endpoint without carrying a record's id: /api/agreements/cm3x...9 ->
 * /api/agreements/{id}. Ids are cuids, or any segment of 16+ characters
 * holding a digit.
 */
const ID = /^(c[a-z0-9]{20,32}|(?=.*\d)[A-Za-z0-9_-]{16,})$/;

export function routePattern(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => (ID.test(segment) ? "{id}" : segment))
    .join("/");
}

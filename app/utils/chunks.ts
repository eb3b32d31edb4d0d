/** Splits a list into lists of at most `size` items (for IN lists under SQLite's parameter limit). */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

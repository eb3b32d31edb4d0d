/**
 * Formatting shared by server and browser: euro amounts from cents, and
 * counted nouns ("3 agreements").
 */
const EURO = new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" });
const EURO_ROUND = new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

/** "€1,250,000.00" from cents; empty when there is no value. */
export function formatEuro(cents: number | null | undefined, opts: { round?: boolean } = {}): string {
  if (cents === null || cents === undefined) return "";
  return (opts.round ? EURO_ROUND : EURO).format(cents / 100);
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}

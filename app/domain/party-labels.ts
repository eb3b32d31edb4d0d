/**
 * The denormalised Agreement.partnersLabel / unitsLabel columns: the parties'
 * display names, de-duplicated, sorted, joined. Every write of parties
 * recomputes them with this function, so search and sort see the same text.
 */
export function partyLabel(names: Iterable<string>): string {
  return [...new Set(names)].sort((a, b) => a.localeCompare(b, "en")).join("; ");
}

/** The name a partner shows under in lists: its acronym when it has one. */
export function partnerDisplayName(partner: { name: string; acronym: string | null }): string {
  return partner.acronym ? `${partner.acronym} (${partner.name})` : partner.name;
}

/**
 * The other names a partner keeps after `merged` was merged into it: its own
 * aliases, plus the duplicate's name, acronym and aliases (one per line,
 * each once, never the partner's own name), so a search for the old name
 * still finds the agreements.
 */
export function mergedAliases(
  kept: { name: string; acronym: string | null; aliases: string },
  merged: { name: string; acronym: string | null; aliases: string },
): string {
  const own = new Set([kept.name, kept.acronym ?? ""].map((n) => n.toLowerCase()));
  const names = [...kept.aliases.split("\n"), merged.name, merged.acronym ?? "", ...merged.aliases.split("\n")]
    .map((n) => n.trim())
    .filter((n) => n && !own.has(n.toLowerCase()));
  return [...new Map(names.map((n) => [n.toLowerCase(), n])).values()].join("\n");
}

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
 * A partner's other names (Partner.aliases: one per line; a person may type
 * them separated by ";"), each once, trimmed.
 */
export function aliasList(text: string | null | undefined): string[] {
  const names = (text ?? "").split(/[\n;]/).map((n) => n.trim()).filter(Boolean);
  return [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
}

/** Other names as stored: one per line. */
export const storedAliases = (names: Iterable<string>) => aliasList([...names].join("\n")).join("\n");

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
  const names = [...aliasList(kept.aliases), merged.name, merged.acronym ?? "", ...aliasList(merged.aliases)];
  return storedAliases(names.filter((n) => n && !own.has(n.toLowerCase())));
}

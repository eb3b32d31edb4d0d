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

/**
 * Counts, for each entity, the distinct agreements it appears in, from rows
 * of (agreement, entity) pairs. Most-linked first, then by name.
 */
export function tallyByAgreement<T extends { id: string; name: string }>(
  rows: { agreementId: string; entity: T | null }[],
): (T & { agreementCount: number })[] {
  const seen = new Map<string, { entity: T; agreements: Set<string> }>();
  for (const { agreementId, entity } of rows) {
    if (!entity) continue;
    const entry = seen.get(entity.id) ?? { entity, agreements: new Set<string>() };
    entry.agreements.add(agreementId);
    seen.set(entity.id, entry);
  }
  return [...seen.values()]
    .map(({ entity, agreements }) => ({ ...entity, agreementCount: agreements.size }))
    .sort((a, b) => b.agreementCount - a.agreementCount || a.name.localeCompare(b.name));
}

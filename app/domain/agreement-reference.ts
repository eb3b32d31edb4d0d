/** Internal references look like HT-2026-0042: year of registration, then a per-year number. */
export function formatReference(year: number, sequence: number): string {
  return `HT-${year}-${String(sequence).padStart(4, "0")}`;
}

export const REFERENCE_PATTERN = /^HT-(\d{4})-(\d{4,})$/;

/**
 * Comparing names and titles as a person reads them: case, accents and
 * punctuation do not matter ("Università" is "universita", "HT–IIT" is
 * "ht iit"), and two titles are "very similar" when their letter trigrams
 * mostly coincide (Sørensen–Dice over trigrams). Pure; used by the party
 * picker and the duplicate check.
 */

/** Lower case, without diacritics, punctuation as spaces, single-spaced. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æ]/g, "ae")
    .replace(/[ø]/g, "o")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The words of a folded text. */
export const words = (text: string) => fold(text).split(" ").filter(Boolean);

function trigrams(text: string): Map<string, number> {
  const padded = `  ${fold(text)} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const gram = padded.slice(i, i + 3);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** 1 for the same title (ignoring case, accents, punctuation), 0 for nothing in common. */
export function titleSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let common = 0;
  let total = 0;
  for (const [gram, n] of x) {
    common += Math.min(n, y.get(gram) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/** Titles this similar are shown as possible duplicates. */
export const SIMILAR_TITLE = 0.88;

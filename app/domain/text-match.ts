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

/** A folded text's trigrams (padded as "  text "), each as one number (three UTF-16 units), with how often each occurs. */
function trigrams(text: string, folded = fold(text)): Map<number, number> {
  const padded = `  ${folded} `;
  const grams = new Map<number, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const gram = (padded.charCodeAt(i) * 65536 + padded.charCodeAt(i + 1)) * 65536 + padded.charCodeAt(i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

function dice(x: Map<number, number>, xTotal: number, y: Map<number, number>): number {
  let common = 0;
  let total = xTotal;
  for (const [gram, n] of y) {
    common += Math.min(n, x.get(gram) ?? 0);
    total += n;
  }
  return total === 0 ? 0 : (2 * common) / total;
}

const gramTotal = (grams: Map<number, number>) => [...grams.values()].reduce((sum, n) => sum + n, 0);

/** 1 for the same title (ignoring case, accents, punctuation), 0 for nothing in common. */
export function titleSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  return dice(x, gramTotal(x), trigrams(b));
}

/**
 * titleSimilarity against one title, its trigrams worked out once: for
 * comparing it with many. With `atLeast`, a title whose length alone keeps
 * it below (Dice is at most 2·min / (sum) of the trigram counts) gets 0
 * without its trigrams being counted.
 */
export function similarityTo(title: string, atLeast = 0): (other: string) => number {
  const x = trigrams(title);
  const total = gramTotal(x);
  return (other) => {
    const folded = fold(other);
    const otherTotal = folded.length + 1;
    if ((2 * Math.min(total, otherTotal)) / (total + otherTotal) < atLeast) return 0;
    return dice(x, total, trigrams(other, folded));
  };
}

/** Titles this similar are shown as possible duplicates. */
export const SIMILAR_TITLE = 0.88;

/**
 * Search text, as the index and the pages read it (docs/decisions/052):
 * folding accents and case ("Università" reads "universita"), the words of a
 * query, the FTS5 expressions built from them (every word, each as a prefix;
 * partial words through the trigram index), and the highlighted snippets that
 * show where a result matched. Pure; shared by the server, the synthetic
 * database and the pages.
 */

/** At most this many words of a query count. */
export const MAX_QUERY_WORDS = 8;
/** Shorter words are ignored: a one-letter prefix matches nearly everything. */
export const MIN_WORD_LENGTH = 2;
/** The trigram index needs three characters. */
export const MIN_PARTIAL_LENGTH = 3;

/** One character folded: accents off, lower case ("À" -> "a", "ß" -> "ss"). ASCII takes the short way. */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  return ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The text folded for comparison: no accents, lower case. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** A name written without spaces or punctuation ("Ospedale San Raffaele" -> "ospedalesanraffaele"). */
export function squash(text: string): string {
  return fold(text).replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The words of a query, folded, unique, in order: "Università  di MILANO" -> ["universita", "di", "milano"]. */
export function queryWords(query: string): string[] {
  const words = fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= MIN_WORD_LENGTH);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** FTS5 expression: every word, each as a prefix ("univ" finds "università"). Words hold only letters and digits. */
export function wordsExpression(words: string[]): string {
  return words.map((w) => `"${w}"*`).join(" ");
}

/** FTS5 expression for one word inside longer words (the trigram index), or null when too short. */
export function partialExpression(word: string): string | null {
  return word.length >= MIN_PARTIAL_LENGTH ? `"${word}"` : null;
}

/** A text with the parts that matched: [start, end) ranges into `text`. */
export interface Marked {
  text: string;
  marks: [number, number][];
}

/** The folded text with, for each folded character, the index of the original character it came from. */
function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
    i += ch.length;
  }
  origin.push(i);
  return { folded, origin };
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/**
 * Where the words occur in `text`, accent- and case-insensitively: at the
 * start of a word (as the word index matches), or anywhere in it when
 * `partial` (as the trigram index does). Overlapping ranges are merged.
 */
export function matchRanges(text: string, words: string[], partial = false): [number, number][] {
  if (!text || !words.length) return [];
  const { folded, origin } = foldWithMap(text);
  const ranges: [number, number][] = [];
  for (const word of words) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(word, from);
      if (at < 0) break;
      from = at + 1;
      if (!partial && isWordChar(folded[at - 1])) continue;
      ranges.push([origin[at]!, origin[at + word.length]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** How many of the words occur in the text: at a word's start, or anywhere when `partial`. */
export function wordsFound(text: string, words: string[], partial = false): number {
  const f = fold(text);
  // Words hold only letters and digits (queryWords), so they are safe in a pattern.
  return words.filter((w) => (partial ? f.includes(w) : new RegExp(`(?:^|[^\\p{L}\\p{N}])${w}`, "u").test(f))).length;
}

/** The whole text, marked. */
export function markAll(text: string, words: string[], partial = false): Marked {
  return { text, marks: matchRanges(text, words, partial) };
}

/**
 * A short extract around the first match (about `width` characters), with
 * "…" where it was cut, marked. The text's start when nothing matches.
 */
export function snippet(text: string, words: string[], width = 160, partial = false): Marked {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= width * 3) return snippetOf(clean, words, width, partial);
  // A long page: find the first match cheaply on the folded text (it keeps the
  // positions of Latin text), then mark precisely only around it.
  const folded = fold(clean);
  const at = Math.min(...words.map((w) => folded.indexOf(w)).filter((i) => i >= 0), clean.length);
  const from = at < clean.length ? Math.max(0, at - width) : 0;
  const to = Math.min(clean.length, from + width * 3);
  const part = snippetOf(clean.slice(from, to), words, width, partial);
  const before = from > 0 && !part.text.startsWith("…") ? "…" : "";
  const after = to < clean.length && !part.text.endsWith("…") ? "…" : "";
  return { text: before + part.text + after, marks: part.marks.map(([a, b]): [number, number] => [a + before.length, b + before.length]) };
}

function snippetOf(clean: string, words: string[], width: number, partial: boolean): Marked {
  const ranges = matchRanges(clean, words, partial);
  const first = ranges[0];
  if (!first || clean.length <= width) {
    const cut = clean.length > width ? clean.slice(0, width).trimEnd() + "…" : clean;
    return { text: cut, marks: ranges.filter(([, e]) => e <= cut.length) };
  }
  let start = Math.max(0, first[0] - Math.floor(width / 3));
  const space = clean.lastIndexOf(" ", start);
  if (start > 0 && space > start - 20) start = space + 1;
  let end = Math.min(clean.length, start + width);
  const nextSpace = clean.indexOf(" ", end);
  if (end < clean.length && nextSpace > 0 && nextSpace < end + 20) end = nextSpace;
  const prefix = start > 0 ? "…" : "";
  const suffix = end < clean.length ? "…" : "";
  const body = clean.slice(start, end);
  const marks = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s - start + prefix.length, e - start + prefix.length]);
  return { text: prefix + body + suffix, marks };
}

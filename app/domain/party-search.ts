/**
 * Finding a party as a person types it: "Politecnico di Milano" ranks the
 * university before its departments, "PoliMi" or "IIT" finds it by its
 * acronym, "universita milano" finds "University of Milan" (its Italian
 * name, recorded among its other names, or the common Italian/English
 * words of institution names), and accents never matter. Pure; used by the
 * party picker in the browser and tested on its own.
 */
import { fold, words } from "./text-match";
import { aliasList } from "./party-labels";

export interface PartyOption {
  /** "unit:<id>" or "partner:<id>". */
  value: string;
  /** What the picker shows once chosen ("Politecnico di Milano (PoliMi)", "Neurogenomics › Brain Organoids Lab"). */
  label: string;
  name: string;
  acronym?: string | null;
  /** Other names (Partner.aliases: one per line, or separated by ";"). */
  aliases?: string;
  /** The organisation it belongs to (a department's university, a group's centre). */
  parent?: string | null;
  /** 0 for an organisation, 1 for its department, 2 below that. */
  depth: number;
}

/** Words that do not tell institutions apart. */
const STOP = new Set(["di", "del", "della", "dello", "degli", "delle", "dei", "de", "d", "of", "the", "and", "e", "per", "for", "la", "il", "lo", "le", "gli", "i", "a", "l", "in"]);

/** Italian and English words of institution names that mean the same. */
const SYNONYMS: string[][] = [
  ["universita", "university", "universitario", "universitaria", "ateneo"],
  ["istituto", "institute", "institut", "istituti"],
  ["ospedale", "hospital", "ospedaliero", "ospedaliera"],
  ["politecnico", "polytechnic", "technical"],
  ["consiglio", "council"],
  ["nazionale", "national"],
  ["ricerca", "ricerche", "research"],
  ["fondazione", "foundation"],
  ["tecnologia", "technology", "tecnologie", "technologies"],
  ["italiano", "italiana", "italian"],
  ["europeo", "europea", "european"],
  ["scienze", "sciences", "science"],
  ["dipartimento", "department"],
  ["scuola", "school"],
  ["medicina", "medicine", "medical"],
  ["centro", "centre", "center"],
  ["milano", "milan"],
  ["roma", "rome"],
  ["torino", "turin"],
  ["genova", "genoa"],
  ["sanita", "health"],
  ["studi", "studies"],
];
const SYNONYM_OF = new Map<string, string[]>(SYNONYMS.flatMap((group) => group.map((w) => [w, group] as const)));

/** The words an option can be found by, with their Italian/English equivalents. */
function searchWords(text: string): string[] {
  return words(text).flatMap((w) => SYNONYM_OF.get(w) ?? [w]);
}

interface Indexed {
  option: PartyOption;
  name: string;
  acronym: string;
  nameWords: string[];
  otherWords: string[];
  aliases: string[];
}

const indexCache = new WeakMap<PartyOption[], Indexed[]>();

function indexOf(options: PartyOption[]): Indexed[] {
  let index = indexCache.get(options);
  if (!index) {
    index = options.map((option) => ({
      option,
      name: fold(option.name),
      acronym: fold(option.acronym ?? ""),
      nameWords: searchWords(option.name),
      otherWords: searchWords(`${option.acronym ?? ""} ${option.aliases ?? ""}`),
      aliases: aliasList(option.aliases).map(fold).filter(Boolean),
    }));
    indexCache.set(options, index);
  }
  return index;
}

const everyWordIn = (query: string[], haystack: string[]) => query.every((q) => haystack.some((w) => w.startsWith(q)));

/** How well one option matches: 0 for not at all; an organisation beats its departments on equal terms. */
function score(entry: Indexed, folded: string, queryWords: string[]): number {
  let base = 0;
  if (entry.acronym && entry.acronym === folded) base = 1000;
  else if (entry.name === folded || entry.aliases.includes(folded)) base = 900;
  else if (entry.name.startsWith(folded) || entry.aliases.some((n) => n.startsWith(folded))) base = 800;
  else if (everyWordIn(queryWords, entry.nameWords)) base = 600;
  else if (everyWordIn(queryWords, [...entry.nameWords, ...entry.otherWords])) base = 400;
  if (!base) return 0;
  return base - entry.option.depth * 150 - Math.min(entry.name.length, 99) / 100;
}

/**
 * The options matching `query`, best first; all of them (organisations
 * before their departments, then by name) when the query is empty.
 */
export function rankParties(query: string, options: PartyOption[], limit = 50): PartyOption[] {
  const folded = fold(query);
  const index = indexOf(options);
  if (!folded) {
    return [...index]
      .sort((a, b) => a.option.depth - b.option.depth || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((e) => e.option);
  }
  const queryWords = words(query).filter((w) => !STOP.has(w));
  const effective = queryWords.length ? queryWords : words(query);
  return index
    .map((entry) => ({ entry, score: score(entry, folded, effective) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name))
    .slice(0, limit)
    .map((r) => r.entry.option);
}

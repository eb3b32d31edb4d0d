/**
 * Organisation names as registers type them, made comparable and tidy:
 * "POLITECNICO DI MILANO", "Politecnico di Milano S.p.A." and "Fondazione
 * Politecnico di Milano" all normalise to "politecnico milano" (accents,
 * case, punctuation, legal-form words such as S.p.A., S.r.l., GmbH, Fondazione,
 * IRCCS, and joining words such as "di", "degli" do not tell institutions
 * apart); a name in capitals becomes "Politecnico di Milano" for a new
 * partner; the kind of a new organisation is guessed from its words and
 * from a sheet's activity type (H2020's HES, REC, PRC, PUB, OTH). Pure;
 * built on app/domain/text-match.ts's `fold`.
 */
import { fold } from "./text-match";
import type { PartnerKind } from "./vocabulary";

/** Legal forms and similar words, as folded word sequences: removed wherever they appear. */
const LEGAL_FORMS: string[][] = [
  "s p a", "spa", "s r l", "srl", "s r l s", "srls", "s c p a", "scpa", "s c a r l", "scarl", "s c r l", "scrl", "s a s", "sas",
  "s n c", "snc", "s c", "soc coop", "societa cooperativa", "societa consortile per azioni", "societa consortile a responsabilita limitata",
  "societa per azioni", "societa a responsabilita limitata", "consortileper azioni", "gmbh", "mbh", "ggmbh", "e v", "ev", "ltd", "limited",
  "plc", "llc", "inc", "incorporated", "corp", "s a", "sarl", "s a r l", "b v", "bv", "n v", "nv", "a s", "asbl", "vzw", "onlus", "aps",
  "ets", "irccs", "fondazione", "foundation", "stiftung", "fundacion", "fundacao", "fondation", "stichting",
].map((f) => f.split(" "));

/** Short forms that are also ordinary words elsewhere: removed only at the end of a name. */
const TRAILING_FORMS: string[][] = ["ag", "ab", "oy", "as", "sa", "se", "kg", "co", "sl", "srl", "spa"].map((f) => [f]);

/** Joining words that do not tell institutions apart. */
const JOINING = new Set([
  "di", "del", "della", "dello", "degli", "delle", "dei", "de", "d", "of", "the", "and", "e", "per", "for", "la", "il", "lo", "le", "gli",
  "l", "und", "fur", "der", "die", "des", "du", "et", "y", "en", "van", "von",
]);

function removeSequences(tokens: string[], forms: string[][], onlyAtEnd: boolean): string[] {
  const out = [...tokens];
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of forms) {
      const from = onlyAtEnd ? out.length - form.length : 0;
      for (let i = Math.max(0, from); i + form.length <= out.length; i++) {
        if (form.every((w, j) => out[i + j] === w) && out.length > form.length) {
          out.splice(i, form.length);
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
  }
  return out;
}

/**
 * The comparable form of an organisation's name: folded, without legal
 * forms or joining words, single-spaced. Falls back to the folded name when
 * nothing else would be left ("Fondazione" alone stays "fondazione").
 */
export function normaliseOrganisation(name: string): string {
  const folded = fold(name);
  if (!folded) return "";
  let tokens = folded.split(" ");
  tokens = removeSequences(tokens, LEGAL_FORMS, false);
  tokens = removeSequences(tokens, TRAILING_FORMS, true);
  const meaningful = tokens.filter((t) => !JOINING.has(t));
  return (meaningful.length ? meaningful : folded.split(" ")).join(" ");
}

/** Words most institutions' names share, in several languages: they say what an organisation is, not which one. */
const GENERIC = new Set([
  "universita", "university", "universite", "universitat", "universitaet", "universiteit", "universidad", "universidade", "uniwersytet",
  "univerzita", "universitet", "istituto", "istituti", "institute", "instituto", "institut", "institutet", "instituut", "nazionale", "national",
  "nacional", "research", "ricerca", "ricerche", "recherche", "forschung", "centro", "centre", "center", "centrum", "zentrum", "technology",
  "technologies", "tecnologia", "tecnologie", "technologie", "technische", "technical", "tecnico", "studi", "studies", "college", "school",
  "scuola", "ecole", "hochschule", "hospital", "ospedale", "ospedaliera", "azienda", "consiglio", "council", "consortium", "consorzio",
  "societa", "society", "company", "group", "politecnico", "polytechnic", "sciences", "science", "scienze", "scientific", "scientifico",
  "international", "internazionale", "european", "europeo", "europea", "italiano", "italiana", "italian", "laboratory", "laboratorio",
  "department", "dipartimento", "agency", "agenzia", "medical", "medicina", "medicine", "clinico", "clinic", "interuniversitario",
]);

/**
 * The distinctive part of a normalised name, for comparing names that are
 * only alike in their generic words ("Università degli Studi di Padova" and
 * "... di Milano" differ in "padova" / "milano"); the whole name when every
 * word is generic.
 */
export function distinctiveName(normal: string): string {
  const rest = normal.split(" ").filter((w) => w && !GENERIC.has(w));
  return rest.length ? rest.join(" ") : normal;
}

/** The significant words of a name (normalised), for telling whether two names share one. */
export function significantWords(name: string): string[] {
  return normaliseOrganisation(name).split(" ").filter((w) => w.length >= 3);
}

const LOWER_WORDS = new Set([
  "di", "del", "della", "dello", "degli", "delle", "dei", "da", "e", "ed", "per", "in", "a", "al", "alla", "con", "su", "sul",
  "of", "the", "and", "for", "at", "on", "de", "la", "le", "et", "du", "des", "van", "von", "der", "und", "fur", "für", "y", "en",
]);
const LEGAL_UPPER = new Set(["SPA", "SRL", "SCPA", "SCARL", "GMBH", "MBH", "LTD", "PLC", "LLC", "INC", "AG", "SA", "BV", "NV", "IRCCS", "ONLUS", "AB", "OY", "SE", "KG"]);

const capitalise = (w: string) => w.charAt(0).toLocaleUpperCase("it") + w.slice(1);

function tidyWord(word: string, first: boolean, kept: Set<string>): string {
  const bare = word.replace(/[.'’]/g, "");
  // Acronyms: the short name, legal forms, and short words without vowels (CNR, FBK).
  if (kept.has(bare) || LEGAL_UPPER.has(bare) || (bare.length <= 4 && !/[AEIOUY]/.test(bare) && /^[A-Z]+$/.test(bare))) return word;
  const lower = word.toLocaleLowerCase("it");
  const elided = /^(\p{L}+)(['’])(\p{L}.*)$/u.exec(lower);
  // "DELL'ECONOMIA" -> "dell'Economia"; "L'ANALISI" at the start -> "L'Analisi"
  if (elided) return `${first ? capitalise(elided[1]!) : elided[1]}${elided[2]}${capitalise(elided[3]!)}`;
  if (!first && LOWER_WORDS.has(lower)) return lower;
  return capitalise(lower);
}

/**
 * A name typed in capitals as a person would write it ("ISTITUTO NAZIONALE
 * DI FISICA NUCLEARE" -> "Istituto Nazionale di Fisica Nucleare"), keeping
 * acronyms (`keep`: the organisation's short name; legal forms; short words
 * without vowels) in capitals. A name that is not all capitals is returned
 * as it is.
 */
export function tidyCapitals(name: string, keep: string[] = []): string {
  const trimmed = name.replace(/\s+/g, " ").trim();
  const letters = trimmed.replace(/[^\p{L}]/gu, "");
  if (letters.length < 4 || letters !== letters.toUpperCase()) return trimmed;
  const kept = new Set(keep.flatMap((k) => k.toUpperCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean));
  let first = true;
  return trimmed.replace(/[\p{L}\p{N}'’]+/gu, (word) => {
    const out = tidyWord(word, first, kept);
    first = false;
    return out;
  });
}

/** H2020's activity types (and common words) to the kinds of partner. */
const ACTIVITY_KINDS: Record<string, PartnerKind> = {
  hes: "UNIVERSITY", rec: "RESEARCH_INSTITUTE", prc: "COMPANY", pub: "PUBLIC_RESEARCH_BODY", oth: "OTHER",
  university: "UNIVERSITY", universita: "UNIVERSITY", company: "COMPANY", impresa: "COMPANY", azienda: "COMPANY",
  hospital: "RESEARCH_HOSPITAL", ospedale: "RESEARCH_HOSPITAL", foundation: "FOUNDATION", fondazione: "FOUNDATION",
};

const NAME_KINDS: [RegExp, PartnerKind][] = [
  [/\b(universit\w*|universidad|universidade|universiteit|universitat|hochschule|college|ecole|school|politecnico|polytechnic|ateneo|sissa|eth)\b/, "UNIVERSITY"],
  [/\b(ospedal\w*|hospital\w*|irccs|policlinico|clinic\w*|asst|ats|azienda ospedaliera|humanitas)\b/, "RESEARCH_HOSPITAL"],
  [/\b(s p a|spa|s r l|srl|scpa|scarl|gmbh|mbh|ltd|limited|plc|llc|inc|ag|sa|bv|nv|oy|ab|sas|snc|corp)\b$/, "COMPANY"],
  [/\b(fondazione|foundation|stiftung|fundacion|fondation)\b/, "FOUNDATION"],
  [/\b(consiglio nazionale|ministero|ministry|comune|regione|agenzia|agency|national research council)\b/, "PUBLIC_RESEARCH_BODY"],
  [/\b(consorzio|consortium)\b/, "EU_CONSORTIUM"],
  [/\b(istitut\w*|institut\w*|centr\w*|center|laborator\w*|research|ricerc\w*|forschung\w*)\b/, "RESEARCH_INSTITUTE"],
];

/**
 * The kind a new partner most likely is, from a sheet's activity type when
 * there is one, else from its name; universities outside Italy are foreign
 * universities.
 */
export function guessPartnerKind(name: string, hint: string, country: string): PartnerKind {
  const fromHint = ACTIVITY_KINDS[fold(hint)] ?? null;
  const folded = fold(name);
  const fromName = NAME_KINDS.find(([re]) => re.test(folded))?.[1] ?? null;
  const kind = fromHint === "UNIVERSITY" || fromHint === "COMPANY" ? fromHint : (fromName ?? fromHint ?? "OTHER");
  return kind === "UNIVERSITY" && country && country !== "IT" ? "FOREIGN_UNIVERSITY" : kind;
}

/** How an identifier column's values are written as another name of a partner ("PIC 999979500"). */
export function identifierLabel(header: string): string {
  const h = fold(header);
  if (/\bpic\b/.test(h) || h.includes(" pic") || h.startsWith("pic")) return "PIC";
  if (/\b(vat|iva|partita iva|p iva|piva)\b/.test(h)) return "VAT";
  if (/\b(codice fiscale|cf|fiscal code|tax code)\b/.test(h)) return "CF";
  if (/\bror\b/.test(h)) return "ROR";
  return "ID";
}

/** "PIC 999979500": the other name under which an identifier is kept. */
export const identifierAlias = (label: string, value: string) => `${label} ${value.replace(/\s+/g, "")}`;

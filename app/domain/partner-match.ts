/**
 * Matching the organisations of an imported sheet to the partners already
 * in the register (docs/decisions/062). Each partner is indexed under its
 * normalised name and other names (app/domain/organisation-names.ts: case,
 * accents, punctuation and legal forms do not count), its acronym, and the
 * letter trigrams of those names. An organisation then matches:
 *
 * - by an identifier kept among a partner's other names ("PIC 999979500"),
 * - by the same normalised name or other name ("CONSIGLIO NAZIONALE DELLE
 *   RICERCHE" is "Consiglio Nazionale delle Ricerche"),
 * - by its short name being a partner's acronym, when a significant word of
 *   the names agrees too ("HUMANITAS MIRASOLE SPA", short name ICH, is
 *   "Istituto Clinico Humanitas (ICH)"),
 * - as a department of a partner its name starts with ("Polimi - DEIB"),
 * - or by similar names (fuzzy candidates, best first), which a person
 *   reviews: only near-identical spellings are proposed as the same partner.
 *
 * Pure; the import's matching step (app/models/import-match.server.ts) runs
 * it over every distinct organisation of the file at once.
 */
import { aliasList } from "./party-labels";
import { distinctiveName, normaliseOrganisation, significantWords } from "./organisation-names";
import { fold } from "./text-match";

export interface MatchablePartner {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string;
  parentId: string | null;
  country: string;
}

export interface OrganisationQuery {
  name: string;
  shortName: string;
  /** The identifier as kept among other names ("PIC 999979500"); "" for none. */
  identifier: string;
  country: string;
  /** Other spellings of the same organisation seen in the file. */
  variants: string[];
}

export const MATCH_CONFIDENCES = ["identifier", "exact", "acronym", "department", "fuzzy", "none"] as const;
export type MatchConfidence = (typeof MATCH_CONFIDENCES)[number];

export interface Candidate {
  partnerId: string;
  /** 1 for certain, down to FUZZY_MIN. */
  score: number;
  why: string;
}

export type Proposal = { decision: "MATCH"; partnerId: string } | { decision: "CREATE" } | { decision: "DEPARTMENT"; parentId: string };

export interface MatchResult {
  confidence: MatchConfidence;
  candidates: Candidate[];
  proposal: Proposal;
  /** A person should look at it: a similar name, an acronym alone, a department, or several equal names. */
  needsReview: boolean;
}

/** Similar names from this score on are shown as candidates. */
export const FUZZY_MIN = 0.6;
/** Similar names from this score on are proposed as the same partner (still to review). */
export const FUZZY_ACCEPT = 0.92;
const MAX_CANDIDATES = 4;

interface Entry {
  partnerId: string;
  /** How many trigrams its distinctive words have (the posting lists hold those). */
  grams: number;
  /** The trigrams of the whole normalised name. */
  full: Set<string>;
}

export interface PartnerIndex {
  partners: Map<string, MatchablePartner>;
  byName: Map<string, string[]>;
  byAcronym: Map<string, string[]>;
  words: Map<string, Set<string>>;
  entries: Entry[];
  grams: Map<string, number[]>;
  children: Map<string, string[]>;
}

function trigramSet(text: string): Set<string> {
  const padded = `  ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Sørensen–Dice similarity of two normalised names' trigram sets. */
export function dice(a: string, b: string): number {
  return setDice(trigramSet(a), trigramSet(b));
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
};

/** An acronym-like name: one short word ("CINECA", "IIT"). */
const acronymKey = (text: string) => {
  const f = fold(text).replace(/ /g, "");
  return f.length >= 2 && f.length <= 12 ? f : "";
};

export function buildPartnerIndex(partners: MatchablePartner[]): PartnerIndex {
  const index: PartnerIndex = {
    partners: new Map(), byName: new Map(), byAcronym: new Map(), words: new Map(), entries: [], grams: new Map(), children: new Map(),
  };
  for (const p of partners) {
    index.partners.set(p.id, p);
    if (p.parentId) push(index.children, p.parentId, p.id);
    const names = [p.name, ...aliasList(p.aliases)];
    const words = new Set<string>();
    for (const name of names) {
      const normal = normaliseOrganisation(name);
      if (!normal) continue;
      push(index.byName, normal, p.id);
      significantWords(name).forEach((w) => words.add(w));
      if (!name.includes(" ")) {
        const key = acronymKey(name);
        if (key) push(index.byAcronym, key, p.id);
      }
      const grams = trigramSet(distinctiveName(normal));
      const entry = index.entries.push({ partnerId: p.id, grams: grams.size, full: trigramSet(normal) }) - 1;
      for (const g of grams) push(index.grams, g, entry);
    }
    if (p.acronym) {
      const key = acronymKey(p.acronym);
      if (key) push(index.byAcronym, key, p.id);
      words.add(fold(p.acronym));
    }
    index.words.set(p.id, words);
  }
  return index;
}

const setDice = (x: Set<string>, y: Set<string>) => {
  let common = 0;
  for (const g of x) if (y.has(g)) common += 1;
  return x.size + y.size === 0 ? 0 : (2 * common) / (x.size + y.size);
};

/**
 * Partners whose names are most like `normal`, best first: the mean of two
 * Sørensen–Dice similarities over letter trigrams, of the distinctive words
 * (so "Università di Padova" is not "Università di Milano") and of the whole
 * names (so "Department of Health" is not "Institute of Health").
 */
function similar(index: PartnerIndex, normal: string, limit: number): Candidate[] {
  const grams = trigramSet(distinctiveName(normal));
  const full = trigramSet(normal);
  const common = new Map<number, number>();
  for (const g of grams) for (const e of index.grams.get(g) ?? []) common.set(e, (common.get(e) ?? 0) + 1);
  const best = new Map<string, number>();
  for (const [e, n] of common) {
    const entry = index.entries[e]!;
    const distinctive = (2 * n) / (grams.size + entry.grams);
    if (distinctive < 0.4) continue;
    const score = (distinctive + setDice(full, entry.full)) / 2;
    if (score >= FUZZY_MIN && score > (best.get(entry.partnerId) ?? 0)) best.set(entry.partnerId, score);
  }
  return [...best]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([partnerId, score]) => ({ partnerId, score: Math.round(score * 100) / 100, why: `similar name (${Math.round(score * 100)}%)` }));
}

const isTop = (index: PartnerIndex, id: string) => !index.partners.get(id)?.parentId;

/** Partners with the very same normalised name (or other name), organisations before departments. */
function sameName(index: PartnerIndex, names: string[]): string[] {
  const ids = new Set<string>();
  for (const n of names) for (const id of index.byName.get(normaliseOrganisation(n)) ?? []) ids.add(id);
  return [...ids].sort((a, b) => Number(isTop(index, b)) - Number(isTop(index, a)));
}

function sharesWord(index: PartnerIndex, partnerId: string, names: string[]): boolean {
  const words = index.words.get(partnerId);
  return !!words && names.some((n) => significantWords(n).some((w) => words.has(w)));
}

/** "polimi deib" starts with PoliMi's acronym: the department's parent, and its own match among the parent's departments. */
function departmentOf(index: PartnerIndex, normal: string): { parentId: string; child: Candidate | null } | null {
  const tokens = normal.split(" ");
  for (let k = tokens.length - 1; k >= 1; k--) {
    const prefix = tokens.slice(0, k).join(" ");
    const parents = [...(index.byName.get(prefix) ?? []), ...(k === 1 ? index.byAcronym.get(prefix) ?? [] : [])].filter((id) => isTop(index, id));
    const parentId = parents[0];
    if (!parentId) continue;
    const rest = tokens.slice(k).join(" ");
    const children = index.children.get(parentId) ?? [];
    const child = children
      .map((id) => {
        const p = index.partners.get(id)!;
        const acronym = p.acronym ? acronymKey(p.acronym) : "";
        const own = [p.name, ...aliasList(p.aliases)].map(normaliseOrganisation);
        const score = acronym && acronym === rest.replace(/ /g, "") ? 1 : Math.max(0, ...own.map((n) => Math.max(dice(n, normal), dice(n, rest))));
        return { partnerId: id, score, why: `department of ${index.partners.get(parentId)!.name}` };
      })
      .filter((c) => c.score >= 0.6)
      .sort((a, b) => b.score - a.score)[0] ?? null;
    return { parentId, child };
  }
  return null;
}

function result(confidence: MatchConfidence, candidates: Candidate[], proposal: Proposal, needsReview: boolean): MatchResult {
  const seen = new Set<string>();
  const unique = candidates.filter((c) => (seen.has(c.partnerId) ? false : (seen.add(c.partnerId), true))).slice(0, MAX_CANDIDATES);
  return { confidence, candidates: unique, proposal, needsReview };
}

/** The best match of one organisation of the file, its other candidates, and what to propose. */
export function matchOrganisation(index: PartnerIndex, org: OrganisationQuery): MatchResult {
  const names = [org.name, ...org.variants].filter(Boolean);
  const normal = normaliseOrganisation(org.name || org.shortName);
  const fuzzy = normal ? similar(index, normal, MAX_CANDIDATES) : [];

  if (org.identifier) {
    const byId = index.byName.get(normaliseOrganisation(org.identifier)) ?? [];
    if (byId.length) return result("identifier", [{ partnerId: byId[0]!, score: 1, why: `same ${org.identifier.split(" ")[0]}` }, ...fuzzy], { decision: "MATCH", partnerId: byId[0]! }, byId.length > 1);
  }
  const exact = sameName(index, names);
  if (exact.length) {
    const candidates = exact.map((partnerId) => ({ partnerId, score: 1, why: "same name" }));
    return result("exact", [...candidates, ...fuzzy], { decision: "MATCH", partnerId: exact[0]! }, exact.length > 1);
  }
  for (const short of [org.shortName, org.name]) {
    const key = short ? acronymKey(short) : "";
    const ids = (key && index.byAcronym.get(key)) || [];
    const agreeing = ids.filter((id) => !org.name || short === org.name || sharesWord(index, id, names));
    if (agreeing.length) {
      const candidates = agreeing.map((partnerId) => ({ partnerId, score: 0.95, why: `same acronym (${short})` }));
      return result("acronym", [...candidates, ...fuzzy], { decision: "MATCH", partnerId: agreeing[0]! }, agreeing.length > 1);
    }
    if (ids.length) fuzzy.push(...ids.map((partnerId) => ({ partnerId, score: 0.6, why: `same acronym (${short}), different name` })));
  }
  const department = normal ? departmentOf(index, normal) : null;
  if (department?.child) {
    return result("department", [department.child, ...fuzzy], { decision: "MATCH", partnerId: department.child.partnerId }, true);
  }
  const top = [...fuzzy].sort((a, b) => b.score - a.score);
  if (top[0] && top[0].score >= FUZZY_ACCEPT) return result("fuzzy", top, { decision: "MATCH", partnerId: top[0].partnerId }, true);
  if (department) {
    const parent = { partnerId: department.parentId, score: 0.7, why: "its name starts with this partner's" };
    return result("department", [parent, ...top], { decision: "DEPARTMENT", parentId: department.parentId }, true);
  }
  return result(top.length ? "fuzzy" : "none", top, { decision: "CREATE" }, top.length > 0);
}

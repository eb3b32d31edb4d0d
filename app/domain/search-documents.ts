/**
 * What the search index holds for each kind of record (docs/decisions/052):
 * the text of an agreement (its record, and its documents' text), of a
 * partner (name, acronym, other names, departments, parent), of an HT unit
 * and of a research line, and the short names the trigram index matches
 * inside words. Pure: the server's indexer and the synthetic database
 * (prisma/synthetic.ts) build entries with the same functions.
 *
 * Adding a source (obligations, say) is: a builder here, a loader and a
 * SOURCES entry in app/models/search-index.server.ts, triggers that queue
 * it in a migration, and a group in app/models/search.server.ts.
 */
import { AGREEMENT_KINDS } from "./vocabulary";
import { squash } from "./search-text";

/** One record's entry: the FTS5 columns of its table, and the names for partial-word matching. */
export interface SearchEntry {
  columns: [string, string];
  names: string;
}

export interface AgreementIndexInput {
  reference: string;
  title: string;
  kind: string;
  summary: string;
  /** The kind-specific terms as stored (JSON). */
  details: string;
  htOwner: string;
  partnerContact: string;
  protocolNumber: string | null;
  parties: {
    contactName: string;
    unit: { name: string; code: string; parent: { name: string } | null } | null;
    partner: { name: string; acronym: string | null; aliases: string; parent: { name: string; acronym: string | null } | null } | null;
  }[];
  researchLines: string[];
  approvals: { bodyName: string; resolutionNumber: string }[];
  /** The current version of each document: its name and the text of its pages. */
  documents: { title: string; fileName: string; pages: string[] }[];
}

const join = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" \n");

/** Values of the kind-specific terms (the JSON's values, not its keys). */
export function detailsText(details: string): string {
  try {
    const value: unknown = JSON.parse(details);
    if (!value || typeof value !== "object") return "";
    return Object.values(value as Record<string, unknown>).filter((v) => typeof v === "string").join(" \n");
  } catch {
    return "";
  }
}

/** The names of an agreement's parties, each with its acronym, other names and parent organisation. */
export function partyNames(parties: AgreementIndexInput["parties"]): string[] {
  return parties.flatMap((p) => {
    if (p.partner) {
      const { name, acronym, aliases, parent } = p.partner;
      return [join([name, acronym, aliases, parent?.name, parent?.acronym])];
    }
    if (p.unit) return [join([p.unit.name, p.unit.code, p.unit.parent?.name])];
    return [];
  });
}

export function agreementEntry(a: AgreementIndexInput): SearchEntry {
  const record = join([
    a.reference, a.title, AGREEMENT_KINDS.label(a.kind), ...partyNames(a.parties), a.summary, detailsText(a.details),
    a.htOwner, a.partnerContact, ...a.parties.map((p) => p.contactName), a.protocolNumber, ...a.researchLines,
    ...a.approvals.flatMap((x) => [x.bodyName, x.resolutionNumber]),
  ]);
  const documents = join(a.documents.flatMap((d) => [d.title, d.fileName, ...d.pages]));
  const names = [a.reference, a.title, ...a.parties.map((p) => p.partner?.name ?? p.unit?.name ?? "")].filter(Boolean);
  return { columns: [record, documents], names: withSquashed(names) };
}

export interface PartnerIndexInput {
  name: string;
  acronym: string | null;
  aliases: string;
  city: string;
  parent: { name: string; acronym: string | null } | null;
  children: { name: string; acronym: string | null }[];
}

export function partnerEntry(p: PartnerIndexInput): SearchEntry {
  const name = p.acronym ? `${p.name} ${p.acronym}` : p.name;
  const body = join([p.aliases, p.city, p.parent?.name, p.parent?.acronym, ...p.children.flatMap((c) => [c.name, c.acronym])]);
  return { columns: [name, body], names: withSquashed([p.name, p.acronym ?? "", ...p.aliases.split("\n")]) };
}

export interface UnitIndexInput {
  name: string;
  code: string;
  description: string;
  parent: { name: string } | null;
}

export function unitEntry(u: UnitIndexInput): SearchEntry {
  return { columns: [`${u.name} ${u.code}`, join([u.description, u.parent?.name])], names: withSquashed([u.name, u.code]) };
}

export function researchLineEntry(l: { name: string; unit: { name: string } }): SearchEntry {
  return { columns: [l.name, l.unit.name], names: withSquashed([l.name]) };
}

/** Names as written, and again without spaces, so "sanraffaele" is found inside "San Raffaele". */
function withSquashed(names: string[]): string {
  const clean = names.map((n) => n.trim()).filter(Boolean);
  return join([...clean, ...clean.map(squash)]);
}

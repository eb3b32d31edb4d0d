/**
 * Synthetic database for benchmarks and load tests: a deterministic, freshly
 * migrated SQLite file with any number of HT units, partners and agreements.
 * NOT the demo seed (prisma/seed.ts): the data is plausible in shape and
 * distribution, not in content.
 *
 *   npm run db:synthetic -- --out tests/.data/synthetic-20k.db --agreements 20000 --partners 300 --units 150
 *
 * Same arguments, same content (a seeded PRNG and a fixed anchor date; never
 * the clock). The schema comes from `prisma migrate deploy`, exactly as in
 * production; the rows are then written with better-sqlite3 prepared
 * statements in one transaction (Prisma's createMany is far too slow at this
 * scale), in the formats the Prisma client itself uses with this adapter:
 * DateTime as ISO-8601 text with an explicit "+00:00" offset
 * ("2026-01-01T00:00:00.000+00:00"), BigInt as INTEGER. Any other DateTime
 * format would compare wrongly in Prisma's filters and sorts.
 *
 * The file's `PRAGMA user_version` holds a stamp of the generator, the
 * migrations, the domain modules it uses and the arguments, so callers (the
 * benchmarks) can reuse an up-to-date file instead of regenerating it.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { DETAIL_FIELDS, detailsSchemaFor, type DetailField } from "../app/domain/agreement-details";
import { formatReference } from "../app/domain/agreement-reference";
import { partnerDisplayName, partyLabel } from "../app/domain/party-labels";
import { mulberry32 } from "./seed/util";
import { buildSearchIndex, fillDocuments } from "./synthetic-search";
import { noticeDeadline } from "../app/domain/deadlines";
import { makeObligations, makeUsers, makeWatches, SYNTHETIC_USERS } from "./synthetic-deadlines";
import {
  AGREEMENT_KINDS,
  GDPR_ROLES,
  PARTNER_KINDS,
  type AgreementKind,
  type AgreementStatus,
  type LinkType,
  type PartnerKind,
  type PartyRole,
} from "../app/domain/vocabulary";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface SyntheticOptions {
  /** The SQLite file to (re)create. */
  out: string;
  agreements: number;
  partners: number;
  /** All HT units: 7 centres + 4 facilities + groups under the centres. */
  units: number;
  /** Obligations in all (default: four per agreement). */
  obligations?: number;
  /**
   * Run ANALYZE at the end (default). Without it the planner has no
   * statistics, as in a production database nobody has analyzed, and may
   * choose other plans: benchmark both.
   */
  analyze?: boolean;
  /** Documents with extracted text (prisma/synthetic-search.ts), and pages each. */
  documents?: number;
  pages?: number;
}

export const SYNTHETIC_DEFAULTS = { agreements: 20_000, partners: 300, units: 150 } as const;

/** The fixed "now" of the generated data: nothing depends on the clock. */
const ANCHOR = Date.UTC(2026, 0, 1);
const SEED = 20260101;
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2016, 0, 1);
const LAST_DAY = Date.UTC(2031, 11, 31);

/** tests/.data/synthetic-20k.db for the defaults; the sizes are in the name otherwise. */
export function defaultSyntheticPath(o: Partial<Omit<SyntheticOptions, "out">> = {}): string {
  const { agreements, partners, units } = { ...SYNTHETIC_DEFAULTS, ...o };
  const size = agreements % 1000 === 0 ? `${agreements / 1000}k` : String(agreements);
  const extra =
    partners === SYNTHETIC_DEFAULTS.partners && units === SYNTHETIC_DEFAULTS.units ? "" : `-${partners}p-${units}u`;
  const stats = o.analyze === false ? "-noanalyze" : "";
  const docs = o.documents ? `-${o.documents % 1000 === 0 ? `${o.documents / 1000}k` : o.documents}docs${o.pages && o.pages !== 5 ? `x${o.pages}` : ""}` : "";
  return path.join(ROOT, "tests", ".data", `synthetic-${size}${extra}${docs}${stats}.db`);
}

// ---------------------------------------------------------------------------
// Formats: exactly what Prisma writes through @prisma/adapter-better-sqlite3
// (checked by creating rows with the client and reading the raw columns).

/** DateTime column text: "2026-01-01T00:00:00.000+00:00". */
export function sqliteDateTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}
const dt = (ms: number | null) => (ms === null ? null : sqliteDateTime(ms));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------
// Deterministic randomness

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((n, [, w]) => n + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }
  /** Index in [0, n) skewed towards 0: a few items are very popular, most are not. */
  skewed(n: number, power = 2) {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), power)));
  }
  /** A day (UTC midnight) in [from, to]. */
  day(from: number, to: number) {
    return from + this.int(0, Math.max(0, Math.round((to - from) / DAY))) * DAY;
  }
}

// ---------------------------------------------------------------------------
// Word lists

const CENTRES = [
  ["MG", "Medical Genomics"],
  ["NG", "Neurogenomics"],
  ["AFNG", "Agri-Food and Nutrition Genomics"],
  ["DS", "Data Science"],
  ["CLS", "Computational Life Sciences"],
  ["ADS", "Analysis, Decisions and Society"],
  ["NST", "Nano Science and Technology"],
] as const;
const FACILITIES = [
  ["F1", "F1 Central Genomics"],
  ["F2", "F2 Imaging"],
  ["F3", "F3 Data Storage and High Performance Computing"],
  ["F4", "F4 Laboratories and Services of Common Interest"],
] as const;

const TOPICS = [
  "single-cell genomics", "cancer genomics", "plant genomics", "population genomics", "functional genomics",
  "neurodegeneration", "brain development", "protein structure", "cryo-electron microscopy", "machine learning",
  "health data science", "rare diseases", "microbiome", "epigenetics", "organoids", "spatial transcriptomics",
  "high-performance computing", "bioimaging", "nutrition", "ageing", "precision medicine", "infectious diseases",
  "drug discovery", "nanomaterials", "biobanking", "health policy", "crop resilience", "immunology",
  "statistical genetics", "synthetic biology",
];
const SURNAMES = [
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
  "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri",
  "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
  "Gentile", "Martinelli", "Vitale", "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi",
  "Villa", "Conte", "Ferraro", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala",
  "Müller", "Schmidt", "Dubois", "García", "Smith", "Jones", "Nakamura", "Novak", "Jensen", "O'Brien",
];
const FIRST_NAMES = [
  "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo", "Elena", "Davide",
  "Martina", "Andrea", "Anna", "Paolo", "Laura", "Stefano", "Valentina", "Giorgio", "Silvia", "Federico",
];
const CITIES_IT = [
  "Milan", "Rome", "Turin", "Genoa", "Bologna", "Padua", "Pavia", "Florence", "Naples", "Bari", "Palermo",
  "Catania", "Trieste", "Trento", "Verona", "Brescia", "Bergamo", "Parma", "Modena", "Pisa", "Siena", "Perugia",
  "Ancona", "Cagliari", "Sassari", "Messina", "Salerno", "Udine", "Ferrara", "Monza", "Varese", "Como", "Lodi",
  "Novara", "Lecce", "L'Aquila", "Chieti", "Catanzaro", "Cosenza", "Piacenza",
];
const CITIES_ABROAD = [
  ["Cambridge", "GB"], ["Oxford", "GB"], ["London", "GB"], ["Heidelberg", "DE"], ["Munich", "DE"], ["Berlin", "DE"],
  ["Paris", "FR"], ["Lyon", "FR"], ["Barcelona", "ES"], ["Madrid", "ES"], ["Zurich", "CH"], ["Geneva", "CH"],
  ["Lausanne", "CH"], ["Vienna", "AT"], ["Amsterdam", "NL"], ["Leiden", "NL"], ["Leuven", "BE"],
  ["Copenhagen", "DK"], ["Stockholm", "SE"], ["Helsinki", "FI"], ["Boston", "US"], ["Stanford", "US"],
  ["New York", "US"], ["Toronto", "CA"], ["Tokyo", "JP"], ["Singapore", "SG"], ["Melbourne", "AU"],
  ["Tel Aviv", "IL"], ["Dublin", "IE"], ["Lisbon", "PT"],
] as const;
const SAINTS = ["San Raffaele", "San Gerardo", "San Matteo", "Sant'Orsola", "San Martino", "Santa Chiara", "San Paolo", "San Giovanni"];
const BRANDS = ["Gen", "Bio", "Nano", "Cell", "Omix", "Helix", "Pharma", "Data", "Vita", "Neuro", "Agri", "Quant"];
const CONSORTIUM_ACRONYMS = ["EPIC", "ATLAS", "NEURON", "GENOMED", "HEALTHDATA", "CROPS", "IMMUNE", "ORGANO", "EUROBANK", "SCAN", "PRISM", "AURORA"];
const COHORTS = ["Moli-sani", "Lombardy newborn", "Val Borbera", "Sardinian ageing", "Milan paediatric", "national rare-disease", "long-COVID"];
const MATERIALS = ["tumour biopsies", "iPSC lines", "plasmid constructs", "antibody panels", "plant seeds", "organoid lines", "serum samples", "DNA extracts"];

const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const titleCase = (s: string) => s.split(/\s+/).map(title).join(" ");
const LOWER = new Set(["di", "of", "and", "for", "de", "del", "della", "degli", "the", "e", "in"]);
function acronymOf(name: string): string {
  return name
    .split(/[\s,\-–()]+/)
    .filter((w) => w && !LOWER.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join("")
    .slice(0, 6);
}
const personName = (rng: Rng) => `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`;
const slug = (s: string) => s.normalize("NFD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

// ---------------------------------------------------------------------------
// Rows

interface UnitRow {
  id: string; code: string; name: string; kind: "CENTRE" | "FACILITY" | "GROUP"; description: string; parentId: string | null;
}
interface PartnerRow {
  id: string; name: string; acronym: string | null; kind: PartnerKind; city: string; country: string;
  website: string | null; parentId: string | null;
}
interface ResearchLineRow { id: string; name: string; unitId: string }
interface Party { unit?: UnitRow; partner?: PartnerRow; role: PartyRole; gdprRole: string | null }
interface AgreementDraft {
  kind: AgreementKind; status: AgreementStatus; title: string; summary: string;
  signature: number | null; start: number | null; end: number | null;
  renewalType: string; noticePeriodDays: number | null;
  valueCents: bigint | null; valueDirection: string; confidentiality: string;
  htOwner: string; partnerContact: string; protocolNumber: string | null; boardApproval: number | null;
  details: string; archived: number | null; created: number; updated: number;
  units: UnitRow[]; partners: PartnerRow[]; parties: Party[]; researchLine: ResearchLineRow | null;
  id: string; reference: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

function makeUnits(rng: Rng, total: number) {
  const units: UnitRow[] = [];
  const centres = CENTRES.map(([code, name], i) => ({
    id: `syn_u_${pad(i + 1, 4)}`, code, name, kind: "CENTRE" as const,
    description: `Research centre for ${name.toLowerCase()}.`, parentId: null,
  }));
  units.push(...centres);
  FACILITIES.forEach(([code, name]) =>
    units.push({
      id: `syn_u_${pad(units.length + 1, 4)}`, code, name, kind: "FACILITY", description: `${name} facility.`, parentId: null,
    }),
  );
  const names = new Set<string>();
  const perCentre = new Map<string, number>();
  for (let g = 0; units.length < total; g++) {
    const centre = centres[g % centres.length]!;
    const n = (perCentre.get(centre.id) ?? 0) + 1;
    perCentre.set(centre.id, n);
    let name = `${rng.pick(SURNAMES)} Lab – ${title(rng.pick(TOPICS))}`;
    while (names.has(name)) name = `${rng.pick(SURNAMES)} Lab – ${title(rng.pick(TOPICS))}`;
    names.add(name);
    units.push({
      id: `syn_u_${pad(units.length + 1, 4)}`, code: `${centre.code}-G${pad(n, 2)}`, name, kind: "GROUP",
      description: "", parentId: centre.id,
    });
  }
  const lines: ResearchLineRow[] = [];
  for (const c of centres) {
    const topics = new Set<string>();
    const count = rng.int(3, 5);
    while (topics.size < count) topics.add(title(rng.pick(TOPICS)));
    for (const t of topics) lines.push({ id: `syn_rl_${pad(lines.length + 1, 4)}`, name: t, unitId: c.id });
  }
  return { units, centres, lines };
}

const PARTNER_KIND_WEIGHTS: [PartnerKind, number][] = [
  ["UNIVERSITY", 14], ["RESEARCH_INSTITUTE", 12], ["PUBLIC_RESEARCH_BODY", 4], ["PUBLIC_HEALTH_BODY", 5],
  ["RESEARCH_HOSPITAL", 12], ["SUPERCOMPUTING", 2], ["FOUNDATION", 6], ["AGRICULTURAL_BODY", 4],
  ["TECHNOLOGY_PARK", 3], ["COMPANY", 18], ["FOREIGN_UNIVERSITY", 14], ["EU_CONSORTIUM", 5], ["OTHER", 3],
];
/** Partners that have departments or institutes as sub-units. */
const HAS_SUBUNITS = new Set<PartnerKind>([
  "UNIVERSITY", "FOREIGN_UNIVERSITY", "PUBLIC_RESEARCH_BODY", "RESEARCH_INSTITUTE", "RESEARCH_HOSPITAL",
]);

function partnerName(rng: Rng, kind: PartnerKind): { name: string; city: string; country: string } {
  const city = rng.pick(CITIES_IT);
  const s = rng.pick(SURNAMES);
  const t = titleCase(rng.pick(TOPICS));
  const it = (name: string) => ({ name, city, country: "IT" });
  switch (kind) {
    case "UNIVERSITY":
      return it(rng.pick([`University of ${city}`, `Università degli Studi di ${city}`, `Politecnico di ${city}`, `${city} University of Health Sciences`]));
    case "RESEARCH_INSTITUTE":
      return it(rng.pick([`Istituto ${s} di Ricerca`, `${s} Institute for ${t}`, `Istituto di ${t} di ${city}`]));
    case "PUBLIC_RESEARCH_BODY":
      return it(rng.pick([`National Institute of ${t}`, `Agenzia Nazionale per ${t}`, `Ente Pubblico di Ricerca ${s}`]));
    case "PUBLIC_HEALTH_BODY":
      return it(rng.pick([`Agenzia di Tutela della Salute di ${city}`, `Regional Health Authority of ${city}`, `Azienda Sanitaria di ${city}`]));
    case "RESEARCH_HOSPITAL":
      return it(rng.pick([`Ospedale ${rng.pick(SAINTS)} di ${city}`, `IRCCS ${s} Hospital`, `Policlinico di ${city}`, `Istituto Clinico ${s}`]));
    case "SUPERCOMPUTING":
      return it(rng.pick([`${city} Supercomputing Consortium`, `Consorzio di Calcolo ${s}`]));
    case "FOUNDATION":
      return it(rng.pick([`Fondazione ${s}`, `${s} Foundation for ${t}`]));
    case "AGRICULTURAL_BODY":
      return it(rng.pick([`${city} Agricultural Research Station`, `Istituto Agrario ${s}`]));
    case "TECHNOLOGY_PARK":
      return it(rng.pick([`Parco Tecnologico di ${city}`, `${city} Science Park`]));
    case "COMPANY":
      return it(`${rng.pick(BRANDS)}${rng.pick(BRANDS).toLowerCase()} ${rng.pick(["S.p.A.", "S.r.l.", "Ltd", "GmbH", "Inc."])}`);
    case "FOREIGN_UNIVERSITY": {
      const [c, country] = rng.pick(CITIES_ABROAD);
      return { name: rng.pick([`University of ${c}`, `${c} Institute of Technology`, `${c} Medical University`]), city: c, country };
    }
    case "EU_CONSORTIUM": {
      const [c, country] = rng.pick(CITIES_ABROAD);
      return { name: `${rng.pick(CONSORTIUM_ACRONYMS)}-${rng.int(2, 99)} Consortium`, city: c, country };
    }
    case "OTHER":
      return it(rng.pick([`Associazione ${s}`, `${city} Patients' Association`, `Comune di ${city}`]));
  }
}

function makePartners(rng: Rng, total: number): PartnerRow[] {
  const partners: PartnerRow[] = [];
  const names = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    for (let n = 2; names.has(candidate); n++) candidate = `${name} (${n})`;
    names.add(candidate);
    return candidate;
  };
  for (let i = 0; i < total; i++) {
    const id = `syn_p_${pad(i + 1, 5)}`;
    const parents = partners.filter((p) => !p.parentId && HAS_SUBUNITS.has(p.kind));
    // The first of each kind comes first, so every kind is present; then ~15% are sub-units.
    if (i >= PARTNER_KINDS.values.length && parents.length && rng.chance(0.15)) {
      const parent = rng.pick(parents);
      const t = titleCase(rng.pick(TOPICS));
      const raw = parent.kind.endsWith("UNIVERSITY")
        ? `Department of ${t}, ${parent.name}`
        : `Institute of ${t} – ${parent.acronym ?? parent.name}`;
      partners.push({
        id, name: unique(raw), acronym: null, kind: parent.kind, city: parent.city, country: parent.country,
        website: null, parentId: parent.id,
      });
      continue;
    }
    const kind = i < PARTNER_KINDS.values.length ? PARTNER_KINDS.values[i]! : rng.weighted(PARTNER_KIND_WEIGHTS);
    const { name: raw, city, country } = partnerName(rng, kind);
    const name = unique(raw);
    partners.push({
      id, name, acronym: rng.chance(0.5) ? acronymOf(name) || null : null, kind, city, country,
      website: rng.chance(0.7) ? `https://www.${slug(name)}.example` : null, parentId: null,
    });
  }
  return partners;
}

const KIND_WEIGHTS: [AgreementKind, number][] = [
  ["MOU", 8], ["FRAMEWORK", 8], ["IMPLEMENTING", 14], ["RESEARCH_COLLABORATION", 16], ["CONSORTIUM", 6],
  ["DATA_SHARING", 12], ["MTA", 10], ["NDA", 9], ["JOINT_LAB", 3], ["AFFILIATION", 5], ["SERVICE", 6], ["AMENDMENT", 3],
];
const STATUS_WEIGHTS: [AgreementStatus, number][] = [
  ["ACTIVE", 38], ["EXPIRED", 30], ["TERMINATED", 4], ["SUPERSEDED", 6],
  ["DRAFT", 6], ["NEGOTIATION", 7], ["LEGAL_REVIEW", 5], ["AWAITING_SIGNATURE", 4],
];
const SIGNED = new Set<AgreementStatus>(["ACTIVE", "EXPIRED", "TERMINATED", "SUPERSEDED"]);
const WITH_VALUE: Partial<Record<AgreementKind, number>> = {
  IMPLEMENTING: 0.9, RESEARCH_COLLABORATION: 0.8, CONSORTIUM: 0.9, SERVICE: 0.85, JOINT_LAB: 0.8,
  AFFILIATION: 0.5, FRAMEWORK: 0.2, DATA_SHARING: 0.1, AMENDMENT: 0.4,
};

function agreementTitle(rng: Rng, kind: AgreementKind, partner: PartnerRow, topic: string): string {
  const who = partner.acronym ?? partner.name;
  switch (kind) {
    case "MOU": return rng.pick([`Memorandum of understanding on ${topic}`, `MoU with ${who} on ${topic}`]);
    case "FRAMEWORK": return rng.pick([`Framework agreement with ${who}`, `Convenzione quadro ${who} – research in ${topic}`]);
    case "IMPLEMENTING": return rng.pick([`Implementing agreement: ${titleCase(topic)} project`, `Accordo attuativo – ${topic} with ${who}`]);
    case "RESEARCH_COLLABORATION": return rng.pick([`Research collaboration on ${topic}`, `Joint study of ${topic} with ${who}`]);
    case "CONSORTIUM": return `${rng.pick(CONSORTIUM_ACRONYMS)} consortium agreement (${topic})`;
    case "DATA_SHARING": return rng.pick([`Data transfer agreement – ${rng.pick(COHORTS)} cohort`, `Sharing of ${topic} data with ${who}`]);
    case "MTA": return `Transfer of ${rng.pick(MATERIALS)} ${rng.pick(["to", "from"])} ${who}`;
    case "NDA": return `Confidentiality agreement with ${who} (${topic})`;
    case "JOINT_LAB": return `Joint laboratory in ${topic} at ${who}`;
    case "AFFILIATION": return `Affiliation of ${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)} (${topic})`;
    case "SERVICE": return `Access to ${rng.pick(FACILITIES)[1]} services for ${who}`;
    case "AMENDMENT": return `Amendment: extension of the ${topic} collaboration`;
  }
}

function detailValue(rng: Rng, field: DetailField, a: { end: number | null; topic: string }): string | number | boolean {
  switch (field.type) {
    case "text": return `${field.label}: ${rng.pick(["as agreed", "per annex A", "shared", "HT retains", "joint"])} – ${a.topic}`;
    case "longtext": return `${field.label} cover ${a.topic}, as described in the technical annex (rev. ${rng.int(1, 9)}).`;
    case "date": return isoDay((a.end ?? ANCHOR) + rng.int(180, 1800) * DAY);
    case "boolean": return rng.chance(0.85);
    case "integer": return rng.int(1, 10);
    case "choice": return rng.pick(Object.keys(field.choices ?? {}));
  }
}

function partnerRole(kind: AgreementKind, i: number): PartyRole {
  switch (kind) {
    case "MTA": return i === 0 ? "PROVIDER" : "RECIPIENT";
    case "NDA": return i === 0 ? "DISCLOSING" : "RECEIVING";
    case "AFFILIATION": return i === 0 ? "HOME_INSTITUTION" : "PARTICIPANT";
    case "CONSORTIUM": return i === 0 ? "COORDINATOR" : "PARTICIPANT";
    case "JOINT_LAB": return i === 0 ? "HOST" : "PARTICIPANT";
    case "SERVICE": return "RECIPIENT";
    default: return "PARTICIPANT";
  }
}

function makeAgreements(
  rng: Rng, count: number, units: UnitRow[], partners: PartnerRow[], lines: ResearchLineRow[],
): AgreementDraft[] {
  const centres = units.filter((u) => u.kind === "CENTRE");
  const facilities = units.filter((u) => u.kind === "FACILITY");
  const groups = units.filter((u) => u.kind === "GROUP");
  const linesByCentre = new Map<string, ResearchLineRow[]>();
  for (const l of lines) linesByCentre.set(l.unitId, [...(linesByCentre.get(l.unitId) ?? []), l]);
  // Popularity order is a fixed shuffle, so the most popular partners are of various kinds.
  const popular = [...partners];
  for (let i = popular.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [popular[i], popular[j]] = [popular[j]!, popular[i]!];
  }
  const schemas = new Map(AGREEMENT_KINDS.values.map((k) => [k, detailsSchemaFor(k)]));

  const out: AgreementDraft[] = [];
  for (let i = 0; i < count; i++) {
    // Every kind and every status appear, whatever the size.
    const kind = i < AGREEMENT_KINDS.values.length ? AGREEMENT_KINDS.values[i]! : rng.weighted(KIND_WEIGHTS);
    const status = i < STATUS_WEIGHTS.length ? STATUS_WEIGHTS[i]![0] : rng.weighted(STATUS_WEIGHTS);
    const years = kind === "NDA" || kind === "MTA" ? rng.int(1, 3) : rng.int(1, 5);
    let start: number | null;
    let end: number | null;
    if (status === "ACTIVE") {
      end = rng.day(ANCHOR - 120 * DAY, LAST_DAY); // some have lapsed: effectively expired
      start = Math.max(FIRST_DAY, end - years * 365 * DAY);
      if (start > ANCHOR) start = rng.day(ANCHOR - 300 * DAY, ANCHOR - DAY);
      if (rng.chance(0.06)) end = null; // open-ended
    } else if (SIGNED.has(status)) {
      end = rng.day(FIRST_DAY + 180 * DAY, ANCHOR - DAY);
      start = Math.max(FIRST_DAY, end - years * 365 * DAY);
    } else {
      start = rng.chance(0.7) ? rng.day(ANCHOR, ANCHOR + 400 * DAY) : null;
      end = start !== null && rng.chance(0.8) ? Math.min(LAST_DAY, start + years * 365 * DAY) : null;
    }
    const signature = SIGNED.has(status) && start !== null ? start - rng.int(0, 60) * DAY : null;
    const created = Math.min(ANCHOR - DAY, (signature ?? start ?? ANCHOR) - rng.int(20, 200) * DAY) + rng.int(8 * 3600, 18 * 3600) * 1000;
    const updated = Math.min(ANCHOR, created + rng.int(0, 400) * DAY);

    // Parties: HT units (a centre, a facility or a group) and partners, each at most once.
    const unitSet = new Set<UnitRow>();
    const nUnits = rng.weighted([[1, 60], [2, 30], [3, 10]] as const);
    while (unitSet.size < nUnits) {
      const r = rng.next();
      unitSet.add(r < 0.35 ? rng.pick(centres) : r < 0.5 ? rng.pick(facilities) : groups.length ? groups[rng.skewed(groups.length, 1.5)]! : rng.pick(centres));
    }
    const partnerSet = new Set<PartnerRow>();
    const nPartners = Math.min(partners.length, rng.weighted([[1, 50], [2, 25], [3, 15], [4, 10]] as const));
    while (partnerSet.size < nPartners) partnerSet.add(popular[rng.skewed(popular.length)]!);
    const unitList = [...unitSet];
    const partnerList = [...partnerSet];
    const parties: Party[] = [
      ...unitList.map((unit, j): Party => ({
        unit, role: kind === "SERVICE" && unit.kind === "FACILITY" ? "PROVIDER" : j === 0 ? "LEAD" : "PARTICIPANT",
        gdprRole: kind === "DATA_SHARING" ? rng.pick(GDPR_ROLES.values) : null,
      })),
      ...partnerList.map((partner, j): Party => ({
        partner, role: partnerRole(kind, j), gdprRole: kind === "DATA_SHARING" ? rng.pick(GDPR_ROLES.values) : null,
      })),
    ];

    const topic = rng.pick(TOPICS);
    const details = Object.fromEntries(DETAIL_FIELDS[kind].map((f) => [f.name, detailValue(rng, f, { end, topic })]));
    schemas.get(kind)!.parse(details); // stays valid if the declarations change
    const hasValue = rng.chance(WITH_VALUE[kind] ?? 0);
    const renewalType =
      kind === "FRAMEWORK" || kind === "MOU" || kind === "SERVICE"
        ? rng.weighted([["NONE", 30], ["EXPRESS", 40], ["TACIT", 30]] as const)
        : "NONE";
    const centre = unitList.map((u) => (u.kind === "CENTRE" ? u : units.find((c) => c.id === u.parentId))).find(Boolean);
    const centreLines = centre ? linesByCentre.get(centre.id) : undefined;

    out.push({
      kind, status, title: agreementTitle(rng, kind, partnerList[0]!, topic),
      summary: `${AGREEMENT_KINDS.label(kind)} between Human Technopole and ${partnerList[0]!.name} on ${topic}.`,
      signature, start, end, renewalType,
      noticePeriodDays: renewalType === "NONE" ? null : rng.pick([30, 60, 90, 180]),
      valueCents: hasValue ? BigInt(Math.round(Math.pow(10, 3.5 + rng.next() * 3)) * 100) : null,
      valueDirection: hasValue ? rng.weighted([["HT_PAYS", 45], ["HT_RECEIVES", 55]] as const) : "NONE",
      confidentiality: rng.chance(0.1) ? "RESTRICTED" : "INTERNAL",
      htOwner: personName(rng), partnerContact: rng.chance(0.7) ? personName(rng) : "",
      protocolNumber: SIGNED.has(status) && rng.chance(0.6) ? `HT/${new Date(created).getUTCFullYear()}/${rng.int(100, 9999)}` : null,
      boardApproval: signature !== null && rng.chance(0.2) ? signature - rng.int(5, 40) * DAY : null,
      details: JSON.stringify(details),
      archived: (status === "EXPIRED" || status === "TERMINATED" || status === "SUPERSEDED") && rng.chance(0.03) ? updated : null,
      created, updated, units: unitList, partners: partnerList, parties,
      researchLine: centreLines && rng.chance(0.3) ? rng.pick(centreLines) : null,
      id: "", reference: "",
    });
  }
  // Ids and references in registration order, numbered per year like the app does.
  out.sort((a, b) => a.created - b.created);
  const counters = new Map<number, number>();
  out.forEach((a, i) => {
    const year = new Date(a.created).getUTCFullYear();
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    a.id = `syn_a_${pad(i + 1, 6)}`;
    a.reference = formatReference(year, n);
  });
  return out;
}

function makeLinks(rng: Rng, agreements: AgreementDraft[]) {
  const links: { type: LinkType; from: AgreementDraft; to: AgreementDraft; created: number }[] = [];
  const byPartner = new Map<string, AgreementDraft[]>();
  for (const a of agreements) {
    for (const p of a.partners) {
      const list = byPartner.get(p.id);
      if (list) list.push(a);
      else byPartner.set(p.id, [a]);
    }
  }
  const frameworks = agreements.filter((a) => a.kind === "FRAMEWORK");
  const amendable = agreements.filter((a) => a.kind !== "AMENDMENT" && a.kind !== "NDA");
  const sharing = (a: AgreementDraft, ok: (b: AgreementDraft) => boolean) =>
    (byPartner.get(a.partners[0]!.id) ?? []).filter((b) => b !== a && ok(b));
  for (const a of agreements) {
    if (a.kind === "IMPLEMENTING" && frameworks.length && rng.chance(0.85)) {
      const same = sharing(a, (b) => b.kind === "FRAMEWORK");
      links.push({ type: "IMPLEMENTS", from: a, to: same.length ? rng.pick(same) : rng.pick(frameworks), created: a.created });
    } else if (a.kind === "AMENDMENT" && amendable.length) {
      const same = sharing(a, (b) => b.kind !== "AMENDMENT" && b.kind !== "NDA");
      links.push({ type: "AMENDS", from: a, to: same.length ? rng.pick(same) : rng.pick(amendable), created: a.created });
    } else if ((a.kind === "FRAMEWORK" || a.kind === "MOU" || a.kind === "RESEARCH_COLLABORATION") && rng.chance(0.1)) {
      const older = sharing(a, (b) => b.kind === a.kind && b.created < a.created && (b.status === "EXPIRED" || b.status === "SUPERSEDED"));
      if (older.length) links.push({ type: "RENEWS", from: a, to: rng.pick(older), created: a.created });
    }
  }
  return links;
}

function statusChanges(rng: Rng, a: AgreementDraft) {
  const rows: { from: string | null; to: string; on: number; comment: string; created: number }[] = [];
  const registered = Math.floor(a.created / DAY) * DAY;
  rows.push({ from: null, to: "DRAFT", on: registered, comment: "Registered", created: a.created });
  if (a.status === "DRAFT") return rows;
  const signedOn = a.signature ?? a.start ?? registered + 30 * DAY;
  if (!SIGNED.has(a.status)) {
    const on = Math.min(ANCHOR, registered + rng.int(5, 60) * DAY);
    rows.push({ from: "DRAFT", to: a.status, on, comment: "", created: on + 10 * 3600_000 });
    return rows;
  }
  rows.push({ from: "DRAFT", to: "ACTIVE", on: signedOn, comment: "Signed by all parties", created: signedOn + 11 * 3600_000 });
  if (a.status !== "ACTIVE") {
    const on = a.end ?? Math.min(ANCHOR, signedOn + 365 * DAY);
    rows.push({ from: "ACTIVE", to: a.status, on, comment: a.status === "TERMINATED" ? "Terminated early" : "", created: on + 9 * 3600_000 });
  }
  return rows;
}

// ---------------------------------------------------------------------------
// The file

/** Files whose content decides the generated database; any change makes old files stale. */
function stampInputs(): string[] {
  const migrations = path.join(ROOT, "prisma", "migrations");
  const migrationFiles = readdirSync(migrations, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(migrations, e.name, "migration.sql"))
    .filter((f) => existsSync(f))
    .sort();
  return [
    fileURLToPath(import.meta.url),
    path.join(ROOT, "prisma", "seed", "util.ts"),
    path.join(ROOT, "prisma", "synthetic-search.ts"),
    path.join(ROOT, "prisma", "synthetic-deadlines.ts"),
    ...["vocabulary", "agreement-details", "party-labels", "agreement-reference", "search-documents", "search-text", "deadlines", "obligations", "dates"].map((m) =>
      path.join(ROOT, "app", "domain", `${m}.ts`),
    ),
    ...migrationFiles,
  ];
}

/** A 28-bit stamp of the generator, migrations, domain modules and sizes, kept in PRAGMA user_version. */
export function syntheticStamp(o: Omit<SyntheticOptions, "out">): number {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([o.agreements, o.partners, o.units, o.analyze !== false, o.documents ?? 0, o.pages ?? 5, o.obligations ?? o.agreements * 4]));
  for (const file of stampInputs()) hash.update(readFileSync(file));
  return parseInt(hash.digest("hex").slice(0, 7), 16) || 1;
}

/** True when `out` exists and was generated by this generator with these sizes. */
export function isSyntheticUpToDate(o: SyntheticOptions): boolean {
  if (!existsSync(o.out)) return false;
  try {
    const db = new Database(o.out, { readonly: true, fileMustExist: true });
    try {
      return db.pragma("user_version", { simple: true }) === syntheticStamp(o);
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

export interface SyntheticResult {
  out: string;
  /** Milliseconds spent: migrations, rows, ANALYZE. */
  ms: { migrate: number; fill: number; analyze: number; total: number };
  counts: Record<string, number>;
  generated: boolean;
}

function migrate(file: string) {
  const bin = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
  try {
    execFileSync(bin, ["migrate", "deploy"], {
      cwd: ROOT,
      stdio: "pipe",
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL: `file:${file}`,
        PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`prisma migrate deploy failed for ${file}:\n${e.stdout ?? ""}${e.stderr ?? ""}\n${e.message}`);
  }
}

export function tableCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number]),
    );
  } finally {
    db.close();
  }
}

export async function generateSynthetic(options: SyntheticOptions): Promise<SyntheticResult> {
  const o = { ...options, out: path.resolve(options.out) };
  for (const [k, v] of Object.entries({ agreements: o.agreements, partners: o.partners })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive integer (got ${v})`);
  }
  const fixedUnits = CENTRES.length + FACILITIES.length;
  if (!Number.isInteger(o.units) || o.units < fixedUnits) throw new Error(`--units must be at least ${fixedUnits} (7 centres + 4 facilities)`);

  const t0 = performance.now();
  mkdirSync(path.dirname(o.out), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(o.out + suffix, { force: true });
  migrate(o.out);
  const t1 = performance.now();

  const rng = new Rng(SEED);
  const { units, lines } = makeUnits(rng, o.units);
  const partners = makePartners(rng, o.partners);
  const agreements = makeAgreements(rng, o.agreements, units, partners, lines);
  const links = makeLinks(rng, agreements);
  const users = makeUsers(SYNTHETIC_USERS, () => personName(rng));
  const obligations = makeObligations(rng, agreements, o.obligations ?? o.agreements * 4, users);
  const watches = makeWatches(rng, users, units.map((u) => u.id), agreements.map((a) => a.id).filter((_, i) => i % 7 === 0));

  const db = new Database(o.out);
  try {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.pragma("foreign_keys = ON");
    const stamp = dt(ANCHOR);
    const insert = (table: string, columns: string[]) =>
      db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);

    const unitStmt = insert("Unit", ["id", "code", "name", "kind", "description", "parentId", "version", "createdAt", "updatedAt"]);
    const lineStmt = insert("ResearchLine", ["id", "name", "unitId", "createdAt"]);
    const partnerStmt = insert("Partner", ["id", "name", "acronym", "kind", "city", "country", "website", "parentId", "version", "createdAt", "updatedAt"]);
    const agreementStmt = insert("Agreement", [
      "id", "reference", "title", "kind", "status", "summary", "signatureDate", "startDate", "endDate", "renewalType",
      "noticePeriodDays", "valueCents", "valueDirection", "confidentiality", "htOwner", "partnerContact", "protocolNumber",
      "protocolDate", "details", "partnersLabel", "unitsLabel", "archivedAt", "version", "createdAt", "updatedAt",
      "noticeDeadline", "ownerId",
    ]);
    const userStmt = insert("User", ["id", "email", "name", "role", "passwordHash", "active", "passwordChangedAt", "version", "createdAt", "updatedAt"]);
    const obligationStmt = insert("Obligation", [
      "id", "agreementId", "kind", "title", "schedule", "dueDate", "intervalMonths", "daysBeforeEnd", "responsibleId", "unitId", "partnerId",
      "status", "completedThrough", "doneOn", "nextDueDate", "version", "createdAt", "updatedAt",
    ]);
    const watchStmt = insert("Watch", ["id", "userId", "agreementId", "unitId", "createdAt"]);
    const partyStmt = insert("AgreementParty", [
      "id", "agreementId", "unitId", "partnerId", "role", "contactName", "contactEmail", "gdprRole", "signatureStatus", "signedAt", "createdAt",
    ]);
    const linkStmt = insert("AgreementLink", ["id", "type", "fromId", "toId", "note", "createdAt"]);
    const changeStmt = insert("StatusChange", ["id", "agreementId", "fromStatus", "toStatus", "effectiveOn", "comment", "createdAt"]);
    const lineLinkStmt = insert("AgreementResearchLine", ["agreementId", "researchLineId"]);
    const counterStmt = insert("ReferenceCounter", ["year", "last"]);
    const approvalStmt = insert("Approval", ["id", "agreementId", "body", "decisionDate", "resolutionNumber", "createdAt"]);

    db.transaction(() => {
      for (const u of users) userStmt.run(u.id, u.email, u.name, u.role, "!no-login", 1, stamp, 1, stamp, stamp);
      for (const u of units) unitStmt.run(u.id, u.code, u.name, u.kind, u.description, u.parentId, 1, stamp, stamp);
      for (const l of lines) lineStmt.run(l.id, l.name, l.unitId, stamp);
      for (const p of partners) {
        partnerStmt.run(p.id, p.name, p.acronym, p.kind, p.city, p.country, p.website, p.parentId, 1, stamp, stamp);
      }
      let partyN = 0;
      let changeN = 0;
      const counters = new Map<number, number>();
      for (const a of agreements) {
        agreementStmt.run(
          a.id, a.reference, a.title, a.kind, a.status, a.summary, dt(a.signature), dt(a.start), dt(a.end), a.renewalType,
          a.noticePeriodDays, a.valueCents, a.valueDirection, a.confidentiality, a.htOwner, a.partnerContact, a.protocolNumber,
          a.protocolNumber ? dt(a.signature) : null, a.details,
          partyLabel(a.partners.map(partnerDisplayName)), partyLabel(a.units.map((u) => u.name)),
          dt(a.archived), 1, dt(a.created), dt(a.updated),
          dt(noticeDeadline({ endDate: a.end === null ? null : new Date(a.end), renewalType: a.renewalType, noticePeriodDays: a.noticePeriodDays })?.getTime() ?? null),
          users[Number(a.id.slice(6)) % users.length]!.id,
        );
        const signed = SIGNED.has(a.status);
        for (const p of a.parties) {
          partyStmt.run(
            `syn_ap_${pad(++partyN, 7)}`, a.id, p.unit?.id ?? null, p.partner?.id ?? null, p.role,
            p.partner && a.partnerContact && p === a.parties.find((x) => x.partner) ? a.partnerContact : "",
            "", p.gdprRole, signed ? "SIGNED" : "PENDING", signed ? dt(a.signature ?? a.start) : null, dt(a.created),
          );
        }
        for (const c of statusChanges(rng, a)) {
          changeStmt.run(`syn_sc_${pad(++changeN, 7)}`, a.id, c.from, c.to, dt(c.on), c.comment, dt(c.created));
        }
        if (a.researchLine) lineLinkStmt.run(a.id, a.researchLine.id);
        if (a.boardApproval !== null) {
          approvalStmt.run(`syn_ap_${a.id}`, a.id, "BOARD", dt(a.boardApproval), `CdA ${new Date(a.boardApproval).getUTCFullYear()}/${a.reference.slice(-4)}`, dt(a.created));
        }
        const [, y, n] = /^HT-(\d{4})-(\d+)$/.exec(a.reference)!;
        counters.set(Number(y), Math.max(counters.get(Number(y)) ?? 0, Number(n)));
      }
      for (const ob of obligations) {
        obligationStmt.run(
          ob.id, ob.agreementId, ob.kind, ob.title, ob.schedule, dt(ob.dueDate), ob.intervalMonths, ob.daysBeforeEnd, ob.responsibleId, ob.unitId, ob.partnerId,
          ob.status, dt(ob.completedThrough), dt(ob.doneOn), dt(ob.nextDueDate), 1, stamp, stamp,
        );
      }
      for (const w of watches) watchStmt.run(w.id, w.userId, w.agreementId, w.unitId, stamp);
      links.forEach((l, i) => linkStmt.run(`syn_l_${pad(i + 1, 6)}`, l.type, l.from.id, l.to.id, "", dt(l.created)));
      for (const [year, last] of [...counters].sort(([a], [b]) => a - b)) counterStmt.run(year, last);
    })();
    db.transaction(() => {
      fillDocuments(db, rng.next, agreements.map((a) => ({ id: a.id, title: a.title, partners: a.partners.map((p) => p.name) })),
        { documents: o.documents ?? 0, pages: o.pages ?? 5 }, stamp!);
      buildSearchIndex(db);
    })();
    const t2 = performance.now();
    if (o.analyze !== false) db.exec("ANALYZE");
    db.pragma(`user_version = ${syntheticStamp(o)}`);
    db.pragma("journal_mode = DELETE");
    const t3 = performance.now();
    const problems = db.pragma("foreign_key_check") as unknown[];
    if (problems.length) throw new Error(`foreign_key_check found ${problems.length} problems`);
    db.close();
    return {
      out: o.out,
      ms: { migrate: t1 - t0, fill: t2 - t1, analyze: t3 - t2, total: t3 - t0 },
      counts: tableCounts(o.out),
      generated: true,
    };
  } finally {
    if (db.open) db.close();
  }
}

/** Reuses `out` when it is up to date (see syntheticStamp), generates it otherwise. */
export async function ensureSynthetic(o: SyntheticOptions): Promise<SyntheticResult> {
  if (isSyntheticUpToDate(o)) {
    return { out: path.resolve(o.out), ms: { migrate: 0, fill: 0, analyze: 0, total: 0 }, counts: tableCounts(o.out), generated: false };
  }
  return generateSynthetic(o);
}

// ---------------------------------------------------------------------------
// CLI

function parseArgs(argv: string[]): SyntheticOptions & { ifStale: boolean } {
  const values: Record<string, string> = {};
  let ifStale = false;
  let analyze = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--if-stale") ifStale = true;
    else if (arg === "--no-analyze") analyze = false;
    else if (arg === "--help" || arg === "-h") {
      console.log(
        "usage: tsx prisma/synthetic.ts [--out FILE] [--agreements N] [--partners N] [--units N] [--no-analyze] [--if-stale]\n" +
          `defaults: ${SYNTHETIC_DEFAULTS.agreements} agreements, ${SYNTHETIC_DEFAULTS.partners} partners, ${SYNTHETIC_DEFAULTS.units} units, ` +
          "out tests/.data/synthetic-<size>.db; --if-stale keeps an up-to-date file",
      );
      process.exit(0);
    } else {
      const m = /^--(out|agreements|partners|units|documents|pages)(?:=(.*))?$/.exec(arg);
      if (!m) throw new Error(`unknown argument ${arg} (try --help)`);
      values[m[1]!] = m[2] ?? argv[++i] ?? "";
    }
  }
  const num = (k: "agreements" | "partners" | "units" | "documents" | "pages") => {
    if (values[k] === undefined) return ({ ...SYNTHETIC_DEFAULTS, documents: 0, pages: 5 })[k];
    const n = Number(values[k].replace(/_/g, ""));
    if (!Number.isInteger(n)) throw new Error(`--${k} must be an integer (got ${values[k]})`);
    return n;
  };
  const sizes = { agreements: num("agreements"), partners: num("partners"), units: num("units"), documents: num("documents"), pages: num("pages"), analyze };
  return { ...sizes, out: values.out ? path.resolve(values.out) : defaultSyntheticPath(sizes), ifStale };
}

const isMain = (() => {
  try {
    return Boolean(process.argv[1]) && import.meta.url === pathToFileURL(realpathSync(process.argv[1]!)).href;
  } catch {
    return false;
  }
})();

if (isMain) {
  try {
    const { ifStale, ...options } = parseArgs(process.argv.slice(2));
    const result = ifStale ? await ensureSynthetic(options) : await generateSynthetic(options);
    const rel = path.relative(process.cwd(), result.out);
    if (!result.generated) console.log(`${rel} is up to date; kept.`);
    else {
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const size = (statSync(result.out).size / 1024 / 1024).toFixed(1);
      console.log(
        `Generated ${rel} (${size} MiB) in ${s(result.ms.total)}: ` +
          `migrate ${s(result.ms.migrate)}, rows ${s(result.ms.fill)}, ` +
          (options.analyze ? `ANALYZE ${s(result.ms.analyze)}` : "no ANALYZE"),
      );
    }
    console.log(Object.entries(result.counts).map(([t, n]) => `  ${t.padEnd(22)} ${n}`).join("\n"));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

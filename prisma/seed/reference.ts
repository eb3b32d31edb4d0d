/**
 * Reference data: HT's centres, facilities, research groups and research
 * lines, and the 20 partners named in the founding project (DOMAIN.md).
 * Production needs it. Seeding is create-if-missing by Unit.code /
 * Partner.name / (unit, research line name): re-running changes nothing and
 * never deletes or overwrites what the office has edited since.
 */
import type { Prisma } from "../../app/generated/prisma/client";
import { aliasList, storedAliases } from "../../app/domain/party-labels";
import type { PartnerKind, UnitKind } from "../../app/domain/vocabulary";

/** A client or an interactive-transaction client. */
export type Db = Prisma.TransactionClient;

export interface UnitSeed {
  code: string;
  name: string;
  kind: UnitKind;
  description: string;
  parentCode?: string;
}

export interface ResearchLineSeed {
  unitCode: string;
  name: string;
}

export interface PartnerSeed {
  name: string;
  acronym: string | null;
  kind: PartnerKind;
  city: string;
  country: string;
  website: string | null;
  /** Name of the parent partner, for sub-units (a CNR institute, a department). */
  parentName?: string;
  /** Other names it goes by (Italian or English), ";"-separated: the party picker matches them. */
  aliases?: string;
}

/** The founding partners' names in the other language. */
const ALIASES: Record<string, string> = {
  "Italian Institute of Technology": "Istituto Italiano di Tecnologia",
  "University of Milan": "Università degli Studi di Milano; Università Statale di Milano",
  "University of Milan-Bicocca": "Università degli Studi di Milano-Bicocca",
  "Politecnico di Milano": "Polytechnic University of Milan",
  "Istituto di Ricerche Farmacologiche Mario Negri": "Mario Negri Institute for Pharmacological Research",
  "Istituto Nazionale Genetica Molecolare": "National Institute of Molecular Genetics",
  "Consiglio Nazionale delle Ricerche": "National Research Council of Italy",
  "Istituto Superiore di Sanità": "Italian National Institute of Health",
  "Istituto Europeo di Oncologia": "European Institute of Oncology",
  "Istituto Nazionale Tumori": "National Cancer Institute of Milan",
  "Istituto Neurologico C. Besta": "Carlo Besta Neurological Institute",
  "Ospedale San Raffaele": "San Raffaele Hospital",
  "Council for Agricultural Research and Economics": "Consiglio per la ricerca in agricoltura e l'analisi dell'economia agraria",
  "Fondazione Edmund Mach": "Edmund Mach Foundation",
  "Parco Tecnologico Padano": "Padano Technology Park",
};

// ---------------------------------------------------------------------------
// Research centres, their research lines and groups

interface CentreSeed {
  code: string;
  name: string;
  description: string;
  lines: string[];
  /** [code suffix, group name] */
  groups: [string, string][];
}

const CENTRE_TABLE: CentreSeed[] = [
  {
    code: "MG",
    name: "Medical Genomics",
    description: "Genomics of rare and common disease and of cancer, from patient cohorts to clinical translation.",
    lines: [
      "Rare disease genomics",
      "Cancer genomics and clonal evolution",
      "Pharmacogenomics",
      "Population genomics and polygenic risk",
    ],
    groups: [
      ["ROSSI", "Genome Editing Lab (Rossi group)"],
      ["BIANCHI", "Clinical Genomics Lab (Bianchi group)"],
      ["FERRARO", "Cancer Evolution Lab (Ferraro group)"],
    ],
  },
  {
    code: "NG",
    name: "Neurogenomics",
    description: "Genetic and cellular basis of brain development, function and disease, with iPSC and organoid models.",
    lines: [
      "Neurodevelopmental disorders",
      "Neurodegeneration and brain ageing",
      "Brain organoids and iPSC models",
      "Single-cell neurogenomics",
    ],
    groups: [
      ["CONTI", "Brain Organoids Lab (Conti group)"],
      ["MARCHETTI", "Neurodegeneration Genomics Lab (Marchetti group)"],
      ["GALLI", "Neural Circuits Lab (Galli group)"],
    ],
  },
  {
    code: "AFNG",
    name: "Agri-Food and Nutrition Genomics",
    description: "Genomics of crops, livestock, food and nutrition, and of the microbiome, for health and sustainability.",
    lines: [
      "Crop genomics and climate resilience",
      "Nutrigenomics and the gut microbiome",
      "Food safety genomics",
      "Livestock genomics",
    ],
    groups: [
      ["COLOMBO", "Plant Genomics Lab (Colombo group)"],
      ["FONTANA", "Microbiome and Nutrition Lab (Fontana group)"],
    ],
  },
  {
    code: "DS",
    name: "Data Science",
    description: "Statistics, machine learning and data engineering for large-scale biological and health data.",
    lines: [
      "Machine learning for genomics",
      "Federated analysis of health data",
      "Statistical genetics",
      "Causal inference in biomedicine",
    ],
    groups: [
      ["RICCI", "Machine Learning Lab (Ricci group)"],
      ["MORETTI", "Statistical Genetics Lab (Moretti group)"],
      ["BARBIERI", "Health Data Lab (Barbieri group)"],
    ],
  },
  {
    code: "CLS",
    name: "Computational Life Sciences",
    description: "Modelling and simulation of biological systems, from molecules to cells.",
    lines: [
      "Structural biology and protein design",
      "Multiscale modelling",
      "Systems biology of the cell",
      "Bioimage analysis",
    ],
    groups: [
      ["LOMBARDI", "Structural Bioinformatics Lab (Lombardi group)"],
      ["GRECO", "Systems Biology Lab (Greco group)"],
      ["MARIANI", "Image Analysis Lab (Mariani group)"],
    ],
  },
  {
    code: "ADS",
    name: "Analysis, Decisions and Society",
    description: "Economic, ethical, legal and social analysis of genomics and of health decisions.",
    lines: [
      "Health economics and policy",
      "Ethical, legal and social implications of genomics",
      "Epidemiology for public health decisions",
    ],
    groups: [
      ["COSTA", "Health Policy Lab (Costa group)"],
      ["RINALDI", "ELSI Lab (Rinaldi group)"],
    ],
  },
  {
    code: "NST",
    name: "Nano Science and Technology",
    description: "Nanotechnology for the life sciences: nanomedicine, biosensors and nanoscale imaging.",
    lines: [
      "Nanomedicine and drug delivery",
      "Nanoscale imaging and cryo-EM",
      "Biosensors and lab-on-chip",
      "Nanomaterials for diagnostics",
    ],
    groups: [
      ["GALLO", "Nanomedicine Lab (Gallo group)"],
      ["DELUCA", "Cryo-EM Lab (De Luca group)"],
      ["TESTA", "Biosensors Lab (Testa group)"],
    ],
  },
];

export const CENTRES: UnitSeed[] = CENTRE_TABLE.map(({ code, name, description }) => ({
  code, name, kind: "CENTRE", description,
}));

export const FACILITIES: UnitSeed[] = [
  {
    code: "F1", name: "F1 Central Genomics", kind: "FACILITY",
    description: "Short- and long-read sequencing, single-cell and spatial genomics for HT and its partners.",
  },
  {
    code: "F2", name: "F2 Imaging", kind: "FACILITY",
    description: "Light, electron and cryo-electron microscopy.",
  },
  {
    code: "F3", name: "F3 Data Storage and High Performance Computing", kind: "FACILITY",
    description: "Storage, HPC and secure environments for sensitive data.",
  },
  {
    code: "F4", name: "F4 Laboratories and Services of Common Interest", kind: "FACILITY",
    description: "Shared laboratories and scientific services used across centres.",
  },
];

export const GROUPS: UnitSeed[] = CENTRE_TABLE.flatMap((c) =>
  c.groups.map(([suffix, name]) => ({
    code: `${c.code}-${suffix}`,
    name,
    kind: "GROUP" as const,
    description: `Research group of the ${c.name} centre.`,
    parentCode: c.code,
  })),
);

export const RESEARCH_LINES: ResearchLineSeed[] = CENTRE_TABLE.flatMap((c) =>
  c.lines.map((name) => ({ unitCode: c.code, name })),
);

// ---------------------------------------------------------------------------
// The partners named in the founding project

const partner = (
  name: string, acronym: string | null, kind: PartnerKind, city: string, website: string,
): PartnerSeed => ({ name, acronym, kind, city, country: "IT", website });

export const FOUNDING_PARTNERS: PartnerSeed[] = [
  partner("Italian Institute of Technology", "IIT", "RESEARCH_INSTITUTE", "Genova", "https://www.iit.it"),
  partner("University of Milan", "UniMi", "UNIVERSITY", "Milan", "https://www.unimi.it"),
  partner("University of Milan-Bicocca", "UNIMIB", "UNIVERSITY", "Milan", "https://www.unimib.it"),
  partner("Politecnico di Milano", "PoliMi", "UNIVERSITY", "Milan", "https://www.polimi.it"),
  partner("Istituto di Ricerche Farmacologiche Mario Negri", "IRFMN", "RESEARCH_INSTITUTE", "Milan", "https://www.marionegri.it"),
  partner("Istituto Nazionale Genetica Molecolare", "INGM", "RESEARCH_INSTITUTE", "Milan", "https://www.ingm.org"),
  partner("Consiglio Nazionale delle Ricerche", "CNR", "PUBLIC_RESEARCH_BODY", "Rome", "https://www.cnr.it"),
  partner("Istituto Superiore di Sanità", "ISS", "PUBLIC_HEALTH_BODY", "Rome", "https://www.iss.it"),
  partner("Istituto Europeo di Oncologia", "IEO", "RESEARCH_HOSPITAL", "Milan", "https://www.ieo.it"),
  partner("Istituto Nazionale Tumori", "INT", "RESEARCH_HOSPITAL", "Milan", "https://www.istitutotumori.mi.it"),
  partner("Istituto Clinico Humanitas", "ICH", "RESEARCH_HOSPITAL", "Rozzano (MI)", "https://www.humanitas.it"),
  partner("Istituto Neurologico C. Besta", null, "RESEARCH_HOSPITAL", "Milan", "https://www.istituto-besta.it"),
  partner("Ospedale Maggiore Policlinico", null, "RESEARCH_HOSPITAL", "Milan", "https://www.policlinico.mi.it"),
  partner("Ospedale Universitario San Gerardo", null, "RESEARCH_HOSPITAL", "Monza", "https://www.irccs-sangerardo.it"),
  partner("Ospedale San Raffaele", "OSR", "RESEARCH_HOSPITAL", "Milan", "https://www.hsr.it"),
  // Acronym left empty: the name already is the acronym, and the display name
  // would otherwise read "CINECA (CINECA)".
  partner("CINECA", null, "SUPERCOMPUTING", "Casalecchio di Reno (BO)", "https://www.cineca.it"),
  partner("ISI Foundation", "ISI", "FOUNDATION", "Turin", "https://www.isi.it"),
  partner("Council for Agricultural Research and Economics", "CREA", "AGRICULTURAL_BODY", "Rome", "https://www.crea.gov.it"),
  partner("Fondazione Edmund Mach", "FEM", "FOUNDATION", "San Michele all'Adige (TN)", "https://www.fmach.it"),
  partner("Parco Tecnologico Padano", "PTP", "TECHNOLOGY_PARK", "Lodi", "https://www.ptp.it"),
];

// ---------------------------------------------------------------------------
// Seeding

export interface SeedCounts {
  units: number;
  researchLines: number;
  partners: number;
}

async function unitIdsByCode(db: Db): Promise<Map<string, string>> {
  const rows = await db.unit.findMany({ select: { id: true, code: true } });
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Creates the units whose code is not there yet; returns how many it created. */
async function createMissingUnits(db: Db, units: UnitSeed[]): Promise<number> {
  const ids = await unitIdsByCode(db);
  const data = units
    .filter((u) => !ids.has(u.code))
    .map((u) => {
      const parentId = u.parentCode ? ids.get(u.parentCode) : null;
      if (u.parentCode && !parentId) throw new Error(`Unit ${u.code}: parent ${u.parentCode} is missing`);
      return { code: u.code, name: u.name, kind: u.kind, description: u.description, parentId };
    });
  if (data.length > 0) await db.unit.createMany({ data });
  return data.length;
}

/** Creates the partners whose name is not there yet (parents before sub-units). */
export async function createMissingPartners(db: Db, partners: PartnerSeed[]): Promise<number> {
  const rows = await db.partner.findMany({ select: { id: true, name: true } });
  const ids = new Map(rows.map((r) => [r.name, r.id]));
  let created = 0;
  // Two passes: top-level partners first, so sub-units can find their parent.
  for (const pass of [false, true]) {
    const data = partners
      .filter((p) => Boolean(p.parentName) === pass && !ids.has(p.name))
      .map((p) => {
        const parentId = p.parentName ? ids.get(p.parentName) : null;
        if (p.parentName && !parentId) throw new Error(`Partner ${p.name}: parent ${p.parentName} is missing`);
        return {
          name: p.name, acronym: p.acronym, kind: p.kind, city: p.city,
          country: p.country, website: p.website, parentId, aliases: storedAliases(aliasList(p.aliases ?? ALIASES[p.name])),
        };
      });
    if (data.length === 0) continue;
    await db.partner.createMany({ data });
    created += data.length;
    const fresh = await db.partner.findMany({
      where: { name: { in: data.map((d) => d.name) } },
      select: { id: true, name: true },
    });
    for (const r of fresh) ids.set(r.name, r.id);
  }
  // Partners created before other names were recorded get them once (an edited value is left alone).
  for (const [name, aliases] of Object.entries(ALIASES)) {
    await db.partner.updateMany({ where: { name, aliases: "" }, data: { aliases: storedAliases(aliasList(aliases)) } });
  }
  return created;
}

async function createMissingResearchLines(db: Db): Promise<number> {
  const ids = await unitIdsByCode(db);
  const existing = await db.researchLine.findMany({ select: { unitId: true, name: true } });
  const have = new Set(existing.map((l) => `${l.unitId}\u0000${l.name}`));
  const data = RESEARCH_LINES.map((l) => ({ unitId: ids.get(l.unitCode)!, name: l.name })).filter(
    (l) => !have.has(`${l.unitId}\u0000${l.name}`),
  );
  if (data.length > 0) await db.researchLine.createMany({ data });
  return data.length;
}

/**
 * Seeds the reference data, creating only what is missing. Safe to run on a
 * production database at every start.
 */
export async function seedReference(db: Db): Promise<SeedCounts> {
  const units =
    (await createMissingUnits(db, [...CENTRES, ...FACILITIES])) + (await createMissingUnits(db, GROUPS));
  const researchLines = await createMissingResearchLines(db);
  const partners = await createMissingPartners(db, FOUNDING_PARTNERS);
  return { units, researchLines, partners };
}

/**
 * Routine agreements around the hand-written catalogue: material and data
 * transfers, NDAs, facility access, affiliations and small research
 * collaborations, drawn from per-centre topic tables with a seeded PRNG so
 * the result is the same on every run.
 */
import type { AgreementKind, AgreementStatus } from "../../app/domain/vocabulary";
import { HT_OFFICE, PARTNER_PEOPLE, UNIT_CONTACTS } from "./demo-people";
import { PARTNER_NAME_BY_KEY, shortPartner } from "./demo-partners";
import { p, u, type Spec, type When } from "./demo-types";
import { CENTRES } from "./reference";
import { createRng, type Rng } from "./util";

interface Topic {
  /** "the genetics of autism spectrum disorder" – reads after "on". */
  about: string;
  /** Research line of the centre, by name. */
  line: string;
  /** The group that works on it (code suffix, e.g. "MARCHETTI"). */
  group: string;
  /** Partners who plausibly work on it; the centre's partners when absent. */
  with?: string[];
  /** Samples or reagents that could change hands (enables MTAs). */
  material?: string;
  /** Personal data that could change hands (enables data transfer agreements)... */
  dataset?: string;
  /** ...and who holds them (hospitals, ISS); `with` when absent. */
  from?: string[];
}

interface CentreProfile {
  code: string;
  /** How often the centre turns up (Neurogenomics is the busiest with hospitals). */
  weight: number;
  partners: string[];
  topics: Topic[];
}

const COMPANIES = ["Lumen", "Nexa"];

const PROFILES: CentreProfile[] = [
  {
    code: "NG", weight: 5,
    partners: ["Besta", "Policlinico", "OSR", "SanGerardo", "ICH", "CNR-IN", "UniMi-Bio", "KI", "Cambridge"],
    topics: [
      {
        about: "the genetics of autism spectrum disorder", line: "Neurodevelopmental disorders", group: "GALLI",
        with: ["Besta", "SanGerardo", "OSR", "UniMi-Bio", "KI"],
        material: "DNA from 300 autism trios", dataset: "exomes of the autism trio cohort", from: ["Besta", "SanGerardo", "OSR"],
      },
      {
        about: "multiple sclerosis susceptibility", line: "Neurodegeneration and brain ageing", group: "MARCHETTI",
        with: ["OSR", "Policlinico", "Besta", "KI"],
        material: "PBMC samples from 120 patients with multiple sclerosis", dataset: "genotypes of the multiple sclerosis cohort", from: ["OSR", "Policlinico", "Besta"],
      },
      {
        about: "Parkinson's disease progression markers", line: "Neurodegeneration and brain ageing", group: "MARCHETTI",
        with: ["Policlinico", "Besta", "ICH", "KI", "Cambridge"],
        material: "plasma and CSF from the Parkinson's progression cohort", dataset: "longitudinal clinical and genomic data of Parkinson's patients", from: ["Policlinico", "Besta", "ICH"],
      },
      {
        about: "cortical organoid models of microcephaly", line: "Brain organoids and iPSC models", group: "CONTI",
        with: ["Besta", "SanGerardo", "UniMi-Bio", "Cambridge", "CNR-IN"],
        material: "fibroblasts from 15 patients with primary microcephaly", from: ["Besta", "SanGerardo"],
      },
      {
        about: "paediatric glioma cell states", line: "Single-cell neurogenomics", group: "GALLI",
        with: ["Besta", "OSR", "Cambridge"],
        material: "fresh paediatric glioma resections", dataset: "single-cell profiles of paediatric gliomas", from: ["Besta", "OSR"],
      },
      {
        about: "hereditary ataxias", line: "Neurodegeneration and brain ageing", group: "MARCHETTI",
        with: ["Besta", "Policlinico", "SanGerardo", "KI"],
        material: "DNA from 250 patients with hereditary ataxia", dataset: "repeat-expansion calls of the ataxia cohort", from: ["Besta", "Policlinico"],
      },
    ],
  },
  {
    code: "MG", weight: 4,
    partners: ["IEO", "INT", "ICH", "Policlinico", "OSR", "SanGerardo", "INGM", "IRFMN", "ISS"],
    topics: [
      {
        about: "clonal haematopoiesis in ageing", line: "Cancer genomics and clonal evolution", group: "FERRARO",
        with: ["IEO", "INT", "ICH", "SanGerardo", "INGM"],
        material: "blood DNA from 2,000 elderly donors", dataset: "targeted sequencing of clonal haematopoiesis genes", from: ["ICH", "SanGerardo"],
      },
      {
        about: "hereditary breast and ovarian cancer", line: "Cancer genomics and clonal evolution", group: "BIANCHI",
        with: ["IEO", "INT", "OSR", "Policlinico"],
        material: "DNA from 400 BRCA-negative families", dataset: "germline panels of hereditary cancer families",
      },
      {
        about: "pharmacogenomics of anticoagulants", line: "Pharmacogenomics", group: "BIANCHI",
        with: ["Policlinico", "ICH", "IRFMN"],
        material: "DNA from 800 patients on anticoagulant therapy", dataset: "genotypes and dosing records of anticoagulated patients", from: ["Policlinico", "ICH"],
      },
      {
        about: "undiagnosed paediatric diseases", line: "Rare disease genomics", group: "BIANCHI",
        with: ["SanGerardo", "Policlinico", "OSR", "ISS", "IRFMN"],
        material: "DNA from 150 undiagnosed paediatric trios", dataset: "genomes of undiagnosed paediatric patients", from: ["SanGerardo", "Policlinico", "OSR"],
      },
      {
        about: "polygenic risk of coronary disease", line: "Population genomics and polygenic risk", group: "BIANCHI",
        with: ["Policlinico", "ICH", "ISS", "IRFMN"],
        dataset: "genotypes of the coronary-disease cohort", from: ["Policlinico", "ICH", "ISS"],
      },
      {
        about: "CRISPR screens in human T cells", line: "Cancer genomics and clonal evolution", group: "ROSSI",
        with: ["INGM", "OSR", "IEO"],
        material: "guide-RNA libraries and edited T-cell lines",
      },
    ],
  },
  {
    code: "AFNG", weight: 2,
    partners: ["CREA", "FEM", "PTP", "UniMi-DeFENS", "WUR"],
    topics: [
      { about: "tomato heat tolerance", line: "Crop genomics and climate resilience", group: "COLOMBO", with: ["CREA", "WUR", "UniMi-DeFENS"], material: "seeds of 200 tomato landraces" },
      { about: "antimicrobial resistance in the food chain", line: "Food safety genomics", group: "FONTANA", with: ["PTP", "CREA", "UniMi-DeFENS"], material: "bacterial isolates from dairy plants" },
      { about: "the dairy cattle microbiome", line: "Livestock genomics", group: "FONTANA", with: ["PTP", "CREA", "WUR"], material: "rumen samples from 300 dairy cows" },
      { about: "grapevine resistance to downy mildew", line: "Crop genomics and climate resilience", group: "COLOMBO", with: ["FEM", "CREA"], material: "leaf tissue from 150 grapevine accessions" },
      {
        about: "dietary fibre and the gut microbiome", line: "Nutrigenomics and the gut microbiome", group: "FONTANA", with: ["UniMi-DeFENS", "WUR"],
        material: "stool samples from a dietary intervention", dataset: "gut metagenomes and diet diaries of the fibre intervention study",
      },
    ],
  },
  {
    code: "DS", weight: 2,
    partners: ["PoliMi", "UNIMIB", "ISI", "EMBL", "Policlinico", "INT"],
    topics: [
      { about: "deep learning for variant interpretation", line: "Machine learning for genomics", group: "RICCI", with: ["PoliMi", "EMBL", "UNIMIB"] },
      {
        about: "causal inference from electronic health records", line: "Causal inference in biomedicine", group: "BARBIERI", with: ["UNIMIB", "ISI", "Policlinico", "INT"],
        dataset: "pseudonymised hospital discharge records", from: ["Policlinico", "INT"],
      },
      { about: "privacy-preserving genome-wide association studies", line: "Federated analysis of health data", group: "MORETTI", with: ["PoliMi", "UNIMIB", "EMBL"] },
    ],
  },
  {
    code: "CLS", weight: 2,
    partners: ["IIT", "IRFMN", "PoliMi", "EMBL", "UniMi"],
    topics: [
      { about: "protein design for enzyme engineering", line: "Structural biology and protein design", group: "LOMBARDI", with: ["IIT", "IRFMN", "EMBL", "UniMi"], material: "expression plasmids for 40 designed enzymes" },
      { about: "whole-cell models of bacterial metabolism", line: "Systems biology of the cell", group: "GRECO", with: ["IRFMN", "PoliMi", "EMBL"], material: "engineered E. coli strains" },
      { about: "automated analysis of electron tomograms", line: "Bioimage analysis", group: "MARIANI", with: ["IIT", "EMBL", "PoliMi"] },
    ],
  },
  {
    code: "ADS", weight: 1,
    partners: ["ISS", "ISI", "UniMi", "UNIMIB", "INT"],
    topics: [
      { about: "public attitudes to genomic data sharing", line: "Ethical, legal and social implications of genomics", group: "RINALDI", with: ["UniMi", "UNIMIB", "ISI"] },
      { about: "the cost-effectiveness of genomic newborn screening", line: "Health economics and policy", group: "COSTA", with: ["ISS", "UNIMIB", "UniMi"] },
      {
        about: "health-technology assessment of tumour gene panels", line: "Health economics and policy", group: "COSTA", with: ["INT", "ISS", "UNIMIB"],
        dataset: "costs and outcomes of patients tested with tumour gene panels", from: ["INT"],
      },
    ],
  },
  {
    code: "NST", weight: 2,
    partners: ["IIT", "PoliMi", "UNIMIB", "CNR-ITB", "Lumen"],
    topics: [
      { about: "nanopore sensors for protein sequencing", line: "Biosensors and lab-on-chip", group: "TESTA", with: ["PoliMi", "UNIMIB", "CNR-ITB", "Lumen"], material: "solid-state nanopore chips" },
      { about: "gold nanoparticles for photothermal therapy", line: "Nanomedicine and drug delivery", group: "GALLO", with: ["IIT", "UNIMIB", "CNR-ITB"], material: "functionalised gold nanoparticles" },
      { about: "quantum-dot probes for super-resolution imaging", line: "Nanomaterials for diagnostics", group: "DELUCA", with: ["IIT", "PoliMi", "Lumen"], material: "quantum-dot conjugates" },
    ],
  },
];

const AFFILIATE_NAMES = [
  "Dr. Lucia Marini", "Dr. Francesco Villani", "Dr.ssa Martina Cerutti", "Dr. Emanuele Porro",
  "Dr.ssa Giorgia Tagliabue", "Dr. Pietro Moroni", "Dr.ssa Alice Beretta", "Dr. Samuele Crippa",
  "Dr.ssa Noemi Galimberti", "Dr. Jacopo Sangiorgi", "Dr.ssa Irene Caprioli", "Dr. Filippo Maggioni",
];

const FACILITY_OFFERS: Record<string, { what: string; tariffs: string; capacity: string }> = {
  F1: { what: "sequencing services", tariffs: "F1 external academic price list: exome €280, 30x genome €420, single-cell library €1,100", capacity: "Up to 300 samples a year, 6-week turnaround" },
  F2: { what: "imaging services", tariffs: "Light-sheet €90 per hour; cryo-EM session €2,000 per day", capacity: "Up to 40 instrument days a year" },
  F4: { what: "laboratory services", tariffs: "Cell-culture suite €60 per day; flow cytometry sorting €120 per hour", capacity: "Two bench positions and 100 sorting hours a year" },
};

type Template = (c: Context) => Omit<Spec, "status" | "when" | "owner" | "contact"> & { months: [number, number] };

interface Context {
  rng: Rng;
  /** The partner-side contact person. */
  contact: string;
  centre: CentreProfile;
  centreName: string;
  topic: Topic;
  /** Partner key. */
  partner: string;
  /** A unit of the centre: the centre itself or one of its groups. */
  unit: string;
  /** People not yet used for an affiliation. */
  affiliates: string[];
}

/** Which partners fit the kind and topic; empty when the kind does not fit the topic at all. */
function partnersFor(kind: AgreementKind, centre: CentreProfile, topic: Topic): string[] {
  const usual = topic.with ?? centre.partners;
  switch (kind) {
    case "MTA":
      return topic.material ? topic.from ?? usual : [];
    case "DATA_SHARING":
      return topic.dataset ? topic.from ?? usual : [];
    case "AFFILIATION":
      return usual.filter((k) => !COMPANIES.includes(k));
    case "SERVICE":
      return centre.partners;
    default:
      return usual;
  }
}

const TEMPLATES: Partial<Record<AgreementKind, Template>> = {
  RESEARCH_COLLABORATION: ({ rng, topic, partner, unit, centreName, contact }) => ({
    kind: "RESEARCH_COLLABORATION",
    title: `Research collaboration HT–${shortPartner(partner)} on ${topic.about}`,
    summary: `Joint study of ${topic.about} between HT ${centreName} and ${shortPartner(partner)}.`,
    units: [u(unit, "LEAD")],
    partners: [p(partner, "PARTICIPANT")],
    value: rng.chance(0.8)
      ? { eur: rng.int(4, 40) * 5_000, dir: rng.chance(0.8) ? "HT_PAYS" : "HT_RECEIVES" }
      : undefined,
    details: {
      scientificLeads: `${UNIT_CONTACTS[unit]} (HT); ${contact} (${shortPartner(partner)})`,
      budget: rng.pick([
        "HT funds consumables and a fellowship; the partner contributes staff time in kind",
        "Costs shared equally between the parties",
        "Each party bears its own costs; HT sequencing in kind",
      ]),
      ipTerms: rng.pick(["Results jointly owned in equal shares", "Each party owns its results; joint results co-owned"]),
      publicationTerms: rng.pick(["Joint publications; 60-day review before submission", "Joint publications; 30-day review; data released on publication"]),
    },
    months: [18, 36],
  }),

  MTA: ({ rng, topic, partner, unit }) => {
    // Patient material always comes from the hospital; reagents and seeds may go either way.
    const htProvides = !topic.from && rng.chance(0.4);
    return {
      kind: "MTA",
      title: `Material transfer agreement – ${topic.material!} (${shortPartner(partner)})`,
      summary: htProvides
        ? `HT supplies ${topic.material!} to ${shortPartner(partner)} for research on ${topic.about}.`
        : `${shortPartner(partner)} supplies ${topic.material!} to HT for research on ${topic.about}.`,
      units: [u(unit, htProvides ? "PROVIDER" : "RECIPIENT")],
      partners: [p(partner, htProvides ? "RECIPIENT" : "PROVIDER")],
      details: { material: capitalise(topic.material!), nonCommercialUse: rng.chance(0.9) },
      months: [12, 36],
    };
  },

  DATA_SHARING: ({ rng, topic, partner, unit }) => {
    const joint = rng.chance(0.3);
    const gdpr = joint ? "JOINT_CONTROLLER" : "INDEPENDENT_CONTROLLER";
    return {
      kind: "DATA_SHARING",
      title: `Data transfer agreement – ${topic.dataset!} (${shortPartner(partner)})`,
      summary: `Transfer of ${topic.dataset!} from ${shortPartner(partner)} to HT for research on ${topic.about}.`,
      units: [u(unit, "RECIPIENT", gdpr)],
      partners: [p(partner, "PROVIDER", gdpr)],
      details: {
        dataCategories: capitalise(topic.dataset!),
        transferBasis: rng.pick([
          "GDPR art. 9(2)(a) explicit consent for research",
          "GDPR art. 9(2)(j) and art. 110 of the Italian Privacy Code",
          "GDPR art. 9(2)(j); pseudonymised data, DPIA on file",
        ]),
      },
      months: [24, 48],
    };
  },

  NDA: ({ rng, topic, partner, unit }) => {
    const mutual = rng.chance(0.5);
    return {
      kind: "NDA",
      title: `Confidentiality agreement HT–${shortPartner(partner)} on ${topic.about}`,
      summary: `${mutual ? "Mutual" : "One-way"} confidentiality before discussing a collaboration on ${topic.about}.`,
      units: [u(unit, mutual ? "DISCLOSING" : "RECEIVING")],
      partners: [p(partner, "DISCLOSING")],
      details: { direction: mutual ? "MUTUAL" : "ONE_WAY", confidentialityYears: rng.pick([3, 5, 5, 7]) },
      months: [12, 36],
    };
  },

  AFFILIATION: ({ rng, partner, centre, centreName, affiliates }) => {
    // Each person once: drawn without replacement.
    const person = affiliates.splice(rng.int(0, affiliates.length - 1), 1)[0] ?? "Dr.ssa Carla Sangalli";
    const partnerName = PARTNER_NAME_BY_KEY[partner]!;
    return {
      kind: "AFFILIATION",
      title: `Affiliation of ${person} (${shortPartner(partner)}) to the ${centreName} centre`,
      summary: `${person} of ${shortPartner(partner)} joins HT ${centreName} part-time for a joint project.`,
      units: [u(centre.code, "HOST_INSTITUTION")],
      partners: [p(partner, "HOME_INSTITUTION")],
      details: { person, homeInstitution: partnerName, hostInstitution: `Human Technopole, ${centreName}` },
      months: [12, 36],
    };
  },

  SERVICE: ({ rng, partner }) => {
    const facility = rng.pick(Object.keys(FACILITY_OFFERS));
    const offer = FACILITY_OFFERS[facility]!;
    return {
      kind: "SERVICE",
      title: `${facility} ${offer.what} for ${shortPartner(partner)}`,
      summary: `Access of ${shortPartner(partner)} researchers to HT's ${facility} ${offer.what} at the external academic tariff.`,
      units: [u(facility, "PROVIDER")],
      partners: [p(partner, "RECIPIENT")],
      value: { eur: rng.int(3, 24) * 5_000, dir: "HT_RECEIVES" },
      renewal: rng.chance(0.4) ? { type: "TACIT", noticeDays: 60 } : undefined,
      details: { tariffs: offer.tariffs, capacity: offer.capacity },
      months: [12, 24],
    };
  },
};

const KIND_WEIGHTS: [AgreementKind, number][] = [
  ["RESEARCH_COLLABORATION", 5], ["MTA", 4], ["DATA_SHARING", 3], ["NDA", 3], ["SERVICE", 2], ["AFFILIATION", 2],
];

const STATUS_WEIGHTS: [AgreementStatus, number][] = [
  ["ACTIVE", 10], ["EXPIRED", 7], ["TERMINATED", 1],
  ["DRAFT", 1], ["NEGOTIATION", 2], ["LEGAL_REVIEW", 1], ["AWAITING_SIGNATURE", 1],
];

/** How long ago an open agreement was registered, by how far it has got. */
const OPENED_DAYS: Partial<Record<AgreementStatus, [number, number]>> = {
  DRAFT: [3, 40], NEGOTIATION: [20, 120], LEGAL_REVIEW: [40, 160], AWAITING_SIGNATURE: [60, 200],
};

function whenFor(rng: Rng, status: AgreementStatus, [minMonths, maxMonths]: [number, number]): When {
  const months = rng.int(minMonths / 6, maxMonths / 6) * 6;
  switch (status) {
    case "ACTIVE":
      return { start: -rng.int(1, months - 3), months };
    case "EXPIRED":
      return { start: -months - rng.int(1, 40), months };
    case "TERMINATED":
      return { start: -rng.int(4, months - 1), months };
    default: {
      const [lo, hi] = OPENED_DAYS[status]!;
      return { opened: rng.int(lo, hi), startsIn: rng.int(1, 4), months };
    }
  }
}

const TERMINATION_REASONS = [
  "Terminated by mutual consent: the project was absorbed into a larger consortium.",
  "Terminated by the partner after the principal investigator left the institution.",
  "Terminated early: the samples did not meet the quality criteria agreed in Annex 1.",
];

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `count` routine agreements whose titles differ from each other and from `takenTitles`. */
export function generateRoutineSpecs(count: number, takenTitles: Iterable<string>, seed = 20_190_501): Spec[] {
  const rng = createRng(seed);
  const affiliates = [...AFFILIATE_NAMES];
  const usedKindTopics = new Set<string>();
  const titles = new Set(takenTitles);
  const centreNames = new Map(CENTRES.map((c) => [c.code, c.name]));
  const specs: Spec[] = [];

  for (let attempts = 0; specs.length < count; attempts++) {
    if (attempts > count * 50) throw new Error("Could not generate enough distinct demo agreements");
    const kind = rng.weighted(KIND_WEIGHTS);
    const centre = rng.weighted(PROFILES.map((c) => [c, c.weight] as const));
    const topic = rng.pick(centre.topics);
    // One agreement of each kind per topic, so the register does not repeat itself.
    const kindTopic = `${kind}|${topic.about}`;
    if (usedKindTopics.has(kindTopic)) continue;
    const partnerPool = partnersFor(kind, centre, topic);
    if (partnerPool.length === 0) continue;
    const partner = rng.pick(partnerPool);
    const unit = rng.chance(0.5) ? centre.code : `${centre.code}-${topic.group}`;
    const contact = rng.pick(PARTNER_PEOPLE);
    const template = TEMPLATES[kind]!;
    const { months, ...draft } = template({
      rng, contact, centre, centreName: centreNames.get(centre.code)!, topic, partner, unit, affiliates,
    });
    if (titles.has(draft.title)) continue;
    titles.add(draft.title);
    usedKindTopics.add(kindTopic);

    const status = rng.weighted(STATUS_WEIGHTS);
    const when = whenFor(rng, status, months);
    const spec: Spec = {
      ...draft,
      status,
      when,
      owner: rng.pick(HT_OFFICE),
      contact,
      lines: kind === "SERVICE" || kind === "NDA" || rng.chance(0.4) ? undefined : [`${centre.code}/${topic.line}`],
    };
    if (status === "TERMINATED" && "start" in when) {
      spec.terminated = { after: rng.int(2, -when.start - 1), reason: rng.pick(TERMINATION_REASONS) };
    }
    specs.push(spec);
  }
  return specs;
}

/**
 * Partners the demo seed adds on top of the founding ones: sub-units of
 * founding partners (a CNR institute, university departments) and a few of
 * the newcomers the office sees (foreign universities, a company, an EU
 * consortium). Plus the short keys the demo catalogue uses to name partners.
 */
import { FOUNDING_PARTNERS, type PartnerSeed } from "./reference";

const sub = (parentName: string, name: string, city: string, website: string | null): PartnerSeed => ({
  name, acronym: null, kind: FOUNDING_PARTNERS.find((p) => p.name === parentName)!.kind,
  city, country: "IT", website, parentName,
});

export const DEMO_PARTNERS: PartnerSeed[] = [
  sub("Consiglio Nazionale delle Ricerche", "CNR – Istituto di Tecnologie Biomediche (ITB)", "Segrate (MI)", "https://www.itb.cnr.it"),
  sub("Consiglio Nazionale delle Ricerche", "CNR – Istituto di Neuroscienze (IN)", "Milan", "https://www.in.cnr.it"),
  sub("University of Milan", "University of Milan – Department of Biosciences", "Milan", "https://www.bioscienze.unimi.it"),
  sub("University of Milan", "University of Milan – Department of Food, Environmental and Nutritional Sciences (DeFENS)", "Milan", "https://www.defens.unimi.it"),
  sub("Politecnico di Milano", "Politecnico di Milano – Department of Electronics, Information and Bioengineering (DEIB)", "Milan", "https://www.deib.polimi.it"),
  sub("University of Milan-Bicocca", "University of Milan-Bicocca – School of Medicine and Surgery", "Monza", "https://www.medicina.unimib.it"),
  { name: "European Molecular Biology Laboratory", acronym: "EMBL", kind: "RESEARCH_INSTITUTE", city: "Heidelberg", country: "DE", website: "https://www.embl.org" },
  { name: "Karolinska Institutet", acronym: "KI", kind: "FOREIGN_UNIVERSITY", city: "Stockholm", country: "SE", website: "https://ki.se" },
  { name: "University of Cambridge", acronym: null, kind: "FOREIGN_UNIVERSITY", city: "Cambridge", country: "GB", website: "https://www.cam.ac.uk" },
  { name: "Wageningen University & Research", acronym: "WUR", kind: "FOREIGN_UNIVERSITY", city: "Wageningen", country: "NL", website: "https://www.wur.nl" },
  { name: "Lumen Biosystems S.r.l.", acronym: null, kind: "COMPANY", city: "Milan", country: "IT", website: null },
  { name: "Nexa Therapeutics S.p.A.", acronym: null, kind: "COMPANY", city: "Siena", country: "IT", website: null },
  { name: "Genome of Europe Consortium", acronym: "GoE", kind: "EU_CONSORTIUM", city: "Brussels", country: "BE", website: null },
];

/**
 * Short keys for the catalogue: the acronym where there is one, otherwise
 * the aliases below. Values are Partner.name.
 */
const ALIASES: Record<string, string> = {
  Besta: "Istituto Neurologico C. Besta",
  Policlinico: "Ospedale Maggiore Policlinico",
  SanGerardo: "Ospedale Universitario San Gerardo",
  CINECA: "CINECA",
  "CNR-ITB": "CNR – Istituto di Tecnologie Biomediche (ITB)",
  "CNR-IN": "CNR – Istituto di Neuroscienze (IN)",
  "UniMi-Bio": "University of Milan – Department of Biosciences",
  "UniMi-DeFENS": "University of Milan – Department of Food, Environmental and Nutritional Sciences (DeFENS)",
  "PoliMi-DEIB": "Politecnico di Milano – Department of Electronics, Information and Bioengineering (DEIB)",
  "UNIMIB-Med": "University of Milan-Bicocca – School of Medicine and Surgery",
  Cambridge: "University of Cambridge",
  Lumen: "Lumen Biosystems S.r.l.",
  Nexa: "Nexa Therapeutics S.p.A.",
};

export const PARTNER_NAME_BY_KEY: Record<string, string> = {
  ...Object.fromEntries(
    [...FOUNDING_PARTNERS, ...DEMO_PARTNERS].filter((p) => p.acronym).map((p) => [p.acronym!, p.name]),
  ),
  ...ALIASES,
};

/** How generated titles name a partner: "HT–Besta", "HT–Mario Negri". */
export const PARTNER_SHORT: Record<string, string> = {
  IRFMN: "Mario Negri",
  ICH: "Humanitas",
  OSR: "San Raffaele",
  SanGerardo: "San Gerardo",
  UNIMIB: "Bicocca",
  "UniMi-Bio": "UniMi Biosciences",
  "UniMi-DeFENS": "UniMi DeFENS",
  "CNR-ITB": "CNR-ITB",
  "CNR-IN": "CNR-IN",
};

export const shortPartner = (key: string) => PARTNER_SHORT[key] ?? key;

/**
 * Invented people for the demo: HT office staff who own agreements, the
 * heads and PIs who sign for units, and partner-side contacts.
 */

/** Grants & Agreements Office staff: the usual htOwner. */
export const HT_OFFICE = [
  "Chiara Valentini",
  "Luca Bernardi",
  "Francesca Morandi",
  "Paolo Sala",
  "Anna Riva",
  "Davide Pellegrini",
] as const;

/** Who signs / answers for each HT unit (centre and facility heads, group PIs). */
export const UNIT_CONTACTS: Record<string, string> = {
  MG: "Prof. Riccardo Villa",
  NG: "Prof. Silvia Donati",
  AFNG: "Prof. Luca Ferrandi",
  DS: "Prof. Enrico Martini",
  CLS: "Prof. Giorgia Ruggeri",
  ADS: "Prof. Daniele Orlandi",
  NST: "Prof. Beatrice Neri",
  F1: "Dr. Simone Caruso",
  F2: "Dr. Irene Bruno",
  F3: "Ing. Massimo Pace",
  F4: "Dr. Teresa Longhi",
  "MG-ROSSI": "Dr. Marta Rossi",
  "MG-BIANCHI": "Dr. Stefano Bianchi",
  "MG-FERRARO": "Dr. Ilaria Ferraro",
  "NG-CONTI": "Dr. Giovanni Conti",
  "NG-MARCHETTI": "Dr. Valentina Marchetti",
  "NG-GALLI": "Dr. Tommaso Galli",
  "AFNG-COLOMBO": "Dr. Federica Colombo",
  "AFNG-FONTANA": "Dr. Andrea Fontana",
  "DS-RICCI": "Dr. Alessandro Ricci",
  "DS-MORETTI": "Dr. Elisa Moretti",
  "DS-BARBIERI": "Dr. Nicola Barbieri",
  "CLS-LOMBARDI": "Dr. Sara Lombardi",
  "CLS-GRECO": "Dr. Roberto Greco",
  "CLS-MARIANI": "Dr. Laura Mariani",
  "ADS-COSTA": "Dr. Michele Costa",
  "ADS-RINALDI": "Dr. Giulia Rinaldi",
  "NST-GALLO": "Dr. Fabio Gallo",
  "NST-DELUCA": "Dr. Chiara De Luca",
  "NST-TESTA": "Dr. Marco Testa",
};

/** Partner-side contacts for the parties the catalogue does not name. */
export const PARTNER_PEOPLE = [
  "Prof. Alberto Cattaneo", "Dr. Benedetta Ferrario", "Prof. Carlo Mantovani", "Dr. Daniela Zanetti",
  "Prof. Emanuele Guidi", "Dr. Federico Brambati", "Prof.ssa Gabriella Monti", "Dr. Ivan Pozzi",
  "Prof. Lorenzo Vitale", "Dr. Maria Grazia Sorrentino", "Prof. Nicoletta Fumagalli", "Dr. Orazio Palumbo",
  "Prof.ssa Raffaella Castelli", "Dr. Sergio Locatelli", "Dr. Ugo Bellini", "Prof.ssa Vittoria Serra",
  "Dr. Hanna Lindqvist", "Dr. James Whitfield", "Dr. Pieter de Vries", "Dr. Katrin Vogel",
];

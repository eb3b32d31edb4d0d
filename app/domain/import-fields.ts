/**
 * What a column of an imported sheet can hold: the fields of an agreement
 * and of each party, with the headers registers give them in Italian and
 * English ("Rif.", "Titolo", "Tipologia", "Ente", "Controparte", "Centro",
 * "Data stipula", "Scadenza", "Rinnovo tacito", "Preavviso", "Importo"...,
 * and the app's own export headers), and how well a header names a field.
 * Pure; app/domain/import-mapping.ts proposes a mapping with it.
 */
import { fold } from "./text-match";

export type FieldType = "text" | "date" | "amount" | "kind" | "status" | "renewal" | "notice" | "role" | "confidentiality" | "direction" | "country" | "parties" | "units";

export interface FieldSpec {
  label: string;
  /** agreement: one value per agreement; party: one per party row (long format) or per party cell. */
  level: "agreement" | "party";
  type: FieldType;
  /** Several columns may feed it (the summary collects "Header: value" lines). */
  multi?: boolean;
  hint: string;
  synonyms: string[];
}

export const IMPORT_FIELDS = {
  reference: {
    label: "Reference", level: "agreement", type: "text", hint: "HT-2021-0003 or the register's own number; re-imports update by it",
    synonyms: ["rif", "riferimento", "reference", "ref", "codice", "codice accordo", "numero", "numero accordo", "n", "nr", "num", "repertorio", "numero repertorio", "id accordo", "grant id", "grant number", "grant agreement number", "project id", "id progetto", "codice progetto", "agreement id", "contract number", "numero contratto"],
  },
  title: {
    label: "Title", level: "agreement", type: "text", hint: "",
    synonyms: ["titolo", "title", "oggetto", "denominazione accordo", "titolo accordo", "project title", "titolo progetto", "agreement title", "subject", "descrizione breve"],
  },
  acronym: {
    label: "Acronym (title when there is none)", level: "agreement", type: "text", hint: "",
    synonyms: ["acronimo", "acronym", "project acronym", "acronimo progetto", "short title", "titolo breve", "sigla progetto"],
  },
  kind: {
    label: "Kind", level: "agreement", type: "kind", hint: "Convenzione quadro, Accordo attuativo, MoU, NDA…",
    synonyms: ["tipologia", "tipo", "tipo accordo", "tipologia accordo", "kind", "type", "agreement type", "categoria", "tipologia atto", "natura accordo"],
  },
  status: {
    label: "Status", level: "agreement", type: "status", hint: "Attivo, Scaduto, Bozza, Active…",
    synonyms: ["stato", "status", "stato accordo", "situazione", "state"],
  },
  related: {
    label: "Framework or amended agreement", level: "agreement", type: "text", hint: "its reference: the link is made, in any row order",
    synonyms: ["accordo quadro di riferimento", "convenzione di riferimento", "convenzione quadro di riferimento", "attuativo di", "attuativo della convenzione", "collegato a", "accordo collegato", "accordo padre", "framework reference", "parent", "parent agreement", "related agreement", "amends", "modifica di", "rif quadro", "riferimento quadro"],
  },
  summary: {
    label: "Summary (adds “Header: value”)", level: "agreement", type: "text", multi: true, hint: "several columns may go here",
    synonyms: ["note", "notes", "summary", "descrizione", "description", "sintesi", "abstract", "programme", "programma", "topic", "call", "bando", "funding scheme", "schema di finanziamento", "ambito", "osservazioni", "commenti", "comments"],
  },
  unit: {
    label: "HT unit", level: "agreement", type: "units", multi: true, hint: "a centre, facility or group, by name or code",
    synonyms: ["centro", "centro ht", "unita", "unita ht", "ht unit", "ht units", "unit", "units", "centre", "center", "struttura", "struttura ht", "struttura interna", "facility", "research centre", "centro di ricerca", "dipartimento ht", "laboratorio ht", "gruppo"],
  },
  partner: {
    label: "Partner (organisation)", level: "party", type: "parties", multi: true, hint: "several in one cell: separate them with ;",
    synonyms: ["ente", "controparte", "controparti", "partner", "partners", "organisation", "organization", "organisation name", "organization name", "ente partner", "denominazione ente", "ragione sociale", "contraente", "parti", "participant", "beneficiary", "istituzione", "institution", "partner name"],
  },
  partnerShortName: {
    label: "Partner's acronym", level: "party", type: "text", hint: "",
    synonyms: ["sigla", "sigla ente", "acronimo ente", "partner acronym", "organisation short name", "organization short name", "short name", "organisation acronym"],
  },
  partnerIdentifier: {
    label: "Partner's identifier (PIC, VAT…)", level: "party", type: "text", hint: "kept as another name: the next import matches by it",
    synonyms: ["pic", "organisation pic", "organization pic", "partita iva", "p iva", "piva", "vat", "vat number", "codice fiscale", "fiscal code", "id ente", "ror", "partner id", "organisation id"],
  },
  partnerCountry: {
    label: "Partner's country", level: "party", type: "country", hint: "",
    synonyms: ["paese", "nazione", "country", "organisation country", "organization country", "partner country", "paese ente", "nazionalita"],
  },
  partnerCity: {
    label: "Partner's city", level: "party", type: "text", hint: "",
    synonyms: ["citta", "city", "sede", "comune", "localita", "organisation city", "organization city", "partner city", "citta ente"],
  },
  partnerKind: {
    label: "Partner's kind", level: "party", type: "text", hint: "HES, REC, PRC, PUB, università, azienda…",
    synonyms: ["tipo ente", "tipologia ente", "natura giuridica", "categoria ente", "partner kind", "partner type", "activity type", "organisation activity type", "organization activity type", "organisation type"],
  },
  partnerRole: {
    label: "Partner's role", level: "party", type: "role", hint: "capofila, coordinatore, partecipante…",
    synonyms: ["ruolo", "role", "ruolo ente", "partner role", "ruolo partner", "organisation role"],
  },
  partnerContact: {
    label: "Partner contact", level: "agreement", type: "text", hint: "",
    synonyms: ["referente ente", "referente esterno", "referente controparte", "contatto", "contatto ente", "partner contact", "contact", "contact person", "persona di contatto"],
  },
  htOwner: {
    label: "HT owner", level: "agreement", type: "text", hint: "a person: matched to an account when one has the name",
    synonyms: ["referente ht", "referente interno", "responsabile ht", "responsabile", "referente", "ht owner", "owner", "responsabile scientifico", "pi", "principal investigator", "responsabile interno"],
  },
  signatureDate: {
    label: "Signature date", level: "agreement", type: "date", hint: "",
    synonyms: ["data stipula", "stipula", "data di stipula", "data firma", "firma", "data sottoscrizione", "sottoscrizione", "signature date", "signed", "date signed", "signed on", "signing date", "data di firma"],
  },
  startDate: {
    label: "Start", level: "agreement", type: "date", hint: "",
    synonyms: ["data inizio", "inizio", "data di inizio", "decorrenza", "data decorrenza", "start", "start date", "valid from", "dal", "inizio validita", "effective date", "data avvio"],
  },
  endDate: {
    label: "End", level: "agreement", type: "date", hint: "",
    synonyms: ["data fine", "fine", "data di fine", "scadenza", "data scadenza", "data di scadenza", "termine", "data termine", "end", "end date", "expiry", "expiry date", "expiration date", "valid until", "al", "fine validita"],
  },
  renewal: {
    label: "Renewal", level: "agreement", type: "renewal", hint: "tacito / espresso / nessuno; “sì” in a column named “Rinnovo tacito”",
    synonyms: ["rinnovo", "rinnovo tacito", "tipo rinnovo", "rinnovabile", "renewal", "tacit renewal", "renewal type", "rinnovo automatico", "modalita di rinnovo"],
  },
  notice: {
    label: "Notice period", level: "agreement", type: "notice", hint: "3 mesi, 90 giorni, 6 months",
    synonyms: ["preavviso", "notice", "notice period", "termine di preavviso", "preavviso disdetta", "disdetta", "giorni preavviso", "mesi preavviso", "periodo di preavviso"],
  },
  value: {
    label: "Value (EUR)", level: "agreement", type: "amount", hint: "1.234,56 € or 1234.56",
    synonyms: ["importo", "valore", "amount", "value", "value eur", "corrispettivo", "budget", "compenso", "valore economico", "importo totale", "contract value", "importo eur", "valore eur", "importo euro"],
  },
  valueDirection: {
    label: "Direction of the value", level: "agreement", type: "direction", hint: "entrata / uscita, HT receives / HT pays",
    synonyms: ["direzione", "direction", "entrata uscita", "entrata o uscita", "flusso", "tipo importo", "attivo passivo", "segno"],
  },
  confidentiality: {
    label: "Confidentiality", level: "agreement", type: "confidentiality", hint: "Riservato / Interno",
    synonyms: ["riservato", "riservata", "riservatezza", "confidentiality", "confidenziale", "restricted", "livello di riservatezza", "classificazione"],
  },
} satisfies Record<string, FieldSpec>;

export type FieldKey = keyof typeof IMPORT_FIELDS;
export const FIELD_KEYS = Object.keys(IMPORT_FIELDS) as FieldKey[];
export const isFieldKey = (v: unknown): v is FieldKey => typeof v === "string" && Object.hasOwn(IMPORT_FIELDS, v);
export const fieldSpec = (key: FieldKey): FieldSpec => IMPORT_FIELDS[key];

/** Headers that name something the app derives itself: never mapped ("Notice deadline" of the app's own export). */
const DERIVED = new Set(["notice deadline", "scadenza preavviso", "termine preavviso calcolato", "days left", "giorni mancanti"]);

/** A header as comparable words: "project_grant_id" -> "project grant id", "DataStipula" -> "data stipula", "Rif." -> "rif". */
export function headerWords(header: string): string {
  return fold(header.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " "));
}

/**
 * How well `header` names `field`, 0 to 100: 100 for a synonym exactly, less
 * when the header holds a synonym's words among others ("Data di scadenza
 * contratto" names the end date). Party-level fields win when the header
 * speaks of the organisation ("organisation_country").
 */
export function headerScore(header: string, field: FieldKey): number {
  const h = headerWords(header);
  if (!h || DERIVED.has(h)) return 0;
  const hw = h.split(" ");
  let best = 0;
  for (const synonym of IMPORT_FIELDS[field].synonyms) {
    if (h === synonym) return 100;
    const sw = synonym.split(" ");
    if (sw.every((w) => hw.includes(w))) best = Math.max(best, 55 + Math.round(35 * (sw.length / hw.length)));
  }
  const aboutParty = hw.some((w) => ["organisation", "organization", "partner", "ente", "controparte", "participant", "beneficiary"].includes(w));
  if (best && aboutParty && IMPORT_FIELDS[field].level === "party") best += 5;
  return Math.min(best, 99);
}

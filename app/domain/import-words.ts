/**
 * The words registers use for the app's vocabularies, in Italian and
 * English: kinds of agreement ("Convenzione quadro", "Accordo attuativo",
 * "MoU", "NDA"...), statuses ("In vigore", "Scaduto", "Active"...), party
 * roles ("capofila", "coordinator"...), renewal ("tacito", "express",
 * "nessuno"), confidentiality and the direction of a value; and how a cell
 * naming several parties is split ("IIT; CNR (capofila)"). The app's own
 * codes and labels are understood too, so its exports import back as they
 * are. Pure.
 */
import { cellText, EMPTY, readNotice, type Cell, type Notice, type Read } from "./import-values";
import { fold } from "./text-match";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, PARTY_ROLES, RENEWAL_TYPES, VALUE_DIRECTIONS,
  type AgreementKind, type AgreementStatus, type PartyRole,
} from "./vocabulary";

type Phrases<K extends string> = [K, string[]][];

/** The vocabulary's codes and labels (folded), so the app's own exports read back. */
function own<K extends string>(vocabulary: { entries: Record<K, string> }): Phrases<K> {
  return (Object.entries(vocabulary.entries) as [K, string][]).map(([code, label]) => [code, [fold(code.replace(/_/g, " ")), fold(label)]]);
}

/** Longest phrases first, so "accordo quadro" wins over "accordo". */
function matcher<K extends string>(phrases: Phrases<K>) {
  const list = phrases.flatMap(([k, ps]) => ps.map((p) => [fold(p), k] as const)).sort((a, b) => b[0].length - a[0].length);
  return (text: string): K | null => {
    const f = fold(text);
    if (!f) return null;
    const padded = ` ${f} `;
    for (const [p, k] of list) if (padded.includes(` ${p} `)) return k;
    return null;
  };
}

const KIND_WORDS: Phrases<AgreementKind> = [
  ["MOU", ["protocollo d intesa", "protocollo di intesa", "protocollo intesa", "memorandum of understanding", "memorandum", "mou", "lettera di intenti", "letter of intent", "intesa"]],
  ["FRAMEWORK", ["convenzione quadro", "accordo quadro", "contratto quadro", "framework agreement", "framework", "quadro", "convenzione"]],
  ["IMPLEMENTING", ["accordo attuativo", "convenzione attuativa", "contratto attuativo", "accordo esecutivo", "attuativo", "attuativa", "implementing agreement", "implementing"]],
  ["RESEARCH_COLLABORATION", ["accordo di collaborazione", "collaborazione scientifica", "collaborazione di ricerca", "research collaboration", "collaboration agreement", "joint research", "ricerca congiunta", "collaborazione", "research agreement"]],
  ["CONSORTIUM", ["consortium agreement", "accordo di consorzio", "accordo consortile", "consorzio", "consortium", "grant agreement", "ria", "ia", "csa", "h2020", "horizon europe", "horizon 2020"]],
  ["DATA_SHARING", ["data sharing", "data transfer", "data processing", "dta", "dsa", "dpa", "trasferimento dati", "trasferimento di dati", "condivisione dati", "condivisione di dati", "contitolarita", "accordo di contitolarita", "trattamento dati"]],
  ["MTA", ["material transfer", "mta", "trasferimento materiale", "trasferimento di materiale", "trasferimento materiali", "materiale biologico", "materiali biologici"]],
  ["NDA", ["non disclosure", "nda", "cda", "confidentiality agreement", "confidential disclosure", "accordo di riservatezza", "riservatezza", "confidenzialita", "segretezza"]],
  ["JOINT_LAB", ["joint laboratory", "joint lab", "laboratorio congiunto", "laboratorio misto", "outstation", "unita congiunta"]],
  ["AFFILIATION", ["affiliation", "affiliazione", "secondment", "distacco", "comando", "associatura", "incarico di ricerca"]],
  ["SERVICE", ["facility access", "service agreement", "accesso alla facility", "accesso facility", "contratto di servizio", "prestazione di servizi", "conto terzi", "servizio", "servizi", "service", "fornitura"]],
  ["AMENDMENT", ["atto aggiuntivo", "addendum", "amendment", "emendamento", "proroga", "extension", "atto integrativo", "integrazione", "modifica"]],
];

const STATUS_WORDS: Phrases<AgreementStatus> = [
  ["DRAFT", ["draft", "bozza", "in preparazione", "da avviare", "in bozza"]],
  ["NEGOTIATION", ["negotiation", "in negotiation", "negoziazione", "in negoziazione", "trattativa", "in trattativa", "in discussione"]],
  ["LEGAL_REVIEW", ["legal review", "revisione legale", "in revisione", "verifica legale", "istruttoria", "in istruttoria"]],
  ["AWAITING_SIGNATURE", ["awaiting signature", "pending signature", "in firma", "alla firma", "da firmare", "in attesa di firma", "in sottoscrizione"]],
  ["ACTIVE", ["active", "attivo", "attiva", "in vigore", "vigente", "in corso", "valido", "valida", "firmato", "firmata", "sottoscritto", "sottoscritta", "stipulato", "stipulata", "signed", "ongoing", "running", "in force"]],
  ["EXPIRED", ["expired", "scaduto", "scaduta", "concluso", "conclusa", "ended", "closed", "chiuso", "chiusa", "completed", "completato"]],
  ["TERMINATED", ["terminated", "terminato", "terminata", "risolto", "risolta", "receduto", "recesso", "revocato", "annullato", "cancelled", "canceled", "withdrawn", "disdetto", "disdetta", "cessato", "cessata", "abbandonato"]],
  ["SUPERSEDED", ["superseded", "sostituito", "sostituita", "superato", "rinnovato", "rinnovata", "replaced"]],
];

const ROLE_WORDS: Phrases<PartyRole> = [
  ["HOME_INSTITUTION", ["home institution", "ente di appartenenza", "ente di provenienza"]],
  ["HOST_INSTITUTION", ["host institution", "ente ospitante", "istituzione ospitante"]],
  ["LEAD", ["lead", "capofila", "leader", "responsabile", "principal", "lead partner"]],
  ["COORDINATOR", ["coordinator", "coordinatore", "coordinatrice", "coordinamento", "coordinating"]],
  ["PARTICIPANT", ["participant", "partecipante", "partner", "beneficiary", "beneficiario", "member", "membro", "contraente", "parte"]],
  ["HOST", ["host", "ospitante", "ospite"]],
  ["PROVIDER", ["provider", "fornitore", "cedente", "provider of material"]],
  ["RECIPIENT", ["recipient", "ricevente", "destinatario", "cessionario"]],
  ["FUNDER", ["funder", "finanziatore", "sponsor", "ente finanziatore", "funding body"]],
  ["DISCLOSING", ["disclosing party", "disclosing", "parte divulgante", "divulgante"]],
  ["RECEIVING", ["receiving party", "receiving", "parte ricevente"]],
];

const RENEWAL_WORDS: Phrases<"NONE" | "EXPRESS" | "TACIT"> = [
  ["TACIT", ["tacito", "tacita", "tacit", "tacitly", "automatic", "automatically", "automatico", "automatica", "auto renewal", "evergreen", "rinnovo automatico", "tacitamente"]],
  ["EXPRESS", ["espresso", "espressa", "express", "expressly", "esplicito", "esplicita", "su richiesta", "by agreement", "per iscritto", "in writing", "written", "previo accordo", "accordo scritto"]],
  ["NONE", ["nessuno", "nessun rinnovo", "non rinnovabile", "non rinnovabili", "not renewable", "no renewal", "none", "escluso", "esclusa", "non previsto"]],
];

const CONFIDENTIALITY_WORDS: Phrases<"INTERNAL" | "RESTRICTED"> = [
  ["RESTRICTED", ["riservato", "riservata", "restricted", "confidential", "confidenziale", "secret", "segreto", "riservatezza alta", "strictly confidential"]],
  ["INTERNAL", ["interno", "interna", "internal", "pubblico", "public", "normale", "ordinario", "non riservato"]],
];

const DIRECTION_WORDS: Phrases<"NONE" | "HT_PAYS" | "HT_RECEIVES"> = [
  ["HT_PAYS", ["ht pays", "pays", "uscita", "in uscita", "passivo", "passiva", "costo", "spesa", "a carico ht", "pagamento", "outgoing", "expense", "cost"]],
  ["HT_RECEIVES", ["ht receives", "receives", "entrata", "in entrata", "attivo", "attiva", "ricavo", "incasso", "income", "incoming", "revenue", "finanziamento", "contributo"]],
  ["NONE", ["nessuno", "none", "no value", "senza valore", "non oneroso", "a titolo gratuito", "gratuito"]],
];

const kindOf = matcher([...own(AGREEMENT_KINDS), ...KIND_WORDS]);
const statusOf = matcher([...own(AGREEMENT_STATUSES), ...STATUS_WORDS]);
const roleOf = matcher([...own(PARTY_ROLES), ...ROLE_WORDS]);
const renewalOf = matcher([...own(RENEWAL_TYPES), ...RENEWAL_WORDS]);
const confidentialityOf = matcher([...own(CONFIDENTIALITY), ...CONFIDENTIALITY_WORDS]);
const directionOf = matcher([...own(VALUE_DIRECTIONS), ...DIRECTION_WORDS]);

const quoted = (cell: Cell | undefined) => `“${cellText(cell).slice(0, 60)}”`;

function reader<K extends string>(find: (text: string) => K | null, what: string, examples: string) {
  return (cell: Cell | undefined): Read<K> => {
    const text = cellText(cell);
    if (!text || text === "-") return EMPTY;
    const value = find(text);
    return value ? { value } : { error: `${quoted(cell)} is not a ${what} the app knows (${examples})` };
  };
}

export const readKind = reader(kindOf, "kind of agreement", "e.g. Convenzione quadro, Accordo attuativo, MoU, NDA, MTA, Consortium");
export const readStatus = reader(statusOf, "status", "e.g. Attivo, In vigore, Scaduto, Bozza, Active, Expired");
export const readRole = reader(roleOf, "party role", "e.g. capofila, coordinatore, partecipante, lead, participant");
export const readConfidentiality = (cell: Cell | undefined): Read<"INTERNAL" | "RESTRICTED"> => {
  const text = fold(cellText(cell));
  if (["si", "yes", "x", "y", "1", "true"].includes(text)) return { value: "RESTRICTED" };
  if (["no", "n", "0", "false"].includes(text)) return { value: "INTERNAL" };
  return reader(confidentialityOf, "confidentiality", "Riservato / Interno, Restricted / Internal")(cell);
};
export const readDirection = reader(directionOf, "direction of the value", "e.g. entrata / uscita, HT receives / HT pays");

/** Words of a renewal cell: how it renews; a notice period written in the same cell comes along. */
export function readRenewal(cell: Cell | undefined, header = ""): Read<{ type: "NONE" | "EXPRESS" | "TACIT"; notice?: Notice }> {
  const text = cellText(cell);
  const f = fold(text);
  if (!f || f === "-") return EMPTY;
  const h = fold(header);
  const yes = ["si", "yes", "x", "y", "1", "true", "vero"].includes(f);
  const no = ["no", "n", "0", "false", "falso"].includes(f);
  if (yes || no) {
    if (no) return { value: { type: "NONE" } };
    if (h.includes("tacit")) return { value: { type: "TACIT" } };
    if (h.includes("espress") || h.includes("express")) return { value: { type: "EXPRESS" } };
    return { error: `${quoted(cell)}: say whether it renews tacitly (tacito) or expressly (espresso)` };
  }
  const type = renewalOf(text);
  if (!type) return { error: `${quoted(cell)} is not a kind of renewal the app knows (tacito / espresso / nessuno, tacit / express / none)` };
  const notice = readNotice(text).value;
  return { value: notice ? { type, notice } : { type } };
}

/** A name, and the role written beside it in parentheses ("CNR (capofila)"). */
export interface NamedParty {
  name: string;
  role: PartyRole | null;
}

/**
 * The parties one cell names: separated by ";", line breaks, "|" or " / "
 * (never by commas or "+", which belong to names: "Università di Milano,
 * Dipartimento di Fisica", "Trumpf GmbH + Co KG"), each with a role in
 * trailing parentheses when that is a role word; other parentheses stay
 * part of the name. `split: false` reads the cell as one party (a sheet
 * with one row per party).
 */
export function splitParties(cell: Cell | undefined, { split = true } = {}): NamedParty[] {
  const text = typeof cell === "string" ? cell : cellText(cell);
  return (split ? text.split(/;|\r?\n|\r|\||\s\/\s/) : [text])
    .map((part) => part.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(part);
      const role = m ? roleOf(m[2]!) : null;
      return role && m ? { name: m[1]!, role } : { name: part, role: null };
    });
}

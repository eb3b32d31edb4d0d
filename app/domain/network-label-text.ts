/**
 * What the map writes beside each node, and how wide it is: short labels
 * (an acronym, or the name shortened word by word: "Osp. Univ. San
 * Gerardo", never cut in the middle of a word), HT units' names on at most
 * two lines, and a conservative estimate of the text's width in map pixels
 * (DejaVu Sans Bold, the widest of the fonts the app's font stack falls
 * back to), so that the boxes the label placement keeps apart
 * (network-labels.ts) always hold the text as the browser draws it. Pure.
 */

/** Partner labels and unit names, in map pixels (they scale with the zoom, like the map). */
export const LABEL_FONT_PX = 12;
export const UNIT_FONT_PX = 12.5;
export const LABEL_LINE_PX = 15;
/** A label's box is this much wider than its text: padding on both sides. */
export const LABEL_PAD_PX = 4;
export const MAX_LABEL_CHARS = 28;
const UNIT_LINE_CHARS = 20;

/** Widths of ASCII 32..126 in DejaVu Sans Bold, in ems (measured in Chromium). */
const EM = [
  0.35, 0.46, 0.52, 0.84, 0.7, 1, 0.87, 0.31, 0.46, 0.46, 0.52, 0.84, 0.38, 0.42, 0.38, 0.37, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7,
  0.7, 0.7, 0.4, 0.4, 0.84, 0.84, 0.84, 0.58, 1, 0.77, 0.76, 0.73, 0.83, 0.68, 0.68, 0.82, 0.84, 0.37, 0.37, 0.77, 0.64, 1, 0.84, 0.85,
  0.73, 0.85, 0.77, 0.72, 0.68, 0.81, 0.77, 1.1, 0.77, 0.72, 0.73, 0.46, 0.37, 0.46, 0.84, 0.5, 0.5, 0.67, 0.72, 0.59, 0.72, 0.68,
  0.44, 0.72, 0.71, 0.34, 0.34, 0.67, 0.34, 1.04, 0.71, 0.69, 0.72, 0.72, 0.49, 0.6, 0.48, 0.71, 0.65, 0.92, 0.65, 0.65, 0.58, 0.71,
  0.37, 0.71, 0.84,
];

/** The text's width in px at `fontPx`, a little on the wide side (accented letters as their base letter, anything else as a wide one). */
export function textWidth(text: string, fontPx = LABEL_FONT_PX): number {
  let ems = 0;
  for (const ch of text.normalize("NFD")) {
    const code = ch.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue; // combining accents sit on their letter
    ems += code >= 32 && code <= 126 ? EM[code - 32]! : 0.9;
  }
  return Math.ceil(ems * fontPx * 1.03);
}

/** Words shortened in labels (Italian and English), longest phrases first. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bHigh Performance Computing\b/g, "HPC"],
  [/\bLaboratories\b/g, "Labs"],
  [/\bLaboratory\b/g, "Lab"],
  [/\bDepartment of\b/g, "Dept."],
  [/\bSchool of\b/g, "Sch."],
  [/\bOspedale\b/g, "Osp."],
  [/\bUniversitari[oa]\b/g, "Univ."],
  [/\bUniversità\b/g, "Univ."],
  [/\bUniversity\b/g, "Univ."],
  [/\bIstituto\b/g, "Ist."],
  [/\bInstitute\b/g, "Inst."],
  [/\bFondazione\b/g, "Fond."],
  [/\bFoundation\b/g, "Fdn."],
  [/\bNazionale\b/g, "Naz."],
  [/\bNational\b/g, "Nat."],
  [/\bNeurologico\b/g, "Neurol."],
  [/\bResearch\b/g, "Res."],
  [/\bRicerche?\b/g, "Ric."],
  [/\bTechnology\b/g, "Tech."],
  [/\bTecnologic[oa]\b/g, "Tecn."],
  [/\bConsortium\b/g, "Cons."],
  [/\bConsorzio\b/g, "Cons."],
  [/\bMaggiore\b/g, "Magg."],
  [/\bAgenzia\b/g, "Ag."],
  [/\bSciences?\b/g, "Sci."],
  [/\band\b/g, "&"],
];
/** Legal forms say nothing on a map. */
const LEGAL_FORM = /,?\s+(S\.p\.A\.|S\.r\.l\.|SpA|Srl|Ltd\.?|GmbH|Inc\.|AG|BV|SA)$/i;
/** "… (DeFENS)": an acronym the name carries in brackets. */
const BRACKETED = /\s*\(([A-Za-z][\w&.-]{1,11})\)\s*$/;

/** Shortens word by word until the text fits `max` characters; then keeps whole words and ends with "…". */
export function shorten(text: string, max = MAX_LABEL_CHARS): string {
  let out = text.replace(LEGAL_FORM, "").replace(/\s+/g, " ").trim();
  for (const [pattern, short] of ABBREVIATIONS) {
    if (out.length <= max) return out;
    out = out.replace(pattern, short);
  }
  if (out.length <= max) return out;
  const words = out.split(" ");
  let kept = words[0]!.slice(0, max - 1);
  for (const word of words.slice(1)) {
    if (`${kept} ${word}`.length > max - 1) break;
    kept = `${kept} ${word}`;
  }
  return `${kept.replace(/[\s,–-]+$/, "")}…`;
}

export interface LabelSubject {
  name: string;
  acronym: string | null;
  /** The top-level organisation of a sub-unit (a department, a CNR institute). */
  parent?: { name: string; acronym: string | null } | null;
}

/** The organisation's own short name: its acronym, the acronym in brackets in its name, or the name shortened. */
function ownLabel(name: string, acronym: string | null): string {
  if (acronym?.trim()) return acronym.trim();
  const bracketed = BRACKETED.exec(name)?.[1];
  if (bracketed) return bracketed;
  return shorten(name);
}

/**
 * A partner's label: "IEO", "Osp. Univ. San Gerardo"; a sub-unit after its
 * organisation: "CNR · IN", "UniMi · Biosciences" (the part of its name
 * after the organisation's, when it repeats it).
 */
export function partnerLabel(subject: LabelSubject): string {
  const { name, acronym, parent } = subject;
  if (!parent) return ownLabel(name, acronym);
  const head = ownLabel(parent.name, parent.acronym);
  let rest = name;
  if (rest.startsWith(parent.name)) rest = rest.slice(parent.name.length).replace(/^[\s,–:-]+/, "");
  else if (parent.acronym && rest.startsWith(parent.acronym)) rest = rest.slice(parent.acronym.length).replace(/^[\s,–:-]+/, "");
  const own = acronym?.trim() || BRACKETED.exec(rest)?.[1];
  const tail = own ?? rest.replace(/^(Department|Dipartimento|School|Scuola|Institute|Istituto) (of|di|for|per) /i, "");
  return shorten(`${head} · ${tail || name}`);
}

/**
 * An HT unit's name on one or two lines: research centres by name
 * ("Neurogenomics", "Analysis, Decisions / and Society"), facilities and
 * groups too ("F3 Data Storage & HPC"), shortened to fit two lines.
 */
export function unitLabelLines(name: string): string[] {
  const full = name.replace(/\s+/g, " ").trim();
  const fit = (text: string) => wrap(text, UNIT_LINE_CHARS);
  let lines = fit(full);
  if (lines.length <= 2) return lines;
  let short = full;
  for (const [pattern, abbreviation] of ABBREVIATIONS) {
    short = short.replace(pattern, abbreviation);
    lines = fit(short);
    if (lines.length <= 2) return lines;
  }
  return [lines[0]!, shorten(lines.slice(1).join(" "), UNIT_LINE_CHARS)];
}

/** Greedy word wrap at `width` characters (a word longer than that gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The box a label of these lines needs, in px. */
export function labelSize(lines: string[], fontPx = LABEL_FONT_PX): { w: number; h: number } {
  const w = Math.max(...lines.map((line) => textWidth(line, fontPx))) + LABEL_PAD_PX * 2;
  return { w, h: lines.length * LABEL_LINE_PX + 2 };
}

/** The text written beside a node (groups of partners say how many they stand for). */
export function labelText(node: { type: string; label: string; memberCount?: number }): string {
  return node.type === "cluster" ? `${node.label} (${(node.memberCount ?? 0).toLocaleString("en-GB")})` : node.label;
}

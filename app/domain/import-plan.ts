/**
 * The dry run's decisions, made the same way again by the commit: for each
 * agreement read from the sheet (app/domain/import-rows.ts), whether it
 * will be created, will update the agreement that has its reference (only
 * the fields the sheet gives: an empty cell never erases), will be skipped
 * (already in the register and unchanged, or a duplicate: same title, kind
 * and start), or is refused for an error; which partners will be created
 * (each new organisation once) and which other names and identifiers the
 * matched partners will keep as aliases; and the links between rows by
 * reference (a framework and its implementing agreements, in any order).
 * Every row of the file gets its line in the report. Pure.
 */
import { partnerDisplayName, aliasList, storedAliases } from "./party-labels";
import { guessPartnerKind, normaliseOrganisation, tidyCapitals } from "./organisation-names";
import { cellName, type DraftAgreement, type DraftOrganisation, type ReadResult } from "./import-rows";
import { fold } from "./text-match";
import { PARTNER_KINDS, type AgreementKind, type PartnerKind, type PartyRole } from "./vocabulary";

export const OUTCOMES = ["CREATE", "UPDATE", "SKIP", "ERROR"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ExistingAgreement {
  id: string;
  reference: string;
  sourceReference: string | null;
  version: number;
  archived: boolean;
  title: string;
  kind: string;
  status: string;
  summary: string;
  signatureDate: string | null;
  startDate: string | null;
  endDate: string | null;
  renewalType: string;
  noticePeriodDays: number | null;
  noticePeriodMonths: number | null;
  valueCents: number | null;
  valueDirection: string;
  confidentiality: string;
  htOwner: string;
  partnerContact: string;
  unitIds: string[];
  partnerIds: string[];
  linkedIds: string[];
}

export interface PartnerFacts {
  id: string;
  name: string;
  acronym: string | null;
  aliases: string;
  version: number;
  kind: string;
}

export interface Decision extends DraftOrganisation {
  decision: "MATCH" | "CREATE" | "DEPARTMENT";
  partnerId: string | null;
  parentId: string | null;
  newName: string;
  newKind: string;
}

export interface PlanInput {
  headers: string[];
  read: ReadResult;
  decisions: Map<string, Decision>;
  /** The matched partners and the chosen parents. */
  partners: Map<string, PartnerFacts>;
  /** Every partner's name, lower case: a new partner may not take one. */
  takenNames: Set<string>;
  /** Agreements the sheet's references, source references, titles and related references may be. */
  existing: ExistingAgreement[];
}

export type PartyRef = { partnerId: string } | { newPartner: string };
export type Target = { agreementId: string } | { draftKey: string };

export interface PlannedPartner {
  key: string;
  name: string;
  acronym: string | null;
  kind: PartnerKind;
  city: string;
  country: string;
  parentId: string | null;
  aliases: string;
}

export interface AliasUpdate {
  partnerId: string;
  version: number;
  before: string;
  aliases: string;
  added: string[];
}

export interface PlannedAgreement {
  draft: DraftAgreement;
  kind: AgreementKind;
  partners: { ref: PartyRef; role: PartyRole | null }[];
  related: { target: Target; type: "IMPLEMENTS" | "AMENDS" } | null;
}

export interface PlannedUpdate extends PlannedAgreement {
  existing: ExistingAgreement;
  /** The fields that change, as readable names ("title", "end"...). */
  changed: string[];
  addUnits: { unitId: string; role: PartyRole | null }[];
  addPartners: { ref: PartyRef; role: PartyRole | null }[];
  addLink: boolean;
}

export interface ReportMessage {
  severity: "error" | "warning" | "info";
  cell: string;
  message: string;
}

export interface ReportLine {
  line: number;
  outcome: Outcome;
  agreementKey: string;
  reference: string;
  title: string;
  agreementId: string | null;
  messages: ReportMessage[];
}

export interface PlanTotals {
  rows: number;
  agreements: Record<Outcome, number>;
  warnings: number;
  partners: { matched: number; created: number; withNewAliases: number };
}

export interface Plan {
  creates: PlannedAgreement[];
  updates: PlannedUpdate[];
  newPartners: PlannedPartner[];
  aliasUpdates: AliasUpdate[];
  lines: ReportLine[];
  totals: PlanTotals;
}

/** The name a new partner gets: the file's, tidied from capitals; an organisation without one goes by its identifier. */
export function newPartnerName(o: Pick<DraftOrganisation, "name" | "shortName" | "identifier">): string {
  // The short name keeps its capitals in the name only when it is an acronym (one word).
  const acronym = o.shortName && !/\s/.test(o.shortName.trim()) && o.shortName.length <= 12 ? [o.shortName] : [];
  if (o.name) return tidyCapitals(o.name, acronym).slice(0, 200);
  if (o.shortName) return o.shortName;
  return `Organisation ${o.identifier} (no name in the file)`;
}

/** What a decision creates: a partner (or a department of one). */
function plannedPartner(d: Decision): PlannedPartner {
  const name = (d.newName || newPartnerName(d)).trim();
  const acronym = d.shortName && d.shortName.length <= 20 && fold(d.shortName) !== fold(name) && !/\s/.test(d.shortName.trim()) ? d.shortName : null;
  const kind = PARTNER_KINDS.includes(d.newKind) ? d.newKind : guessPartnerKind(d.name || d.shortName, d.kindHint, d.country);
  const own = new Set([normaliseOrganisation(name), acronym ? normaliseOrganisation(acronym) : ""]);
  const others = [d.name, ...d.variants, d.identifier].filter((n) => n && !own.has(normaliseOrganisation(n)));
  return {
    key: d.key, name, acronym, kind, city: d.city, country: d.country || "IT",
    parentId: d.decision === "DEPARTMENT" ? d.parentId : null,
    aliases: storedAliases(others),
  };
}

/** The names and identifier of the file a matched partner does not know yet. */
function newAliases(p: PartnerFacts, names: string[]): string[] {
  const known = new Set([p.name, p.acronym ?? "", ...aliasList(p.aliases)].filter(Boolean).map(normaliseOrganisation));
  const out: string[] = [];
  for (const n of names) {
    const normal = normaliseOrganisation(n);
    if (!n || !normal || known.has(normal)) continue;
    known.add(normal);
    out.push(n.trim());
  }
  return out;
}

interface Partners {
  refs: Map<string, PartyRef>;
  problems: Map<string, string>;
  newPartners: PlannedPartner[];
  aliasUpdates: AliasUpdate[];
  matched: Set<string>;
}

/** Each organisation's partner: a matched one (with the aliases it gains), or a new one (organisations of the same new name share it). */
function resolvePartners(input: PlanInput): Partners {
  const out: Partners = { refs: new Map(), problems: new Map(), newPartners: [], aliasUpdates: [], matched: new Set() };
  const byName = new Map<string, PlannedPartner>();
  const aliases = new Map<string, string[]>();
  for (const d of input.decisions.values()) {
    if (d.decision === "MATCH") {
      const p = d.partnerId ? input.partners.get(d.partnerId) : undefined;
      if (!p) {
        out.problems.set(d.key, `the partner chosen for “${d.name || d.identifier}” no longer exists: review the partners again`);
        continue;
      }
      out.refs.set(d.key, { partnerId: p.id });
      out.matched.add(p.id);
      aliases.set(p.id, [...(aliases.get(p.id) ?? []), d.name, ...d.variants, d.identifier]);
      continue;
    }
    if (d.decision === "DEPARTMENT" && !(d.parentId && input.partners.has(d.parentId))) {
      out.problems.set(d.key, `the organisation chosen as the parent of “${d.name}” no longer exists: review the partners again`);
      continue;
    }
    const planned = plannedPartner(d);
    const lower = planned.name.toLowerCase();
    if (input.takenNames.has(lower)) {
      out.problems.set(d.key, `a partner named “${planned.name}” already exists: match “${d.name || d.identifier}” to it instead of creating it`);
      continue;
    }
    const same = byName.get(lower);
    if (same) {
      same.aliases = storedAliases([...aliasList(same.aliases), ...aliasList(planned.aliases)].filter((a) => a.toLowerCase() !== lower));
      out.refs.set(d.key, { newPartner: same.key });
      continue;
    }
    byName.set(lower, planned);
    out.newPartners.push(planned);
    out.refs.set(d.key, { newPartner: planned.key });
  }
  for (const o of input.read.organisations) {
    if (!input.decisions.has(o.key)) out.problems.set(o.key, `“${o.name || o.identifier}” has not been matched yet: review the partners again`);
  }
  for (const [partnerId, names] of aliases) {
    const p = input.partners.get(partnerId)!;
    const added = newAliases(p, names);
    if (added.length) out.aliasUpdates.push({ partnerId, version: p.version, before: p.aliases, aliases: storedAliases([...aliasList(p.aliases), ...added]), added });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Agreements

/** The references a "framework or amended agreement" cell may name: the whole cell, HT references in it, codes with digits. */
export function relatedCandidates(text: string): string[] {
  const upper = text.trim().toUpperCase();
  const refs = upper.match(/HT-\d{4}-\d{4,}/g) ?? [];
  const codes = upper.split(/[\s,;:()]+/).filter((t) => /\d/.test(t) && t.length >= 3);
  return [...new Set([upper, ...refs, ...codes])];
}

const dupKey = (title: string, kind: string | null, start: string | null) => `${fold(title)}|${kind ?? ""}|${start ?? ""}`;

interface Lookup {
  byReference: Map<string, ExistingAgreement>;
  bySource: Map<string, ExistingAgreement[]>;
  byTitle: Map<string, ExistingAgreement>;
  drafts: Map<string, DraftAgreement>;
}

function lookup(input: PlanInput): Lookup {
  const l: Lookup = { byReference: new Map(), bySource: new Map(), byTitle: new Map(), drafts: new Map() };
  for (const e of input.existing) {
    l.byReference.set(e.reference.toUpperCase(), e);
    if (e.sourceReference) l.bySource.set(e.sourceReference.toUpperCase(), [...(l.bySource.get(e.sourceReference.toUpperCase()) ?? []), e]);
    l.byTitle.set(dupKey(e.title, e.kind, e.startDate), e);
  }
  for (const d of input.read.drafts) {
    for (const ref of [d.reference, d.sourceReference]) if (ref && !l.drafts.has(ref.toUpperCase())) l.drafts.set(ref.toUpperCase(), d);
  }
  return l;
}

function findRelated(d: DraftAgreement, l: Lookup): Target | null {
  for (const c of relatedCandidates(d.related!.text)) {
    const draft = l.drafts.get(c);
    if (draft && draft !== d) return { draftKey: draft.key };
    const existing = l.byReference.get(c) ?? l.bySource.get(c)?.[0];
    if (existing) return { agreementId: existing.id };
  }
  return null;
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/** The existing agreement's fields that the sheet gives differently. */
function changedFields(d: DraftAgreement, e: ExistingAgreement): string[] {
  const g = new Set(d.given);
  const out: string[] = [];
  const check = (given: boolean, name: string, differs: boolean) => given && differs && out.push(name);
  check(g.has("title") || g.has("acronym"), "title", d.title !== e.title);
  check(g.has("kind"), "kind", d.kind !== e.kind);
  check(g.has("status"), "status", d.status !== e.status);
  check(g.has("summary"), "summary", d.summary !== e.summary);
  check(g.has("signatureDate"), "signature date", !same(d.signatureDate, e.signatureDate));
  check(g.has("startDate"), "start", !same(d.startDate, e.startDate));
  check(g.has("endDate"), "end", !same(d.endDate, e.endDate));
  check(g.has("renewal"), "renewal", d.renewalType !== e.renewalType);
  check(g.has("notice") || (g.has("renewal") && (d.noticePeriodDays || d.noticePeriodMonths) !== null), "notice period",
    (d.noticePeriodDays || d.noticePeriodMonths) !== null && (!same(d.noticePeriodDays, e.noticePeriodDays) || !same(d.noticePeriodMonths, e.noticePeriodMonths)));
  check(g.has("value"), "value", !same(d.valueCents, e.valueCents) || (d.valueCents !== null && d.valueDirection !== e.valueDirection));
  check(g.has("confidentiality"), "confidentiality", d.confidentiality !== e.confidentiality);
  check(g.has("htOwner"), "HT owner", d.htOwner !== e.htOwner);
  check(g.has("partnerContact"), "partner contact", d.partnerContact !== e.partnerContact);
  return out;
}

const refKey = (r: PartyRef) => ("partnerId" in r ? r.partnerId : `new:${r.newPartner}`);

interface Decided {
  outcome: Outcome;
  messages: { severity: ReportMessage["severity"]; message: string; column?: number | null; line?: number }[];
  existing: ExistingAgreement | null;
  planned: PlannedAgreement | PlannedUpdate | null;
}

function matchExisting(d: DraftAgreement, l: Lookup, seen: Seen): ExistingAgreement | Decided | null {
  for (const ref of [d.reference, d.sourceReference]) {
    if (!ref) continue;
    const other = seen.references.get(ref.toUpperCase());
    if (other) return { outcome: "ERROR", existing: null, planned: null, messages: [{ severity: "error", message: `the reference “${ref}” is also row ${other.lines[0]}'s: one agreement per reference` }] };
    seen.references.set(ref.toUpperCase(), d);
  }
  const sources = d.sourceReference ? l.bySource.get(d.sourceReference.toUpperCase()) ?? [] : [];
  if (sources.length > 1) {
    return { outcome: "ERROR", existing: null, planned: null, messages: [{ severity: "error", message: `${sources.length} agreements have the source reference “${d.sourceReference}”: ${sources.map((s) => s.reference).join(", ")}` }] };
  }
  const found = (d.reference ? l.byReference.get(d.reference) : undefined) ?? sources[0];
  if (found) return found;
  const key = dupKey(d.title, d.kind, d.startDate);
  const duplicate = l.byTitle.get(key);
  if (duplicate) return { outcome: "SKIP", existing: duplicate, planned: null, messages: [{ severity: "info", message: `will skip: a duplicate of ${duplicate.reference} (same title, kind and start)` }] };
  const earlier = seen.titles.get(key);
  if (earlier) return { outcome: "SKIP", existing: null, planned: null, messages: [{ severity: "info", message: `will skip: a duplicate of row ${earlier.lines[0]} (same title, kind and start)` }] };
  seen.titles.set(key, d);
  return null;
}

interface Seen {
  titles: Map<string, DraftAgreement>;
  references: Map<string, DraftAgreement>;
}

function decide(d: DraftAgreement, l: Lookup, partners: Partners, seen: Seen): Decided {
  const messages: Decided["messages"] = [];
  const problems = [...new Set(d.partners.flatMap((p) => (partners.problems.has(p.orgKey) ? [partners.problems.get(p.orgKey)!] : [])))];
  if (d.issues.some((i) => i.severity === "error") || problems.length || !d.kind) {
    return { outcome: "ERROR", existing: null, planned: null, messages: problems.map((message) => ({ severity: "error", message })) };
  }
  const parties = d.partners.map((p) => ({ ref: partners.refs.get(p.orgKey)!, role: p.role }));
  const target = d.related ? findRelated(d, l) : null;
  if (d.related && !target) messages.push({ severity: "warning", message: `no agreement has the reference “${d.related.text}” in the file or the register: the link is left out`, line: d.related.line, column: d.related.column });
  const related = target ? { target, type: d.kind === "AMENDMENT" ? ("AMENDS" as const) : ("IMPLEMENTS" as const) } : null;
  const planned: PlannedAgreement = { draft: d, kind: d.kind, partners: parties, related };
  const existing = matchExisting(d, l, seen);
  if (!existing) return { outcome: "CREATE", existing: null, planned, messages: [{ severity: "info", message: `will create${d.reference ? ` ${d.reference}` : ""}` }, ...messages] };
  if ("outcome" in existing) return existing;
  if (existing.archived) return { outcome: "SKIP", existing, planned: null, messages: [{ severity: "warning", message: `${existing.reference} is archived: it is not updated` }] };
  const have = new Set(existing.partnerIds);
  const update: PlannedUpdate = {
    ...planned, existing, changed: changedFields(d, existing),
    addUnits: d.units.filter((u) => !existing.unitIds.includes(u.unitId)),
    addPartners: parties.filter((p) => !("partnerId" in p.ref) || !have.has(p.ref.partnerId)).filter((p, i, all) => all.findIndex((q) => refKey(q.ref) === refKey(p.ref)) === i),
    addLink: !!related && "agreementId" in related.target ? !existing.linkedIds.includes(related.target.agreementId) : !!related,
  };
  if (update.addUnits.length) update.changed.push("HT units");
  if (update.addPartners.length) update.changed.push("partners");
  if (update.addLink) update.changed.push("links");
  if (!update.changed.length) return { outcome: "SKIP", existing, planned: null, messages: [{ severity: "info", message: `will skip: ${existing.reference} is already in the register, unchanged` }, ...messages] };
  return { outcome: "UPDATE", existing, planned: update, messages: [{ severity: "info", message: `will update ${existing.reference}: ${update.changed.join(", ")}` }, ...messages] };
}

function linesOf(input: PlanInput, d: DraftAgreement, decided: Decided): ReportLine[] {
  const reference = decided.existing?.reference ?? d.reference ?? "";
  const first = d.lines[0]!;
  const toMessage = (i: { severity: ReportMessage["severity"]; message: string; line?: number; column?: number | null }, line: number): ReportMessage => ({
    severity: i.severity, cell: i.column === null || i.column === undefined ? "" : cellName(input.headers, i.line ?? line, i.column), message: i.message,
  });
  return d.lines.map((line) => ({
    line, outcome: decided.outcome, agreementKey: d.key, reference, title: d.title, agreementId: decided.existing?.id ?? null,
    messages: [
      ...(line === first ? decided.messages.filter((m) => m.line === undefined || m.line === line).map((m) => toMessage(m, line)) : []),
      ...d.issues.filter((i) => i.line === line).map((i) => toMessage(i, line)),
    ],
  }));
}

/**
 * A link to another row of the file goes to what that row becomes: the
 * agreement it creates, or the one already in the register it matched; a
 * row that is refused cannot be linked to.
 */
function retarget(decided: Decided, all: Map<string, Decided>) {
  const related = decided.planned?.related;
  if (!related || !("draftKey" in related.target)) return;
  const other = all.get(related.target.draftKey)!;
  if (other.outcome === "CREATE") return;
  const planned = decided.planned!;
  if (other.existing) {
    related.target = { agreementId: other.existing.id };
    if ("existing" in planned) {
      const update = planned as PlannedUpdate;
      update.addLink = !update.existing.linkedIds.includes(other.existing.id);
      if (!update.addLink) update.changed = update.changed.filter((c) => c !== "links");
      if (!update.changed.length) {
        decided.outcome = "SKIP";
        decided.planned = null;
        decided.messages = [{ severity: "info", message: `will skip: ${update.existing.reference} is already in the register, unchanged` }];
      }
    }
    return;
  }
  planned.related = null;
  decided.messages.push({ severity: "warning", message: "the agreement it refers to is refused in this file: the link is left out" });
}

/** The whole plan: what every row will do, the partners to create, the aliases to add, and the totals. */
export function planImport(input: PlanInput): Plan {
  const partners = resolvePartners(input);
  const l = lookup(input);
  const seen: Seen = { titles: new Map(), references: new Map() };
  const plan: Plan = {
    creates: [], updates: [], newPartners: [], aliasUpdates: [], lines: [],
    totals: { rows: 0, agreements: { CREATE: 0, UPDATE: 0, SKIP: 0, ERROR: 0 }, warnings: 0, partners: { matched: 0, created: 0, withNewAliases: 0 } },
  };
  const used = new Set<string>();
  const decisions = new Map<string, Decided>();
  for (const d of input.read.drafts) decisions.set(d.key, decide(d, l, partners, seen));
  for (const d of input.read.drafts) {
    const decided = decisions.get(d.key)!;
    retarget(decided, decisions);
    plan.totals.agreements[decided.outcome] += 1;
    if (decided.outcome === "CREATE") plan.creates.push(decided.planned!);
    if (decided.outcome === "UPDATE") plan.updates.push(decided.planned as PlannedUpdate);
    if (decided.outcome === "CREATE" || decided.outcome === "UPDATE") for (const p of d.partners) used.add(p.orgKey);
    plan.lines.push(...linesOf(input, d, decided));
  }
  // Only what the written agreements need: partners of refused rows are not created, nor their aliases added.
  const usedNew = new Set([...used].map((k) => partners.refs.get(k)).flatMap((r) => (r && "newPartner" in r ? [r.newPartner] : [])));
  const usedMatched = new Set([...used].map((k) => partners.refs.get(k)).flatMap((r) => (r && "partnerId" in r ? [r.partnerId] : [])));
  plan.newPartners = partners.newPartners.filter((p) => usedNew.has(p.key));
  plan.aliasUpdates = partners.aliasUpdates.filter((a) => usedMatched.has(a.partnerId));
  plan.lines.sort((a, b) => a.line - b.line);
  plan.totals.rows = plan.lines.length;
  plan.totals.warnings = plan.lines.reduce((n, l) => n + l.messages.filter((m) => m.severity === "warning").length, 0);
  plan.totals.partners = { matched: usedMatched.size, created: plan.newPartners.length, withNewAliases: plan.aliasUpdates.length };
  return plan;
}

/** "Politecnico di Milano (PoliMi)": a planned or existing partner as lists show it. */
export const plannedLabel = (p: { name: string; acronym: string | null }) => partnerDisplayName(p);

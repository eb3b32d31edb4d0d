/**
 * Turns catalogue specs into database rows: resolves relative dates against
 * `today`, walks each agreement through the lifecycle up to its status,
 * numbers references per year of registration, fills parties, labels and
 * details, and checks the result is coherent (throws when it is not).
 * Pure: no database access, deterministic for a given `today`.
 */
import { detailsSchemaFor } from "../../app/domain/agreement-details";
import { formatReference } from "../../app/domain/agreement-reference";
import { noticeDeadline } from "../../app/domain/deadlines";
import { partnerDisplayName, partyLabel } from "../../app/domain/party-labels";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKind, type AgreementStatus, type LinkType, type PartyRole,
} from "../../app/domain/vocabulary";
import { PARTNER_NAME_BY_KEY, shortPartner } from "./demo-partners";
import { PARTNER_PEOPLE, UNIT_CONTACTS } from "./demo-people";
import type { GdprRole, PartyRef, Spec } from "./demo-types";
import {
  addDays, addMonths, createRng, daysBetween, firstOfMonth, isoDay, mailbox, maxDate, minDate, type Rng, workingDay,
} from "./util";

// ---------------------------------------------------------------------------
// Inputs and outputs

export interface Lookups {
  unitsByCode: Map<string, { id: string; name: string }>;
  partnersByName: Map<string, { id: string; name: string; acronym: string | null; emailDomain: string | null }>;
  /** "CENTRE/Research line name" -> ResearchLine.id */
  researchLines: Map<string, string>;
}

export interface PartyRow {
  unitId: string | null;
  partnerId: string | null;
  role: PartyRole;
  contactName: string;
  contactEmail: string;
  gdprRole: GdprRole | null;
  signatureStatus: "PENDING" | "SIGNED";
  signedAt: Date | null;
}

export interface HistoryRow {
  fromStatus: AgreementStatus | null;
  toStatus: AgreementStatus;
  effectiveOn: Date;
  comment: string;
  createdAt: Date;
}

export interface BuiltAgreement {
  row: {
    reference: string;
    title: string;
    kind: AgreementKind;
    status: AgreementStatus;
    summary: string;
    signatureDate: Date | null;
    startDate: Date | null;
    endDate: Date | null;
    renewalType: "NONE" | "EXPRESS" | "TACIT";
    noticePeriodDays: number | null;
    noticeDeadline: Date | null;
    valueCents: bigint | null;
    valueDirection: "NONE" | "HT_PAYS" | "HT_RECEIVES";
    confidentiality: "INTERNAL" | "RESTRICTED";
    htOwner: string;
    partnerContact: string;
    protocolNumber: string | null;
    protocolDate: Date | null;
    needsBoardApproval: boolean;
    details: string;
    partnersLabel: string;
    unitsLabel: string;
    createdAt: Date;
    updatedAt: Date;
  };
  parties: PartyRow[];
  history: HistoryRow[];
  /** Links from this agreement, `to` as an index into the built list. */
  links: { type: LinkType; to: number; note: string }[];
  researchLineIds: string[];
  /** The board's approval, when the agreement went to the board. */
  boardApproval: Date | null;
}

export interface BuiltDemo {
  agreements: BuiltAgreement[];
  /** Last reference number handed out, per year. */
  counters: Map<number, number>;
}

// ---------------------------------------------------------------------------
// Lifecycle

const SIGNED: AgreementStatus[] = ["ACTIVE", "EXPIRED", "TERMINATED", "SUPERSEDED"];
const OPEN_PATH: AgreementStatus[] = ["DRAFT", "NEGOTIATION", "LEGAL_REVIEW", "AWAITING_SIGNATURE"];
const isSigned = (s: AgreementStatus) => SIGNED.includes(s);

/** Days from registration to signature, by kind. */
const NEGOTIATION_DAYS: Partial<Record<AgreementKind, [number, number]>> = {
  NDA: [10, 35],
  MTA: [20, 70],
  AFFILIATION: [30, 90],
  SERVICE: [30, 90],
  FRAMEWORK: [100, 240],
  CONSORTIUM: [90, 200],
  JOINT_LAB: [100, 220],
};
const DEFAULT_NEGOTIATION: [number, number] = [45, 160];

/** Where each open step falls between registration and signature (fractions). */
const STEP_AT: Record<string, [number, number]> = {
  NEGOTIATION: [0.08, 0.22],
  LEGAL_REVIEW: [0.45, 0.65],
  AWAITING_SIGNATURE: [0.78, 0.9],
};

const RESTRICTED_KINDS: AgreementKind[] = ["NDA", "DATA_SHARING"];

// ---------------------------------------------------------------------------
// Comments on status changes

interface CommentContext {
  rng: Rng;
  spec: Spec;
  partner: string;
  protocol: string | null;
  signature: Date | null;
  board: Date | null;
  successor: string | null;
}

const fmt = (d: Date) => d.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

const COMMENTS: Record<AgreementStatus, (c: CommentContext) => string> = {
  DRAFT: ({ rng, spec, partner }) =>
    rng.pick([
      `Registered by ${spec.owner}`,
      `Draft prepared on ${partner}'s template`,
      "Draft prepared from the HT standard template",
      `Request received from the ${spec.kind === "SERVICE" ? "facility" : "principal investigator"}; file opened`,
    ]),
  NEGOTIATION: ({ rng, spec, partner }) =>
    spec.kind === "DATA_SHARING"
      ? rng.pick([`Draft sent to ${partner}'s data protection officer`, `GDPR roles under discussion with ${partner}`])
      : rng.pick([
        `Draft sent to ${partner}`,
        `First round of comments received from ${partner}`,
        "Negotiation opened on IP and publication clauses",
      ]),
  LEGAL_REVIEW: ({ rng, spec }) =>
    spec.kind === "DATA_SHARING"
      ? "Legal and DPO review of GDPR clauses; DPIA updated"
      : rng.pick(["Sent to Legal for review", "Legal review of liability and IP clauses", "Text agreed in principle; Legal checking the final draft"]),
  AWAITING_SIGNATURE: ({ rng, board }) =>
    board
      ? `Approved by the Board of Directors on ${fmt(board)}; sent for digital signature`
      : rng.pick(["Final text agreed; sent for digital signature", "Final version circulated to the signatories"]),
  ACTIVE: ({ protocol, signature }) =>
    `Signed by all parties, last signature on ${fmt(signature!)}; registered under protocol ${protocol}`,
  EXPIRED: ({ rng }) => rng.pick(["Reached its end date", "Expired at the end of its term; no renewal requested"]),
  TERMINATED: ({ spec }) => spec.terminated?.reason ?? "Terminated early",
  SUPERSEDED: ({ successor }) => `Superseded by ${successor}`,
};

// ---------------------------------------------------------------------------
// Dates

interface Term {
  registered: Date;
  signature: Date | null;
  start: Date | null;
  end: Date | null;
  terminatedOn: Date | null;
}

const lastDayBefore = (d: Date, months: number) => addDays(addMonths(d, months), -1);

function parentOf(spec: Spec): { type: LinkType; to: string } | undefined {
  return spec.links?.find((l) => l.type === "IMPLEMENTS" || l.type === "AMENDS");
}

function resolveTerm(spec: Spec, today: Date, rng: Rng, termOf: (key: string) => Term): Term {
  const w = spec.when;
  const parent = parentOf(spec);
  const parentTerm = parent ? termOf(parent.to) : undefined;
  const clamp = (start: Date | null, end: Date | null) => ({
    start: start && parentTerm?.start ? maxDate(start, parentTerm.start) : start,
    end: end && parentTerm?.end ? minDate(end, parentTerm.end) : end,
  });

  if ("opened" in w) {
    if (isSigned(spec.status)) throw new Error(`"${spec.title}": a ${spec.status} agreement needs signed dates`);
    const start = w.startsIn !== undefined ? firstOfMonth(today, w.startsIn) : null;
    const end = start && w.months ? lastDayBefore(start, w.months) : null;
    return { registered: addDays(today, -w.opened), signature: null, terminatedOn: null, ...clamp(start, end) };
  }
  if (!isSigned(spec.status)) throw new Error(`"${spec.title}": a ${spec.status} agreement needs { opened }`);

  let start: Date;
  let end: Date | null;
  if ("start" in w) {
    start = addDays(firstOfMonth(today, w.start), rng.int(0, 27));
    end = lastDayBefore(start, w.months);
  } else if ("endsIn" in w) {
    end = addDays(today, w.endsIn);
    start = addMonths(addDays(end, 1), -w.months);
  } else if ("after" in w) {
    const previous = termOf(w.after);
    if (!previous.end) throw new Error(`"${spec.title}": ${w.after} has no end date to follow`);
    start = addDays(previous.end, 1);
    end = lastDayBefore(start, w.months);
  } else {
    const base = termOf(w.of);
    if (!base.start) throw new Error(`"${spec.title}": ${w.of} has no start date`);
    start = addDays(addMonths(base.start, w.offset), rng.int(0, 10));
    end = w.months ? lastDayBefore(start, w.months) : base.end;
  }
  const term = clamp(start, end);
  start = term.start!;
  end = term.end;

  let signature = minDate(workingDay(addDays(start, -rng.int(0, 20))), today);
  if (parentTerm?.signature && signature <= parentTerm.signature) signature = addDays(parentTerm.signature, rng.int(3, 10));
  const [lo, hi] = NEGOTIATION_DAYS[spec.kind] ?? DEFAULT_NEGOTIATION;
  const registered = addDays(signature, -rng.int(lo, hi));

  let terminatedOn: Date | null = null;
  if (spec.terminated) {
    terminatedOn = addDays(addMonths(start, spec.terminated.after), rng.int(0, 20));
    terminatedOn = minDate(terminatedOn, addDays(today, -5));
    if (end) terminatedOn = minDate(terminatedOn, addDays(end, -1));
  }
  return { registered, signature, start, end, terminatedOn };
}

/**
 * Dates for the pre-signature steps, on working days, never going backwards,
 * between registration (`from`) and `to`. For a signed agreement `to` is the
 * signature and each step falls at its usual point of the negotiation
 * (STEP_AT); for one still open, `to` is a few days ago and the steps
 * reached so far are spread evenly up to it.
 */
function openSteps(statuses: AgreementStatus[], from: Date, to: Date, rng: Rng, signed: boolean): Date[] {
  const span = Math.max(daysBetween(from, to), statuses.length);
  let previous = from;
  return statuses.map((status, i) => {
    if (i === 0) return from;
    const [lo, hi] = STEP_AT[status]!;
    const fraction = signed ? lo + rng.next() * (hi - lo) : (i - 0.3 + rng.next() * 0.6) / Math.max(statuses.length - 1, 1);
    let day = workingDay(addDays(from, Math.round(span * Math.min(fraction, 1))));
    day = minDate(maxDate(day, previous), to);
    previous = day;
    return day;
  });
}

// ---------------------------------------------------------------------------
// The builder

export function buildDemo(specs: Spec[], today: Date, lookups: Lookups): BuiltDemo {
  const rng = createRng(0x5eed_2024);
  const indexByKey = new Map<string, number>();
  specs.forEach((s, i) => {
    if (!s.key) return;
    if (indexByKey.has(s.key)) throw new Error(`Duplicate catalogue key ${s.key}`);
    indexByKey.set(s.key, i);
  });
  const indexOf = (key: string) => {
    const i = indexByKey.get(key);
    if (i === undefined) throw new Error(`Unknown catalogue key ${key}`);
    return i;
  };

  // 1. Terms, in catalogue order (an entry only refers to earlier ones).
  const terms: Term[] = [];
  specs.forEach((spec, i) => {
    terms.push(resolveTerm(spec, today, rng, (key) => {
      const j = indexOf(key);
      if (j >= i) throw new Error(`"${spec.title}" refers to ${key}, which comes later in the catalogue`);
      return terms[j]!;
    }));
  });

  // 2. References, numbered per year in order of registration.
  const order = specs.map((_, i) => i).sort((a, b) => terms[a]!.registered.getTime() - terms[b]!.registered.getTime() || a - b);
  const references: string[] = [];
  const counters = new Map<number, number>();
  for (const i of order) {
    const year = terms[i]!.registered.getUTCFullYear();
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    references[i] = formatReference(year, n);
  }

  // 3. Parties (amendments and renewals default to those of what they change).
  const partyRefs: PartyRef[][] = [];
  specs.forEach((spec, i) => {
    const inherited = spec.links?.[0] ? partyRefs[indexOf(spec.links[0].to)] : undefined;
    const refs = [...(spec.units ?? inherited?.filter((r) => r.side === "unit") ?? []),
      ...(spec.partners ?? inherited?.filter((r) => r.side === "partner") ?? [])];
    partyRefs[i] = refs.map((r) => ({ ...r, signedEarly: spec.status === "AWAITING_SIGNATURE" && r.signedEarly }));
  });

  // Who supersedes whom: the signed agreement that renews or amends it.
  const successorOf = new Map<number, number>();
  specs.forEach((spec, i) => {
    if (!isSigned(spec.status)) return;
    for (const link of spec.links ?? []) {
      if (link.type !== "IMPLEMENTS" && specs[indexOf(link.to)]!.status === "SUPERSEDED") successorOf.set(indexOf(link.to), i);
    }
  });

  const agreements = specs.map((spec, i): BuiltAgreement => {
    const term = terms[i]!;
    const refs = partyRefs[i]!;
    const unitRefs = refs.filter((r) => r.side === "unit");
    const partnerRefs = refs.filter((r) => r.side === "partner");
    const partners = partnerRefs.map((r) => partnerFor(r.ref, lookups, spec));
    const units = unitRefs.map((r) => unitFor(r.ref, lookups, spec));
    const otherContacts = rng.sample(PARTNER_PEOPLE.filter((name) => name !== spec.contact), partnerRefs.length);

    // History
    const signed = isSigned(spec.status);
    const openPath = signed ? OPEN_PATH : OPEN_PATH.slice(0, OPEN_PATH.indexOf(spec.status) + 1);
    const openUntil = signed ? term.signature! : addDays(today, -rng.int(2, 12));
    const openDates = openSteps(openPath, term.registered, maxDate(openUntil, term.registered), rng, signed);
    const awaitingOn = openDates[3] ?? null;
    const legalOn = openDates[2] ?? null;
    const board = spec.board && awaitingOn && legalOn
      ? maxDate(legalOn, workingDay(addDays(awaitingOn, -rng.int(2, 9))))
      : null;
    const protocol = signed
      ? `PG/${term.signature!.getUTCFullYear()}/${String(dayOfYear(term.signature!) * 24 + rng.int(0, 23)).padStart(6, "0")}`
      : null;
    const successorIndex = successorOf.get(i);
    const context: CommentContext = {
      rng, spec, partner: shortPartner(partnerRefs[0]!.ref), protocol, signature: term.signature, board,
      successor: successorIndex === undefined ? null : `${references[successorIndex]} (${specs[successorIndex]!.title})`,
    };

    const steps: [AgreementStatus, Date][] = openPath.map((s, k) => [s, openDates[k]!]);
    if (signed) {
      steps.push(["ACTIVE", maxDate(term.start!, term.signature!)]);
      if (spec.status === "EXPIRED") steps.push(["EXPIRED", addDays(term.end!, 1)]);
      if (spec.status === "TERMINATED") steps.push(["TERMINATED", term.terminatedOn!]);
      if (spec.status === "SUPERSEDED") {
        if (successorIndex === undefined) throw new Error(`"${spec.title}" is SUPERSEDED but nothing renews or amends it`);
        steps.push(["SUPERSEDED", maxDate(terms[successorIndex]!.start!, addDays(term.end!, 1))]);
      }
    }
    const history = steps.map(([to, on], k): HistoryRow => ({
      fromStatus: k === 0 ? null : steps[k - 1]![0],
      toStatus: to,
      effectiveOn: on,
      comment: COMMENTS[to](context),
      createdAt: new Date(on.getTime() + rng.int(8 * 60, 18 * 60) * 60_000),
    }));

    const details: Record<string, unknown> = { ...spec.details };
    if (spec.kind === "DATA_SHARING" && details.dataDestructionDate === undefined) {
      details.dataDestructionDate = isoDay(addMonths(term.end ?? addMonths(today, 36), 6));
    }
    const parsed = detailsSchemaFor(spec.kind).safeParse(details);
    if (!parsed.success) {
      throw new Error(`"${spec.title}": details do not fit ${spec.kind}: ${parsed.error.issues.map((x) => `${x.path.join(".")} ${x.message}`).join("; ")}`);
    }

    const built: BuiltAgreement = {
      row: {
        reference: references[i]!,
        title: spec.title,
        kind: spec.kind,
        status: spec.status,
        summary: spec.summary,
        signatureDate: term.signature,
        startDate: term.start,
        endDate: term.end,
        renewalType: spec.renewal?.type ?? "NONE",
        noticePeriodDays: spec.renewal?.noticeDays ?? null,
        noticeDeadline: noticeDeadline({ endDate: term.end, renewalType: spec.renewal?.type ?? "NONE", noticePeriodDays: spec.renewal?.noticeDays ?? null }),
        valueCents: spec.value ? BigInt(Math.round(spec.value.eur * 100)) : null,
        valueDirection: spec.value?.dir ?? "NONE",
        confidentiality: (spec.restricted ?? RESTRICTED_KINDS.includes(spec.kind)) ? "RESTRICTED" : "INTERNAL",
        htOwner: spec.owner,
        partnerContact: spec.contact,
        protocolNumber: protocol,
        protocolDate: protocol ? term.signature : null,
        needsBoardApproval: Boolean(spec.board),
        details: JSON.stringify(parsed.data),
        partnersLabel: partyLabel(partners.map(partnerDisplayName)),
        unitsLabel: partyLabel(units.map((x) => x.name)),
        createdAt: history[0]!.createdAt,
        updatedAt: history[history.length - 1]!.createdAt,
      },
      parties: [
        ...unitRefs.map((r, k) => ({
          unitId: units[k]!.id, partnerId: null, role: r.role,
          contactName: contactForUnit(r.ref), contactEmail: `${mailbox(contactForUnit(r.ref))}@fht.org`,
          gdprRole: r.gdpr ?? null, ...signatureOf(k === 0, r, spec.status, term, awaitingOn, today, rng),
        })),
        ...partnerRefs.map((r, k) => {
          const name = k === 0 ? spec.contact : otherContacts[k - 1]!;
          const domain = partners[k]!.emailDomain;
          return {
            unitId: null, partnerId: partners[k]!.id, role: r.role,
            contactName: name, contactEmail: domain ? `${mailbox(name)}@${domain}` : "",
            gdprRole: r.gdpr ?? null, ...signatureOf(false, r, spec.status, term, awaitingOn, today, rng),
          };
        }),
      ],
      history,
      boardApproval: board,
      links: (spec.links ?? []).map((l) => ({ type: l.type, to: indexOf(l.to), note: l.note ?? "" })),
      researchLineIds: (spec.lines ?? []).map((line) => {
        const id = lookups.researchLines.get(line);
        if (!id) throw new Error(`"${spec.title}": unknown research line ${line}`);
        return id;
      }),
    };
    checkAgreement(built, spec, specs, terms, today);
    return built;
  });

  checkCoverage(agreements, today);
  return { agreements, counters };
}

function partnerFor(key: string, lookups: Lookups, spec: Spec) {
  const name = PARTNER_NAME_BY_KEY[key] ?? key;
  const partner = lookups.partnersByName.get(name);
  if (!partner) throw new Error(`"${spec.title}": unknown partner ${key}`);
  return partner;
}

function unitFor(code: string, lookups: Lookups, spec: Spec) {
  const unit = lookups.unitsByCode.get(code);
  if (!unit) throw new Error(`"${spec.title}": unknown unit ${code}`);
  return unit;
}

function contactForUnit(code: string): string {
  return UNIT_CONTACTS[code] ?? "";
}

/**
 * Signed agreements: every party signed, the first HT unit last (its date is
 * the agreement's signature date). Awaiting signature: the parties marked as
 * having signed early.
 */
function signatureOf(
  signsLast: boolean, ref: PartyRef, status: AgreementStatus, term: Term, awaitingOn: Date | null, today: Date, rng: Rng,
): Pick<PartyRow, "signatureStatus" | "signedAt"> {
  if (isSigned(status)) {
    const signedAt = signsLast ? term.signature! : minDate(workingDay(addDays(term.signature!, -rng.int(1, 12))), term.signature!);
    return { signatureStatus: "SIGNED", signedAt };
  }
  if (ref.signedEarly && awaitingOn) {
    const signedAt = workingDay(addDays(awaitingOn, rng.int(0, Math.max(daysBetween(awaitingOn, today) - 1, 0))));
    return { signatureStatus: "SIGNED", signedAt: minDate(signedAt, today) };
  }
  return { signatureStatus: "PENDING", signedAt: null };
}

function dayOfYear(d: Date): number {
  return daysBetween(new Date(Date.UTC(d.getUTCFullYear(), 0, 1)), d) + 1;
}

// ---------------------------------------------------------------------------
// Coherence checks: a mistake in the catalogue fails the seed loudly.

function checkAgreement(a: BuiltAgreement, spec: Spec, specs: Spec[], terms: Term[], today: Date) {
  const fail = (why: string) => {
    throw new Error(`Demo agreement "${spec.title}" (${spec.status}): ${why}`);
  };
  const { startDate: start, endDate: end, status } = a.row;
  if (!a.parties.some((x) => x.unitId) || !a.parties.some((x) => x.partnerId)) fail("needs an HT unit and a partner");
  if (status === "ACTIVE" && (!start || start > today || (end && end < today))) fail("active but not running today");
  if ((status === "EXPIRED" || status === "SUPERSEDED") && (!end || end >= today)) fail("should have ended before today");
  if (spec.kind === "DATA_SHARING" && a.parties.some((x) => !x.gdprRole)) fail("every party of a DTA needs a GDPR role");
  if (spec.kind === "IMPLEMENTING") {
    const link = a.links.find((l) => l.type === "IMPLEMENTS");
    if (!link || specs[link.to]!.kind !== "FRAMEWORK") fail("must implement a framework");
    const fw = terms[link!.to]!;
    if (start && fw.start && start < fw.start) fail("starts before its framework");
    if (end && fw.end && end > fw.end) fail("ends after its framework");
  }
  if (spec.kind === "AMENDMENT" && !a.links.some((l) => l.type === "AMENDS")) fail("an amendment must amend something");
  a.history.forEach((h, k) => {
    if (h.effectiveOn > today) fail(`status change to ${h.toStatus} is in the future`);
    if (k > 0 && h.effectiveOn < a.history[k - 1]!.effectiveOn) fail("status history goes backwards");
  });
  if (a.history[a.history.length - 1]!.toStatus !== status) fail("history does not end in the current status");
}

function checkCoverage(agreements: BuiltAgreement[], today: Date) {
  const kinds = new Set(agreements.map((a) => a.row.kind));
  const statuses = new Set(agreements.map((a) => a.row.status));
  const missingKinds = AGREEMENT_KINDS.values.filter((k) => !kinds.has(k));
  const missingStatuses = AGREEMENT_STATUSES.values.filter((s) => !statuses.has(s));
  if (missingKinds.length || missingStatuses.length) {
    throw new Error(`Demo data misses kinds [${missingKinds}] / statuses [${missingStatuses}]`);
  }
  const soon = addDays(today, 60);
  const expiring = agreements.filter((a) => a.row.status === "ACTIVE" && a.row.endDate && a.row.endDate <= soon).length;
  if (expiring < 6) throw new Error(`Only ${expiring} active agreements end within 60 days; the demo needs at least 6`);
  const references = new Set(agreements.map((a) => a.row.reference));
  if (references.size !== agreements.length) throw new Error("Duplicate demo references");
}

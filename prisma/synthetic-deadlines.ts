/**
 * The deadline side of the synthetic database (prisma/synthetic.ts): office
 * accounts who own agreements and answer for obligations, obligations of
 * every kind and schedule (by default four per agreement), and watchers of
 * agreements and HT units. Deterministic: the same PRNG stream, and a fixed
 * "kept up until" day (OBLIGATIONS_DONE_UNTIL) instead of the clock: past
 * occurrences are done up to it, except a few left overdue.
 */
import { nextOccurrence, occurrences, type ObligationKind } from "../app/domain/obligations";

export const SYNTHETIC_USERS = 300;
/** Occurrences before this day are mostly done, as if the office kept up until the benchmarks' month. */
export const OBLIGATIONS_DONE_UNTIL = Date.UTC(2026, 10, 27);

const DAY = 86_400_000;

interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  skewed(n: number, power?: number): number;
}

export interface SyntheticUser { id: string; email: string; name: string; role: string }

export function makeUsers(count: number, personName: () => string): SyntheticUser[] {
  return Array.from({ length: count }, (_, i) => {
    const name = personName();
    return {
      id: `syn_usr_${String(i + 1).padStart(4, "0")}`,
      email: `user${i + 1}@synthetic.invalid`,
      name,
      role: i % 10 === 9 ? "VIEWER" : i % 25 === 0 ? "ADMIN" : "EDITOR",
    };
  });
}

interface AgreementLike { id: string; kind: string; start: number | null; end: number | null; parties: { unit?: { id: string }; partner?: { id: string } }[] }

const KIND_FOR: Record<string, ObligationKind[]> = {
  DATA_SHARING: ["DATA_DESTRUCTION", "REPORT"], NDA: ["CONFIDENTIALITY_ENDS"], FRAMEWORK: ["COMMITTEE_MEETING", "REPORT"],
  CONSORTIUM: ["COMMITTEE_MEETING", "DELIVERABLE", "PAYMENT_EXPECTED"], SERVICE: ["PAYMENT_EXPECTED"], JOINT_LAB: ["PAYMENT_DUE", "REPORT"],
};
const DEFAULT_KINDS: ObligationKind[] = ["REPORT", "DELIVERABLE", "PAYMENT_DUE", "PAYMENT_EXPECTED", "OTHER"];
const TITLES: Record<ObligationKind, string> = {
  REPORT: "Annual scientific report", DELIVERABLE: "Deliverable to the partner", PAYMENT_DUE: "Instalment due to the partner",
  PAYMENT_EXPECTED: "Instalment expected from the partner", DATA_DESTRUCTION: "Destroy the transferred data", CONFIDENTIALITY_ENDS: "Confidentiality obligations end",
  COMMITTEE_MEETING: "Steering committee meeting", OTHER: "Other obligation",
};

export type ObligationRow = {
  id: string; agreementId: string; kind: string; title: string; schedule: string; dueDate: number | null; intervalMonths: number | null;
  daysBeforeEnd: number | null; responsibleId: string | null; unitId: string | null; partnerId: string | null; status: string;
  completedThrough: number | null; doneOn: number | null; nextDueDate: number | null;
};

function one(rng: Rng, a: AgreementLike, id: string, users: SyntheticUser[]): ObligationRow {
  const kind = rng.pick(KIND_FOR[a.kind] ?? DEFAULT_KINDS);
  const r = rng.next();
  const schedule = a.start !== null && r < 0.35 ? "EVERY_MONTHS" : a.end !== null && r < 0.5 ? "BEFORE_END" : "DATE";
  const base = a.start ?? a.end ?? OBLIGATIONS_DONE_UNTIL;
  const timing = {
    schedule,
    dueDate: schedule === "DATE" ? new Date(base + rng.int(30, 1500) * DAY) : null,
    intervalMonths: schedule === "EVERY_MONTHS" ? rng.pick([6, 12, 12, 12]) : null,
    daysBeforeEnd: schedule === "BEFORE_END" ? rng.pick([30, 60, 90]) : null,
  };
  const term = { startDate: a.start === null ? null : new Date(a.start), endDate: a.end === null ? null : new Date(a.end) };
  const all = occurrences(timing, term, 60);
  const past = all.filter((d) => d.getTime() < OBLIGATIONS_DONE_UNTIL);
  const overdue = past.length > 0 && rng.chance(0.04);
  const through = overdue ? past[past.length - 2] ?? null : past[past.length - 1] ?? null;
  const finished = all.length > 0 && through !== null && through.getTime() === all[all.length - 1]!.getTime();
  const status = finished ? "DONE" : rng.chance(0.01) ? "WAIVED" : "OPEN";
  const party = a.parties.length ? rng.pick(a.parties) : undefined;
  const next = nextOccurrence({ ...timing, status, completedThrough: through }, term);
  return {
    id, agreementId: a.id, kind, title: TITLES[kind], schedule, dueDate: timing.dueDate?.getTime() ?? null,
    intervalMonths: timing.intervalMonths, daysBeforeEnd: timing.daysBeforeEnd,
    responsibleId: rng.chance(0.3) ? users[rng.skewed(users.length, 1.5)]!.id : null,
    unitId: party?.unit?.id ?? null, partnerId: party?.unit ? null : party?.partner?.id ?? null,
    status, completedThrough: through?.getTime() ?? null, doneOn: finished ? through!.getTime() + rng.int(-10, 20) * DAY : null,
    nextDueDate: next?.getTime() ?? null,
  };
}

/** `count` obligations spread over the agreements (busy kinds get more). */
export function makeObligations(rng: Rng, agreements: AgreementLike[], count: number, users: SyntheticUser[]): ObligationRow[] {
  const out: ObligationRow[] = [];
  for (let i = 0; i < count && agreements.length; i++) {
    const a = i < agreements.length ? agreements[i]! : agreements[rng.int(0, agreements.length - 1)]!;
    out.push(one(rng, a, `syn_ob_${String(i + 1).padStart(7, "0")}`, users));
  }
  return out;
}

/** Watches: a tenth of the people follow an HT unit, and a few agreements each. */
export function makeWatches(rng: Rng, users: SyntheticUser[], unitIds: string[], agreementIds: string[]) {
  const rows: { id: string; userId: string; agreementId: string | null; unitId: string | null }[] = [];
  const seen = new Set<string>();
  for (const u of users) {
    if (rng.chance(0.1) && unitIds.length) {
      const unitId = rng.pick(unitIds);
      if (!seen.has(`${u.id}|u|${unitId}`)) rows.push({ id: `syn_w_${rows.length + 1}`, userId: u.id, agreementId: null, unitId });
      seen.add(`${u.id}|u|${unitId}`);
    }
    for (let k = rng.int(0, 6); k > 0; k--) {
      const agreementId = rng.pick(agreementIds);
      if (seen.has(`${u.id}|a|${agreementId}`)) continue;
      seen.add(`${u.id}|a|${agreementId}`);
      rows.push({ id: `syn_w_${rows.length + 1}`, userId: u.id, agreementId, unitId: null });
    }
  }
  return rows;
}

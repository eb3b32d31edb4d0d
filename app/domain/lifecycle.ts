/**
 * An agreement's lifecycle: the statuses it moves through, the moves allowed
 * between them, what the words "effective", "signed" and "in force" mean,
 * and the labels of the buttons that move it. Pure; shared by the server,
 * the pages and the map.
 */
import { AGREEMENT_STATUSES, type AgreementStatus } from "./vocabulary";

/**
 * The status a person should see: an Active agreement whose end date has
 * passed is Expired, whether or not anyone has recorded it yet. The end and
 * today are dates (or ISO strings), or both day numbers (days since
 * 1970-01-01, as the map's index keeps them).
 */
export function effectiveStatus(status: string, endDate: Date | string | null | undefined, today: Date): AgreementStatus;
export function effectiveStatus(status: string, endDay: number | null, todayDay: number): AgreementStatus;
export function effectiveStatus(status: string, end: Date | string | number | null | undefined, today: Date | number): AgreementStatus {
  if (status !== "ACTIVE" || end === null || end === undefined || end === "") return status as AgreementStatus;
  const endValue = typeof end === "number" ? end : typeof end === "string" ? Date.parse(end) : end.getTime();
  const todayValue = typeof today === "number" ? today : today.getTime();
  return endValue < todayValue ? "EXPIRED" : "ACTIVE";
}

export const OPEN_STATUSES: AgreementStatus[] = [
  "DRAFT", "NEGOTIATION", "LEGAL_REVIEW", "AWAITING_SIGNATURE",
];

/**
 * The moves the lifecycle allows from each stored status. Before signature a
 * step may be taken back, and a negotiation may be abandoned (Terminated).
 */
export const TRANSITIONS: Record<AgreementStatus, readonly AgreementStatus[]> = {
  DRAFT: ["NEGOTIATION", "TERMINATED"],
  NEGOTIATION: ["LEGAL_REVIEW", "DRAFT", "TERMINATED"],
  LEGAL_REVIEW: ["AWAITING_SIGNATURE", "NEGOTIATION", "TERMINATED"],
  AWAITING_SIGNATURE: ["ACTIVE", "LEGAL_REVIEW", "TERMINATED"],
  ACTIVE: ["EXPIRED", "TERMINATED", "SUPERSEDED"],
  EXPIRED: ["SUPERSEDED"],
  TERMINATED: [],
  SUPERSEDED: [],
};

export function canMove(from: string, to: string): boolean {
  return (TRANSITIONS[from as AgreementStatus] ?? []).includes(to as AgreementStatus);
}

/** The way to signature, step by step. */
export const ORDER: AgreementStatus[] = ["DRAFT", "NEGOTIATION", "LEGAL_REVIEW", "AWAITING_SIGNATURE", "ACTIVE"];

/**
 * The statuses a move from `from` to `to` passes through, `to` included:
 * one step where the lifecycle allows it directly, several steps forward
 * along the way to signature (Draft -> Awaiting signature records
 * negotiation and legal review too). Null when no path is allowed.
 */
export function pathTo(from: string, to: string): AgreementStatus[] | null {
  if (canMove(from, to)) return [to as AgreementStatus];
  const i = ORDER.indexOf(from as AgreementStatus);
  const j = ORDER.indexOf(to as AgreementStatus);
  if (i < 0 || j <= i + 1) return null;
  const path = ORDER.slice(i + 1, j + 1);
  return path.every((step, k) => canMove(k === 0 ? from : path[k - 1]!, step)) ? path : null;
}

export interface Move {
  to: AgreementStatus;
  /** Every status the move records, `to` last. */
  path: AgreementStatus[];
  /** forward: towards signature; back: a step back; end: terminate, expire, supersede. */
  direction: "forward" | "back" | "end";
}

/** The moves the agreement page offers from `status`: the next step first, then further steps, back, and the ends. */
export function movesFrom(status: string): Move[] {
  const moves: Move[] = [];
  const i = ORDER.indexOf(status as AgreementStatus);
  for (const to of i >= 0 ? ORDER.slice(i + 1) : []) {
    const path = pathTo(status, to);
    if (path) moves.push({ to, path, direction: "forward" });
  }
  for (const to of TRANSITIONS[status as AgreementStatus] ?? []) {
    if (moves.some((m) => m.to === to)) continue;
    const back = ORDER.indexOf(to) >= 0 && ORDER.indexOf(to) < i;
    moves.push({ to, path: [to], direction: back ? "back" : "end" });
  }
  return moves;
}

/** The words on the button for a move, e.g. "Send to legal review", "Back to negotiation". */
export function moveLabel(from: string, to: AgreementStatus): string {
  const back = ORDER.indexOf(to) >= 0 && ORDER.indexOf(to) < ORDER.indexOf(from as AgreementStatus);
  if (back) return `Back to ${shortLabel(to)}`;
  if (to === "TERMINATED") return from === "ACTIVE" ? "Terminate" : "Abandon (terminate)";
  if (to === "ACTIVE") return "Activate (signed)";
  if (to === "EXPIRED") return "Record as expired";
  if (to === "SUPERSEDED") return "Mark superseded";
  return `Move to ${shortLabel(to)}`;
}

/** "In negotiation" reads "negotiation" after "Move to" / "Back to". */
const shortLabel = (s: AgreementStatus) => AGREEMENT_STATUSES.label(s).replace(/^In /, "").toLowerCase();

/** Statuses in which an agreement has been signed by everyone. */
export const SIGNED_STATUSES: AgreementStatus[] = ["ACTIVE", "EXPIRED", "SUPERSEDED"];

/**
 * Whether an agreement was ever in force: it is in a signed status, or it
 * was terminated after its signature (a negotiation abandoned before
 * signature never was). The map's "in force on a day", the first
 * collaboration dates and the lists all use this one meaning.
 */
export function wasInForce(agreement: { status: string; signatureDate: unknown }): boolean {
  if (SIGNED_STATUSES.includes(agreement.status as AgreementStatus)) return true;
  return agreement.status === "TERMINATED" && agreement.signatureDate !== null && agreement.signatureDate !== undefined;
}

/**
 * The shape of one demo agreement as written in the catalogue. Dates are not
 * written out: they are expressed relative to `today` (or to another
 * agreement) and resolved by demo-build.ts, so the demo stays current.
 */
import type { AgreementKind, AgreementStatus, LinkType, PartyRole } from "../../app/domain/vocabulary";

export type GdprRole = "INDEPENDENT_CONTROLLER" | "JOINT_CONTROLLER" | "PROCESSOR";

export interface PartyRef {
  /** Unit.code for an HT unit, or a partner key (see PARTNER_NAME_BY_KEY). */
  ref: string;
  side: "unit" | "partner";
  role: PartyRole;
  gdpr?: GdprRole;
  /** For AWAITING_SIGNATURE: this party has already signed. */
  signedEarly?: boolean;
}

export const u = (code: string, role: PartyRole, gdpr?: GdprRole): PartyRef => ({ ref: code, side: "unit", role, gdpr });
export const p = (key: string, role: PartyRole, gdpr?: GdprRole): PartyRef => ({ ref: key, side: "partner", role, gdpr });
/** A partner that has already signed an agreement awaiting signature. */
export const pSigned = (key: string, role: PartyRole, gdpr?: GdprRole): PartyRef => ({ ...p(key, role, gdpr), signedEarly: true });

/**
 * When the agreement runs. Month offsets count from the first of the current
 * month; a deterministic day of the month is added.
 */
export type When =
  /** Signed: starts `start` months from now and lasts `months`. */
  | { start: number; months: number }
  /** Signed: ends `endsIn` days from today, having lasted `months`. */
  | { endsIn: number; months: number }
  /** Signed: starts the day after agreement `after` ends (a renewal). */
  | { after: string; months: number }
  /** Signed: starts `offset` months into agreement `of`; lasts `months`, or until `of` ends. */
  | { of: string; offset: number; months?: number }
  /** Not yet signed: registered `opened` days ago; planned to start in `startsIn` months for `months`. */
  | { opened: number; startsIn?: number; months?: number };

export interface Spec {
  /** Handle for links between catalogue entries. */
  key?: string;
  kind: AgreementKind;
  status: AgreementStatus;
  title: string;
  summary: string;
  /** Defaults to the parties of the first linked agreement (amendments, renewals). */
  units?: PartyRef[];
  partners?: PartyRef[];
  when: When;
  value?: { eur: number; dir: "HT_PAYS" | "HT_RECEIVES" };
  renewal?: { type: "EXPRESS" | "TACIT"; noticeDays: number };
  restricted?: boolean;
  /** Approved by the Board of Directors before signature. */
  board?: boolean;
  owner: string;
  contact: string;
  /** Kind-specific fields; a DATA_SHARING dataDestructionDate is filled from the end date when absent. */
  details: Record<string, string | number | boolean>;
  links?: { type: LinkType; to: string; note?: string }[];
  /** "CENTRE/Research line name". */
  lines?: string[];
  /** For TERMINATED: months after the start, and why. */
  terminated?: { after: number; reason: string };
}

import type { AgreementStatus } from "./vocabulary";

/**
 * The status a person should see: an Active agreement whose end date has
 * passed is Expired, whether or not anyone has recorded it yet.
 */
export function effectiveStatus(
  status: string,
  endDate: Date | string | null | undefined,
  today: Date,
): AgreementStatus {
  if (status === "ACTIVE" && endDate && new Date(endDate) < today) return "EXPIRED";
  return status as AgreementStatus;
}

export const OPEN_STATUSES: AgreementStatus[] = [
  "DRAFT", "NEGOTIATION", "LEGAL_REVIEW", "AWAITING_SIGNATURE",
];

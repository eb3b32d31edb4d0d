/**
 * Approvals and registration of an agreement: the bodies that decide, the
 * forms' schemas (shared by the browser and the server), and the lifecycle
 * rule that an agreement configured to need the board's approval cannot go
 * to "Awaiting signature" without one.
 */
import { z } from "zod";
import { parseDay } from "./dates";
import { labels } from "./vocabulary";

export const APPROVAL_BODIES = labels({
  BOARD: "Board of directors",
  SCIENTIFIC_DIRECTOR: "Scientific director",
  CENTRE_HEAD: "Centre head",
  LEGAL_OFFICE: "Legal office",
  OTHER: "Other",
});
export type ApprovalBody = (typeof APPROVAL_BODIES.values)[number];

const day = (required: string) =>
  z.string({ required_error: required }).refine((v) => parseDay(v) !== undefined, "Enter a real date (YYYY-MM-DD)");

export const ApprovalSchema = z
  .object({
    body: z.enum(APPROVAL_BODIES.values, { errorMap: () => ({ message: "Choose who decided" }) }),
    bodyName: z.string().trim().max(200, "At most 200 characters").optional(),
    decisionDate: day("Enter the date of the decision"),
    resolutionNumber: z.string().trim().max(100, "At most 100 characters").optional(),
    documentId: z.string().max(64).optional(),
    note: z.string().trim().max(1000, "At most 1000 characters").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.body === "OTHER" && !v.bodyName) ctx.addIssue({ code: "custom", path: ["bodyName"], message: "Say which body decided" });
  });
export type ApprovalValue = z.output<typeof ApprovalSchema>;

export const RegistrationSchema = z.object({
  version: z.number().int().min(1),
  protocolNumber: z
    .string({ required_error: "Enter the protocol number" })
    .trim()
    .min(1, "Enter the protocol number")
    .max(100, "At most 100 characters"),
  protocolDate: day("Enter the date of registration"),
});
export type RegistrationValue = z.output<typeof RegistrationSchema>;

/** "Board of directors", or the name typed for another body. */
export function approvalBodyLabel(a: { body: string; bodyName: string }): string {
  return a.body === "OTHER" && a.bodyName ? a.bodyName : APPROVAL_BODIES.label(a.body);
}

/**
 * Why the lifecycle refuses to move to `to`, given the approvals recorded,
 * or null when it may. Only "Awaiting signature" waits for the board.
 */
export function approvalBlocks(
  agreement: { needsBoardApproval: boolean },
  approvals: { body: string }[],
  to: string,
): string | null {
  if (to !== "AWAITING_SIGNATURE" || !agreement.needsBoardApproval) return null;
  if (approvals.some((a) => a.body === "BOARD")) return null;
  return "This agreement needs the board of directors' approval before it goes for signature: record the approval first.";
}

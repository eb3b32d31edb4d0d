/** What the audit trail records: the kinds of record and of change. */
export const AUDIT_ENTITIES = [
  "Agreement", "AgreementParty", "AgreementLink", "Partner", "Unit", "ResearchLine", "User", "MapLayout", "Document", "Approval",
  "Obligation", "Watch", "DeadlineResolution", "MapView", "Import", "ImportTemplate", "ApiToken",
] as const;
export const AUDIT_ACTIONS = ["CREATE", "UPDATE", "DELETE", "STATUS_CHANGE", "ARCHIVE", "RESTORE", "MERGE", "COMPLETE", "WAIVE", "REOPEN", "IMPORT", "UNDO", "USE"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_PAGE_SIZE = 50;

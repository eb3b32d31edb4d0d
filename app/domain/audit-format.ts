/**
 * The audit trail in the words of the pages: each recorded field with its
 * label ("End", "Partner kind"), each value as the pages show it (statuses
 * and kinds by name, "2 Mar 2026", "€125,000.50 (HT pays)", "Yes"), the kind
 * of record and of change in plain words, and where the record lives. Pure;
 * applied on the server (app/models/audit.server.ts) so the page hydrates
 * the very same text. The raw JSON stays available behind "details".
 */
import { DETAIL_FIELDS } from "./agreement-details";
import { formatDay } from "./dates";
import { ROLE_LABELS, type Role } from "./permissions";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, PARTNER_KINDS, RENEWAL_TYPES, UNIT_KINDS, VALUE_DIRECTIONS,
} from "./vocabulary";
import type { AuditAction, AuditEntity } from "./audit";

export const AUDIT_ENTITY_LABELS: Record<AuditEntity, string> = {
  Agreement: "Agreement", AgreementParty: "Agreement party", AgreementLink: "Agreement link", Partner: "Partner",
  Unit: "HT unit", ResearchLine: "Research line", User: "Account", MapLayout: "Map arrangement", Document: "Document",
  Approval: "Approval", Obligation: "Obligation", Watch: "Watch", DeadlineResolution: "Deadline dealt with", ApiToken: "API token",
  MapView: "Map view",
  Import: "Import", ImportTemplate: "Import template",
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  CREATE: "create", UPDATE: "update", DELETE: "delete", STATUS_CHANGE: "status change", ARCHIVE: "archive", RESTORE: "restore", MERGE: "merge",
  COMPLETE: "done", WAIVE: "waived", REOPEN: "reopened", IMPORT: "import", UNDO: "undo", USE: "use",
};

const COMMON: Record<string, string> = {
  title: "Title", kind: "Kind", summary: "Summary", signatureDate: "Signature date", startDate: "Start", endDate: "End",
  renewal: "Renewal", value: "Value", confidentiality: "Confidentiality", htOwner: "HT owner", partnerContact: "Partner contact",
  protocolNumber: "Protocol number", protocolDate: "Registered on", needsBoardApproval: "Needs board approval",
  boardApprovalDate: "Board approval", details: "Specific terms", parties: "Parties",
  links: "Links", researchLines: "Research lines", status: "Status", effectiveOn: "Effective on", steps: "Steps",
  signaturesRecorded: "Signatures recorded", archivedAt: "Archived", reference: "Reference",
  name: "Name", acronym: "Acronym", city: "City", country: "Country", website: "Website", parent: "Part of", aliases: "Other names",
  scope: "Scope", expiresAt: "Expires", revokedAt: "Revoked", request: "Request", answer: "Answer",
  code: "Code", description: "Description", unit: "HT unit", email: "Email", role: "Role", active: "Account", passwordHash: "Password",
  positions: "Node positions", partyCount: "Parties", agreementIds: "Agreements", mergedInto: "Merged into",
  movedPartyCount: "Parties moved", movedAgreementIds: "Agreements moved", droppedDuplicateParties: "Duplicate parties dropped",
  reparentedSubUnits: "Sub-units moved",
  importBatch: "Import", sourceReference: "Source reference", fileName: "File", created: "Created", updated: "Updated",
  partnersCreated: "Partners created", aliasesAdded: "Other names added", columns: "Columns",
};

/** The labels of every kind's specific terms, by field name. */
const DETAIL_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(DETAIL_FIELDS).flat().map((f) => [f.name, f.label]),
);

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z)?$/.test(v);

/** "movedPartyCount" -> "Moved party count", for a field without a label of its own. */
const humanise = (key: string) => {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function detailsText(json: string): string {
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null && v !== "")
      .map(([k, v]) => `${DETAIL_LABELS[k] ?? humanise(k)}: ${v === true ? "Yes" : v === false ? "No" : isDay(String(v)) ? formatDay(String(v)) : String(v)}`)
      .join("; ");
  } catch {
    return json;
  }
}

/** "€1,250.00 HT_PAYS" (the agreement snapshot) -> "€1,250.00 (HT pays)"; "TACIT, 90 days' notice" -> "Tacit renewal, 90 days' notice". */
function snapshotText(field: string, value: string): string {
  if (field === "value") return value.replace(/ (NONE|HT_PAYS|HT_RECEIVES)$/, (_m, d: string) => ` (${VALUE_DIRECTIONS.label(d)})`);
  if (field === "renewal") return value.replace(/^(NONE|EXPRESS|TACIT)/, (d) => RENEWAL_TYPES.label(d));
  return value;
}

function listText(value: unknown[]): string {
  if (value.every((v) => typeof v === "string")) return value.length > 5 ? `${value.length} (${value.slice(0, 5).join(", ")}…)` : value.join(", ");
  const names = value.map((v) => (v && typeof v === "object" && "name" in v ? String((v as { name: unknown }).name) : null));
  return names.every(Boolean) ? names.join(", ") : `${value.length}`;
}

/** One recorded value as the pages show it. */
export function formatAuditValue(entity: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return field === "active" ? (value ? "Active" : "Deactivated") : value ? "Yes" : "No";
  if (Array.isArray(value)) return value.length ? listText(value) : "—";
  if (typeof value === "object") return "name" in value ? String((value as { name: unknown }).name) : JSON.stringify(value);
  const text = String(value);
  switch (field) {
    case "kind":
      return entity === "Partner" ? PARTNER_KINDS.label(text) : entity === "Unit" ? UNIT_KINDS.label(text) : AGREEMENT_KINDS.label(text);
    case "status":
      return AGREEMENT_STATUSES.label(text);
    case "confidentiality":
      return CONFIDENTIALITY.label(text);
    case "role":
      return entity === "User" ? ROLE_LABELS[text as Role] ?? text : text;
    case "details":
      return detailsText(text);
    case "passwordHash":
      return text === "(changed)" ? "changed" : "(not shown)";
  }
  if (isDay(text)) return formatDay(text);
  if (field === "archivedAt" && !Number.isNaN(Date.parse(text))) return formatDay(text.slice(0, 10));
  return snapshotText(field, text);
}

export interface ReadableChange {
  field: string;
  label: string;
  before?: string;
  after?: string;
}

/** The fields an event recorded, labelled, before and after, as the pages show them. */
export function readableChanges(entity: string, before: Record<string, unknown>, after: Record<string, unknown>): ReadableChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => ({
    field,
    label: COMMON[field] ?? humanise(field),
    ...(field in before ? { before: formatAuditValue(entity, field, before[field]) } : {}),
    ...(field in after ? { after: formatAuditValue(entity, field, after[field]) } : {}),
  }));
}

/** Where the record of an event lives, when it still does (deleted and merged-away records have no page). */
export function auditLink(event: { entity: string; entityId: string; action: string; agreementId: string | null }): string | null {
  if (event.action === "DELETE" || event.action === "MERGE") return null;
  switch (event.entity) {
    case "Agreement":
    case "AgreementParty":
    case "AgreementLink":
      return event.agreementId ? `/agreements/${event.agreementId}` : null;
    case "Partner":
      return `/partners/${event.entityId}`;
    case "Unit":
      return `/units/${event.entityId}`;
    case "User":
      return `/admin/users/${event.entityId}`;
    case "MapLayout":
      return "/map";
    case "MapView":
      return event.action === "DELETE" ? null : `/map-views/${event.entityId}`;
    case "Import":
      return `/import/${event.entityId}`;
    default:
      return null;
  }
}

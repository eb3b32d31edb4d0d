/**
 * Roles and what each may do. The server enforces these through
 * requirePermission() in every loader and action; the UI uses can() only to
 * hide what a role could not do anyway.
 */
export const ROLES = ["ADMIN", "EDITOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  EDITOR: "Editor (legal & partnership office)",
  VIEWER: "Viewer (leadership)",
};

export const PERMISSIONS = [
  /** Browse agreements, units, partners, the overview and the map. */
  "agreement:read",
  /** See the details of agreements marked restricted. */
  "agreement:read-restricted",
  /** Create, edit, move through the lifecycle, renew, amend, archive agreements. */
  "agreement:write",
  /** Delete a draft that was never signed. */
  "agreement:delete-draft",
  /** Create and edit partners and HT units, merge partners. */
  "directory:write",
  /** Read the audit trail. */
  "audit:read",
  /** Manage accounts and roles. */
  "user:manage",
  /** Read the outbox and the reminder log, and send due reminders now. */
  "reminders:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  VIEWER: ["agreement:read"],
  EDITOR: ["agreement:read", "agreement:read-restricted", "agreement:write", "directory:write", "audit:read"],
  ADMIN: PERMISSIONS,
};

export function can(role: string | null | undefined, permission: Permission): boolean {
  return Boolean(role && (GRANTS[role as Role] ?? []).includes(permission));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

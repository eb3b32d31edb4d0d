/**
 * The logged-in user in the browser (from the root loader) and useCan, for
 * hiding what the role cannot do; the server checks anyway.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { can, type Permission } from "~/domain/permissions";
import type { loader as rootLoader } from "~/root";

/** The logged-in user from the root loader, or null on public pages. */
export function useOptionalUser() {
  return useRouteLoaderData<typeof rootLoader>("root")?.user ?? null;
}

/**
 * Whether the logged-in user's role grants `permission`: for hiding what
 * the role cannot do. The server still checks (requirePermission).
 */
export function useCan(permission: Permission): boolean {
  return can(useOptionalUser()?.role, permission);
}

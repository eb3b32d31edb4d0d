/**
 * The demo accounts, one per role, listed in the README. Created only by the
 * demo seed; a server started with DEMO=0 refuses to run while any exists.
 */
import { hash } from "@node-rs/argon2";
import type { Role } from "../../app/domain/permissions";
import { HT_OFFICE } from "./demo-people";
import { mailbox } from "./util";
import type { Db } from "./reference";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.test", name: "Demo Admin", role: "ADMIN" },
  { email: "editor@demo.test", name: "Giulia Ferri (legal office)", role: "EDITOR" },
  { email: "viewer@demo.test", name: "Marco Valli (leadership)", role: "VIEWER" },
  // The Grants & Agreements Office staff who own the demo agreements (and get their reminders).
  ...HT_OFFICE.map((name) => ({ email: `${mailbox(name)}@demo.test`, name, role: "EDITOR" as Role })),
];

/** Creates the demo accounts that are missing; existing accounts are left as they are. */
export async function seedDemoUsers(db: Db): Promise<number> {
  const existing = new Set(
    (await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { email: true } })).map(
      (u) => u.email,
    ),
  );
  const missing = DEMO_USERS.filter((u) => !existing.has(u.email));
  if (!missing.length) return 0;
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.user.createMany({ data: missing.map((u) => ({ ...u, passwordHash })) });
  return missing.length;
}

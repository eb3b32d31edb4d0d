/**
 * Who a single sign-on is (docs/decisions/071): the account with the
 * verified e-mail the provider vouches for. Roles stay the app's own. The
 * first sign-on links the provider's identity (issuer and subject) to the
 * account; a different identity later claiming the same e-mail is refused
 * (an address reassigned at the provider must not inherit an account). A
 * first sign-on without an account is refused, or, with
 * OIDC_NEW_ACCOUNTS=request, becomes an inactive viewer account an admin
 * approves; each such request is audited.
 */
import { prisma } from "~/utils/db.server";
import { recordAudit, SYSTEM_ACTOR } from "./audit.server";

export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
}

export type SsoMatch =
  | { kind: "signed-in"; userId: string }
  | { kind: "no-account"; email: string }
  | { kind: "requested"; email: string }
  | { kind: "pending"; email: string }
  | { kind: "inactive"; email: string }
  | { kind: "other-identity"; email: string };

export function subjectKey(identity: Pick<SsoIdentity, "issuer" | "subject">): string {
  return `${identity.issuer} ${identity.subject}`;
}

async function requestAccount(identity: SsoIdentity, now: Date): Promise<SsoMatch> {
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: identity.email, name: identity.name || identity.email, role: "VIEWER", passwordHash: "", active: false,
        ssoSubject: subjectKey(identity), requestedAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, SYSTEM_ACTOR("single sign-on"), {
      entity: "User", entityId: user.id, action: "CREATE",
      summary: `${identity.email} signed on for the first time and asked for an account (viewer, awaiting an admin)`,
      after: { email: identity.email, name: identity.name, role: "VIEWER", active: false },
    });
  });
  return { kind: "requested", email: identity.email };
}

export async function matchSsoAccount(identity: SsoIdentity, newAccounts: "refuse" | "request", now = new Date()): Promise<SsoMatch> {
  const email = identity.email.trim().toLowerCase();
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, active: true, ssoSubject: true, requestedAt: true } });
  if (!user) return newAccounts === "request" ? requestAccount({ ...identity, email }, now) : { kind: "no-account", email };
  if (user.ssoSubject && user.ssoSubject !== subjectKey(identity)) return { kind: "other-identity", email };
  if (!user.active) return user.requestedAt ? { kind: "pending", email } : { kind: "inactive", email };
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now, ...(user.ssoSubject ? {} : { ssoSubject: subjectKey(identity) }) } });
  return { kind: "signed-in", userId: user.id };
}

/**
 * Builders for the rows a test needs, written through the app's own client
 * into this worker's database. Each returns what tests usually assert on.
 */
import { randomUUID } from "node:crypto";
import type { Role } from "~/domain/permissions";
import { partnerDisplayName, partyLabel } from "~/domain/party-labels";
import { createSession, hashPassword } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";

export const TEST_PASSWORD = "correct horse battery staple";
export const ORIGIN = "http://localhost";

let passwordHash: Promise<string> | undefined;

export async function makeUser(role: Role, overrides: { email?: string; active?: boolean } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@fht.test`;
  return prisma.user.create({
    data: { email, name: `Test ${role.toLowerCase()}`, role, passwordHash: await passwordHash, active: overrides.active ?? true },
  });
}

/** A logged-in user and the Cookie header that carries their session. */
export async function login(role: Role) {
  const user = await makeUser(role);
  const setCookie = await createSession(user.id, new Request(ORIGIN));
  return { user, cookie: setCookie.split(";")[0]! };
}

export async function makeUnit(name = `Centre ${randomUUID().slice(0, 6)}`) {
  return prisma.unit.create({ data: { code: name.toUpperCase().replace(/\W+/g, "").slice(0, 12) + randomUUID().slice(0, 4), name, kind: "CENTRE" } });
}

export async function makePartner(name = `Partner ${randomUUID().slice(0, 6)}`, kind = "UNIVERSITY") {
  return prisma.partner.create({ data: { name, kind, city: "Milan" } });
}

let referenceCounter = 0;

export async function makeAgreement(opts: {
  title?: string;
  kind?: string;
  status?: string;
  confidentiality?: "INTERNAL" | "RESTRICTED";
  unit?: { id: string; name: string };
  partner?: { id: string; name: string; acronym: string | null };
  startDate?: Date;
  endDate?: Date | null;
} = {}) {
  const unit = opts.unit ?? (await makeUnit());
  const partner = opts.partner ?? (await makePartner());
  referenceCounter += 1;
  return prisma.agreement.create({
    data: {
      reference: `HT-2099-${String(referenceCounter).padStart(4, "0")}-${randomUUID().slice(0, 4)}`,
      title: opts.title ?? `Test agreement ${referenceCounter}`,
      kind: opts.kind ?? "RESEARCH_COLLABORATION",
      status: opts.status ?? "ACTIVE",
      confidentiality: opts.confidentiality ?? "INTERNAL",
      startDate: opts.startDate ?? new Date("2025-01-01T00:00:00Z"),
      endDate: opts.endDate === undefined ? new Date("2030-12-31T00:00:00Z") : opts.endDate,
      partnersLabel: partyLabel([partnerDisplayName(partner)]),
      unitsLabel: partyLabel([unit.name]),
      parties: {
        create: [
          { unitId: unit.id, role: "LEAD" },
          { partnerId: partner.id, role: "PARTICIPANT" },
        ],
      },
    },
  });
}

/** A request as the browser would send it: same-origin, with the session cookie. */
export function request(path: string, init: { cookie?: string; method?: string; body?: URLSearchParams; origin?: string | null } = {}) {
  const headers = new Headers();
  if (init.cookie) headers.set("Cookie", init.cookie);
  const method = init.method ?? "GET";
  if (method !== "GET" && init.origin !== null) headers.set("Origin", init.origin ?? ORIGIN);
  if (init.body) headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(new URL(path, ORIGIN), { method, headers, body: init.body });
}

/**
 * Who is told about which deadline: every open deadline up to the farthest
 * reminder offset (overdue ones included), and for each the people to
 * remind with the reason: the person responsible (the obligation's, or the
 * agreement's owner), those watching the agreement, and those watching one
 * of its HT units or their centre. Deactivated accounts get nothing; a
 * restricted agreement's deadlines go only to people who may read it.
 */
import { isRestricted, mayReadRestricted } from "~/domain/confidentiality";
import { addDaysUtc } from "~/domain/dates";
import type { Role } from "~/domain/permissions";
import { prisma } from "~/utils/db.server";
import { findDeadlineStubs, type DeadlineStub } from "./deadlines.server";
import type { Reason, Recipient } from "./reminder-mail.server";

export interface AudienceUser extends Recipient {
  role: Role;
  reminderOffsets: string;
  weeklyDigest: boolean;
}

export interface Audience {
  rows: DeadlineStub[];
  byKey: Map<string, DeadlineStub>;
  users: Map<string, AudienceUser>;
  /** deadline key -> person -> why they are told. */
  recipients: Map<string, Map<string, Reason>>;
}

/** The job reads as the system: every agreement, restricted ones included; recipients are filtered per person. */
const SYSTEM_READER = { role: "ADMIN" as Role };

/** For the HT units someone watches (and their groups), the agreements they are party to: agreement -> watched units. */
async function watchedUnitsOf(unitIds: string[]): Promise<Map<string, { id: string; parentId: string | null }[]>> {
  const out = new Map<string, { id: string; parentId: string | null }[]>();
  if (!unitIds.length) return out;
  const parties = await prisma.agreementParty.findMany({
    where: { OR: [{ unitId: { in: unitIds } }, { unit: { parentId: { in: unitIds } } }] },
    select: { agreementId: true, unitId: true, unit: { select: { parentId: true } } },
  });
  for (const p of parties) out.set(p.agreementId, [...(out.get(p.agreementId) ?? []), { id: p.unitId!, parentId: p.unit?.parentId ?? null }]);
  return out;
}

export async function loadAudience(today: Date, horizonDays: number): Promise<Audience> {
  const [rows, users, watches] = await Promise.all([
    findDeadlineStubs({ to: addDaysUtc(today, horizonDays) }, SYSTEM_READER, today),
    prisma.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true, role: true, reminderOffsets: true, weeklyDigest: true } }),
    prisma.watch.findMany({ select: { userId: true, agreementId: true, unitId: true, unit: { select: { name: true } } } }),
  ]);
  const userMap = new Map(users.map((u) => [u.id, { ...u, role: u.role as Role }]));
  const byAgreement = new Map<string, string[]>();
  const byUnit = new Map<string, { userId: string; name: string }[]>();
  for (const w of watches) {
    if (w.agreementId) byAgreement.set(w.agreementId, [...(byAgreement.get(w.agreementId) ?? []), w.userId]);
    if (w.unitId) byUnit.set(w.unitId, [...(byUnit.get(w.unitId) ?? []), { userId: w.userId, name: w.unit?.name ?? "" }]);
  }
  const units = await watchedUnitsOf([...byUnit.keys()]);

  const recipients = new Map<string, Map<string, Reason>>();
  for (const row of rows) {
    const people = new Map<string, Reason>();
    const add = (userId: string, reason: Reason) => {
      const user = userMap.get(userId);
      if (!user || people.has(userId)) return;
      if (isRestricted(row) && !mayReadRestricted(user)) return;
      people.set(userId, reason);
    };
    if (row.responsibleId) add(row.responsibleId, { kind: "responsible" });
    for (const userId of byAgreement.get(row.agreementId) ?? []) add(userId, { kind: "watch-agreement" });
    for (const unit of units.get(row.agreementId) ?? []) {
      for (const w of [...(byUnit.get(unit.id) ?? []), ...(unit.parentId ? byUnit.get(unit.parentId) ?? [] : [])]) add(w.userId, { kind: "watch-unit", unit: w.name });
    }
    if (people.size) recipients.set(row.key, people);
  }
  return { rows, byKey: new Map(rows.map((r) => [r.key, r])), users: userMap, recipients };
}

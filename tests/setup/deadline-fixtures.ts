/**
 * Builders for deadline tests: people with real names and addresses, an
 * agreement with its owner, renewal terms and the derived notice deadline,
 * and obligations recorded through the app's own model (so their next due
 * date is what the app computes).
 */
import { randomUUID } from "node:crypto";
import type { Role } from "~/domain/permissions";
import { addDaysUtc } from "~/domain/dates";
import { noticeDeadline } from "~/domain/deadlines";
import { createObligation } from "~/models/obligation-write.server";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { prisma } from "~/utils/db.server";
import { makePartner, makeUnit } from "./factories";

export async function person(role: Role, name: string, extra: { reminderOffsets?: string; weeklyDigest?: boolean } = {}) {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, ".");
  return prisma.user.create({
    data: { email: `${slug}.${randomUUID().slice(0, 6)}@fht.test`, name, role, passwordHash: "!no-login", ...extra },
  });
}

let n = 0;

export async function agreementOwnedBy(
  owner: { id: string; name: string } | null,
  opts: {
    title?: string; status?: string; confidentiality?: "INTERNAL" | "RESTRICTED"; unit?: { id: string; name: string };
    startDate?: Date; endDate?: Date | null; renewalType?: "NONE" | "TACIT" | "EXPRESS"; noticePeriodDays?: number | null; noticePeriodMonths?: number | null;
  } = {},
) {
  n += 1;
  const unit = opts.unit ?? (await makeUnit());
  const partner = await makePartner();
  const terms = {
    startDate: opts.startDate ?? new Date("2024-01-01T00:00:00Z"),
    endDate: opts.endDate === undefined ? new Date("2030-12-31T00:00:00Z") : opts.endDate,
    renewalType: opts.renewalType ?? "NONE",
    noticePeriodDays: opts.noticePeriodDays ?? null,
    noticePeriodMonths: opts.noticePeriodMonths ?? null,
  };
  return prisma.agreement.create({
    data: {
      reference: `HT-2098-${String(n).padStart(4, "0")}-${randomUUID().slice(0, 4)}`,
      title: opts.title ?? `Deadline test agreement ${n}`,
      kind: "FRAMEWORK",
      status: opts.status ?? "ACTIVE",
      confidentiality: opts.confidentiality ?? "INTERNAL",
      ...terms,
      noticeDeadline: noticeDeadline(terms),
      ownerId: owner?.id ?? null,
      htOwner: owner?.name ?? "",
      partnersLabel: partner.name,
      unitsLabel: unit.name,
      parties: { create: [{ unitId: unit.id, role: "LEAD" }, { partnerId: partner.id, role: "PARTICIPANT" }] },
    },
  });
}

/** A one-off obligation due `days` after `today`, recorded through the model. */
export function obligationDue(agreementId: string, today: Date, days: number, extra: { title?: string; responsibleId?: string; kind?: string } = {}) {
  return createObligation(SYSTEM_ACTOR("test"), agreementId, {
    kind: (extra.kind ?? "REPORT") as "REPORT",
    title: extra.title ?? `Report due in ${days} days`,
    schedule: "DATE",
    dueDate: addDaysUtc(today, days).toISOString().slice(0, 10),
    responsibleId: extra.responsibleId,
  });
}

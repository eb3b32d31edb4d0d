/**
 * Demo seed, after the agreements and the accounts: owners (the office
 * staff's demo accounts, matched by the name recorded on each agreement),
 * obligations of the kinds the office tracks (annual reports, committee
 * meetings, data destruction under DTAs, the end of NDAs' confidentiality,
 * payments, final deliverables), with most past occurrences done and a few
 * overdue, and some watchers. Deterministic for a given `today`; runs only
 * while no obligation exists, so it never changes what people recorded.
 */
import type { PrismaClient } from "../../app/generated/prisma/client";
import { addDaysUtc } from "../../app/domain/dates";
import { nextOccurrence, occurrences, type ObligationKind } from "../../app/domain/obligations";
import { createRng } from "./util";

interface Plan { kind: ObligationKind; title: string; schedule: "DATE" | "EVERY_MONTHS" | "BEFORE_END"; dueDate?: Date; intervalMonths?: number; daysBeforeEnd?: number }

type Agreement = { id: string; kind: string; title: string; startDate: Date | null; endDate: Date | null; details: string; valueDirection: string; ownerId: string | null };

function plansFor(a: Agreement): Plan[] {
  const details = JSON.parse(a.details) as Record<string, unknown>;
  switch (a.kind) {
    case "DATA_SHARING": {
      const day = typeof details.dataDestructionDate === "string" ? new Date(`${details.dataDestructionDate}T00:00:00Z`) : a.endDate;
      return day ? [{ kind: "DATA_DESTRUCTION", title: "Destroy the transferred data and certify it to the provider", schedule: "DATE", dueDate: day }] : [];
    }
    case "NDA":
      return a.endDate ? [{ kind: "CONFIDENTIALITY_ENDS", title: "Confidentiality obligations end", schedule: "DATE", dueDate: addDaysUtc(a.endDate, 365 * 3) }] : [];
    case "FRAMEWORK":
    case "JOINT_LAB":
    case "CONSORTIUM":
      return [{ kind: "COMMITTEE_MEETING", title: "Steering committee meeting and minutes", schedule: "EVERY_MONTHS", intervalMonths: 6 }];
    case "IMPLEMENTING":
    case "RESEARCH_COLLABORATION":
      return [
        { kind: "REPORT", title: "Annual scientific report", schedule: "EVERY_MONTHS", intervalMonths: 12 },
        { kind: "DELIVERABLE", title: "Final report and data management plan", schedule: "BEFORE_END", daysBeforeEnd: 60 },
      ];
    case "SERVICE":
      return a.valueDirection === "HT_RECEIVES" ? [{ kind: "PAYMENT_EXPECTED", title: "Invoice the facility access fees", schedule: "EVERY_MONTHS", intervalMonths: 6 }] : [];
    default:
      return [];
  }
}

export async function seedDemoDeadlines(prisma: PrismaClient, today: Date) {
  if ((await prisma.obligation.count()) > 0) return { skipped: true, owners: 0, obligations: 0, watches: 0 };
  const rng = createRng(0xdead_0001);
  const users = await prisma.user.findMany({ where: { email: { endsWith: "@demo.test" } }, select: { id: true, name: true, email: true } });
  const byName = new Map(users.map((u) => [u.name.trim().toLowerCase(), u.id]));
  const agreements = await prisma.agreement.findMany({
    where: { archivedAt: null, status: { in: ["ACTIVE", "EXPIRED", "AWAITING_SIGNATURE"] } },
    select: { id: true, kind: true, title: true, startDate: true, endDate: true, details: true, valueDirection: true, ownerId: true, htOwner: true },
    orderBy: { reference: "asc" },
  });
  let owners = 0;
  for (const a of agreements) {
    const ownerId = byName.get(a.htOwner.trim().toLowerCase());
    if (ownerId && !a.ownerId) {
      await prisma.agreement.update({ where: { id: a.id }, data: { ownerId } });
      a.ownerId = ownerId;
      owners += 1;
    }
  }
  const rows = agreements.flatMap((a) => plansFor(a).map((plan) => {
    const all = occurrences(plan, a);
    // Past occurrences are mostly done; now and then the latest one was missed (it shows as overdue).
    const past = all.filter((d) => d < addDaysUtc(today, -20));
    const missed = past.length > 0 && rng.chance(0.06);
    const completedThrough = missed ? past[past.length - 2] ?? null : past[past.length - 1] ?? null;
    const finished = all.length > 0 && completedThrough !== null && completedThrough.getTime() === all[all.length - 1]!.getTime();
    const status = finished ? "DONE" : "OPEN";
    const timing = { schedule: plan.schedule, dueDate: plan.dueDate ?? null, intervalMonths: plan.intervalMonths ?? null, daysBeforeEnd: plan.daysBeforeEnd ?? null };
    return {
      agreementId: a.id, kind: plan.kind, title: plan.title, ...timing, status, completedThrough,
      doneOn: finished ? addDaysUtc(completedThrough!, rng.int(-10, 5)) : null,
      nextDueDate: nextOccurrence({ ...timing, status, completedThrough }, a),
    };
  }));
  await prisma.obligation.createMany({ data: rows });
  // Leadership follows Medical Genomics; the legal office follows Neurogenomics.
  const [mg, ng] = await Promise.all([prisma.unit.findUnique({ where: { code: "MG" } }), prisma.unit.findUnique({ where: { code: "NG" } })]);
  const viewer = users.find((u) => u.email === "viewer@demo.test");
  const editor = users.find((u) => u.email === "editor@demo.test");
  const watches = [
    ...(viewer && mg ? [{ userId: viewer.id, unitId: mg.id }] : []),
    ...(editor && ng ? [{ userId: editor.id, unitId: ng.id }] : []),
  ];
  if (watches.length) await prisma.watch.createMany({ data: watches });
  return { skipped: false, owners, obligations: rows.length, watches: watches.length };
}

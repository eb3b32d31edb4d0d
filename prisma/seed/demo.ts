/**
 * Demo seed: about 120 realistic agreements with parties, links, status
 * histories and research-line links, written in one transaction. Dates are
 * relative to `today`, so the same `today` always gives the same data.
 * Refuses to run (returns skipped) when the database already has agreements:
 * it never deletes or overwrites anything.
 */
import type { PrismaClient } from "../../app/generated/prisma/client";
import { buildDemo, type Lookups } from "./demo-build";
import { CATALOGUE } from "./demo-catalogue";
import { generateRoutineSpecs } from "./demo-generated";
import { DEMO_PARTNERS } from "./demo-partners";
import type { Spec } from "./demo-types";
import { createMissingPartners, seedReference, type Db } from "./reference";
import { utcMidnight } from "./util";

/** How many agreements the demo holds in all (hand-written + generated). */
export const DEMO_AGREEMENT_COUNT = 120;

export interface DemoResult {
  skipped: boolean;
  reason?: string;
  partnersCreated: number;
  agreements: number;
  parties: number;
  links: number;
  statusChanges: number;
  researchLineLinks: number;
}

/** The full demo catalogue: the hand-written core plus generated routine agreements. */
export function demoSpecs(): Spec[] {
  const routine = generateRoutineSpecs(DEMO_AGREEMENT_COUNT - CATALOGUE.length, CATALOGUE.map((s) => s.title));
  return [...CATALOGUE, ...routine];
}

function emailDomain(website: string | null): string | null {
  if (!website) return null;
  return new URL(website).hostname.replace(/^www\./, "");
}

async function loadLookups(db: Db): Promise<Lookups> {
  const [units, partners, lines] = await Promise.all([
    db.unit.findMany({ select: { id: true, code: true, name: true } }),
    db.partner.findMany({ select: { id: true, name: true, acronym: true, website: true, parentId: true } }),
    db.researchLine.findMany({ select: { id: true, name: true, unit: { select: { code: true } } } }),
  ]);
  const websiteById = new Map(partners.map((p) => [p.id, p.website]));
  return {
    unitsByCode: new Map(units.map((u) => [u.code, { id: u.id, name: u.name }])),
    partnersByName: new Map(partners.map((p) => [p.name, {
      id: p.id,
      name: p.name,
      acronym: p.acronym,
      // People in a department write from the university's domain.
      emailDomain: emailDomain(p.parentId ? websiteById.get(p.parentId) ?? null : p.website),
    }])),
    researchLines: new Map(lines.map((l) => [`${l.unit.code}/${l.name}`, l.id])),
  };
}

/**
 * Seeds the demo agreements (and, first, the reference data they need) in a
 * single transaction. `today` anchors every date; it defaults to the current
 * UTC day.
 */
export async function seedDemo(
  prisma: PrismaClient,
  { today = new Date() }: { today?: Date } = {},
): Promise<DemoResult> {
  const day = utcMidnight(today);
  return prisma.$transaction(async (tx) => {
    const existing = await tx.agreement.count();
    if (existing > 0) {
      return {
        skipped: true, reason: `the database already has ${existing} agreement(s)`,
        partnersCreated: 0, agreements: 0, parties: 0, links: 0, statusChanges: 0, researchLineLinks: 0,
      };
    }
    await seedReference(tx);
    const partnersCreated = await createMissingPartners(tx, DEMO_PARTNERS);
    const { agreements, counters } = buildDemo(demoSpecs(), day, await loadLookups(tx));

    await tx.agreement.createMany({ data: agreements.map((a) => a.row) });
    const rows = await tx.agreement.findMany({ select: { id: true, reference: true } });
    const idByReference = new Map(rows.map((r) => [r.reference, r.id]));
    const ids = agreements.map((a) => idByReference.get(a.row.reference)!);

    const parties = agreements.flatMap((a, i) => a.parties.map((p) => ({ ...p, agreementId: ids[i]! })));
    const statusChanges = agreements.flatMap((a, i) => a.history.map((h) => ({ ...h, agreementId: ids[i]! })));
    const links = agreements.flatMap((a, i) =>
      a.links.map((l) => ({ type: l.type, fromId: ids[i]!, toId: ids[l.to]!, note: l.note })));
    const researchLineLinks = agreements.flatMap((a, i) =>
      a.researchLineIds.map((researchLineId) => ({ agreementId: ids[i]!, researchLineId })));

    await tx.agreementParty.createMany({ data: parties });
    await tx.statusChange.createMany({ data: statusChanges });
    await tx.agreementLink.createMany({ data: links });
    await tx.agreementResearchLine.createMany({ data: researchLineLinks });
    await tx.approval.createMany({
      data: agreements.flatMap((a, i) =>
        a.boardApproval
          ? [{ agreementId: ids[i]!, body: "BOARD", decisionDate: a.boardApproval, resolutionNumber: `CdA ${a.boardApproval.getUTCFullYear()}/${String(i + 1).padStart(2, "0")}` }]
          : []),
    });

    const known = new Map((await tx.referenceCounter.findMany()).map((c) => [c.year, c.last]));
    for (const [year, last] of counters) {
      const value = Math.max(last, known.get(year) ?? 0);
      await tx.referenceCounter.upsert({ where: { year }, create: { year, last: value }, update: { last: value } });
    }

    return {
      skipped: false,
      partnersCreated,
      agreements: agreements.length,
      parties: parties.length,
      links: links.length,
      statusChanges: statusChanges.length,
      researchLineLinks: researchLineLinks.length,
    };
  }, { maxWait: 20_000, timeout: 120_000 });
}

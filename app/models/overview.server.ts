/**
 * The overview's pictures: agreements started per year by kind, agreements
 * starting and ending per quarter (the last eight and the next four), and
 * the value of agreements by HT centre (a group's agreements count for its
 * centre). Archived agreements are left out. Counts include restricted
 * agreements, as the overview's counts always have (docs/decisions/010);
 * values only those the reader may open, so no restricted amount can be
 * read off a centre with a single agreement.
 */
import { readableWhere, type Reader } from "~/domain/confidentiality";
import { AGREEMENT_KINDS, type AgreementKind } from "~/domain/vocabulary";
import { prisma } from "~/utils/db.server";

const YEARS = 8;

export interface QuarterCount { quarter: string; starting: number; ending: number }

function quarterOf(d: Date) {
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
}
const quarterLabel = (q: number) => `Q${(q % 4) + 1} ${Math.floor(q / 4)}`;

async function datedCounts(today: Date) {
  const rows = await prisma.agreement.findMany({ where: { archivedAt: null }, select: { kind: true, startDate: true, endDate: true } });
  const lastYear = today.getUTCFullYear();
  const years = Array.from({ length: YEARS }, (_, i) => lastYear - YEARS + 1 + i);
  const byYear = years.map((year) => ({ year: String(year), counts: {} as Partial<Record<AgreementKind, number>> }));
  const now = quarterOf(today);
  const quarters: QuarterCount[] = Array.from({ length: 12 }, (_, i) => ({ quarter: quarterLabel(now - 7 + i), starting: 0, ending: 0 }));
  for (const r of rows) {
    if (r.startDate) {
      const slot = byYear[r.startDate.getUTCFullYear() - years[0]!];
      if (slot) slot.counts[r.kind as AgreementKind] = (slot.counts[r.kind as AgreementKind] ?? 0) + 1;
      const q = quarters[quarterOf(r.startDate) - (now - 7)];
      if (q) q.starting++;
    }
    if (r.endDate) {
      const q = quarters[quarterOf(r.endDate) - (now - 7)];
      if (q) q.ending++;
    }
  }
  const kinds = AGREEMENT_KINDS.values.filter((k) => byYear.some((y) => y.counts[k]));
  return { byYear, kinds, quarters, currentQuarter: quarterLabel(now) };
}

async function valueByCentre(reader: Reader) {
  const [centres, parties] = await Promise.all([
    prisma.unit.findMany({ where: { parentId: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.agreementParty.findMany({
      where: { unitId: { not: null }, agreement: { AND: [readableWhere(reader), { archivedAt: null, valueCents: { not: null } }] } },
      select: { agreementId: true, unit: { select: { id: true, parentId: true } }, agreement: { select: { valueCents: true } } },
    }),
  ]);
  // One agreement counts once per centre, however many of the centre's groups sign it.
  const seen = new Set<string>();
  const cents = new Map<string, number>();
  for (const p of parties) {
    const centre = p.unit?.parentId ?? p.unit?.id;
    if (!centre || seen.has(`${centre}:${p.agreementId}`)) continue;
    seen.add(`${centre}:${p.agreementId}`);
    cents.set(centre, (cents.get(centre) ?? 0) + Number(p.agreement.valueCents ?? 0));
  }
  return centres
    .map((c) => ({ id: c.id, name: c.name, cents: cents.get(c.id) ?? 0 }))
    .filter((c) => c.cents > 0)
    .sort((a, b) => b.cents - a.cents);
}

export async function overviewCharts(today: Date, reader: Reader) {
  const [dated, value] = await Promise.all([datedCounts(today), valueByCentre(reader)]);
  return { ...dated, valueByCentre: value };
}

/**
 * What the agreement form needs from the database: the choices it offers and
 * the starting values for editing, renewing or amending an agreement.
 */
import type { AgreementFormInput } from "~/domain/agreement-schema";
import { readDetails } from "~/domain/agreement-details";
import { mayReadRestricted } from "~/domain/confidentiality";
import { addDaysUtc, daysBetween, toDay } from "~/domain/dates";
import type { Role } from "~/domain/permissions";
import { prisma } from "~/utils/db.server";

export async function formOptions() {
  const [units, partners, frameworks, researchLines, owners] = await Promise.all([
    prisma.unit.findMany({
      select: { id: true, name: true, kind: true, parent: { select: { name: true } } },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
    }),
    prisma.partner.findMany({ select: { id: true, name: true, acronym: true, aliases: true, parentId: true }, orderBy: { name: "asc" } }),
    prisma.agreement.findMany({
      where: { kind: "FRAMEWORK", archivedAt: null, status: { in: ["ACTIVE", "AWAITING_SIGNATURE"] } },
      select: { id: true, reference: true, title: true, startDate: true, endDate: true },
      orderBy: { reference: "desc" },
    }),
    prisma.researchLine.findMany({
      select: { id: true, name: true, unit: { select: { name: true } } },
      orderBy: [{ unit: { name: "asc" } }, { name: "asc" }],
    }),
    prisma.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true, role: true }, orderBy: { name: "asc" } }),
  ]);
  const partnerById = new Map(partners.map((p) => [p.id, p]));
  const depthOf = (p: (typeof partners)[number]) => {
    let depth = 0;
    for (let up = p.parentId; up && depth < 5; up = partnerById.get(up)?.parentId ?? null) depth++;
    return depth;
  };
  return {
    units: units.map((u) => ({
      value: `unit:${u.id}`, label: u.parent ? `${u.parent.name} › ${u.name}` : u.name, name: u.name,
      parent: u.parent?.name ?? null, depth: u.parent ? 1 : 0,
    })),
    partners: partners.map((p) => ({
      value: `partner:${p.id}`, label: p.acronym ? `${p.name} (${p.acronym})` : p.name, name: p.name, acronym: p.acronym,
      aliases: p.aliases, parent: p.parentId ? partnerById.get(p.parentId)?.name ?? null : null, depth: depthOf(p),
    })),
    frameworks: frameworks.map((f) => ({
      value: f.id,
      label: `${f.reference} ${f.title}`,
      term: `${f.startDate ? toDay(f.startDate) : "?"} to ${f.endDate ? toDay(f.endDate) : "open-ended"}`,
    })),
    researchLines: researchLines.map((r) => ({ value: r.id, label: r.name, group: r.unit.name })),
    owners: owners.map((u) => ({
      value: u.id, label: `${u.name} (${u.email})`, readsRestricted: mayReadRestricted({ role: u.role as Role }),
    })),
  };
}
export type FormOptions = Awaited<ReturnType<typeof formOptions>>;

async function loadAgreement(id: string) {
  return prisma.agreement.findUnique({
    where: { id },
    include: {
      parties: { orderBy: [{ unitId: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] },
      linksFrom: { select: { type: true, toId: true, to: { select: { reference: true } } } },
      researchLines: { select: { researchLineId: true } },
    },
  });
}
type Loaded = NonNullable<Awaited<ReturnType<typeof loadAgreement>>>;

const day = (d: Date | null) => (d ? toDay(d) : undefined);

/** The form's values for an agreement as stored (conform expects strings). */
function toFormValues(a: Loaded): AgreementFormInput & { version: number } {
  const details = readDetails(a.details);
  return {
    version: a.version,
    reference: a.reference,
    title: a.title,
    kind: a.kind as AgreementFormInput["kind"],
    summary: a.summary,
    signatureDate: day(a.signatureDate),
    startDate: day(a.startDate),
    endDate: day(a.endDate),
    renewalType: a.renewalType as AgreementFormInput["renewalType"],
    noticePeriodDays: a.noticePeriodDays ?? undefined,
    noticePeriodMonths: a.noticePeriodMonths ?? undefined,
    renewalTermMonths: a.renewalTermMonths ?? undefined,
    value: a.valueCents === null ? undefined : (Number(a.valueCents) / 100).toFixed(2),
    valueDirection: a.valueDirection as AgreementFormInput["valueDirection"],
    confidentiality: a.confidentiality as AgreementFormInput["confidentiality"],
    ownerId: a.ownerId ?? undefined,
    htOwner: a.htOwner,
    partnerContact: a.partnerContact,
    needsBoardApproval: a.needsBoardApproval,
    frameworkId: a.linksFrom.find((l) => l.type === "IMPLEMENTS")?.toId,
    amendsRef: a.linksFrom.find((l) => l.type === "AMENDS")?.to.reference,
    researchLineIds: a.researchLines.map((r) => r.researchLineId),
    details: Object.fromEntries(
      Object.entries(details).map(([k, v]) => [k, v === true ? "on" : v === false || v === undefined ? undefined : String(v)]),
    ),
    parties: a.parties.map((p) => ({
      ref: p.unitId ? `unit:${p.unitId}` : `partner:${p.partnerId}`,
      role: p.role as never,
      contactName: p.contactName,
      contactEmail: p.contactEmail || undefined,
      gdprRole: (p.gdprRole ?? undefined) as never,
      signatureStatus: p.signatureStatus as never,
      signedAt: day(p.signedAt),
    })),
  };
}

/** Rows for a draft saved without parties yet: one for HT's side, one for the partner's. */
const EMPTY_PARTY_ROWS = [{ role: "LEAD" as never, signatureStatus: "PENDING" as never }, { role: "PARTICIPANT" as never, signatureStatus: "PENDING" as never }];

export async function editValues(id: string) {
  const a = await loadAgreement(id);
  if (!a) return null;
  const values = toFormValues(a);
  return { agreement: a, values: values.parties?.length ? values : { ...values, parties: EMPTY_PARTY_ROWS } };
}

/**
 * A renewal starts as a copy of the original, running from the day after it
 * ends for the same length of time, with nobody's signature yet.
 */
export async function renewalValues(id: string) {
  const a = await loadAgreement(id);
  if (!a) return null;
  const v = toFormValues(a);
  const start = a.endDate ? addDaysUtc(a.endDate, 1) : undefined;
  const length = a.startDate && a.endDate ? daysBetween(a.startDate, a.endDate) : undefined;
  return {
    agreement: a,
    values: {
      ...v,
      version: undefined,
      reference: undefined,
      title: a.title.startsWith("Renewal") ? a.title : `Renewal: ${a.title}`.slice(0, 300),
      signatureDate: undefined,
      startDate: start && toDay(start),
      endDate: start && length !== undefined ? toDay(addDaysUtc(start, length)) : undefined,
      renewsId: a.id,
      amendsRef: v.kind === "AMENDMENT" ? v.amendsRef : undefined,
      parties: v.parties?.map((p) => ({ ...p, signatureStatus: "PENDING" as never, signedAt: undefined })),
    },
  };
}

/** An amendment names the agreement it changes and starts with the same parties. */
export async function amendmentValues(id: string) {
  const a = await loadAgreement(id);
  if (!a) return null;
  const v = toFormValues(a);
  return {
    agreement: a,
    values: {
      kind: "AMENDMENT" as const,
      title: `Amendment to ${a.reference}: ${a.title}`.slice(0, 300),
      amendsRef: a.reference,
      confidentiality: v.confidentiality,
      ownerId: v.ownerId,
      htOwner: v.htOwner,
      partnerContact: v.partnerContact,
      endDate: v.endDate,
      researchLineIds: v.researchLineIds,
      parties: v.parties?.map((p) => ({ ...p, signatureStatus: "PENDING" as never, signedAt: undefined, gdprRole: undefined })),
      details: {},
    },
  };
}

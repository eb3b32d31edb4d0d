/**
 * Creating and changing agreements: the database-side rules, the reference
 * numbers, the parties, links and labels, optimistic concurrency and the
 * audit trail, each save in one transaction.
 */
import { formatReference } from "~/domain/agreement-reference";
import { splitPartyRef, type AgreementFormValue } from "~/domain/agreement-schema";
import { parseDay, toDay, utcToday } from "~/domain/dates";
import { effectiveStatus, SIGNED_STATUSES } from "~/domain/lifecycle";
import { partnerDisplayName, partyLabel } from "~/domain/party-labels";
import { PARTY_ROLES, type AgreementStatus } from "~/domain/vocabulary";
import { isRestricted, mayReadRestricted } from "~/domain/confidentiality";
import { describeNotice, describeMonths, noticeDeadline } from "~/domain/deadlines";
import { versionConflict } from "~/domain/errors";
import type { Role } from "~/domain/permissions";
import { prisma, type Tx } from "~/utils/db.server";
import { formatEuro } from "~/utils/format";
import { changedFields, recordAudit, type Actor } from "./audit.server";
import { refreshObligationDueDates } from "./obligation-dates.server";

/** Field errors keyed like conform's field names ("parties[2].ref", "frameworkId"). */
export type FieldErrors = Record<string, string[]>;

const CONFLICT = "This agreement was changed by someone else while you were editing it";

interface Resolved {
  units: Map<string, { id: string; name: string }>;
  partners: Map<string, { id: string; name: string; acronym: string | null }>;
  frameworkId: string | null;
  amendsId: string | null;
  renewsId: string | null;
  /** The HT owner's account, when one is chosen. */
  owner: { id: string; name: string; role: string } | null;
}

const ACCEPTABLE_FRAMEWORK: AgreementStatus[] = ["ACTIVE", "AWAITING_SIGNATURE"];

/**
 * The rules that need the database: every party, research line and linked
 * agreement exists; an implementing agreement names an active or signed
 * framework and lies within its term; a typed reference is free.
 */
export async function checkAgainstDatabase(
  value: AgreementFormValue,
  opts: { agreementId?: string } = {},
): Promise<{ errors: FieldErrors; resolved: Resolved }> {
  const errors: FieldErrors = {};
  const add = (name: string, message: string) => (errors[name] ??= []).push(message);
  // Indices as in the form: a draft's row without a party yet is skipped, not renumbered.
  const refs = value.parties.map((p) => (p.ref ? splitPartyRef(p.ref) : { unitId: null, partnerId: null }));
  const unitIds = refs.flatMap((r) => (r.unitId ? [r.unitId] : []));
  const partnerIds = refs.flatMap((r) => (r.partnerId ? [r.partnerId] : []));

  const [units, partners, framework, amended, renewed, lines, taken, owner] = await Promise.all([
    prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }),
    prisma.partner.findMany({ where: { id: { in: partnerIds } }, select: { id: true, name: true, acronym: true } }),
    value.kind === "IMPLEMENTING" && value.frameworkId
      ? prisma.agreement.findUnique({
          where: { id: value.frameworkId },
          select: { id: true, kind: true, status: true, signatureDate: true, startDate: true, endDate: true, reference: true, archivedAt: true },
        })
      : null,
    value.kind === "AMENDMENT" && value.amendsRef
      ? prisma.agreement.findUnique({ where: { reference: value.amendsRef }, select: { id: true } })
      : null,
    value.renewsId ? prisma.agreement.findUnique({ where: { id: value.renewsId }, select: { id: true } }) : null,
    prisma.researchLine.findMany({ where: { id: { in: value.researchLineIds } }, select: { id: true } }),
    value.reference && !opts.agreementId
      ? prisma.agreement.findUnique({ where: { reference: value.reference }, select: { title: true } })
      : null,
    value.ownerId
      ? prisma.user.findFirst({ where: { id: value.ownerId, active: true }, select: { id: true, name: true, role: true } })
      : null,
  ]);

  const unitMap = new Map(units.map((u) => [u.id, u]));
  const partnerMap = new Map(partners.map((p) => [p.id, p]));
  refs.forEach((r, i) => {
    if ((r.unitId && !unitMap.has(r.unitId)) || (r.partnerId && !partnerMap.has(r.partnerId))) {
      add(`parties[${i}].ref`, "This party no longer exists; choose another");
    }
  });

  if (value.kind === "IMPLEMENTING" && value.frameworkId) checkFramework(value, framework, add);
  if (value.kind === "AMENDMENT" && value.amendsRef && !amended) add("amendsRef", `No agreement has the reference ${value.amendsRef}`);
  if (value.renewsId && !renewed) add("renewsId", "The agreement being renewed no longer exists");
  if (lines.length !== new Set(value.researchLineIds).size) add("researchLineIds", "A research line no longer exists; reload the page");
  if (taken) add("reference", `${value.reference} is already used by “${taken.title}”`);
  if (value.ownerId && !owner) add("ownerId", "This account no longer exists or was deactivated; choose another owner");
  if (owner && isRestricted(value) && !mayReadRestricted({ role: owner.role as Role })) {
    add("ownerId", `${owner.name} cannot read restricted agreements: choose someone from the legal office or an admin`);
  }

  return {
    errors,
    resolved: {
      units: unitMap,
      partners: partnerMap,
      frameworkId: framework?.id ?? null,
      amendsId: amended?.id ?? null,
      renewsId: renewed?.id ?? null,
      owner,
    },
  };
}

/** The parties the form names (a draft's rows without a party yet are left out). */
function namedParties(v: AgreementFormValue) {
  return v.parties.flatMap((p) => (p.ref ? [{ ...p, ref: p.ref }] : []));
}

type FrameworkRecord = {
  id: string; kind: string; status: string; signatureDate: Date | null; startDate: Date | null; endDate: Date | null;
  reference: string; archivedAt: Date | null;
};

/** An implementing agreement names an active or signed framework and lies within its term. */
function checkFramework(value: AgreementFormValue, framework: FrameworkRecord | null, add: (name: string, message: string) => void) {
  if (!framework || framework.kind !== "FRAMEWORK" || framework.archivedAt) {
    add("frameworkId", "Choose an existing framework agreement");
    return;
  }
  const status = effectiveStatus(framework.status, framework.endDate, utcToday());
  if (!ACCEPTABLE_FRAMEWORK.includes(status) && !(framework.signatureDate && status === "ACTIVE")) {
    add("frameworkId", `${framework.reference} is ${status.toLowerCase().replace("_", " ")}: an implementing agreement needs an active or signed framework`);
  }
  const start = parseDay(value.startDate);
  const end = parseDay(value.endDate);
  if (start && framework.startDate && start < framework.startDate) {
    add("startDate", `The start date must lie within the framework's term (from ${toDay(framework.startDate)})`);
  }
  if (framework.endDate && (!end || end > framework.endDate)) {
    add("endDate", `The end date must lie within the framework's term (until ${toDay(framework.endDate)})`);
  }
}

/** Column values shared by create and update. */
function columns(v: AgreementFormValue, r: Resolved) {
  const unitNames = namedParties(v).flatMap((p) => {
    const { unitId } = splitPartyRef(p.ref);
    return unitId ? [r.units.get(unitId)!.name] : [];
  });
  const partnerNames = namedParties(v).flatMap((p) => {
    const { partnerId } = splitPartyRef(p.ref);
    return partnerId ? [partnerDisplayName(r.partners.get(partnerId)!)] : [];
  });
  return {
    title: v.title,
    kind: v.kind,
    summary: v.summary ?? "",
    signatureDate: parseDay(v.signatureDate) ?? null,
    startDate: parseDay(v.startDate) ?? null,
    endDate: parseDay(v.endDate) ?? null,
    renewalType: v.renewalType,
    noticePeriodDays: v.renewalType === "NONE" ? null : v.noticePeriodDays ?? null,
    noticePeriodMonths: v.renewalType === "NONE" ? null : v.noticePeriodMonths ?? null,
    renewalTermMonths: v.renewalType === "NONE" ? null : v.renewalTermMonths ?? null,
    noticeDeadline: noticeDeadline({ ...v, endDate: parseDay(v.endDate), startDate: parseDay(v.startDate) }),
    valueCents: v.valueCents === null ? null : BigInt(v.valueCents),
    valueDirection: v.valueCents ? v.valueDirection : "NONE",
    confidentiality: v.confidentiality,
    ownerId: r.owner?.id ?? null,
    htOwner: r.owner?.name ?? v.htOwner ?? "",
    partnerContact: v.partnerContact ?? "",
    needsBoardApproval: v.needsBoardApproval,
    details: JSON.stringify(v.details),
    unitsLabel: partyLabel(unitNames),
    partnersLabel: partyLabel(partnerNames),
  };
}

function partyRows(v: AgreementFormValue) {
  return namedParties(v).map((p) => ({
    ...splitPartyRef(p.ref),
    role: p.role ?? null,
    contactName: p.contactName ?? "",
    contactEmail: p.contactEmail ?? "",
    gdprRole: v.kind === "DATA_SHARING" ? p.gdprRole ?? null : null,
    signatureStatus: p.signatureStatus,
    signedAt: parseDay(p.signedAt) ?? null,
  }));
}

function linkRows(r: Resolved) {
  return [
    ...(r.frameworkId ? [{ type: "IMPLEMENTS", toId: r.frameworkId }] : []),
    ...(r.amendsId ? [{ type: "AMENDS", toId: r.amendsId }] : []),
    ...(r.renewsId ? [{ type: "RENEWS", toId: r.renewsId }] : []),
  ];
}

/** The next free HT-YYYY-NNNN for the year, skipping numbers typed in by hand. */
async function allocateReference(tx: Tx, year: number): Promise<string> {
  for (;;) {
    const counter = await tx.referenceCounter.upsert({
      where: { year },
      create: { year, last: 1 },
      update: { last: { increment: 1 } },
    });
    const reference = formatReference(year, counter.last);
    if (!(await tx.agreement.findUnique({ where: { reference }, select: { id: true } }))) return reference;
  }
}

const snapshotInclude = {
  parties: {
    select: {
      role: true, signatureStatus: true, signedAt: true, gdprRole: true, contactName: true,
      unit: { select: { name: true } },
      partner: { select: { name: true, acronym: true } },
    },
  },
  linksFrom: { select: { type: true, to: { select: { reference: true } } } },
  researchLines: { select: { researchLine: { select: { name: true } } } },
} as const;

export async function loadForSnapshot(tx: Tx, id: string) {
  return tx.agreement.findUnique({ where: { id }, include: snapshotInclude });
}
export type SnapshotRecord = NonNullable<Awaited<ReturnType<typeof loadForSnapshot>>>;

/**
 * What a person reads of an agreement, field by field: used for the audit
 * trail's before/after and for the two sides of an edit conflict.
 */
export function agreementSnapshot(record: SnapshotRecord) {
  const day = (d: Date | null) => (d ? toDay(d) : "");
  return {
    title: record.title,
    kind: record.kind,
    summary: record.summary,
    signatureDate: day(record.signatureDate),
    startDate: day(record.startDate),
    endDate: day(record.endDate),
    renewal: record.renewalType === "NONE"
      ? "NONE"
      : `${record.renewalType}, ${describeNotice(record)}${record.renewalTermMonths ? `, renews for ${describeMonths(record.renewalTermMonths)}` : ""}`,
    value: record.valueCents === null ? "" : `${formatEuro(Number(record.valueCents))} ${record.valueDirection}`,
    confidentiality: record.confidentiality,
    htOwner: record.htOwner,
    partnerContact: record.partnerContact,
    needsBoardApproval: record.needsBoardApproval ? "yes" : "no",
    details: record.details,
    parties: record.parties
      .map((p) => {
        const who = p.unit ? p.unit.name : p.partner ? partnerDisplayName(p.partner) : "?";
        const signed = p.signatureStatus === "SIGNED" ? `, signed ${day(p.signedAt)}` : p.signatureStatus === "DECLINED" ? ", declined" : "";
        const gdpr = p.gdprRole ? `, ${p.gdprRole.toLowerCase().replace("_", " ")}` : "";
        return `${who} (${p.role ? PARTY_ROLES.label(p.role).toLowerCase() : "role not set"}${gdpr}${signed}${p.contactName ? `; ${p.contactName}` : ""})`;
      })
      .sort()
      .join("; "),
    links: record.linksFrom.map((l) => `${l.type.toLowerCase()} ${l.to.reference}`).sort().join("; "),
    researchLines: record.researchLines.map((r) => r.researchLine.name).sort().join("; "),
  };
}
export type AgreementSnapshot = ReturnType<typeof agreementSnapshot>;

/** The snapshot's fields as the conflict panel labels them. */
export const AGREEMENT_FIELD_LABELS: Record<keyof AgreementSnapshot, string> = {
  title: "Title", kind: "Kind", summary: "Summary", signatureDate: "Signature date", startDate: "Start", endDate: "End",
  renewal: "Renewal", value: "Value", confidentiality: "Confidentiality", htOwner: "HT owner", partnerContact: "Partner contact",
  needsBoardApproval: "Needs board approval", details: "Specific terms", parties: "Parties",
  links: "Links", researchLines: "Research lines",
};

/** The snapshot the submitted form would produce: "your version" on the conflict page. */
export async function formSnapshot(value: AgreementFormValue, resolved: Resolved): Promise<AgreementSnapshot> {
  const c = columns(value, resolved);
  const [links, lines] = await Promise.all([
    prisma.agreement.findMany({ where: { id: { in: linkRows(resolved).map((l) => l.toId) } }, select: { id: true, reference: true } }),
    prisma.researchLine.findMany({ where: { id: { in: value.researchLineIds } }, select: { name: true } }),
  ]);
  return agreementSnapshot({
    ...c,
    noticePeriodDays: c.noticePeriodDays,
    noticePeriodMonths: c.noticePeriodMonths,
    parties: partyRows(value).map((p) => ({
      ...p,
      unit: p.unitId ? { name: resolved.units.get(p.unitId)?.name ?? "?" } : null,
      partner: p.partnerId ? resolved.partners.get(p.partnerId) ?? null : null,
    })),
    linksFrom: linkRows(resolved).map((l) => ({ type: l.type, to: { reference: links.find((x) => x.id === l.toId)?.reference ?? "?" } })),
    researchLines: lines.map((researchLine) => ({ researchLine })),
  } as unknown as SnapshotRecord);
}

export async function createAgreement(actor: Actor, value: AgreementFormValue, resolved: Resolved, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const reference = value.reference ?? (await allocateReference(tx, now.getUTCFullYear()));
    const created = await tx.agreement.create({
      data: {
        ...columns(value, resolved),
        reference,
        status: "DRAFT",
        parties: { create: partyRows(value) },
        linksFrom: { create: linkRows(resolved) },
        researchLines: { create: value.researchLineIds.map((researchLineId) => ({ researchLineId })) },
        statusChanges: { create: { toStatus: "DRAFT", effectiveOn: utcToday(now), comment: resolved.renewsId ? "Renewal drafted" : "Recorded" } },
      },
      select: { id: true, reference: true, confidentiality: true },
    });
    const after = agreementSnapshot((await loadForSnapshot(tx, created.id))!);
    await recordAudit(tx, actor, {
      entity: "Agreement", entityId: created.id, action: "CREATE", agreementId: created.id,
      restricted: isRestricted(created),
      summary: `Recorded ${reference} “${value.title}”`,
      after: Object.fromEntries(Object.entries(after).filter(([, value]) => value !== "")),
    });
    return created;
  });
}

/**
 * Saves an edit made on `version`. If someone saved in between, nothing is
 * written and ConflictError carries the current state for the conflict page.
 */
export async function updateAgreement(actor: Actor, id: string, version: number, value: AgreementFormValue, resolved: Resolved) {
  return prisma.$transaction(async (tx) => {
    const current = await loadForSnapshot(tx, id);
    if (!current) return null;
    if (current.version !== version) throw versionConflict(CONFLICT, agreementSnapshot(current), current.version);
    const before = agreementSnapshot(current);
    const updated = await tx.agreement.updateMany({
      where: { id, version },
      data: { ...columns(value, resolved), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw versionConflict(CONFLICT, before, current.version);
    // Parties, links made by the form, and research lines are replaced as a whole.
    await tx.agreementParty.deleteMany({ where: { agreementId: id } });
    await tx.agreementParty.createMany({ data: partyRows(value).map((p) => ({ ...p, agreementId: id })) });
    await tx.agreementLink.deleteMany({ where: { fromId: id, type: { in: ["IMPLEMENTS", "AMENDS"] } } });
    const links = linkRows(resolved).filter((l) => l.type !== "RENEWS");
    if (links.length) await tx.agreementLink.createMany({ data: links.map((l) => ({ ...l, fromId: id })) });
    await tx.agreementResearchLine.deleteMany({ where: { agreementId: id } });
    if (value.researchLineIds.length) {
      await tx.agreementResearchLine.createMany({ data: value.researchLineIds.map((researchLineId) => ({ agreementId: id, researchLineId })) });
    }
    // Obligations due "N days before the end" or "every N months from the start" follow the new dates.
    await refreshObligationDueDates(tx, id);
    const after = agreementSnapshot((await loadForSnapshot(tx, id))!);
    const diff = changedFields(before, after);
    if (Object.keys(diff.after).length || Object.keys(diff.before).length) {
      await recordAudit(tx, actor, {
        entity: "Agreement", entityId: id, action: "UPDATE", agreementId: id,
        restricted: isRestricted(current) || isRestricted(value),
        summary: `Edited ${current.reference}: ${Object.keys(diff.after).join(", ")}`,
        ...diff,
      });
    }
    return { id, reference: current.reference, changed: Object.keys(diff.after) };
  });
}

/** Whether the agreement has ever been signed: signed agreements are never deleted. */
export function everSigned(agreement: { status: string; signatureDate: Date | null; parties: { signatureStatus: string }[] }) {
  return (
    SIGNED_STATUSES.includes(agreement.status as AgreementStatus) ||
    agreement.signatureDate !== null ||
    agreement.parties.some((p) => p.signatureStatus === "SIGNED")
  );
}

/**
 * Writing a planned import's agreements inside the commit's transaction
 * (app/models/import-commit.server.ts): the new agreements in bulk (their
 * references from the yearly counter, parties with signatures for signed
 * statuses, links to rows of the same file or to the register, a status
 * history, the notice deadline through app/domain/deadlines.ts, the party
 * labels) and the changes to existing agreements one by one (only the
 * fields the sheet gives, parties and links added, never removed), each
 * with its audit row carrying the import batch and its ImportRecord for
 * the undo.
 */
import { randomBytes } from "node:crypto";
import { formatReference } from "~/domain/agreement-reference";
import { isRestricted, mayReadRestricted } from "~/domain/confidentiality";
import { parseDay, utcToday } from "~/domain/dates";
import { noticeDeadline } from "~/domain/deadlines";
import type { PlannedAgreement, PlannedUpdate, PartyRef, Target } from "~/domain/import-plan";
import { SIGNED_STATUSES } from "~/domain/lifecycle";
import { partnerDisplayName, partyLabel } from "~/domain/party-labels";
import { fold } from "~/domain/text-match";
import type { AgreementStatus } from "~/domain/vocabulary";
import type { Role } from "~/domain/permissions";
import { insertObjects, insertRows } from "~/utils/bulk-insert.server";
import { chunks } from "~/utils/chunks";
import type { Tx } from "~/utils/db.server";
import { agreementSnapshot, loadForSnapshot, type SnapshotRecord } from "./agreement-write.server";
import { changedFields, recordAudits, type Actor } from "./audit.server";
import { refreshObligationDueDates } from "./obligation-dates.server";
import { refreshPartyLabels } from "./party-labels.server";

/** A cuid-like id ("c" + time + random), for rows written in bulk whose ids other rows need. */
export const newId = () => `c${Date.now().toString(36)}${randomBytes(9).toString("hex")}`;

export interface WriteContext {
  tx: Tx;
  actor: Actor;
  jobId: number;
  fileName: string;
  /** "Import #12 of register.xlsx": on every audit row the import writes. */
  batch: string;
  partners: Map<string, { id: string; name: string; acronym: string | null }>;
  newPartners: Map<string, { id: string; name: string; acronym: string | null }>;
  /** Every partner the import's parties name, matched or new, by id. */
  partnerById: Map<string, { id: string; name: string; acronym: string | null }>;
  units: Map<string, { id: string; name: string }>;
  users: { id: string; name: string; email: string; role: string }[];
  progress: (done: number) => void;
  /** Tests make a commit fail half-way with it. */
  checkpoint: (step: string) => Promise<void>;
}

type AuditEvent = Parameters<typeof recordAudits>[2][number];

function partnerOf(ctx: WriteContext, ref: PartyRef) {
  return "partnerId" in ref ? ctx.partners.get(ref.partnerId)! : ctx.newPartners.get(ref.newPartner)!;
}

/** The account a name in "HT owner" belongs to (by name or e-mail), when it may own this agreement. */
function ownerOf(ctx: WriteContext, name: string, restricted: boolean) {
  const f = fold(name);
  if (!f) return null;
  const user = ctx.users.find((u) => fold(u.name) === f || u.email.toLowerCase() === name.trim().toLowerCase());
  return user && (!restricted || mayReadRestricted({ role: user.role as Role })) ? user : null;
}

/** The next free references of each year, skipping numbers already used. */
async function allocateReferences(tx: Tx, years: number[]): Promise<(year: number) => string> {
  const next = new Map<number, { last: number; taken: Set<string> }>();
  for (const year of new Set(years)) {
    const counter = await tx.referenceCounter.findUnique({ where: { year } });
    const taken = await tx.$queryRaw<{ reference: string }[]>`SELECT "reference" FROM "Agreement" WHERE "reference" LIKE ${`HT-${year}-%`}`;
    next.set(year, { last: counter?.last ?? 0, taken: new Set(taken.map((t) => t.reference)) });
  }
  return (year: number) => {
    const n = next.get(year)!;
    for (;;) {
      n.last += 1;
      const reference = formatReference(year, n.last);
      if (!n.taken.has(reference)) return reference;
    }
  };
}

async function saveCounters(tx: Tx, used: Map<number, number>) {
  for (const [year, last] of used) {
    await tx.referenceCounter.upsert({ where: { year }, create: { year, last }, update: { last } });
  }
}

const dateOf = (day: string | null) => (day ? parseDay(day) ?? null : null);
const isSigned = (status: string) => SIGNED_STATUSES.includes(status as AgreementStatus);

function columnsOf(ctx: WriteContext, p: PlannedAgreement) {
  const d = p.draft;
  const restricted = isRestricted(d);
  const owner = ownerOf(ctx, d.htOwner, restricted);
  const terms = { endDate: dateOf(d.endDate), startDate: dateOf(d.startDate), renewalType: d.renewalType, noticePeriodDays: d.noticePeriodDays, noticePeriodMonths: d.noticePeriodMonths };
  return {
    title: d.title, kind: p.kind, status: d.status, summary: d.summary,
    signatureDate: dateOf(d.signatureDate), startDate: terms.startDate, endDate: terms.endDate,
    renewalType: d.renewalType, noticePeriodDays: d.renewalType === "NONE" ? null : d.noticePeriodDays, noticePeriodMonths: d.renewalType === "NONE" ? null : d.noticePeriodMonths,
    noticeDeadline: noticeDeadline(terms),
    valueCents: d.valueCents === null ? null : BigInt(d.valueCents), valueDirection: d.valueCents ? d.valueDirection : "NONE",
    confidentiality: d.confidentiality, ownerId: owner?.id ?? null, htOwner: owner?.name ?? d.htOwner, partnerContact: d.partnerContact,
  };
}

interface NewRow {
  planned: PlannedAgreement;
  id: string;
  reference: string;
  columns: ReturnType<typeof columnsOf>;
}

function partyRows(ctx: WriteContext, row: NewRow) {
  const signed = isSigned(row.columns.status) && row.columns.signatureDate;
  const base = { agreementId: row.id, signatureStatus: signed ? "SIGNED" : "PENDING", signedAt: signed ? row.columns.signatureDate : null };
  return [
    ...row.planned.draft.units.map((u) => ({ ...base, id: newId(), unitId: u.unitId, partnerId: null, role: u.role })),
    ...row.planned.partners.map((p) => ({ ...base, id: newId(), unitId: null, partnerId: partnerOf(ctx, p.ref).id, role: p.role })),
  ];
}

function targetId(target: Target, created: Map<string, NewRow>): string | null {
  return "agreementId" in target ? target.agreementId : created.get(target.draftKey)?.id ?? null;
}

/** What the audit trail and the undo read of a new agreement, as agreementSnapshot reads a saved one. */
function snapshotOf(ctx: WriteContext, row: NewRow, parties: ReturnType<typeof partyRows>, links: { type: string; reference: string }[]) {
  return agreementSnapshot({
    ...row.columns, details: "{}", needsBoardApproval: false, renewalTermMonths: null,
    parties: parties.map((p) => ({
      ...p, gdprRole: null, contactName: "",
      unit: p.unitId ? { name: ctx.units.get(p.unitId)?.name ?? "?" } : null,
      partner: p.partnerId ? ctx.partnerById.get(p.partnerId) ?? null : null,
    })),
    linksFrom: links.map((l) => ({ type: l.type, to: { reference: l.reference } })),
    researchLines: [],
  } as unknown as SnapshotRecord);
}

/** Creates every planned new agreement with its parties, links, history, audit rows and records. */
export async function createAgreements(ctx: WriteContext, creates: PlannedAgreement[], referenceOf: Map<string, string>): Promise<Map<string, string>> {
  const { tx } = ctx;
  const yearOf = (p: PlannedAgreement) => Number((p.draft.signatureDate ?? p.draft.startDate ?? utcToday().toISOString()).slice(0, 4));
  const allocate = await allocateReferences(tx, creates.filter((p) => !p.draft.reference).map(yearOf));
  const used = new Map<number, number>();
  const rows: NewRow[] = creates.map((planned) => {
    const reference = planned.draft.reference ?? allocate(yearOf(planned));
    if (!planned.draft.reference) used.set(yearOf(planned), Math.max(used.get(yearOf(planned)) ?? 0, Number(reference.split("-")[2])));
    return { planned, id: newId(), reference, columns: columnsOf(ctx, planned) };
  });
  const created = new Map(rows.map((r) => [r.planned.draft.key, r]));
  for (const r of rows) referenceOf.set(r.id, r.reference);
  await saveCounters(tx, used);
  let done = 0;
  const now = new Date();
  for (const part of chunks(rows, 100)) {
    const parties = part.map((r) => partyRows(ctx, r));
    await insertObjects(tx, "Agreement", part.map((r, i) => {
      const names = parties[i]!;
      return {
        ...r.columns, id: r.id, reference: r.reference, sourceReference: r.planned.draft.sourceReference,
        unitsLabel: partyLabel(names.flatMap((p) => (p.unitId ? [ctx.units.get(p.unitId)!.name] : []))),
        partnersLabel: partyLabel(names.flatMap((p) => (p.partnerId ? [partnerDisplayName(ctx.partnerById.get(p.partnerId)!)] : []))),
        details: "{}", version: 1, createdAt: now, updatedAt: now,
      };
    }));
    await insertObjects(tx, "AgreementParty", parties.flat().map((p) => ({ ...p, createdAt: now })));
    done += part.length;
    ctx.progress(done);
    await ctx.checkpoint("agreements");
  }
  await writeHistory(ctx, rows, created, referenceOf);
  return new Map(rows.map((r) => [r.planned.draft.key, r.id]));
}

async function writeHistory(ctx: WriteContext, rows: NewRow[], created: Map<string, NewRow>, referenceOf: Map<string, string>) {
  const { tx } = ctx;
  const links = rows.flatMap((r) => {
    const to = r.planned.related ? targetId(r.planned.related.target, created) : null;
    return to && to !== r.id ? [{ id: newId(), type: r.planned.related!.type, fromId: r.id, toId: to, note: `Imported from ${ctx.fileName}` }] : [];
  });
  const now = new Date();
  await insertObjects(tx, "AgreementLink", links.map((l) => ({ ...l, createdAt: now })));
  const today = utcToday();
  const changes = rows.map((r) => ({
    id: newId(), agreementId: r.id, fromStatus: null, toStatus: r.columns.status,
    effectiveOn: r.columns.signatureDate ?? r.columns.startDate ?? today,
    comment: `Imported from ${ctx.fileName} (row ${r.planned.draft.lines[0]})`,
  }));
  await insertObjects(tx, "StatusChange", changes.map((c) => ({ ...c, createdAt: now })));
  const missingRefs = links.filter((l) => !referenceOf.has(l.toId)).map((l) => l.toId);
  const targets = missingRefs.length ? await tx.agreement.findMany({ where: { id: { in: missingRefs } }, select: { id: true, reference: true } }) : [];
  for (const t of targets) referenceOf.set(t.id, t.reference);
  const events: AuditEvent[] = rows.map((r) => {
    const own = links.filter((l) => l.fromId === r.id).map((l) => ({ type: l.type, reference: referenceOf.get(l.toId) ?? "?" }));
    const after = snapshotOf(ctx, r, partyRows(ctx, r), own);
    return {
      entity: "Agreement", entityId: r.id, action: "CREATE", agreementId: r.id, restricted: isRestricted(r.columns),
      summary: `Imported ${r.reference} “${r.columns.title}” from ${ctx.fileName}`,
      after: { ...Object.fromEntries(Object.entries(after).filter(([, v]) => v !== "")), reference: r.reference, importBatch: ctx.batch },
    };
  });
  await recordAudits(tx, ctx.actor, events);
  await insertRows(tx, "ImportRecord", ["jobId", "entity", "entityId", "action", "version"], rows.map((r) => [ctx.jobId, "Agreement", r.id, "CREATE", 1]));
}

/** The columns an update writes: only the fields the sheet gives, and what derives from them. */
function updateColumns(ctx: WriteContext, u: PlannedUpdate) {
  const all = columnsOf(ctx, u);
  const e = u.existing;
  const out: Record<string, unknown> = {};
  const set = (name: string, ...keys: (keyof typeof all)[]) => u.changed.includes(name) && keys.forEach((k) => (out[k] = all[k]));
  set("title", "title");
  set("kind", "kind");
  set("status", "status");
  set("summary", "summary");
  set("signature date", "signatureDate");
  set("start", "startDate");
  set("end", "endDate");
  set("renewal", "renewalType");
  set("notice period", "noticePeriodDays", "noticePeriodMonths");
  set("value", "valueCents", "valueDirection");
  set("confidentiality", "confidentiality");
  set("HT owner", "htOwner", "ownerId");
  set("partner contact", "partnerContact");
  const merged = {
    endDate: (out.endDate as Date | null | undefined) ?? dateOf(e.endDate), startDate: (out.startDate as Date | null | undefined) ?? dateOf(e.startDate),
    renewalType: (out.renewalType as string | undefined) ?? e.renewalType,
    noticePeriodDays: out.noticePeriodDays !== undefined ? (out.noticePeriodDays as number | null) : e.noticePeriodDays,
    noticePeriodMonths: out.noticePeriodMonths !== undefined ? (out.noticePeriodMonths as number | null) : e.noticePeriodMonths,
  };
  out.noticeDeadline = noticeDeadline(merged);
  return out;
}

/** The stored columns an undo puts back. */
const BEFORE_COLUMNS = [
  "title", "kind", "status", "summary", "signatureDate", "startDate", "endDate", "renewalType", "noticePeriodDays", "noticePeriodMonths",
  "noticeDeadline", "valueCents", "valueDirection", "confidentiality", "ownerId", "htOwner", "partnerContact",
] as const;

/** Applies each planned change to an existing agreement, in turn. */
export async function updateAgreements(ctx: WriteContext, updates: PlannedUpdate[], createdIds: Map<string, string>, offset: number) {
  const { tx } = ctx;
  let done = offset;
  for (const u of updates) {
    const id = u.existing.id;
    const current = (await loadForSnapshot(tx, id))!;
    const before = agreementSnapshot(current);
    const data = updateColumns(ctx, u);
    const saved = Object.fromEntries(BEFORE_COLUMNS.map((k) => [k, current[k] === null || current[k] === undefined ? null : typeof current[k] === "bigint" ? String(current[k]) : current[k] instanceof Date ? (current[k] as Date).toISOString() : current[k]]));
    await tx.agreement.update({ where: { id, version: u.existing.version }, data: { ...data, version: { increment: 1 } } });
    const parties = [
      ...u.addUnits.map((x) => ({ id: newId(), agreementId: id, unitId: x.unitId, partnerId: null, role: x.role })),
      ...u.addPartners.map((x) => ({ id: newId(), agreementId: id, unitId: null, partnerId: partnerOf(ctx, x.ref).id, role: x.role })),
    ];
    if (parties.length) await tx.agreementParty.createMany({ data: parties });
    const to = u.addLink && u.related ? ("agreementId" in u.related.target ? u.related.target.agreementId : createdIds.get(u.related.target.draftKey) ?? null) : null;
    const link = to ? await tx.agreementLink.create({ data: { type: u.related!.type, fromId: id, toId: to, note: `Imported from ${ctx.fileName}` }, select: { id: true } }) : null;
    const status = u.changed.includes("status")
      ? await tx.statusChange.create({ data: { agreementId: id, fromStatus: u.existing.status, toStatus: u.draft.status, effectiveOn: utcToday(), comment: `Imported from ${ctx.fileName} (row ${u.draft.lines[0]})` }, select: { id: true } })
      : null;
    await refreshPartyLabels(tx, [id]);
    await refreshObligationDueDates(tx, id);
    const diff = changedFields(before, agreementSnapshot((await loadForSnapshot(tx, id))!));
    await recordAudits(tx, ctx.actor, [{
      entity: "Agreement", entityId: id, action: "UPDATE", agreementId: id, restricted: isRestricted(current) || isRestricted(u.draft),
      summary: `Updated ${current.reference} from ${ctx.fileName}: ${u.changed.join(", ")}`,
      before: diff.before, after: { ...diff.after, importBatch: ctx.batch },
    }]);
    const record = { columns: saved, addedPartyIds: parties.map((p) => p.id), addedLinkIds: link ? [link.id] : [], addedStatusChangeIds: status ? [status.id] : [] };
    await tx.importRecord.create({ data: { jobId: ctx.jobId, entity: "Agreement", entityId: id, action: "UPDATE", version: u.existing.version + 1, before: JSON.stringify(record) } });
    ctx.progress(++done);
    await ctx.checkpoint("updates");
  }
}

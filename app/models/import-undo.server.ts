/**
 * Undoing a committed import as a whole (docs/decisions/064), in one
 * transaction, while none of its records has changed since: every
 * agreement and partner it created or changed must still be at the version
 * it left, no audit event may concern them after the import's own, and
 * nothing outside the import may have come to depend on them (a party, a
 * link, a department). Then its agreements are deleted (their parties,
 * links and history with them), the agreements it updated get their
 * columns back and lose the parties, links and status changes it added,
 * the partners it changed get their other names back, and the partners it
 * created are deleted, each with its audit row.
 */
import { Prisma } from "~/generated/prisma/client";
import { isRestricted } from "~/domain/confidentiality";
import { refused } from "~/domain/errors";
import { chunks } from "~/utils/chunks";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudits, type Actor } from "./audit.server";
import { startStep, type Progress, type StepOutcome } from "./import-jobs.server";
import { refreshObligationDueDates } from "./obligation-dates.server";
import { refreshPartyLabels } from "./party-labels.server";
import { refreshSearchIndex } from "./search-index.server";

const CHUNK = 400;

interface Records {
  createdAgreements: string[];
  updatedAgreements: { id: string; version: number; before: UpdateBefore }[];
  createdPartners: string[];
  updatedPartners: { id: string; version: number; aliases: string }[];
  versions: Map<string, number>;
}

interface UpdateBefore {
  columns: Record<string, unknown>;
  addedPartyIds: string[];
  addedLinkIds: string[];
  addedStatusChangeIds: string[];
}

async function loadRecords(tx: Tx, jobId: number): Promise<Records> {
  const rows = await tx.importRecord.findMany({ where: { jobId } });
  const of = (entity: string, action: string) => rows.filter((r) => r.entity === entity && r.action === action);
  return {
    createdAgreements: of("Agreement", "CREATE").map((r) => r.entityId),
    updatedAgreements: of("Agreement", "UPDATE").map((r) => ({ id: r.entityId, version: r.version, before: JSON.parse(r.before) as UpdateBefore })),
    createdPartners: of("Partner", "CREATE").map((r) => r.entityId),
    updatedPartners: of("Partner", "UPDATE").map((r) => ({ id: r.entityId, version: r.version, aliases: (JSON.parse(r.before) as { aliases: string }).aliases })),
    versions: new Map(rows.map((r) => [`${r.entity}:${r.entityId}`, r.version])),
  };
}

/** What changed since the import: later audit events, other versions, records outside it that now depend on it. */
async function changesSince(tx: Tx, mark: number, r: Records): Promise<string[]> {
  const agreements = [...r.createdAgreements, ...r.updatedAgreements.map((u) => u.id)];
  const partners = [...r.createdPartners, ...r.updatedPartners.map((u) => u.id)];
  const found: string[] = [];
  for (const part of chunks(agreements, CHUNK)) {
    const events = await tx.$queryRaw<{ summary: string }[]>`
      SELECT "summary" FROM "AuditEvent" WHERE "id" > ${mark} AND "agreementId" IN (${Prisma.join(part)}) ORDER BY "id" LIMIT 3`;
    found.push(...events.map((e) => e.summary));
    const rows = await tx.agreement.findMany({ where: { id: { in: part } }, select: { id: true, reference: true, version: true } });
    for (const a of rows) if (a.version !== r.versions.get(`Agreement:${a.id}`)) found.push(`${a.reference} was edited`);
    const links = await tx.agreementLink.findMany({ where: { toId: { in: part }, fromId: { notIn: agreements } }, select: { from: { select: { reference: true } } }, take: 3 });
    found.push(...links.map((l) => `${l.from.reference} now links to an imported agreement`));
  }
  for (const part of chunks(partners, CHUNK)) {
    const events = await tx.$queryRaw<{ summary: string }[]>`
      SELECT "summary" FROM "AuditEvent" WHERE "id" > ${mark} AND "entity" = 'Partner' AND "entityId" IN (${Prisma.join(part)}) ORDER BY "id" LIMIT 3`;
    found.push(...events.map((e) => e.summary));
    const rows = await tx.partner.findMany({ where: { id: { in: part } }, select: { id: true, name: true, version: true } });
    for (const p of rows) if (p.version !== r.versions.get(`Partner:${p.id}`)) found.push(`partner ${p.name} was edited`);
  }
  for (const part of chunks(r.createdPartners, CHUNK)) {
    const used = await tx.agreementParty.findMany({ where: { partnerId: { in: part }, agreementId: { notIn: r.createdAgreements } }, select: { agreement: { select: { reference: true } } }, take: 3 });
    found.push(...used.map((u) => `${u.agreement.reference} now names a partner the import created`));
    const children = await tx.partner.findMany({ where: { parentId: { in: part }, id: { notIn: r.createdPartners } }, select: { name: true }, take: 3 });
    found.push(...children.map((c) => `${c.name} was added as a department of a partner the import created`));
  }
  return [...new Set(found)];
}

async function restoreUpdated(tx: Tx, actor: Actor, batch: string, updates: Records["updatedAgreements"]) {
  for (const u of updates) {
    const c = u.before.columns;
    const date = (v: unknown) => (v ? new Date(String(v)) : null);
    const data = {
      ...c,
      signatureDate: date(c.signatureDate), startDate: date(c.startDate), endDate: date(c.endDate), noticeDeadline: date(c.noticeDeadline),
      valueCents: c.valueCents === null || c.valueCents === undefined ? null : BigInt(String(c.valueCents)),
    } as Prisma.AgreementUncheckedUpdateInput;
    await tx.agreementParty.deleteMany({ where: { id: { in: u.before.addedPartyIds } } });
    await tx.agreementLink.deleteMany({ where: { id: { in: u.before.addedLinkIds } } });
    await tx.statusChange.deleteMany({ where: { id: { in: u.before.addedStatusChangeIds } } });
    const saved = await tx.agreement.update({ where: { id: u.id }, data: { ...data, version: { increment: 1 } }, select: { reference: true, confidentiality: true } });
    await refreshPartyLabels(tx, [u.id]);
    await refreshObligationDueDates(tx, u.id);
    await recordAudits(tx, actor, [{
      entity: "Agreement", entityId: u.id, action: "UPDATE", agreementId: u.id, restricted: isRestricted(saved),
      summary: `Undid the changes of ${batch} to ${saved.reference}`, after: { importBatch: `${batch} (undone)` },
    }]);
  }
}

async function deleteCreated(tx: Tx, actor: Actor, batch: string, r: Records, progress: (n: number) => void) {
  let done = 0;
  for (const part of chunks(r.createdAgreements, CHUNK)) {
    const rows = await tx.agreement.findMany({ where: { id: { in: part } }, select: { id: true, reference: true, title: true, confidentiality: true } });
    await tx.agreement.deleteMany({ where: { id: { in: part } } });
    await recordAudits(tx, actor, rows.map((a) => ({
      entity: "Agreement", entityId: a.id, action: "DELETE", agreementId: a.id, restricted: isRestricted(a),
      summary: `Deleted ${a.reference} “${a.title}”: ${batch} undone`, before: { reference: a.reference, title: a.title, importBatch: batch },
    })));
    done += part.length;
    progress(done);
  }
  for (const p of r.updatedPartners) await tx.partner.update({ where: { id: p.id }, data: { aliases: p.aliases, version: { increment: 1 } } });
  await recordAudits(tx, actor, r.updatedPartners.map((p) => ({
    entity: "Partner", entityId: p.id, action: "UPDATE", summary: `Other names added by ${batch} removed (undone)`, after: { aliases: p.aliases },
  })));
  const partners = await tx.partner.findMany({ where: { id: { in: r.createdPartners } }, select: { id: true, name: true, parentId: true } });
  // Departments first: their parent may be a partner of the same import.
  for (const group of [partners.filter((p) => p.parentId), partners.filter((p) => !p.parentId)]) {
    for (const part of chunks(group.map((p) => p.id), CHUNK)) await tx.partner.deleteMany({ where: { id: { in: part } } });
  }
  await recordAudits(tx, actor, partners.map((p) => ({
    entity: "Partner", entityId: p.id, action: "DELETE", summary: `Deleted partner ${p.name}: ${batch} undone`, before: { name: p.name, importBatch: batch },
  })));
}

async function undoWork(actor: Actor, jobId: number, progress: Progress): Promise<StepOutcome> {
  const job = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId }, select: { id: true, fileName: true, auditMark: true } });
  const batch = `import #${job.id} of ${job.fileName}`;
  await prisma.$transaction(async (tx) => {
    const r = await loadRecords(tx, jobId);
    const total = r.createdAgreements.length + r.updatedAgreements.length;
    progress(0, total);
    const changed = await changesSince(tx, job.auditMark ?? 0, r);
    if (changed.length) {
      throw refused(`This import can no longer be undone: what it wrote has changed since (${changed.slice(0, 3).join("; ")}${changed.length > 3 ? "…" : ""}). Change those records by hand instead.`);
    }
    await deleteCreated(tx, actor, batch, r, (n) => progress(n, total));
    await restoreUpdated(tx, actor, batch, r.updatedAgreements);
    await recordAudits(tx, actor, [{
      entity: "Import", entityId: String(jobId), action: "UNDO",
      summary: `Undid ${batch}: ${r.createdAgreements.length} agreements deleted, ${r.updatedAgreements.length} restored, ${r.createdPartners.length} partners deleted`,
      after: { fileName: job.fileName, importBatch: batch },
    }]);
    await tx.importJob.update({ where: { id: jobId }, data: { status: "UNDONE", undoneAt: new Date(), stepStartedAt: null } });
  }, { timeout: 15 * 60_000, maxWait: 60_000 });
  await refreshSearchIndex().catch((error: unknown) => console.error("[import] the search index could not be refreshed now:", error));
  return { next: "UNDONE" };
}

/** Starts undoing a committed import (refused, and the job left as it was, when anything it wrote has changed). */
export function startUndo(actor: Actor, jobId: number): Promise<boolean> {
  return startStep(jobId, ["DONE"], "UNDOING", (progress) => undoWork(actor, jobId, progress), { onFailure: "DONE" });
}

/** Whether an import could be undone now, and if not why (shown before the person asks). */
export async function undoBlockers(jobId: number): Promise<string[]> {
  const job = await prisma.importJob.findUnique({ where: { id: jobId }, select: { status: true, auditMark: true } });
  if (!job || job.status !== "DONE") return ["Only a committed import can be undone."];
  return changesSince(prisma, job.auditMark ?? 0, await loadRecords(prisma, jobId));
}

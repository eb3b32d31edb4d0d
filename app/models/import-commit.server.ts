/**
 * Committing an import, all or nothing (docs/decisions/064): one
 * transaction plans the import again against the register as it is inside
 * it (and refuses when that differs from the dry run the person confirmed),
 * then writes the new partners, the other names matched partners keep, the
 * agreements (app/models/import-write.server.ts), one audit row per record
 * carrying the import batch and one for the batch itself, and the job's
 * DONE status with the mark the undo checks against. Any failure before
 * the end rolls everything back, the job's status included; a server that
 * stops meanwhile leaves the transaction uncommitted (recovered as failed).
 */
import { refused, versionConflict } from "~/domain/errors";
import { planImport, type AliasUpdate, type Plan, type PlanInput, type PlanTotals, type PlannedPartner } from "~/domain/import-plan";
import { partnerDisplayName } from "~/domain/party-labels";
import { insertObjects, insertRows, updateRows } from "~/utils/bulk-insert.server";
import { prisma, type Tx } from "~/utils/db.server";
import { recordAudits, type Actor } from "./audit.server";
import { parseTotals } from "./import-dry-run.server";
import { startStep, type Progress, type StepOutcome } from "./import-jobs.server";
import { loadPlanInput } from "./import-plan-input.server";
import { createAgreements, newId, updateAgreements, type WriteContext } from "./import-write.server";
import { refreshSearchIndex } from "./search-index.server";

export interface CommitOptions {
  /** Called after each part of the commit ("partners", "aliases", "agreements", "updates", "batch"): tests make it throw. */
  checkpoint?: (step: string) => void | Promise<void>;
}

/** A commit may take a while on a large file: far longer than Prisma's default 5 seconds. */
const TRANSACTION = { timeout: 15 * 60_000, maxWait: 60_000 };

export function startCommit(actor: Actor, jobId: number, options: CommitOptions = {}): Promise<boolean> {
  return startStep(jobId, ["READY"], "COMMITTING", (progress) => commitWork(actor, jobId, progress, options));
}

const sameTotals = (a: PlanTotals, b: PlanTotals) => JSON.stringify([a.agreements, a.partners]) === JSON.stringify([b.agreements, b.partners]);

async function createPartners(ctx: WriteContext, partners: PlannedPartner[]) {
  const rows = partners.map((p) => ({ ...p, id: newId() }));
  for (const r of rows) {
    const made = { id: r.id, name: r.name, acronym: r.acronym };
    ctx.newPartners.set(r.key, made);
    ctx.partnerById.set(r.id, made);
  }
  const now = new Date();
  await insertObjects(ctx.tx, "Partner", rows.map((r) => ({
    id: r.id, name: r.name, acronym: r.acronym, kind: r.kind, city: r.city, country: r.country, parentId: r.parentId, aliases: r.aliases,
    version: 1, createdAt: now, updatedAt: now,
  })));
  const parents = new Map((await ctx.tx.partner.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => (r.parentId ? [r.parentId] : [])))] } }, select: { id: true, name: true, acronym: true } })).map((p) => [p.id, p]));
  await recordAudits(ctx.tx, ctx.actor, rows.map((r) => ({
    entity: "Partner", entityId: r.id, action: "CREATE", summary: `Created partner ${r.name} (${ctx.batch})`,
    after: {
      name: r.name, acronym: r.acronym ?? "", kind: r.kind, city: r.city, country: r.country, aliases: r.aliases,
      parent: r.parentId && parents.get(r.parentId) ? partnerDisplayName(parents.get(r.parentId)!) : null, importBatch: ctx.batch,
    },
  })));
  await insertRows(ctx.tx, "ImportRecord", ["jobId", "entity", "entityId", "action", "version"], rows.map((r) => [ctx.jobId, "Partner", r.id, "CREATE", 1]));
  await ctx.checkpoint("partners");
}

async function addAliases(ctx: WriteContext, updates: AliasUpdate[]) {
  const saved = await updateRows(
    ctx.tx, "Partner", { key: "id", where: ["version"], set: ["aliases"], also: { updatedAt: new Date() }, increment: "version" },
    updates.map((u) => [u.partnerId, u.version, u.aliases]),
  );
  if (saved !== updates.length) throw versionConflict("A partner was changed while the import was being written: run the dry run again.");
  await recordAudits(ctx.tx, ctx.actor, updates.map((u) => ({
    entity: "Partner", entityId: u.partnerId, action: "UPDATE",
    summary: `Other names of ${ctx.partnerById.get(u.partnerId)?.name ?? "a partner"} added by ${ctx.batch}: ${u.added.join("; ")}`.slice(0, 1000),
    before: { aliases: u.before }, after: { aliases: u.aliases, importBatch: ctx.batch },
  })));
  await insertRows(ctx.tx, "ImportRecord", ["jobId", "entity", "entityId", "action", "version", "before"],
    updates.map((u) => [ctx.jobId, "Partner", u.partnerId, "UPDATE", u.version + 1, JSON.stringify({ aliases: u.before })]));
  await ctx.checkpoint("aliases");
}

async function writeContext(tx: Tx, actor: Actor, job: { id: number; fileName: string }, input: PlanInput, progress: (done: number) => void, options: CommitOptions): Promise<WriteContext> {
  const [units, users] = await Promise.all([
    tx.unit.findMany({ select: { id: true, name: true } }),
    tx.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true, role: true } }),
  ]);
  const partners = new Map([...input.partners.values()].map((p) => [p.id, { id: p.id, name: p.name, acronym: p.acronym }]));
  return {
    tx, actor, jobId: job.id, fileName: job.fileName, batch: `import #${job.id} of ${job.fileName}`,
    partners, newPartners: new Map(), partnerById: new Map(partners), units: new Map(units.map((u) => [u.id, u])), users, progress,
    checkpoint: async (step) => {
      await options.checkpoint?.(step);
    },
  };
}

async function writePlan(ctx: WriteContext, plan: Plan) {
  await createPartners(ctx, plan.newPartners);
  await addAliases(ctx, plan.aliasUpdates);
  const references = new Map<string, string>();
  const created = await createAgreements(ctx, plan.creates, references);
  await updateAgreements(ctx, plan.updates, created, plan.creates.length);
  await recordAudits(ctx.tx, ctx.actor, [{
    entity: "Import", entityId: String(ctx.jobId), action: "IMPORT",
    summary: `Imported ${ctx.fileName}: ${plan.creates.length} agreements created, ${plan.updates.length} updated, ${plan.newPartners.length} partners created`,
    after: {
      fileName: ctx.fileName, created: plan.creates.length, updated: plan.updates.length, partnersCreated: plan.newPartners.length,
      aliasesAdded: plan.aliasUpdates.length, importBatch: ctx.batch,
    },
  }]);
  await ctx.checkpoint("batch");
}

async function commitWork(actor: Actor, jobId: number, progress: Progress, options: CommitOptions): Promise<StepOutcome> {
  const job = await prisma.importJob.findUniqueOrThrow({ where: { id: jobId }, select: { id: true, fileName: true, headers: true, mapping: true, identifierLabel: true, totals: true } });
  const expected = parseTotals(job.totals);
  if (!expected) throw refused("Run the dry run before importing.");
  const total = expected.agreements.CREATE + expected.agreements.UPDATE;
  progress(0, total);
  await prisma.$transaction(async (tx) => {
    const input = await loadPlanInput(tx, job);
    const plan = planImport(input);
    if (!sameTotals(plan.totals, expected)) {
      throw refused("The register changed since the dry run (someone saved agreements or partners meanwhile): run the dry run again, check it, then import.");
    }
    if (!plan.creates.length && !plan.updates.length) throw refused("There is nothing to import: every row is already in the register, or refused.");
    const ctx = await writeContext(tx, actor, job, input, (done) => progress(done, total), options);
    await writePlan(ctx, plan);
    const mark = await tx.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" }, select: { id: true } });
    await tx.importJob.update({ where: { id: jobId }, data: { status: "DONE", committedAt: new Date(), auditMark: mark.id, stepStartedAt: null } });
  }, TRANSACTION);
  // The search index follows by its triggers; rebuild what they queued now rather than at the next search.
  // (Committed already: a failure here only leaves the rebuild to the next search.)
  await refreshSearchIndex().catch((error: unknown) => console.error("[import] the search index could not be refreshed now:", error));
  return { next: "DONE" };
}

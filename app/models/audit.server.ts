/**
 * The insert-only audit trail: writing one event per change inside the
 * change's transaction (changed fields only, secrets never), and listing
 * events with filters (each with its changes in the pages' words and a
 * link to its record: app/domain/audit-format.ts), restricted agreements' events only for readers who
 * may read them.
 */
import type { Prisma } from "~/generated/prisma/client";
import { AUDIT_PAGE_SIZE, type AuditAction, type AuditEntity } from "~/domain/audit";
import { auditLink, readableChanges } from "~/domain/audit-format";
import { mayReadRestricted, type Reader } from "~/domain/confidentiality";
import type { CurrentUser } from "~/utils/auth.server";
import { insertRows } from "~/utils/bulk-insert.server";
import { prisma, type Tx } from "~/utils/db.server";


/** Who made a change: a user, or the system (the command line, the seed). */
export type Actor = Pick<CurrentUser, "id" | "email"> | { id: null; email: string };

export const SYSTEM_ACTOR = (what: string): Actor => ({ id: null, email: `system (${what})` });

type Plain = Record<string, unknown>;

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number(value);
  return value;
}

/**
 * The fields whose values differ between `before` and `after`, each side
 * holding only those fields. Secrets are never written to the trail.
 */
export function changedFields(before: Plain, after: Plain, secret: string[] = ["passwordHash"]) {
  const b: Plain = {};
  const a: Plain = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === "updatedAt" || key === "version") continue;
    const x = normalise(before[key]);
    const y = normalise(after[key]);
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    const hidden = secret.includes(key);
    if (key in before) b[key] = hidden ? "(hidden)" : x;
    if (key in after) a[key] = hidden ? "(changed)" : y;
  }
  return { before: b, after: a };
}

/**
 * Writes one audit event. Call it with the transaction client of the change
 * itself, so the change and its record commit or fail together.
 */
export async function recordAudit(
  tx: Tx,
  actor: Actor,
  event: {
    entity: AuditEntity;
    entityId: string;
    action: AuditAction;
    summary: string;
    before?: Plain;
    after?: Plain;
    agreementId?: string | null;
    restricted?: boolean;
  },
) {
  const toJson = (o: Plain | undefined) =>
    JSON.stringify(Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, normalise(v)])));
  await tx.auditEvent.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      entity: event.entity,
      entityId: event.entityId,
      action: event.action,
      summary: event.summary,
      before: toJson(event.before),
      after: toJson(event.after),
      agreementId: event.agreementId ?? null,
      restricted: event.restricted ?? false,
    },
  });
}

/**
 * Writes many audit events at once (an import writes one per agreement and
 * partner), in the change's transaction like recordAudit, with multi-row
 * inserts (app/utils/bulk-insert.server.ts).
 */
export async function recordAudits(tx: Tx, actor: Actor, events: Parameters<typeof recordAudit>[2][]) {
  const toJson = (o: Plain | undefined) =>
    JSON.stringify(Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, normalise(v)])));
  const at = new Date();
  await insertRows(
    tx, "AuditEvent",
    ["at", "actorId", "actorEmail", "entity", "entityId", "action", "summary", "before", "after", "agreementId", "restricted"],
    events.map((e) => [at, actor.id, actor.email, e.entity, e.entityId, e.action, e.summary, toJson(e.before), toJson(e.after), e.agreementId ?? null, e.restricted ?? false]),
  );
}

export interface AuditFilters {
  actor?: string;
  entity?: string;
  action?: string;
  from?: Date;
  to?: Date;
  agreementId?: string;
  page: number;
}


/** Audit events, newest first; restricted agreements' events only for roles that may read them. */
export async function listAuditEvents(filters: AuditFilters, reader: Reader) {
  const where: Prisma.AuditEventWhereInput = {
    ...(filters.actor ? { actorEmail: { contains: filters.actor.toLowerCase() } } : {}),
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.agreementId ? { agreementId: filters.agreementId } : {}),
    ...(filters.from || filters.to ? { at: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) } } : {}),
    ...(mayReadRestricted(reader) ? {} : { restricted: false }),
  };
  const [total, events] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (filters.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return {
    total,
    events: events.map((e) => {
      const before = parseObject(e.before);
      const after = parseObject(e.after);
      return { ...e, before, after, changes: readableChanges(e.entity, before, after), link: auditLink(e) };
    }),
  };
}

function parseObject(json: string): Plain {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as Plain) : {};
  } catch {
    return {};
  }
}

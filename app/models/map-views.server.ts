/**
 * Saved views of the collaboration map (docs/decisions/084): each person's
 * own, and those editors pin for everyone. A view is a name, the map's query
 * (filters, question, selection) and the nodes dragged; whoever opens it by
 * its link sees the map drawn for them (a viewer never sees more than a
 * viewer's map). Every change writes its audit row in the same transaction.
 */
import type { CurrentUser } from "~/utils/auth.server";
import { readableWhere } from "~/domain/confidentiality";
import { forbidden, notFound, versionConflict } from "~/domain/errors";
import type { MapViewInput } from "~/domain/map-views";
import { LayoutPositionsSchema } from "~/domain/network";
import { can } from "~/domain/permissions";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export interface SavedMapView {
  id: string;
  name: string;
  query: string;
  positions: Record<string, { x: number; y: number }>;
  pinned: boolean;
  version: number;
  owner: string | null;
  mine: boolean;
  updatedAt: string;
}

const SELECT = { id: true, name: true, query: true, positions: true, pinned: true, version: true, ownerId: true, updatedAt: true, owner: { select: { name: true } } } as const;

type Row = { id: string; name: string; query: string; positions: string; pinned: boolean; version: number; ownerId: string | null; updatedAt: Date; owner: { name: string } | null };

function positionsOf(text: string): SavedMapView["positions"] {
  try {
    const parsed = LayoutPositionsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function toView(row: Row, user: CurrentUser): SavedMapView {
  return {
    id: row.id, name: row.name, query: row.query, positions: positionsOf(row.positions), pinned: row.pinned, version: row.version,
    owner: row.owner?.name ?? null, mine: row.ownerId === user.id, updatedAt: row.updatedAt.toISOString(),
  };
}

/** The reader's own views and the pinned ones: pinned first, then by name. */
export async function listMapViews(user: CurrentUser): Promise<SavedMapView[]> {
  const rows = await prisma.mapView.findMany({
    where: { OR: [{ ownerId: user.id }, { pinned: true }] },
    select: SELECT,
    orderBy: [{ pinned: "desc" }, { name: "asc" }],
    take: 200,
  });
  return rows.map((row) => toView(row, user));
}

/**
 * A view's query for `user`: a what-if naming an agreement they may not read
 * is left out, so its id never reaches them (docs/decisions/010); the map
 * would ignore it anyway.
 */
export async function queryFor(user: CurrentUser, query: string): Promise<URLSearchParams> {
  const params = new URLSearchParams(query);
  const whatIf = params.get("whatIf");
  if (whatIf && !whatIf.startsWith("ending:")) {
    const readable = await prisma.agreement.findFirst({ where: { id: whatIf, ...readableWhere(user) }, select: { id: true } });
    if (!readable) params.delete("whatIf");
  }
  return params;
}

/** One view by its id (the link is the share: anyone who may read the map may open it). */
export async function getMapView(id: string, user: CurrentUser): Promise<SavedMapView | null> {
  const row = await prisma.mapView.findUnique({ where: { id }, select: SELECT });
  return row ? toView(row, user) : null;
}

const mayPin = (user: CurrentUser) => can(user.role, "agreement:write");

export async function createMapView(user: CurrentUser, input: MapViewInput): Promise<SavedMapView> {
  if (input.pinned && !mayPin(user)) throw forbidden("Only editors may pin a view for everyone.");
  const positions = positionsOf(input.positions);
  return prisma.$transaction(async (tx) => {
    const row = await tx.mapView.create({
      data: { name: input.name, query: input.query, positions: JSON.stringify(positions), pinned: input.pinned, ownerId: user.id },
      select: SELECT,
    });
    await recordAudit(tx, user, {
      entity: "MapView", entityId: row.id, action: "CREATE", summary: `Saved the map view "${row.name}"${row.pinned ? " (pinned for everyone)" : ""}`,
      after: { name: row.name, query: row.query, pinned: row.pinned, positions: Object.keys(positions).length },
    });
    return toView(row, user);
  });
}

/** Pins a view for everyone, or unpins it (editors and admins). */
export async function setMapViewPinned(user: CurrentUser, id: string, pinned: boolean, version: number): Promise<void> {
  if (!mayPin(user)) throw forbidden("Only editors may pin a view for everyone.");
  await prisma.$transaction(async (tx) => {
    const row = await tx.mapView.findUnique({ where: { id }, select: SELECT });
    if (!row) throw notFound("That view no longer exists.");
    if (row.version !== version) throw versionConflict("Someone changed this view meanwhile: reload to see it.", { pinned: String(row.pinned) }, row.version);
    await tx.mapView.update({ where: { id }, data: { pinned, version: { increment: 1 } } });
    await recordAudit(tx, user, {
      entity: "MapView", entityId: id, action: "UPDATE", summary: `${pinned ? "Pinned" : "Unpinned"} the map view "${row.name}"`,
      before: { pinned: row.pinned }, after: { pinned },
    });
  });
}

/** Deletes a view: its owner, or an editor for a pinned one, or an admin. */
export async function deleteMapView(user: CurrentUser, id: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.mapView.findUnique({ where: { id }, select: SELECT });
    if (!row) throw notFound("That view no longer exists.");
    const allowed = row.ownerId === user.id || user.role === "ADMIN" || (row.pinned && mayPin(user));
    if (!allowed) throw forbidden("Only its owner may delete this view.");
    await tx.mapView.delete({ where: { id } });
    await recordAudit(tx, user, {
      entity: "MapView", entityId: id, action: "DELETE", summary: `Deleted the map view "${row.name}"`,
      before: { name: row.name, query: row.query, pinned: row.pinned },
    });
  });
}

/**
 * The map's shared arrangement (MapLayout): node centres an editor saved,
 * drawn for everyone over the computed layout. Read (with a cheap stamp the
 * map's cache compares), saved (merged or replacing) and reset, each change
 * with its audit row in the same transaction.
 */
import type { SavedLayout } from "~/domain/network-build";
import { MAX_LAYOUT_POSITIONS } from "~/domain/network";
import type { Point } from "~/domain/network-layout";
import { prisma } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";

export const DEFAULT_LAYOUT_NAME = "default";

/**
 * When the arrangement last changed ("" when there is none): the map's cache
 * reads the arrangement again only when this changes. A database not yet
 * migrated to the MapLayout table simply has no saved arrangement.
 */
export async function savedLayoutStamp(name = DEFAULT_LAYOUT_NAME): Promise<string> {
  const [stamp] = await prisma
    .$queryRawUnsafe<{ h: unknown }[]>(`SELECT "updatedAt" AS h FROM "MapLayout" WHERE "name" = ?`, name)
    .catch(() => []);
  const value = stamp?.h;
  return value instanceof Date ? value.toISOString() : String(value ?? "");
}

/** The arrangement, with only well-formed positions; null when none was saved. */
export async function readSavedLayout(name = DEFAULT_LAYOUT_NAME): Promise<SavedLayout | null> {
  const row = await prisma.mapLayout.findUnique({
    where: { name },
    select: { positions: true, updatedAt: true, updatedBy: { select: { name: true } } },
  });
  if (!row) return null;
  const positions = new Map<string, Point>();
  for (const [id, point] of Object.entries(parsePositions(row.positions))) {
    const { x, y } = (point ?? {}) as { x?: unknown; y?: unknown };
    if (typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)) positions.set(id, { x, y });
  }
  return { positions, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy?.name ?? null };
}

/**
 * Saves node centres into the shared arrangement, with its audit row, in one
 * transaction. By default the positions are merged into those already saved
 * (a view shows only some nodes: saving it must not forget the others);
 * `replace` makes them the whole arrangement. The arrangement never holds
 * more than MAX_LAYOUT_POSITIONS nodes: the merge fails past that.
 */
export async function saveMapLayout(
  actor: Actor & { id: string },
  positions: Record<string, Point>,
  { replace = false, name = DEFAULT_LAYOUT_NAME }: { replace?: boolean; name?: string } = {},
): Promise<{ id: string; saved: number; total: number } | { error: string }> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.mapLayout.findUnique({ where: { name }, select: { id: true, positions: true } });
    const previous = before ? parsePositions(before.positions) : {};
    const next = replace ? { ...positions } : { ...previous, ...positions };
    const total = Object.keys(next).length;
    if (total > MAX_LAYOUT_POSITIONS) {
      return { error: `The arrangement would hold ${total} positions; at most ${MAX_LAYOUT_POSITIONS} can be saved. Reset it first.` };
    }
    const json = JSON.stringify(next);
    const row = await tx.mapLayout.upsert({
      where: { name },
      create: { name, positions: json, updatedById: actor.id },
      update: { positions: json, updatedById: actor.id },
      select: { id: true },
    });
    const saved = Object.keys(positions).length;
    const plural = (count: number) => `${count} node position${count === 1 ? "" : "s"}`;
    await recordAudit(tx, actor, {
      entity: "MapLayout",
      entityId: row.id,
      action: before ? "UPDATE" : "CREATE",
      summary: `Saved ${plural(saved)} in the map arrangement “${name}”${replace ? ", replacing it" : ""} (${plural(total)} in all)`,
      before: before ? { name, positions: Object.keys(previous).length } : {},
      after: { name, positions: total },
    });
    return { id: row.id, saved, total };
  });
}

/** Drops the saved arrangement: everyone sees the computed layout again. False when there was none. */
export async function resetMapLayout(actor: Actor, name = DEFAULT_LAYOUT_NAME): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const before = await tx.mapLayout.findUnique({ where: { name }, select: { id: true, positions: true } });
    if (!before) return false;
    await tx.mapLayout.delete({ where: { name } });
    await recordAudit(tx, actor, {
      entity: "MapLayout",
      entityId: before.id,
      action: "DELETE",
      summary: `Reset the map arrangement “${name}” to the computed layout`,
      before: { name, positions: Object.keys(parsePositions(before.positions)).length },
    });
    return true;
  });
}

/** The stored JSON as an object; {} when it is damaged (the computed layout still draws everything). */
function parsePositions(json: string): Record<string, Point> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" ? (value as Record<string, Point>) : {};
  } catch {
    return {};
  }
}

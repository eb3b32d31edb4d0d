/**
 * Saved mappings (ImportTemplate): a mapping kept by header, under a name
 * the office chooses, applied to the next file of the same shape; the best
 * fitting one is applied by itself when a file is read. Saving and deleting
 * a template is audited like any other change.
 */
import { refused } from "~/domain/errors";
import { templateOf, templateFit, type ImportMapping, type MappingTemplate } from "~/domain/import-mapping";
import { prisma } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";

export async function listTemplates() {
  const rows = await prisma.importTemplate.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, mapping: true, updatedAt: true } });
  return rows.map((r) => ({ id: r.id, name: r.name, updatedAt: r.updatedAt, template: JSON.parse(r.mapping) as MappingTemplate }));
}

/** The template that fits these headers best (most of its headers present), if one fits at least `minimum` of them. */
export async function bestTemplate(headers: string[], minimum = 0.8) {
  const fits = (await listTemplates()).map((t) => ({ ...t, fit: templateFit(t.template, headers) })).filter((t) => t.fit >= minimum);
  return fits.sort((a, b) => b.fit - a.fit)[0] ?? null;
}

export async function getTemplate(id: string) {
  const row = await prisma.importTemplate.findUnique({ where: { id }, select: { id: true, name: true, mapping: true } });
  return row ? { id: row.id, name: row.name, template: JSON.parse(row.mapping) as MappingTemplate } : null;
}

/** Saves the mapping under `name` (replacing a template of that name). */
export async function saveTemplate(actor: Actor, name: string, mapping: ImportMapping, headers: string[]) {
  const json = JSON.stringify(templateOf(mapping, headers));
  return prisma.$transaction(async (tx) => {
    const existing = await tx.importTemplate.findUnique({ where: { name }, select: { id: true } });
    const saved = existing
      ? await tx.importTemplate.update({ where: { id: existing.id }, data: { mapping: json }, select: { id: true, name: true } })
      : await tx.importTemplate.create({ data: { name, mapping: json, createdByEmail: actor.email }, select: { id: true, name: true } });
    await recordAudit(tx, actor, {
      entity: "ImportTemplate", entityId: saved.id, action: existing ? "UPDATE" : "CREATE",
      summary: `${existing ? "Updated" : "Saved"} the import template “${name}”`,
      after: { name, columns: Object.keys(templateOf(mapping, headers).byHeader).length },
    });
    return saved;
  });
}

export async function deleteTemplate(actor: Actor, id: string) {
  await prisma.$transaction(async (tx) => {
    const t = await tx.importTemplate.findUnique({ where: { id }, select: { name: true } });
    if (!t) throw refused("This template no longer exists.");
    await tx.importTemplate.delete({ where: { id } });
    await recordAudit(tx, actor, { entity: "ImportTemplate", entityId: id, action: "DELETE", summary: `Deleted the import template “${t.name}”`, before: { name: t.name } });
  });
}

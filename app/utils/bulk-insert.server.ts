/**
 * Writing many rows at once, for the import (docs/decisions/065): one
 * multi-row INSERT per few thousand values instead of Prisma's createMany,
 * which costs milliseconds a row through the query compiler; and one UPDATE
 * ... FROM (VALUES ...) for many rows. Values are written exactly as Prisma
 * writes them to SQLite (DateTime as ISO text with "+00:00", booleans as
 * 0/1, BigInt as integers), so Prisma reads them back as its own; columns
 * Prisma fills in itself (@updatedAt, @default(now())) must be given.
 * Table and column names come from code, never from input.
 */
import type { Tx } from "./db.server";

export type SqlValue = string | number | bigint | boolean | Date | null;

/** Bound values per statement: well under SQLite's limit (32,766). */
const MAX_PARAMS = 4_000;

/** A DateTime as Prisma's SQLite adapter stores it. */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

function toSql(v: SqlValue): string | number | bigint | null {
  if (v instanceof Date) return sqliteDate(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

const quote = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a column or table name: ${name}`);
  return `"${name}"`;
};

/** Inserts `rows` (each in the order of `columns`) into `table`, in statements of a few thousand values. */
export async function insertRows(db: Tx, table: string, columns: string[], rows: SqlValue[][]): Promise<number> {
  if (!rows.length) return 0;
  const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  let written = 0;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    written += await db.$executeRawUnsafe(head + part.map(() => tuple).join(", "), ...part.flat().map(toSql));
  }
  return written;
}

/** Inserts objects: the columns are the first object's keys. */
export function insertObjects(db: Tx, table: string, objects: Record<string, SqlValue>[]): Promise<number> {
  if (!objects.length) return Promise.resolve(0);
  const columns = Object.keys(objects[0]!);
  return insertRows(db, table, columns, objects.map((o) => columns.map((c) => o[c] ?? null)));
}

/**
 * Sets `set` columns of the rows whose `key` matches, one statement per few
 * thousand values (`UPDATE ... FROM (VALUES ...)`), only where each row's
 * `where` columns still hold the given values (a version check). Returns how
 * many rows changed.
 */
export async function updateRows(
  db: Tx,
  table: string,
  o: { key: string; where: string[]; set: string[]; also?: Record<string, SqlValue>; increment?: string },
  rows: SqlValue[][],
): Promise<number> {
  if (!rows.length) return 0;
  const columns = [o.key, ...o.where, ...o.set];
  const per = Math.max(1, Math.floor((MAX_PARAMS - 10) / columns.length));
  const alias = columns.map((_, i) => `c${i}`);
  const t = quote(table);
  const assignments = [
    ...o.set.map((c, i) => `${quote(c)} = v.${alias[1 + o.where.length + i]}`),
    ...Object.keys(o.also ?? {}).map((c) => `${quote(c)} = ?`),
    ...(o.increment ? [`${quote(o.increment)} = ${t}.${quote(o.increment)} + 1`] : []),
  ];
  const conditions = [`${t}.${quote(o.key)} = v.c0`, ...o.where.map((c, i) => `${t}.${quote(c)} = v.${alias[1 + i]}`)];
  let changed = 0;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const values = part.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
    const sql = `WITH v(${alias.join(", ")}) AS (VALUES ${values}) UPDATE ${t} SET ${assignments.join(", ")} FROM v WHERE ${conditions.join(" AND ")}`;
    changed += await db.$executeRawUnsafe(sql, ...part.flat().map(toSql), ...Object.values(o.also ?? {}).map(toSql));
  }
  return changed;
}

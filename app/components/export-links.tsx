/**
 * The download links of a list: Excel (.xlsx, real dates and numbers), the
 * plain CSV (comma, decimal points) and the CSV for Italian Excel (";",
 * decimal commas), each saying which it is, all with the list's filters.
 */
import { CSV_FLAVOURS } from "~/domain/export-names";

export function ExportLinks({ base, query }: { base: string; query: string }) {
  const q = (extra = "") => {
    const all = [query, extra].filter(Boolean).join("&");
    return all ? `?${all}` : "";
  };
  return (
    <>
      <a className="button button-quiet button-small" href={`${base}.xlsx${q()}`} download>Export Excel</a>
      <a className="button button-quiet button-small" href={`${base}.csv${q()}`} download title={CSV_FLAVOURS.plain.label}>Export CSV</a>
      <a className="button button-quiet button-small" href={`${base}.csv${q("flavour=it")}`} download title={CSV_FLAVOURS.it.label}>
        Italian CSV<span className="visually-hidden"> (semicolons and decimal commas, for Italian Excel)</span>
      </a>
    </>
  );
}

/**
 * The table of agreements used by the list, the overview and the unit and
 * partner pages: reference, title, kind, status, parties, dates and value,
 * with optional sortable headers and columns left out per page. It fits its
 * page without scrolling sideways: fixed column widths, titles wrap, long
 * party lists are cut to two lines with the whole text on hover (and, in
 * the page, for screen readers). On a phone each row becomes a card.
 */
import { Link } from "@remix-run/react";
import type { SortColumn } from "~/domain/agreement-filters";
import { formatDay } from "~/domain/dates";
import { renewalLength } from "~/domain/deadlines";
import { VALUE_DIRECTIONS } from "~/domain/vocabulary";
import { formatEuro } from "~/utils/format";
import { KindLabel, RestrictedBadge, StatusBadge } from "./status-badge";

export interface AgreementTableRow {
  id: string;
  reference: string;
  title: string;
  kind: string;
  status: string;
  confidentiality: string;
  startDate: string | Date | null;
  endDate: string | Date | null;
  valueCents: number | null;
  valueDirection: string;
  renewalType: string;
  noticePeriodDays: number | null;
  /** The last day to give notice or decide on a renewal (app/domain/deadlines.ts). */
  noticeDeadline: string | Date | null;
  renewalTermMonths?: number | null;
  partnersLabel: string;
  unitsLabel: string;
  archivedAt?: string | Date | null;
}

interface SortProps {
  column: SortColumn;
  dir: "asc" | "desc";
  /** The URL that shows the list sorted by `column` in `dir`. */
  hrefFor: (column: SortColumn, dir: "asc" | "desc") => string;
}

const COLUMNS: { key: SortColumn; label: string; className: string }[] = [
  { key: "reference", label: "Reference", className: "col-ref" },
  { key: "title", label: "Title", className: "col-title" },
  { key: "kind", label: "Kind", className: "col-kind" },
  { key: "status", label: "Status", className: "col-status" },
  { key: "partners", label: "Partners", className: "col-parties" },
  { key: "units", label: "HT units", className: "col-units" },
  { key: "startDate", label: "Start", className: "col-date" },
  { key: "endDate", label: "End", className: "col-end" },
  { key: "noticeDeadline", label: "Notice by", className: "col-end" },
  { key: "value", label: "Value", className: "col-num" },
];

export function AgreementTable({
  rows,
  caption,
  sort,
  hide = [],
  id,
}: {
  rows: AgreementTableRow[];
  caption: string;
  sort?: SortProps;
  hide?: readonly SortColumn[];
  /** For a skip link to the results. */
  id?: string;
}) {
  const columns = COLUMNS.filter((c) => !hide.includes(c.key));
  return (
    <div className="table-wrap" id={id} tabIndex={id ? -1 : undefined}>
      <table className="data-table agreement-table cards">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.className}
                aria-sort={sort?.column === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
              >
                {sort ? <SortLink column={c.key} label={c.label} sort={sort} /> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              {columns.map((c) => (
                <td key={c.key} className={c.className} data-label={c.label}>
                  <Cell row={a} column={c.key} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortLink({ column, label, sort }: { column: SortColumn; label: string; sort: SortProps }) {
  const active = sort.column === column;
  const nextDir = active && sort.dir === "asc" ? "desc" : "asc";
  return (
    <Link to={sort.hrefFor(column, nextDir)} className="sort-link" preventScrollReset>
      {label}
      <span aria-hidden="true" className="sort-arrow">{active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
      <span className="visually-hidden">, sort {nextDir === "asc" ? "ascending" : "descending"}</span>
    </Link>
  );
}

function Cell({ row: a, column }: { row: AgreementTableRow; column: SortColumn }) {
  switch (column) {
    case "reference":
      return <Link to={`/agreements/${a.id}`} className="mono">{a.reference}</Link>;
    case "title":
      return (
        <>
          <Link to={`/agreements/${a.id}`} className="row-title">{a.title}</Link>
          {a.confidentiality === "RESTRICTED" ? <> <RestrictedBadge /></> : null}
          {a.archivedAt ? <> <span className="badge">Archived</span></> : null}
        </>
      );
    case "kind":
      return <KindLabel kind={a.kind} />;
    case "status":
      return <StatusBadge status={a.status} />;
    case "partners":
      return <span className="clamp" title={a.partnersLabel}>{a.partnersLabel}</span>;
    case "units":
      return <span className="clamp" title={a.unitsLabel}>{a.unitsLabel}</span>;
    case "startDate":
      return <>{formatDay(a.startDate)}</>;
    case "endDate":
      return <>{formatDay(a.endDate)}</>;
    case "noticeDeadline":
      return a.noticeDeadline ? (
        <span
          className={a.renewalType === "TACIT" ? "notice-by notice-by-tacit" : "notice-by"}
          title={a.renewalType === "TACIT" ? `Give notice by this day or it renews ${renewalLength({ ...a, renewalType: "TACIT" })}` : "Decide on the renewal by this day"}
        >
          {formatDay(a.noticeDeadline)}
          <span className="sub-line">{a.renewalType === "TACIT" ? "or it renews" : "decide renewal"}</span>
        </span>
      ) : null;
    case "value":
      return a.valueCents === null ? null : (
        <span title={VALUE_DIRECTIONS.label(a.valueDirection)}>
          {formatEuro(a.valueCents, { round: true })}
          <span className="direction">{a.valueDirection === "HT_PAYS" ? " out" : a.valueDirection === "HT_RECEIVES" ? " in" : ""}</span>
        </span>
      );
    case "updatedAt":
      return null;
  }
}

/**
 * The map as a table: one row per HT unit–partner pair, the same network
 * the graph draws for the same filters (unclustered, so every partner has
 * its row). Sortable by URL (?sort=&dir=), so a sorted view can be shared.
 */
import { Link } from "@remix-run/react";
import { useState } from "react";
import { formatDay } from "~/domain/dates";
import { SINCE_MEANS } from "~/domain/network-words";
import { parseNodeId } from "~/domain/network";
import { AGREEMENT_KIND_SHORT, AGREEMENT_KINDS, PARTNER_KINDS, type AgreementKind } from "~/domain/vocabulary";
import { formatEuro } from "~/utils/format";
import { withParams } from "~/utils/url";
import { pairRows, sortPairs, type PairRow, type PairSort } from "./map-model";
import { CHANGE_LABELS, LIFECYCLE_LABELS } from "./palette";
import type { NetworkEdge, Network, NetworkNode } from "./types";

type Direction = "asc" | "desc";

const COLUMNS: { key: PairSort | null; label: string; className?: string }[] = [
  { key: "unit", label: "HT unit" },
  { key: "partner", label: "Partner" },
  { key: null, label: "Partner kind" },
  { key: "agreements", label: "Agreements", className: "col-num" },
  { key: null, label: "Kinds" },
  { key: "since", label: "Since", className: "col-date" },
  { key: "first", label: "First counted", className: "col-date" },
  { key: "last", label: "Last end", className: "col-date" },
  { key: "value", label: "Value", className: "col-num" },
  { key: null, label: "Status" },
];

const PAGE = 300;

/** What "since" means, beside every answer that gives one (app/domain/network-words.ts). */
const SINCE_NOTE = `${SINCE_MEANS}. "First counted" and "Last end" read only the agreements counted with these filters.`;

function nodeLink(node: NetworkNode) {
  const parsed = parseNodeId(node.id);
  if (!parsed || parsed.type === "cluster") return node.name;
  return <Link to={parsed.type === "unit" ? `/units/${parsed.id}` : `/partners/${parsed.id}`}>{node.name}</Link>;
}

export function NetworkTable({
  network,
  params,
  sort,
  direction,
  caption,
}: {
  network: Network;
  params: URLSearchParams;
  sort: PairSort;
  direction: Direction;
  caption: string;
}) {
  const [limit, setLimit] = useState(PAGE);
  const rows = sortPairs(pairRows(network), sort, direction);
  if (!rows.length) {
    return (
      <div className="empty-state">
        <h2>No collaborations with these filters</h2>
        <p>Try an earlier or later date, more statuses, or fewer filters.</p>
      </div>
    );
  }
  const shown = rows.slice(0, limit);
  return (
    <>
      <div className="table-wrap">
        <table className="data-table network-table">
          <caption className="table-caption">
            {caption}
            <span className="table-caption-note">{SINCE_NOTE}</span>
          </caption>
          <SortableHead params={params} sort={sort} direction={direction} />
          <tbody>
            {shown.map((row) => <PairTableRow key={row.id} row={row} />)}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length ? (
        <div className="table-footer">
          <span className="muted">Showing {shown.length} of {rows.length} pairs.</span>
          <button type="button" className="button button-quiet" onClick={() => setLimit(rows.length)}>
            Show all {rows.length}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Column headers; the sortable ones link to the same table sorted by them (again: the other way). */
function SortableHead({ params, sort, direction }: { params: URLSearchParams; sort: PairSort; direction: Direction }) {
  const nextDirection = (column: (typeof COLUMNS)[number]): Direction =>
    column.key === sort ? (direction === "asc" ? "desc" : "asc") : column.className === "col-num" ? "desc" : "asc";
  return (
    <thead>
      <tr>
        {COLUMNS.map((column) => (
          <th
            key={column.label}
            scope="col"
            className={column.className}
            aria-sort={column.key && column.key === sort ? (direction === "asc" ? "ascending" : "descending") : undefined}
          >
            {column.key ? (
              <Link className="sort-link" preventScrollReset replace to={withParams(params, { sort: column.key, dir: nextDirection(column) })}>
                {column.label}
                <span className="sort-arrow" aria-hidden="true">{column.key === sort ? (direction === "asc" ? "▲" : "▼") : "↕"}</span>
                <span className="visually-hidden">, sort</span>
              </Link>
            ) : (
              column.label
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function PairTableRow({ row: { unit, partner, edge } }: { row: PairRow }) {
  return (
    <tr>
      <th scope="row" className="row-head">{nodeLink(unit)}</th>
      <td>{nodeLink(partner)}</td>
      <td>{partner.type === "cluster" ? `${partner.memberCount ?? 0} partners` : PARTNER_KINDS.label(partner.kind)}</td>
      <td className="col-num">{edge.count}</td>
      <td><KindChips kinds={edge.kinds} /></td>
      <td className="col-date">{edge.since ? formatDay(edge.since) : "–"}</td>
      <td className="col-date">{edge.firstDate ? formatDay(edge.firstDate) : "–"}</td>
      <td className="col-date">{edge.lastDate ? formatDay(edge.lastDate) : "open-ended"}</td>
      <td className="col-num">{edge.valueCents ? formatEuro(edge.valueCents, { round: true }) : ""}</td>
      <td>{edge.change ? CHANGE_LABELS[edge.change] : LIFECYCLE_LABELS[edge.lifecycle]}</td>
    </tr>
  );
}

/** The kinds on a line, most frequent first. */
function KindChips({ kinds }: { kinds: NetworkEdge["kinds"] }) {
  return (
    <ul className="kind-chips">
      {Object.entries(kinds)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([kind, n]) => (
          <li key={kind} title={AGREEMENT_KINDS.label(kind)}>
            {AGREEMENT_KIND_SHORT[kind as AgreementKind] ?? kind}
            {n > 1 ? <span className="muted"> ×{n}</span> : null}
          </li>
        ))}
    </ul>
  );
}

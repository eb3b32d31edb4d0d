/**
 * The map as a table: one row per HT unit–partner pair, the same network
 * the graph draws for the same filters (unclustered, so every partner has
 * its row). Sortable by URL (?sort=&dir=), so a sorted view can be shared.
 */
import { Link } from "@remix-run/react";
import { useState } from "react";
import { formatDay } from "~/domain/dates";
import { parseNodeId } from "~/domain/network";
import { AGREEMENT_KIND_SHORT, AGREEMENT_KINDS, PARTNER_KINDS, type AgreementKind } from "~/domain/vocabulary";
import { formatEuro } from "~/utils/format";
import { withParams } from "~/utils/url";
import { pairRows, sortPairs, type PairSort } from "./map-model";
import { CHANGE_LABELS, LIFECYCLE_LABELS } from "./palette";
import type { Network, NetworkNode } from "./types";

const COLUMNS: { key: PairSort | null; label: string; className?: string }[] = [
  { key: "unit", label: "HT unit" },
  { key: "partner", label: "Partner" },
  { key: null, label: "Partner kind" },
  { key: "agreements", label: "Agreements", className: "col-num" },
  { key: null, label: "Kinds" },
  { key: "first", label: "First", className: "col-date" },
  { key: "last", label: "Last", className: "col-date" },
  { key: "value", label: "Value", className: "col-num" },
  { key: null, label: "Status" },
];

const PAGE = 300;

function nodeLink(n: NetworkNode) {
  const parsed = parseNodeId(n.id);
  if (!parsed || parsed.type === "cluster") return n.name;
  return <Link to={parsed.type === "unit" ? `/units/${parsed.id}` : `/partners/${parsed.id}`}>{n.name}</Link>;
}

export function NetworkTable({
  network,
  params,
  sort,
  dir,
  caption,
}: {
  network: Network;
  params: URLSearchParams;
  sort: PairSort;
  dir: "asc" | "desc";
  caption: string;
}) {
  const [limit, setLimit] = useState(PAGE);
  const rows = sortPairs(pairRows(network), sort, dir);
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
          <caption className="table-caption">{caption}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  className={c.className}
                  aria-sort={c.key && c.key === sort ? (dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {c.key ? (
                    <Link
                      className="sort-link"
                      preventScrollReset
                      replace
                      to={withParams(params, {
                        sort: c.key,
                        dir: c.key === sort ? (dir === "asc" ? "desc" : "asc") : c.className === "col-num" ? "desc" : "asc",
                      })}
                    >
                      {c.label}
                      <span className="sort-arrow" aria-hidden="true">{c.key === sort ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
                      <span className="visually-hidden">, sort</span>
                    </Link>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ id, unit, partner, edge }) => (
              <tr key={id}>
                <th scope="row" className="row-head">{nodeLink(unit)}</th>
                <td>{nodeLink(partner)}</td>
                <td>{partner.type === "cluster" ? `${partner.memberCount ?? 0} partners` : PARTNER_KINDS.label(partner.kind)}</td>
                <td className="col-num">{edge.count}</td>
                <td>
                  <ul className="kind-chips">
                    {Object.entries(edge.kinds)
                      .filter(([, n]) => n > 0)
                      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
                      .map(([k, n]) => (
                        <li key={k} title={AGREEMENT_KINDS.label(k)}>
                          {AGREEMENT_KIND_SHORT[k as AgreementKind] ?? k}
                          {n > 1 ? <span className="muted"> ×{n}</span> : null}
                        </li>
                      ))}
                  </ul>
                </td>
                <td className="col-date">{edge.firstDate ? formatDay(edge.firstDate) : "–"}</td>
                <td className="col-date">{edge.lastDate ? formatDay(edge.lastDate) : "open-ended"}</td>
                <td className="col-num">{edge.valueCents ? formatEuro(edge.valueCents, { round: true }) : ""}</td>
                <td>{edge.change ? CHANGE_LABELS[edge.change] : LIFECYCLE_LABELS[edge.lifecycle]}</td>
              </tr>
            ))}
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

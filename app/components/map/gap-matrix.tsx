/**
 * Where HT does and does not collaborate: HT units (rows) by partner kind
 * (columns), agreements and partners per cell; an empty cell is a gap.
 * A real table with row and column headers, so a screen reader announces
 * "Neurogenomics, Research hospital: 4 agreements with 2 partners".
 */
import { Link } from "@remix-run/react";
import { parseNodeId } from "~/domain/network";
import { PARTNER_KINDS, UNIT_KINDS } from "~/domain/vocabulary";
import { withParams } from "~/utils/url";
import type { NetworkMatrix } from "./types";

export function GapMatrix({ matrix, params, caption }: { matrix: NetworkMatrix; params: URLSearchParams; caption: string }) {
  const cells = new Map(matrix.cells.map((c) => [`${c.unitId}|${c.partnerKind}`, c]));
  const max = matrix.cells.reduce((m, c) => Math.max(m, c.agreements), 0);
  const gaps = matrix.cells.filter((c) => c.agreements === 0).length;

  if (!matrix.units.length) {
    return (
      <div className="empty-state">
        <h2>No HT units with these filters</h2>
      </div>
    );
  }

  return (
    <>
      <p className="muted small">
        {gaps} of {matrix.units.length * matrix.partnerKinds.length} combinations have no agreement with these filters
        (shown as “—”). Each cell reads <strong>agreements / partners</strong>: “12 / 3” is 12 agreements with 3 partners of
        that kind. Agreements are counted once per cell; an agreement with several partner kinds counts in each.
        Click a number to see those collaborations in the table.
      </p>
      <div className="table-wrap">
        <table className="data-table gap-matrix">
          <caption className="table-caption">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">HT unit</th>
              {matrix.partnerKinds.map((k) => (
                <th key={k} scope="col" className="col-num matrix-kind">
                  {PARTNER_KINDS.label(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.units.map((u) => (
              <tr key={u.id} className={u.parentId ? "matrix-group" : undefined}>
                <th scope="row" className="row-head">
                  {u.name}
                  <span className="muted small"> · {UNIT_KINDS.label(u.kind)}</span>
                </th>
                {matrix.partnerKinds.map((k) => {
                  const c = cells.get(`${u.id}|${k}`);
                  if (!c || c.agreements === 0) {
                    return (
                      <td key={k} className="col-num matrix-gap">
                        <span aria-hidden="true">—</span>
                        <span className="visually-hidden">no agreements</span>
                      </td>
                    );
                  }
                  const strength = max ? c.agreements / max : 0;
                  return (
                    <td key={k} className="col-num matrix-cell" style={{ background: `rgba(19, 126, 167, ${(0.08 + 0.5 * strength).toFixed(2)})` }}>
                      <Link
                        to={withParams(params, { view: "table", unit: parseNodeId(u.id)?.id ?? u.id, partnerKind: k, sort: null, dir: null })}
                        title={`${c.agreements} agreement${c.agreements === 1 ? "" : "s"} with ${c.partners} partner${c.partners === 1 ? "" : "s"}`}
                      >
                        {c.agreements}
                      </Link>
                      <span className="matrix-partners"> / {c.partners}</span>
                      <span className="visually-hidden"> agreements with {c.partners} partners</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

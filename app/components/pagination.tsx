/**
 * Previous / next links and "rows x-y of n" under a paged list.
 */
import { Link } from "@remix-run/react";

export function Pagination({
  page,
  size,
  total,
  hrefFor,
}: {
  page: number;
  size: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  const from = (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  return (
    <nav className="pagination" aria-label="Pagination">
      <span>
        {from.toLocaleString("en-GB")}–{to.toLocaleString("en-GB")} of {total.toLocaleString("en-GB")}
      </span>
      <span className="pagination-links">
        {page > 1 ? <Link to={hrefFor(1)} aria-label="First page">«</Link> : null}
        {page > 1 ? <Link to={hrefFor(page - 1)} rel="prev">Previous</Link> : null}
        <span aria-current="page">Page {page} of {pages.toLocaleString("en-GB")}</span>
        {page < pages ? <Link to={hrefFor(page + 1)} rel="next">Next</Link> : null}
        {page < pages ? <Link to={hrefFor(pages)} aria-label="Last page">»</Link> : null}
      </span>
    </nav>
  );
}

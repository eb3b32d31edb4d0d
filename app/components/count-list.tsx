/**
 * A list of linked units or partners with how many agreements tie each to
 * the page's subject.
 */
import { Link } from "@remix-run/react";
import { pluralize } from "~/utils/format";

/** A list of linked entities with how many agreements tie them to the page's subject. */
export function CountList({
  items,
  empty,
}: {
  items: { id: string; href: string; label: string; agreementCount: number }[];
  empty: string;
}) {
  if (!items.length) return <p className="empty-inline">{empty}</p>;
  return (
    <ul className="count-list">
      {items.map((i) => (
        <li key={i.id}>
          <Link to={i.href}>{i.label}</Link>
          <span className="count">{pluralize(i.agreementCount, "agreement")}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The top bar's navigation, search box and account menu. On a wide screen both sit in
 * the bar, the administration pages under one "Admin" drop-down; below
 * 1,100 px (a tablet, a phone) they fold into a "Menu" button that opens
 * them as a panel under the bar (Escape or a chosen page closes it, and the
 * focus goes back to the button). Without JavaScript the panel simply shows.
 */
import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { can, ROLE_LABELS, type Permission, type Role } from "~/domain/permissions";
import { useDisclosure } from "./multi-select";

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  needs: Permission;
  /** Shown under one drop-down of this name in the bar (the administration pages). */
  group?: string;
}

/** The bar's items in order, each group (of the items this role may open) gathered where its first item stands. */
function arrange(items: NavItem[]): (NavItem | { group: string; items: NavItem[] })[] {
  const out: (NavItem | { group: string; items: NavItem[] })[] = [];
  for (const item of items) {
    const group = item.group ? out.find((x): x is { group: string; items: NavItem[] } => "items" in x && x.group === item.group) : undefined;
    if (group) group.items.push(item);
    else out.push(item.group ? { group: item.group, items: [item] } : item);
  }
  return out;
}

/** A group of pages as a drop-down of links; closed again on Escape, a click outside, or when a page is chosen. */
function NavGroup({ label, items }: { label: string; items: NavItem[] }) {
  const { ref, onKeyDown } = useDisclosure();
  const location = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.pathname, ref]);
  const here = items.some((item) => location.pathname === item.to || location.pathname.startsWith(`${item.to}/`));
  return (
    <details className="nav-group" ref={ref} onKeyDown={onKeyDown}>
      <summary className={here ? "active" : undefined}>{label}</summary>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} prefetch="intent">{item.label}</NavLink>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function SiteMenu({
  nav,
  user,
  search,
}: {
  nav: NavItem[];
  user: { name: string; email: string; role: Role };
  /** The search box, between the navigation and the account. */
  search?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="menu-toggle button button-on-dark"
        aria-expanded={open}
        aria-controls="site-menu"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="menu-icon">{open ? "✕" : "☰"}</span> Menu
      </button>
      <noscript dangerouslySetInnerHTML={{ __html: "<style>.site-menu{display:flex !important}</style>" }} />
      <div
        id="site-menu"
        className={open ? "site-menu is-open" : "site-menu"}
        onKeyDown={(event) => {
          if (event.key === "Escape" && open) {
            setOpen(false);
            toggle.current?.focus();
          }
        }}
      >
        <nav aria-label="Main">
          <ul>
            {arrange(nav.filter((item) => can(user.role, item.needs))).map((item) =>
              "items" in item ? (
                <li key={item.group}>
                  <NavGroup label={item.group} items={item.items} />
                </li>
              ) : (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} prefetch="intent">
                    {item.label}
                  </NavLink>
                </li>
              ),
            )}
          </ul>
        </nav>
        {search}
        <div className="user-menu">
          <NavLink to="/account" className="user-name" title={`${user.email}, ${ROLE_LABELS[user.role]}`}>
            <span className="user-full-name">{user.name}</span> <span className="role-chip">{user.role.toLowerCase()}</span>
          </NavLink>
          <Form method="post" action="/logout">
            <button type="submit" className="button button-on-dark">Log out</button>
          </Form>
        </div>
      </div>
    </>
  );
}

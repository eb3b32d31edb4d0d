/**
 * The top bar's navigation, search box and account menu. On a wide screen both sit in
 * the bar; on a phone they fold into a "Menu" button that opens them as a
 * panel under the bar (Escape or a chosen page closes it, and the focus
 * goes back to the button). Without JavaScript the panel simply shows.
 */
import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { can, ROLE_LABELS, type Permission, type Role } from "~/domain/permissions";

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  needs: Permission;
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
            {nav.filter((item) => can(user.role, item.needs)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
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

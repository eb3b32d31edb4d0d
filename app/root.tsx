/**
 * The document and the layout every page shares: the top bar with the
 * navigation the role allows (a menu on a phone: app/components/site-nav.tsx) and the search box
 * ("/" or Ctrl-K), the breadcrumb trail the routes declare
 * (app/components/breadcrumbs.tsx), the page, and the error page for
 * anything that fails above a route's own boundary.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { QuickSearch } from "~/components/search/quick-search";
import { SiteMenu, type NavItem } from "~/components/site-nav";
import appStyles from "~/styles/app.css?url";
import { getUser } from "~/utils/auth.server";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "HT Collaborations" }];

/** Public: it only tells the page who is logged in, so the layout can show the right navigation. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { user: await getUser(request) };
}

const NAV: NavItem[] = [
  { to: "/", label: "Overview", end: true, needs: "agreement:read" },
  { to: "/agreements", label: "Agreements", needs: "agreement:read" },
  { to: "/deadlines", label: "Deadlines", needs: "agreement:read" },
  { to: "/units", label: "HT units", needs: "agreement:read" },
  { to: "/partners", label: "Partners", needs: "agreement:read" },
  { to: "/map", label: "Map", needs: "agreement:read" },
  { to: "/audit", label: "Audit trail", needs: "audit:read" },
  { to: "/admin/users", label: "Users", needs: "user:manage", group: "Admin" },
  { to: "/admin/operations", label: "Operations", needs: "user:manage", group: "Admin" },
  { to: "/admin/outbox", label: "Outbox", needs: "reminders:manage", group: "Admin" },
];

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const user = useRouteLoaderData<typeof loader>("root")?.user;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">Skip to content</a>
        <header className="topbar">
          <NavLink to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">HT</span>
            <span className="brand-name"><span className="visually-hidden">HT </span>Collaborations</span>
          </NavLink>
          {user ? <SiteMenu nav={NAV} user={user} search={<QuickSearch />} /> : null}
        </header>
        <main id="main" tabIndex={-1}>
          {user ? <Breadcrumbs /> : null}
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

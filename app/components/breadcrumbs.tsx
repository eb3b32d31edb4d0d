/**
 * The breadcrumb trail, rendered once by the layout from the routes'
 * `handle.breadcrumb`: each route declares its whole trail from its loader's
 * data (flat routes do not nest), the last crumb being the page itself.
 *
 *   export const handle: BreadcrumbHandle<typeof loader> = {
 *     breadcrumb: (data) => [{ label: "Agreements", to: "/agreements" }, { label: data?.agreement.reference ?? "Agreement" }],
 *   };
 */
import { Link, useMatches } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";

export interface Crumb {
  label: string;
  /** Absent for the page itself. */
  to?: string;
}

/** `data` is undefined when the loader failed (a 404 page still shows the way back). */
export interface BreadcrumbHandle<Loader = unknown> {
  breadcrumb: (data: (Loader extends (...args: never[]) => unknown ? SerializeFrom<Loader> : unknown) | undefined) => Crumb[];
}

function trailOf(matches: ReturnType<typeof useMatches>): Crumb[] {
  return matches.flatMap((match) => {
    const handle = match.handle as Partial<BreadcrumbHandle> | undefined;
    return handle?.breadcrumb ? handle.breadcrumb(match.data ?? undefined) : [];
  });
}

export function Breadcrumbs() {
  const trail = trailOf(useMatches());
  if (trail.length < 2) return null;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb crumbs">
      <ol>
        {trail.map((crumb, i) => (
          <li key={`${i}-${crumb.label}`}>
            {crumb.to && i < trail.length - 1 ? (
              <Link to={crumb.to}>{crumb.label}</Link>
            ) : (
              <span aria-current={i === trail.length - 1 ? "page" : undefined}>{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

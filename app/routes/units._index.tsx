/**
 * /units: HT's research centres and facilities, with their groups and
 * agreement counts.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { listUnits } from "~/models/units.server";
import { requirePermission } from "~/utils/auth.server";
import { pluralize } from "~/utils/format";
import { useCan } from "~/utils/user";

export const meta: MetaFunction = () => [{ title: "HT units · HT Collaborations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  return { units: await listUnits(user) };
}

export default function UnitsIndex() {
  const { units } = useLoaderData<typeof loader>();
  const canEdit = useCan("directory:write");
  const sections = [
    { kind: "CENTRE", title: "Research centres" },
    { kind: "FACILITY", title: "Facilities" },
  ];
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>HT units</h1>
          <p className="subtitle">Human Technopole's research centres and facilities, with their groups.</p>
        </div>
        {canEdit ? <Link className="button" to="/units/new">New unit</Link> : null}
      </header>
      {sections.map((section) => {
        const list = units.filter((u) => u.kind === section.kind);
        return (
          <section key={section.kind} aria-labelledby={`h-${section.kind}`}>
            <h2 id={`h-${section.kind}`}>{section.title}</h2>
            {list.length ? (
              <ul className="card-grid">
                {list.map((u) => (
                  <li key={u.id} className="card unit-card">
                    <h3>
                      <Link to={`/units/${u.id}`}>{u.name}</Link>
                    </h3>
                    <p className="muted">
                      {pluralize(u.agreementCount, "agreement")}
                      {u.groups.length ? ` · ${pluralize(u.groups.length, "group")}` : ""}
                      {u._count.researchLines ? ` · ${pluralize(u._count.researchLines, "research line")}` : ""}
                    </p>
                    {u.groups.length ? (
                      <ul className="plain-list small">
                        {u.groups.map((g) => (
                          <li key={g.id}><Link to={`/units/${g.id}`}>{g.name}</Link></li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty-inline">No {section.title.toLowerCase()} recorded yet.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

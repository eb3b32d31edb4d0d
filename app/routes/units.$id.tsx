/**
 * /units/:id: an HT unit with its research groups, research lines, the
 * partners it works with and its agreements.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AgreementTable } from "~/components/agreement-table";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CountList } from "~/components/count-list";
import { utcToday } from "~/domain/dates";
import { UNIT_KINDS } from "~/domain/vocabulary";
import { WatchButton } from "~/components/agreement-page/deadlines-card";
import { getUnit } from "~/models/units.server";
import { isWatchingUnit } from "~/models/watches.server";
import { invariantResponse } from "~/utils/http.server";
import { requirePermission } from "~/utils/auth.server";
import { useCan } from "~/utils/user";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.unit.name ?? "Unit not found"} · HT Collaborations` },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "HT units", to: "/units" },
    ...(data?.unit.parent ? [{ label: data.unit.parent.name, to: `/units/${data.unit.parent.id}` }] : []),
    { label: data?.unit.name ?? "Unit" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const found = await getUnit(params.id ?? "", utcToday(), user);
  invariantResponse(found, `No HT unit has the id “${params.id}”.`, { status: 404 });
  return { ...found, watching: await isWatchingUnit(user.id, found.unit.id) };
}

export default function UnitPage() {
  const { unit, agreements, partners, watching } = useLoaderData<typeof loader>();
  const canEdit = useCan("directory:write");
  const [params] = useSearchParams();
  const notice = params.has("created") ? "Unit created." : params.has("saved") ? "Changes saved." : null;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <p className="eyebrow">{UNIT_KINDS.label(unit.kind)} · {unit.code}</p>
          <h1>{unit.name}</h1>
          {unit.description ? <p className="subtitle">{unit.description}</p> : null}
        </div>
        <div className="header-actions">
          <WatchButton subject="unitId" id={unit.id} watch={{ watching }} />
          {canEdit ? (
            <>
              {unit.kind !== "GROUP" ? <Link className="button button-quiet" to={`/units/new?parent=${unit.id}`}>New group</Link> : null}
              <Link className="button button-quiet" to={`/units/${unit.id}/edit`}>Edit</Link>
            </>
          ) : null}
          <Link className="button" to={`/agreements?unit=${unit.id}`}>Filter agreements</Link>
        </div>
      </header>
      {notice ? <p className="notice notice-success" role="status">{notice}</p> : null}

      <div className="detail-grid">
        {unit.children.length ? (
          <section aria-labelledby="groups" className="card">
            <h2 id="groups">Research groups</h2>
            <ul className="plain-list">
              {unit.children.map((c) => (
                <li key={c.id}><Link to={`/units/${c.id}`}>{c.name}</Link></li>
              ))}
            </ul>
          </section>
        ) : null}
        {unit.researchLines.length ? (
          <section aria-labelledby="lines" className="card">
            <h2 id="lines">Research lines</h2>
            <ul className="plain-list">
              {unit.researchLines.map((r) => <li key={r.id}>{r.name}</li>)}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="partners" className="card">
          <h2 id="partners">Partners ({partners.length})</h2>
          <CountList items={partners.map((p) => ({ ...p, href: `/partners/${p.id}`, label: p.acronym ? `${p.name} (${p.acronym})` : p.name }))} empty="No partners yet." />
        </section>
      </div>

      <section aria-labelledby="agreements">
        <h2 id="agreements">Agreements <span className="muted">({agreements.length})</span></h2>
        {agreements.length ? (
          <AgreementTable rows={agreements} caption={`Agreements of ${unit.name}`} hide={["units"]} />
        ) : (
          <p className="empty-inline">{unit.name} is not party to any agreement yet.</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * /partners/:id: a partner with its sub-units, the HT units it works with
 * and its agreements (those the reader may see).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AgreementTable } from "~/components/agreement-table";
import { CountList } from "~/components/count-list";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { utcToday } from "~/domain/dates";
import { PARTNER_KINDS } from "~/domain/vocabulary";
import { getPartner } from "~/models/partners.server";
import { invariantResponse } from "~/utils/http.server";
import { requirePermission } from "~/utils/auth.server";
import { pluralize } from "~/utils/format";
import { useCan } from "~/utils/user";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.partner.name ?? "Partner not found"} · HT Collaborations` },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "Partners", to: "/partners" },
    ...(data?.partner.parent
      ? [{ label: data.partner.parent.acronym ?? data.partner.parent.name, to: `/partners/${data.partner.parent.id}` }]
      : []),
    { label: data ? (data.partner.acronym ?? data.partner.name) : "Partner" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const found = await getPartner(params.id ?? "", utcToday(), user);
  invariantResponse(found, `No partner has the id “${params.id}”.`, { status: 404 });
  return found;
}

export default function PartnerPage() {
  const { partner, agreements, units } = useLoaderData<typeof loader>();
  const canEdit = useCan("directory:write");
  const [params] = useSearchParams();
  const merged = params.get("merged");
  const notice = params.has("created")
    ? "Partner created."
    : params.has("saved")
      ? "Changes saved."
      : merged !== null
        ? `Duplicate merged into ${partner.name}: ${pluralize(Number(merged) || 0, "agreement")} moved.`
        : null;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <p className="eyebrow">
            {PARTNER_KINDS.label(partner.kind)} · {partner.city}{partner.country !== "IT" ? `, ${partner.country}` : ""}
          </p>
          <h1>
            {partner.name}
            {partner.acronym ? <span className="muted"> ({partner.acronym})</span> : null}
          </h1>
          {partner.aliases ? <p className="subtitle">Also known as {partner.aliases.split("\n").join(", ")}</p> : null}
          {partner.website ? (
            <p className="subtitle">
              <a href={partner.website} rel="noreferrer noopener" target="_blank">{partner.website.replace(/^https?:\/\//, "")}</a>
            </p>
          ) : null}
        </div>
        <div className="header-actions">
          {canEdit ? (
            <>
              <Link className="button button-quiet" to={`/partners/${partner.id}/merge`}>Merge into…</Link>
              <Link className="button button-quiet" to={`/partners/${partner.id}/edit`}>Edit</Link>
            </>
          ) : null}
          <Link className="button" to={`/agreements?partner=${partner.id}`}>Filter agreements</Link>
        </div>
      </header>
      {notice ? <p className="notice notice-success" role="status">{notice}</p> : null}

      <div className="detail-grid">
        <section aria-labelledby="units" className="card">
          <h2 id="units">HT units it works with ({units.length})</h2>
          <CountList items={units.map((u) => ({ ...u, href: `/units/${u.id}`, label: u.name }))} empty="No HT unit yet." />
        </section>
        {partner.children.length ? (
          <section aria-labelledby="subunits" className="card">
            <h2 id="subunits">Sub-units</h2>
            <ul className="plain-list">
              {partner.children.map((c) => (
                <li key={c.id}><Link to={`/partners/${c.id}`}>{c.name}</Link></li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>

      <section aria-labelledby="agreements">
        <h2 id="agreements">Agreements <span className="muted">({agreements.length})</span></h2>
        {agreements.length ? (
          <AgreementTable rows={agreements} caption={`Agreements with ${partner.name}`} hide={["partners"]} />
        ) : (
          <p className="empty-inline">No agreement with {partner.name} yet.</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * /partners: the partner directory, searchable by name, acronym or city and
 * filtered by kind, with the agreements each is party to.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PARTNER_KINDS } from "~/domain/vocabulary";
import { listPartners } from "~/models/partners.server";
import { pluralize } from "~/utils/format";
import { requirePermission } from "~/utils/auth.server";
import { useCan } from "~/utils/user";

export const meta: MetaFunction = () => [{ title: "Partners · HT Collaborations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 200);
  const kind = params.getAll("kind").filter((k) => (PARTNER_KINDS.values as string[]).includes(k));
  return { partners: await listPartners({ q, kind }, user), q, kind };
}

export default function PartnersIndex() {
  const { partners, q, kind } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const canEdit = useCan("directory:write");
  const [params] = useSearchParams();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Partners</h1>
          <p className="subtitle">{pluralize(partners.length, "partner")}{q || kind.length ? " match" : ""}</p>
        </div>
        {canEdit ? <Link className="button" to="/partners/new">New partner</Link> : null}
      </header>
      {params.has("deleted") ? <p className="notice notice-success" role="status">Partner deleted.</p> : null}
      <Form method="get" className="filters" role="search" aria-label="Filter partners" onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}>
        <label className="field field-wide">
          <span className="field-label">Search</span>
          <input type="search" name="q" defaultValue={q} placeholder="Name, acronym or city" />
        </label>
        <label className="field">
          <span className="field-label">Kind</span>
          <select name="kind" defaultValue={kind[0] ?? ""}>
            <option value="">Any kind</option>
            {PARTNER_KINDS.values.map((k) => (
              <option key={k} value={k}>{PARTNER_KINDS.label(k)}</option>
            ))}
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit" className="button">Apply</button>
        </div>
      </Form>
      {partners.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Partners</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Acronym</th>
                <th scope="col">Kind</th>
                <th scope="col">City</th>
                <th scope="col">Part of</th>
                <th scope="col" className="col-num">Agreements</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`/partners/${p.id}`}>{p.name}</Link></td>
                  <td>{p.acronym}</td>
                  <td>{PARTNER_KINDS.label(p.kind)}</td>
                  <td>{p.city}{p.country !== "IT" ? `, ${p.country}` : ""}</td>
                  <td>{p.parent ? <Link to={`/partners/${p.parent.id}`}>{p.parent.acronym ?? p.parent.name}</Link> : null}</td>
                  <td className="col-num">{p.agreementCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="empty-state">
          <h2>No partners found</h2>
          <p>{q || kind.length ? "No partner matches this search." : "No partners have been recorded yet."}</p>
          {q || kind.length ? <Link to="/partners" className="button">Clear search</Link> : null}
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

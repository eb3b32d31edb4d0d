/**
 * /search?q=: one search over agreements, their documents, partners, HT
 * units and research lines, grouped by type (docs/decisions/052). The quick
 * search box in the top bar (keys "/" and Ctrl-K) loads the same data.
 * Restricted agreements, and their documents, never appear for roles that
 * may not read them.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SearchResultGroups } from "~/components/search/results";
import { searchEverything } from "~/models/search.server";
import { requirePermission } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.query ? `“${data.query}” · Search · HT Collaborations` : "Search · HT Collaborations" },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [{ label: "Search" }, ...(data?.query ? [{ label: `“${data.query}”` }] : [])],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const compact = url.searchParams.get("compact") === "1";
  return searchEverything(query, user, { limit: compact ? 5 : 20 });
}

export default function SearchPage() {
  const results = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Search</h1>
          <p className="subtitle">Agreements, their documents' text, partners, HT units and research lines. Accents and case do not matter.</p>
        </div>
      </header>
      <Form method="get" role="search" className="search-page-form">
        <label htmlFor="search-page-q" className="visually-hidden">Search everything</label>
        <input id="search-page-q" type="search" name="q" defaultValue={results.query} placeholder="A partner, a word in a signed deed, a reference…" autoFocus />
        <button type="submit" className="button">Search</button>
      </Form>
      {results.query ? (
        results.words.length ? <SearchResultGroups results={results} /> : <p className="muted">Type at least two letters.</p>
      ) : (
        <p className="muted">Type a few letters of a name or word: “univ mil” finds the University of Milan's agreements.</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { AgreementTable } from "~/components/agreement-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MultiSelect, vocabularyOptions } from "~/components/multi-select";
import { Pagination } from "~/components/pagination";
import { hasActiveFilters, PAGE_SIZES, parseAgreementFilters } from "~/domain/agreement-filters";
import { addDaysUtc, toDay, utcToday } from "~/domain/dates";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, PARTNER_KINDS } from "~/domain/vocabulary";
import { listAgreements } from "~/models/agreements.server";
import { partnerOptions } from "~/models/partners.server";
import { unitOptions } from "~/models/units.server";
import { requirePermission } from "~/utils/auth.server";
import { pluralize } from "~/utils/format";
import { withParams } from "~/utils/url";
import { useCan } from "~/utils/user";

export const meta: MetaFunction = () => [{ title: "Agreements · HT Collaborations" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const timing = loaderHeaders.get("Server-Timing");
  return timing ? { "Server-Timing": timing } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const started = performance.now();
  const filters = parseAgreementFilters(new URL(request.url).searchParams);
  const today = utcToday();
  const [list, units, partners] = await Promise.all([
    listAgreements(filters, today, user),
    unitOptions(),
    partnerOptions(),
  ]);
  const ms = (performance.now() - started).toFixed(1);
  return data(
    {
      ...list,
      filters: { ...filters, endFrom: filters.endFrom && toDay(filters.endFrom), endTo: filters.endTo && toDay(filters.endTo) },
      filtered: hasActiveFilters(filters),
      units,
      partners,
      today: toDay(today),
    },
    { headers: { "Server-Timing": `db;dur=${ms}` } },
  );
}

export default function AgreementsIndex() {
  const { rows, total, filters, filtered, units, partners, today } = useLoaderData<typeof loader>();
  const canWrite = useCan("agreement:write");
  const [params] = useSearchParams();
  const submit = useSubmit();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const searching = navigation.location?.pathname === "/agreements";
  const debounce = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(debounce.current), []);

  // Filters apply as they change; typing waits for a pause.
  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const isText = (event.target as HTMLElement).getAttribute("type") === "search";
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => submit(form, { replace: isText, preventScrollReset: true }), isText ? 300 : 0);
  }

  const in90 = toDay(addDaysUtc(new Date(`${today}T00:00:00Z`), 90));

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Agreements</h1>
          <p className="subtitle" aria-live="polite">
            {pluralize(total, "agreement")}{filtered ? " match these filters" : ""}
          </p>
          <nav className="quick-views" aria-label="Quick views">
            <Link to={`?status=ACTIVE&endFrom=${today}&endTo=${in90}&sort=endDate&dir=asc`}>Ending within 90 days</Link>
            <Link to="?status=NEGOTIATION&status=LEGAL_REVIEW&status=AWAITING_SIGNATURE">In progress</Link>
            <Link to="?status=ACTIVE">Active</Link>
          </nav>
        </div>
        <div className="header-actions">
          <a className="button button-quiet" href={`/agreements.csv${params.toString() ? `?${params}` : ""}`} download>
            Export CSV
          </a>
          {canWrite ? <Link to="/agreements/new" className="button">New agreement</Link> : null}
        </div>
      </header>

      <Form method="get" className="filters" ref={formRef} onChange={onChange} role="search" aria-label="Filter agreements" key={params.toString()}>
        <label className="field field-wide">
          <span className="field-label">Search</span>
          <input
            type="search"
            name="q"
            defaultValue={filters.q}
            placeholder="Reference, title, partner, summary…"
            autoComplete="off"
          />
        </label>
        <MultiSelect name="status" label="Status" options={vocabularyOptions(AGREEMENT_STATUSES)} selected={filters.status} />
        <MultiSelect name="kind" label="Kind" options={vocabularyOptions(AGREEMENT_KINDS)} selected={filters.kind} />
        <label className="field">
          <span className="field-label">HT unit</span>
          <select name="unit" defaultValue={filters.unit ?? ""}>
            <option value="">Any unit</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>{u.label}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Partner</span>
          <select name="partner" defaultValue={filters.partner ?? ""}>
            <option value="">Any partner</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>{p.label}</option>
            ))}
          </select>
        </label>
        <MultiSelect name="partnerKind" label="Partner kind" options={vocabularyOptions(PARTNER_KINDS)} selected={filters.partnerKind} />
        <label className="field">
          <span className="field-label">Ends from</span>
          <input type="date" name="endFrom" defaultValue={filters.endFrom ?? ""} />
        </label>
        <label className="field">
          <span className="field-label">Ends by</span>
          <input type="date" name="endTo" defaultValue={filters.endTo ?? ""} />
        </label>
        <input type="hidden" name="sort" value={filters.sort} />
        <input type="hidden" name="dir" value={filters.dir} />
        <input type="hidden" name="size" value={filters.size} />
        <div className="filter-actions">
          <button type="submit" className="button">Apply</button>
          {filtered ? <Link to="/agreements" className="button button-quiet">Clear filters</Link> : null}
        </div>
      </Form>

      <div className={searching ? "results is-loading" : "results"} aria-busy={searching}>
        {rows.length ? (
          <>
            <AgreementTable
              rows={rows}
              caption="Agreements matching the filters"
              sort={{
                column: filters.sort,
                dir: filters.dir,
                hrefFor: (sort, dir) => withParams(params, { sort, dir, page: null }),
              }}
            />
            <div className="table-footer">
              <Pagination page={filters.page} size={filters.size} total={total} hrefFor={(page) => withParams(params, { page })} />
              <label className="field field-inline">
                <span className="field-label">Rows per page</span>
                <select
                  value={filters.size}
                  onChange={(e) => navigate(withParams(params, { size: e.target.value, page: null }), { preventScrollReset: true })}
                >
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={n}>{n}</option>
                  ))}
                </select>
              </label>
            </div>
          </>
        ) : (
          <div className="empty-state">
            <h2>No agreements found</h2>
            <p>{filtered ? "Nothing matches these filters. Try fewer filters or another search." : "No agreements have been recorded yet."}</p>
            {filtered ? <Link to="/agreements" className="button">Clear filters</Link> : null}
          </div>
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

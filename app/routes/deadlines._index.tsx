/**
 * /deadlines: every deadline in a window (overdue, the next 30/60/90 days,
 * or a custom range), filtered by kind, HT unit, partner and person, sorted
 * by date, with tacit renewals' notice deadlines impossible to miss; CSV of
 * the same view; editors mark deadlines done from the list. Viewers see how
 * many restricted agreements' deadlines were left out, nothing else of them.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useAutoSubmit } from "~/components/use-auto-submit";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { DeadlineTable } from "~/components/deadline-table";
import { ExportLinks } from "~/components/export-links";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MultiSelect } from "~/components/multi-select";
import { Pagination } from "~/components/pagination";
import { DEADLINE_WINDOWS, DEADLINES_PAGE_SIZE, hasDeadlineFilters, parseDeadlineFilters, type DeadlineFilters } from "~/domain/deadline-filters";
import { formatDay, toDay, utcToday } from "~/domain/dates";
import { DEADLINE_KIND_OPTIONS } from "~/domain/obligations";
import { deadlinesView } from "~/models/deadlines-view.server";
import { requirePermission } from "~/utils/auth.server";
import { pluralize } from "~/utils/format";
import { withParams } from "~/utils/url";
import { useCan } from "~/utils/user";

export const meta: MetaFunction = () => [{ title: "Deadlines · HT Collaborations" }];

export const handle: BreadcrumbHandle = { breadcrumb: () => [{ label: "Deadlines" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const filters = parseDeadlineFilters(new URL(request.url).searchParams);
  const today = utcToday();
  const view = await deadlinesView(filters, today, user);
  return {
    ...view,
    filters: { ...filters, from: filters.from && toDay(filters.from), to: filters.to && toDay(filters.to) },
    filtered: hasDeadlineFilters(filters),
    today: toDay(today),
  };
}

type ShownFilters = Omit<DeadlineFilters, "from" | "to"> & { from?: string; to?: string };

function DeadlineFiltersForm({ filters, options }: { filters: ShownFilters; options: ReturnType<typeof useLoaderData<typeof loader>>["options"] }) {
  const { revision, onChange } = useAutoSubmit();
  return (
    <Form method="get" className="filters" role="search" aria-label="Filter deadlines" key={revision} onChange={onChange}>
      <label className="field">
        <span className="field-label">When</span>
        <select name="window" defaultValue={filters.window}>
          {DEADLINE_WINDOWS.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
        </select>
      </label>
      {filters.window === "custom" ? (
        <>
          <label className="field"><span className="field-label">From</span><input type="date" name="from" defaultValue={filters.from ?? ""} /></label>
          <label className="field"><span className="field-label">To</span><input type="date" name="to" defaultValue={filters.to ?? ""} /></label>
        </>
      ) : null}
      <MultiSelect name="kind" label="Kind" options={DEADLINE_KIND_OPTIONS} selected={filters.kind} />
      <label className="field">
        <span className="field-label">Whose</span>
        <select name="who" defaultValue={filters.who ?? ""}>
          <option value="">Everyone's</option>
          <option value="me">Mine (I am responsible)</option>
          <option value="followed">Mine and those I watch</option>
          <optgroup label="Responsible person">
            {options.people.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </optgroup>
        </select>
      </label>
      <label className="field">
        <span className="field-label">HT unit</span>
        <select name="unit" defaultValue={filters.unit ?? ""}>
          <option value="">Any unit</option>
          {options.units.map((u) => <option key={u.id} value={u.id}>{u.label}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Partner</span>
        <select name="partner" defaultValue={filters.partner ?? ""}>
          <option value="">Any partner</option>
          {options.partners.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </label>
      <div className="filter-actions">
        <button type="submit" className="button">Apply</button>
        {hasActive(filters) ? <Link to="/deadlines" className="button button-quiet">Clear filters</Link> : null}
      </div>
    </Form>
  );
}

const hasActive = (f: ShownFilters) => Boolean(f.kind.length || f.unit || f.partner || f.who || f.window !== "90");

function Summary() {
  const { summary, hidden, overdue, filters, window } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const range = window.from ? `${formatDay(window.from)} – ${formatDay(window.to)}` : `before ${formatDay(new Date(new Date(`${window.to}T00:00:00Z`).getTime() + 86_400_000))}`;
  return (
    <>
      {overdue ? (
        <p className="notice notice-error deadline-overdue-banner" role="status">
          <strong>{pluralize(overdue, "overdue deadline")}</strong> still open.{" "}
          <Link to={withParams(params, { window: "overdue", page: null, from: null, to: null })}>Show them</Link>
        </p>
      ) : null}
      <ul className="deadline-summary" aria-label="Summary">
        <li><strong>{summary.total.toLocaleString("en-GB")}</strong> {summary.total === 1 ? "deadline" : "deadlines"} <span className="muted">({range})</span></li>
        {filters.window !== "overdue" ? <li className="summary-due"><strong>{summary.due}</strong> due within a week</li> : null}
        <li className="summary-notice"><strong>{summary.notices}</strong> tacit renewal {summary.notices === 1 ? "notice" : "notices"}</li>
        {filters.window === "overdue" ? <li className="summary-overdue"><strong>{summary.overdue}</strong> overdue</li> : null}
      </ul>
      {hidden ? (
        <p className="muted small restricted-note">
          Plus {pluralize(hidden, "deadline")} of restricted agreements: only the legal and partnership office can see them.
        </p>
      ) : null}
    </>
  );
}

export default function Deadlines() {
  const { rows, total, filters, filtered, options, today } = useLoaderData<typeof loader>();
  const canAct = useCan("agreement:write");
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const loading = navigation.location?.pathname === "/deadlines";
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Deadlines</h1>
          <p className="subtitle">Notices before tacit renewals, renewal decisions, ends of term, signatures to chase and obligations: in one list, by date.</p>
        </div>
        <div className="header-actions">
          <ExportLinks base="/deadlines" query={params.toString()} />
          <Link className="button button-quiet" to="/account/reminders">Reminders &amp; calendar</Link>
        </div>
      </header>
      <DeadlineFiltersForm filters={filters} options={options} />
      <Summary />
      <div className={loading ? "results is-loading" : "results"} aria-busy={loading}>
        {rows.length ? (
          <>
            <DeadlineTable rows={rows} today={today} caption="Deadlines in the chosen window, by date" canAct={canAct} />
            <div className="table-footer">
              <Pagination page={filters.page} size={DEADLINES_PAGE_SIZE} total={total} hrefFor={(page) => withParams(params, { page })} />
            </div>
          </>
        ) : (
          <div className="empty-state">
            <h2>No deadlines {filters.window === "overdue" ? "are overdue" : "in this window"}</h2>
            <p>{filtered ? "Nothing matches these filters. Try fewer filters or a longer window." : filters.window === "overdue" ? "Everything due so far has been dealt with." : "Nothing falls due in these days."}</p>
            {filtered ? <Link to="/deadlines" className="button">Clear filters</Link> : <Link to="?window=custom" className="button button-quiet">Choose other days</Link>}
          </div>
        )}
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

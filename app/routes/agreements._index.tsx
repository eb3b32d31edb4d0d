/**
 * /agreements: the register. Search, filters, sort and page all live in the
 * URL (app/domain/agreement-filters.ts), so a view can be bookmarked and
 * shared; quick views for what the office asks most, the archived
 * agreements among them; CSV export of the same view; the columns each
 * person chose to see. Restricted agreements are left out for roles that may not
 * read them.
 */
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AgreementListFilters, AgreementResults } from "~/components/agreement-list";
import { ExportLinks } from "~/components/export-links";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { hasActiveFilters, parseAgreementFilters } from "~/domain/agreement-filters";
import { hiddenColumns } from "~/domain/list-columns";
import { addDaysUtc, toDay, utcToday } from "~/domain/dates";
import { listAgreements } from "~/models/agreements.server";
import { partnerOptions } from "~/models/partners.server";
import { unitOptions } from "~/models/units.server";
import { requirePermission } from "~/utils/auth.server";
import { pluralize } from "~/utils/format";
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
      filters: {
        ...filters,
        endFrom: filters.endFrom && toDay(filters.endFrom),
        endTo: filters.endTo && toDay(filters.endTo),
        noticeFrom: filters.noticeFrom && toDay(filters.noticeFrom),
        noticeTo: filters.noticeTo && toDay(filters.noticeTo),
      },
      filtered: hasActiveFilters(filters),
      units,
      partners,
      today: toDay(today),
      hiddenColumns: hiddenColumns(request.headers.get("Cookie")),
    },
    { headers: { "Server-Timing": `db;dur=${ms}` } },
  );
}

export default function AgreementsIndex() {
  const { rows, total, filters, filtered, units, partners, today, hiddenColumns } = useLoaderData<typeof loader>();
  const canWrite = useCan("agreement:write");
  const [params] = useSearchParams();
  const in90 = toDay(addDaysUtc(new Date(`${today}T00:00:00Z`), 90));
  const archived = filters.archived === "only";
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{archived ? "Archived agreements" : "Agreements"}</h1>
          <p className="subtitle" aria-live="polite">
            {pluralize(total, archived ? "archived agreement" : "agreement")}{filtered ? " match these filters" : ""}
          </p>
          <nav className="quick-views" aria-label="Quick views">
            <Link to="/agreements" aria-current={!archived && !filtered ? "page" : undefined}>All current</Link>
            <Link to={`?status=ACTIVE&noticeFrom=${today}&noticeTo=${in90}&sort=noticeDeadline&dir=asc`}>Notice deadline within 90 days</Link>
            <Link to={`?status=ACTIVE&endFrom=${today}&endTo=${in90}&sort=endDate&dir=asc`}>Ending within 90 days</Link>
            <Link to="?status=NEGOTIATION&status=LEGAL_REVIEW&status=AWAITING_SIGNATURE">In progress</Link>
            <Link to="?status=ACTIVE">Active</Link>
            <Link to="?archived=only" aria-current={archived ? "page" : undefined}>Archived</Link>
            <Link to="/deadlines">All deadlines →</Link>
          </nav>
        </div>
        <div className="header-actions">
          <ExportLinks base="/agreements" query={params.toString()} />
          {canWrite ? <Link to="/import" className="button button-quiet">Import</Link> : null}
          {canWrite ? <Link to="/agreements/new" className="button">New agreement</Link> : null}
        </div>
      </header>

      <AgreementListFilters filters={filters} filtered={filtered} units={units} partners={partners} />
      <AgreementResults rows={rows} total={total} filters={filters} filtered={filtered} hiddenColumns={hiddenColumns} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

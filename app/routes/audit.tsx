/**
 * /audit: the audit trail, newest first, filtered by who, record, action
 * and dates. Editors and admins; restricted agreements' events only for
 * roles that may read them.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuditTable } from "~/components/audit-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { addDaysUtc, parseDay } from "~/domain/dates";
import { AUDIT_ACTIONS, AUDIT_ENTITIES, AUDIT_PAGE_SIZE } from "~/domain/audit";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "~/domain/audit-format";
import { listAuditEvents } from "~/models/audit.server";
import { requirePermission } from "~/utils/auth.server";
import { pluralize } from "~/utils/format";
import { withParams } from "~/utils/url";

export const meta: MetaFunction = () => [{ title: "Audit trail · HT Collaborations" }];

const FiltersSchema = z.object({
  actor: z.string().trim().max(254).catch("").default(""),
  entity: z.enum(AUDIT_ENTITIES).optional().catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "audit:read");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const f = FiltersSchema.parse(params);
  const from = parseDay(f.from);
  const to = parseDay(f.to);
  const result = await listAuditEvents(
    { actor: f.actor, entity: f.entity, action: f.action, from, to: to && addDaysUtc(to, 1), page: f.page },
    user,
  );
  return { ...result, filters: { ...f, from: from ? f.from : "", to: to ? f.to : "" } };
}

export default function AuditTrail() {
  const { events, total, filters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filtered = Boolean(filters.actor || filters.entity || filters.action || filters.from || filters.to);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Audit trail</h1>
          <p className="subtitle">
            Every change to agreements, parties, links, partners, units and accounts: {pluralize(total, "event")}
            {filtered ? " match" : ""}. Entries cannot be edited or deleted.
          </p>
        </div>
      </header>
      <Form method="get" className="filters" role="search" aria-label="Filter the audit trail" key={params.toString()}>
        <label className="field">
          <span className="field-label">Who (email)</span>
          <input type="search" name="actor" defaultValue={filters.actor} />
        </label>
        <label className="field">
          <span className="field-label">Record</span>
          <select name="entity" defaultValue={filters.entity ?? ""}>
            <option value="">Any</option>
            {AUDIT_ENTITIES.map((e) => <option key={e} value={e}>{AUDIT_ENTITY_LABELS[e]}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Action</span>
          <select name="action" defaultValue={filters.action ?? ""}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{AUDIT_ACTION_LABELS[a]}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">From</span>
          <input type="date" name="from" defaultValue={filters.from} />
        </label>
        <label className="field">
          <span className="field-label">To</span>
          <input type="date" name="to" defaultValue={filters.to} />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button">Apply</button>
          {filtered ? <Link to="/audit" className="button button-quiet">Clear</Link> : null}
        </div>
      </Form>
      {events.length ? (
        <>
          <AuditTable events={events} caption="Audit events, newest first" />
          <div className="table-footer">
            <Pagination page={filters.page} size={AUDIT_PAGE_SIZE} total={total} hrefFor={(page) => withParams(params, { page })} />
          </div>
        </>
      ) : (
        <div className="empty-state">
          <h2>No events</h2>
          <p>{filtered ? "No change matches these filters." : "Nothing has been changed yet."}</p>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

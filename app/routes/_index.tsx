/**
 * /: the overview. Counts by status and by kind (restricted agreements
 * included, for every role, and said so to viewers), the deadlines of the
 * next 90 days (app/models/deadlines.server.ts, as on /deadlines: tacit
 * renewals' notices in their own colour, overdue ones counted apart), the
 * active agreements ending in the next 90 days, and small charts with their
 * tables (app/components/overview-charts.tsx).
 */
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgreementTable } from "~/components/agreement-table";
import { DeadlineTable } from "~/components/deadline-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { addDaysUtc, daysBetween, formatDay, toDay, utcToday } from "~/domain/dates";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES } from "~/domain/vocabulary";
import { can } from "~/domain/permissions";
import { OverviewCharts, StatusChart } from "~/components/overview-charts";
import { agreementsEnding, agreementStats } from "~/models/agreements.server";
import { overviewCharts } from "~/models/overview.server";
import { countDeadlines, deadlinePage, overdueQuery } from "~/models/deadlines.server";
import { DEADLINE_KIND_OPTIONS } from "~/domain/obligations";
import { serializeRow } from "~/models/deadlines-view.server";
import { pluralize } from "~/utils/format";
import { useCan } from "~/utils/user";
import { requirePermission } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Overview · HT Collaborations" }];

const ENDING_WINDOW_DAYS = 90;
/** How many of the coming deadlines the overview lists; /deadlines has them all. */
const DEADLINES_SHOWN = 8;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const today = utcToday();
  const window = { from: today, to: addDaysUtc(today, ENDING_WINDOW_DAYS) };
  const otherKinds = DEADLINE_KIND_OPTIONS.map((o) => o.value).filter((k) => k !== "NOTICE");
  const [stats, ending, notices, others, overdue, charts] = await Promise.all([
    agreementStats(today),
    agreementsEnding(today, ENDING_WINDOW_DAYS, user),
    deadlinePage({ ...window, kinds: ["NOTICE"] }, user, today, 0, DEADLINES_SHOWN),
    deadlinePage({ ...window, kinds: otherKinds }, user, today, 0, DEADLINES_SHOWN),
    countDeadlines(overdueQuery({}, today), user, today),
    overviewCharts(today, user),
  ]);
  return {
    deadlines: {
      notices: notices.rows.map(serializeRow),
      others: others.rows.map(serializeRow),
      summary: { total: notices.summary.total + others.summary.total, notices: notices.summary.notices },
      overdue,
    },
    stats,
    charts,
    seesRestricted: can(user.role, "agreement:read-restricted"),
    ending: ending.map((a) => ({ ...a, daysLeft: a.endDate ? daysBetween(today, a.endDate) : null })),
    today: toDay(today),
    windowEnd: toDay(addDaysUtc(today, ENDING_WINDOW_DAYS)),
  };
}

export default function Overview() {
  const { stats, ending, today, windowEnd, seesRestricted, charts, deadlines } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Overview</h1>
          <p className="subtitle">{stats.total.toLocaleString("en-GB")} agreements on record · {formatDay(today)}</p>
          {!seesRestricted && stats.restricted ? (
            <p className="muted small restricted-note">
              These counts include {stats.restricted.toLocaleString("en-GB")} restricted agreements (confidentiality and
              sensitive-data agreements); only the legal and partnership office can open them, so lists show fewer.
            </p>
          ) : null}
        </div>
      </header>

      <StatusCounts counts={stats.status} />
      <ComingDeadlines deadlines={deadlines} today={today} />
      <EndingSoon ending={ending} today={today} windowEnd={windowEnd} />
      <section aria-labelledby="pictures">
        <h2 id="pictures">In pictures</h2>
        <div className="chart-grid">
          <StatusChart counts={stats.status} />
          <KindCounts counts={stats.kind} />
        </div>
        <OverviewCharts data={charts} />
      </section>
    </div>
  );
}

type OverviewData = SerializeFrom<typeof loader>;

function StatusCounts({ counts }: { counts: Record<string, number> }) {
  const statusOrder = AGREEMENT_STATUSES.values;
  return (
    <section aria-labelledby="by-status">
      <h2 id="by-status">By status</h2>
      <ul className="stat-grid">
        {statusOrder.map((s) => (
          <li key={s}>
            <Link to={`/agreements?status=${s}`} className={`stat stat-status-${s.toLowerCase()}`}>
              <span className="stat-value">{(counts[s] ?? 0).toLocaleString("en-GB")}</span>
              <span className="stat-label">{AGREEMENT_STATUSES.label(s)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Tacit renewals' notices first (they cannot be undone), then the other deadlines by date. */
function ComingDeadlines({ deadlines, today }: Pick<OverviewData, "deadlines" | "today">) {
  const canAct = useCan("agreement:write");
  const { notices, others, summary, overdue } = deadlines;
  return (
    <section aria-labelledby="deadlines-h" className="card">
      <div className="card-header">
        <h2 id="deadlines-h">Deadlines in the next {ENDING_WINDOW_DAYS} days</h2>
        <Link to="/deadlines">{`All ${summary.total.toLocaleString("en-GB")} deadlines`}</Link>
      </div>
      {overdue ? (
        <p className="notice notice-error" role="status">
          <strong>{pluralize(overdue, "overdue deadline")}</strong> still open. <Link to="/deadlines?window=overdue">Show them</Link>
        </p>
      ) : null}
      <section aria-labelledby="notices-h">
        <h3 id="notices-h">Tacit renewals: notice to give</h3>
        {notices.length ? (
          <>
            <p className="deadline-callout">
              <strong>{pluralize(summary.notices, "tacit renewal")}</strong> {summary.notices === 1 ? "renews on its own" : "renew on their own"} unless notice is given by the day shown.{" "}
              {summary.notices > notices.length ? <Link to="/deadlines?kind=NOTICE">All of them</Link> : null}
            </p>
            <DeadlineTable rows={notices} today={today} caption="Notice deadlines of tacit renewals, by date" canAct={canAct} />
          </>
        ) : (
          <p className="empty-inline">No tacit renewal needs notice in the next {ENDING_WINDOW_DAYS} days.</p>
        )}
      </section>
      <section aria-labelledby="others-h">
        <h3 id="others-h">Other deadlines</h3>
        {others.length ? (
          <DeadlineTable rows={others} today={today} caption="Other deadlines, by date" canAct={canAct} />
        ) : (
          <p className="empty-inline">No other deadline falls in the next {ENDING_WINDOW_DAYS} days.</p>
        )}
      </section>
    </section>
  );
}

function EndingSoon({ ending, today, windowEnd }: Pick<OverviewData, "ending" | "today" | "windowEnd">) {
  return (
    <section aria-labelledby="ending" className="card">
      <div className="card-header">
        <h2 id="ending">Ending in the next {ENDING_WINDOW_DAYS} days</h2>
        <Link to={`/agreements?status=ACTIVE&endFrom=${today}&endTo=${windowEnd}&sort=endDate&dir=asc`}>
          Open as a list
        </Link>
      </div>
      {ending.length ? (
        <>
          <AgreementTable rows={ending} caption="Active agreements ending in the next 90 days" hide={["startDate", "units", "status"]} />
          <ul className="deadline-notes">
            {ending.filter((a) => a.noticeDeadline && a.renewalType === "TACIT").map((a) => (
              <li key={a.id}>
                <Link to={`/agreements/${a.id}`} className="mono">{a.reference}</Link> renews tacitly: notice is due by{" "}
                <strong>{formatDay(a.noticeDeadline)}</strong>.
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="empty-inline">No active agreement ends in the next {ENDING_WINDOW_DAYS} days.</p>
      )}
    </section>
  );
}

function KindCounts({ counts }: { counts: Record<string, number> }) {
  const kinds = AGREEMENT_KINDS.values.filter((k) => counts[k]).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
  return (
    <section aria-labelledby="by-kind" className="card">
      <h2 id="by-kind">By kind</h2>
      {kinds.length ? (
        <table className="data-table compact">
          <caption className="visually-hidden">Agreements by kind</caption>
          <thead>
            <tr><th scope="col">Kind</th><th scope="col" className="col-num">Agreements</th></tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k}>
                <td><Link to={`/agreements?kind=${k}`}>{AGREEMENT_KINDS.label(k)}</Link></td>
                <td className="col-num">{counts[k]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty-inline">No agreements have been recorded yet.</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

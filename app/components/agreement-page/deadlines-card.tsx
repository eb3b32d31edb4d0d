/**
 * The agreement page's "Deadlines and obligations" card: the open deadlines
 * (its own and its obligations'), every obligation with its state and a
 * link to edit it, the deadlines already dealt with (editors may undo), an
 * "Add obligation" button and the agreement's calendar file; and the
 * Watch button of the page's header.
 */
import { Link, useFetcher } from "@remix-run/react";
import { DeadlineTable } from "~/components/deadline-table";
import { formatDay } from "~/domain/dates";
import { deadlineKindLabel, OBLIGATION_KINDS, OBLIGATION_STATUSES } from "~/domain/obligations";
import type { AgreementPageData } from "~/routes/agreements.$id";
import { useCan } from "~/utils/user";

type Card = AgreementPageData["deadlinesCard"];

/** Watch / stop watching an agreement (agreementId) or an HT unit (unitId), shown at once while it is saved. */
export function WatchButton({ subject, id, watch }: { subject: "agreementId" | "unitId"; id: string; watch: { watching: boolean; viaUnit?: string | null } }) {
  const fetcher = useFetcher();
  const pending = fetcher.formData ? fetcher.formData.get("watching") === "1" : null;
  const watching = pending ?? watch.watching;
  const what = subject === "unitId" ? "this unit's agreements" : "this agreement's";
  return (
    <fetcher.Form method="post" action="/watch" className="watch-form">
      <input type="hidden" name={subject} value={id} />
      <input type="hidden" name="watching" value={watching ? "0" : "1"} />
      <button type="submit" className={watching ? "button button-quiet watch-on" : "button button-quiet"} aria-pressed={watching}
        title={watching ? `You get ${what} reminders and see their deadlines in your calendar feed` : `Get ${what} reminders and see their deadlines in your calendar feed`}>
        {watching ? "★ Watching" : "☆ Watch"}
      </button>
      {!watching && watch.viaUnit ? <span className="sub-line deadline-sub">Followed through {watch.viaUnit}</span> : null}
    </fetcher.Form>
  );
}

function ObligationList({ agreementId, obligations }: { agreementId: string; obligations: Card["obligations"] }) {
  const canWrite = useCan("agreement:write");
  if (!obligations.length) return <p className="empty-inline">No obligations recorded: reports, deliverables, payments, data destruction…</p>;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">Obligations of this agreement</caption>
        <thead>
          <tr><th scope="col">Obligation</th><th scope="col">Due</th><th scope="col">Responsible</th><th scope="col">Party</th><th scope="col">Status</th></tr>
        </thead>
        <tbody>
          {obligations.map((o) => (
            <tr key={o.id} className={o.status === "OPEN" ? undefined : "row-closed"}>
              <td>
                {canWrite ? <Link to={`/agreements/${agreementId}/obligations/${o.id}`}>{o.title}</Link> : o.title}
                <span className="sub-line deadline-sub">{OBLIGATION_KINDS.label(o.kind)}</span>
              </td>
              <td>
                {o.status === "OPEN" && o.nextDueDate ? <strong>{formatDay(o.nextDueDate)}</strong> : null}
                <span className="sub-line deadline-sub">{o.scheduleText}</span>
              </td>
              <td>{o.responsible?.name ?? <span className="muted">The owner</span>}</td>
              <td>{o.party || <span className="muted">—</span>}</td>
              <td>
                <span className={`badge obligation-${o.status.toLowerCase()}`}>{OBLIGATION_STATUSES.label(o.status)}</span>
                {o.status === "DONE" && o.doneOn ? <span className="sub-line deadline-sub">on {formatDay(o.doneOn)}</span> : null}
                {o.status === "WAIVED" ? <span className="sub-line deadline-sub">{o.waivedReason}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Resolutions({ resolutions }: { resolutions: Card["resolutions"] }) {
  const canWrite = useCan("agreement:write");
  const fetcher = useFetcher();
  if (!resolutions.length) return null;
  return (
    <>
      <h3>Dealt with</h3>
      <ul className="plain-list">
        {resolutions.map((r) => (
          <li key={r.id}>
            {deadlineKindLabel(r.kind)} of {formatDay(r.date)}: <strong>{r.outcome}</strong> on {formatDay(r.resolvedOn)}
            {r.byEmail ? <span className="muted"> ({r.byEmail})</span> : null}{r.note ? <span className="muted"> — {r.note}</span> : null}
            {canWrite ? (
              <fetcher.Form method="post" action="/deadlines/resolve" className="inline-form">
                <input type="hidden" name="resolutionId" value={r.id} />
                <button type="submit" name="intent" value="undo" className="link-button">Undo</button>
              </fetcher.Form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function DeadlinesCard({ agreement, card, today }: { agreement: { id: string; archivedAt: unknown }; card: Card; today: string }) {
  const canWrite = useCan("agreement:write");
  return (
    <section aria-labelledby="obligations" className="card" id="obligations-card">
      <div className="card-header">
        <h2 id="obligations">Deadlines and obligations</h2>
        <div className="header-actions">
          <a className="button button-quiet" href={`/agreements/${agreement.id}/calendar.ics`} download>Add to calendar (.ics)</a>
          {canWrite && !agreement.archivedAt ? <Link className="button" to={`/agreements/${agreement.id}/obligations/new`}>Add obligation</Link> : null}
        </div>
      </div>
      {card.deadlines.length ? (
        <DeadlineTable rows={card.deadlines} today={today} caption="Open deadlines of this agreement" canAct={canWrite && !agreement.archivedAt} hideAgreement />
      ) : (
        <p className="empty-inline">No open deadline.</p>
      )}
      <h3>Obligations</h3>
      <ObligationList agreementId={agreement.id} obligations={card.obligations} />
      <Resolutions resolutions={card.resolutions} />
    </section>
  );
}

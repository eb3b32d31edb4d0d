/**
 * Deadlines as a table (the deadlines page, the overview's card, an
 * agreement's page): the day and how far off it is, what has to happen in
 * a plain sentence (a tacit renewal's notice in its own colour: it cannot
 * be undone), the agreement, who is responsible, the state, and for editors
 * the inline "mark done" / "dealt with" forms. On a phone each row reads
 * as a card.
 */
import { Link } from "@remix-run/react";
import { formatDay } from "~/domain/dates";
import { DEADLINE_STATES, describeDaysLeft } from "~/domain/deadlines";
import { deadlineKindLabel } from "~/domain/obligations";
import { DeadlineActions } from "./deadline-actions";
import { RestrictedBadge } from "./status-badge";

export interface DeadlineTableRow {
  key: string;
  kind: string;
  source: "agreement" | "obligation";
  date: string;
  legalDate: string | null;
  state: string;
  sentence: string;
  agreement: { id: string; reference: string; title: string; partnersLabel: string; confidentiality: string };
  obligation: { id: string; title: string; schedule: string; version: number; party: string } | null;
  responsible: { id: string; name: string } | null;
}

export function DeadlineKindBadge({ kind }: { kind: string }) {
  return <span className={`badge deadline-kind deadline-kind-${kind.toLowerCase()}`}>{kind === "NOTICE" ? "Tacit renewal: notice" : deadlineKindLabel(kind)}</span>;
}

export function DeadlineStateBadge({ state }: { state: string }) {
  return <span className={`badge deadline-state deadline-state-${state.toLowerCase()}`}>{DEADLINE_STATES.label(state)}</span>;
}

export function DeadlineTable({
  rows,
  today,
  caption,
  canAct,
  hideAgreement = false,
}: {
  rows: DeadlineTableRow[];
  today: string;
  caption: string;
  canAct: boolean;
  /** On an agreement's own page the agreement column says nothing new. */
  hideAgreement?: boolean;
}) {
  const now = new Date(`${today}T00:00:00Z`);
  return (
    <div className="table-wrap">
      <table className="data-table deadline-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-date">Date</th>
            <th scope="col">What has to happen</th>
            {hideAgreement ? null : <th scope="col">Agreement</th>}
            <th scope="col">Responsible</th>
            <th scope="col">State</th>
            {canAct ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={`deadline-row deadline-row-${r.kind.toLowerCase()} deadline-row-${r.state.toLowerCase()}`}>
              <td className="col-date" data-label="Date">
                <time dateTime={r.date.slice(0, 10)} className="deadline-date">{formatDay(r.date)}</time>
                <span className="sub-line deadline-when">{describeDaysLeft(new Date(r.date), now)}</span>
                {r.legalDate ? <span className="sub-line deadline-sub" title="Deadlines on a weekend move to the Friday before">({formatDay(r.legalDate)} is a weekend)</span> : null}
              </td>
              <td data-label="What">
                <DeadlineKindBadge kind={r.kind} />
                <span className="deadline-sentence">{r.sentence}</span>
                {r.obligation ? (
                  <span className="sub-line deadline-sub">{r.obligation.schedule}{r.obligation.party ? ` · ${r.obligation.party}` : ""}</span>
                ) : null}
              </td>
              {hideAgreement ? null : (
                <td data-label="Agreement">
                  <Link to={`/agreements/${r.agreement.id}`} className="mono">{r.agreement.reference}</Link>{" "}
                  {r.agreement.confidentiality === "RESTRICTED" ? <RestrictedBadge /> : null}
                  <span className="sub-line clamp deadline-agreement-title" title={r.agreement.title}>{r.agreement.title}</span>
                  <span className="sub-line deadline-sub clamp">{r.agreement.partnersLabel}</span>
                </td>
              )}
              <td data-label="Responsible">{r.responsible ? r.responsible.name : <span className="muted">No one yet</span>}</td>
              <td data-label="State"><DeadlineStateBadge state={r.state} /></td>
              {canAct ? <td data-label="Actions" className="deadline-actions-cell"><DeadlineActions row={r} today={today} /></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The audit trail as a table: when (Milan time), who, what, and the fields
 * each event changed, before and after.
 */
import { Link } from "@remix-run/react";

export interface AuditRow {
  id: number;
  at: string | Date;
  actorEmail: string;
  entity: string;
  entityId: string;
  action: string;
  summary: string;
  agreementId: string | null;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Rome", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
});

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** Audit events with the fields each one changed, before and after. Times are shown in Milan time. */
export function AuditTable({ events, caption }: { events: AuditRow[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="data-table audit-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When (Milan)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const fields = [...new Set([...Object.keys(e.before), ...Object.keys(e.after)])];
            return (
              <tr key={e.id}>
                <td className="col-date"><time dateTime={new Date(e.at).toISOString()}>{TIME.format(new Date(e.at))}</time></td>
                <td>{e.actorEmail}</td>
                <td>
                  <span className="badge">{e.action.replace("_", " ").toLowerCase()}</span>{" "}
                  {e.agreementId && e.entity !== "User" ? <Link to={`/agreements/${e.agreementId}`}>{e.summary}</Link> : e.summary}
                  <div className="muted small">{e.entity}</div>
                </td>
                <td>
                  {fields.length ? (
                    <dl className="diff">
                      {fields.map((f) => (
                        <div key={f}>
                          <dt>{f}</dt>
                          <dd>
                            {f in e.before ? <del>{show(e.before[f])}</del> : null}
                            {f in e.before && f in e.after ? " → " : null}
                            {f in e.after ? <ins>{show(e.after[f])}</ins> : null}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

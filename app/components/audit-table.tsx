/**
 * The audit trail as a table a person can read: when (Milan time), who,
 * what (the kind of change, the summary linked to the record, the kind of
 * record), and each field it changed with its label, before → after, in the
 * words of the pages (app/domain/audit-format.ts). The recorded JSON is kept
 * behind "Details", for the rare question the words do not answer.
 */
import { Link } from "@remix-run/react";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, type ReadableChange } from "~/domain/audit-format";
import type { AuditAction, AuditEntity } from "~/domain/audit";
import { useCan } from "~/utils/user";

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
  changes: ReadableChange[];
  link: string | null;
}

const TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Rome", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
});

/** Audit events with the fields each one changed, before and after. Times are shown in Milan time. */
export function AuditTable({ events, caption }: { events: AuditRow[]; caption: string }) {
  const seesAccounts = useCan("user:manage");
  return (
    <div className="table-wrap">
      <table className="data-table audit-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="col-when">When (Milan)</th>
            <th scope="col" className="col-who">Who</th>
            <th scope="col">What</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="col-date"><time dateTime={new Date(e.at).toISOString()}>{TIME.format(new Date(e.at))}</time></td>
              <td className="col-who">{e.actorEmail}</td>
              <td>
                <span className="badge">{AUDIT_ACTION_LABELS[e.action as AuditAction] ?? e.action}</span>{" "}
                {e.link && (e.entity !== "User" || seesAccounts) ? <Link to={e.link}>{e.summary}</Link> : e.summary}
                <div className="muted small">{AUDIT_ENTITY_LABELS[e.entity as AuditEntity] ?? e.entity}</div>
              </td>
              <td>
                <Changes changes={e.changes} />
                <details className="audit-raw">
                  <summary>Details</summary>
                  <pre>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Changes({ changes }: { changes: ReadableChange[] }) {
  if (!changes.length) return null;
  return (
    <dl className="diff">
      {changes.map((c) => (
        <div key={c.field}>
          <dt>{c.label}</dt>
          <dd>
            {c.before !== undefined ? <del><span className="visually-hidden">was </span>{c.before}</del> : null}
            {c.before !== undefined && c.after !== undefined ? <span aria-hidden="true"> → </span> : null}
            {c.after !== undefined ? <ins><span className="visually-hidden">{c.before !== undefined ? ", now " : ""}</span>{c.after}</ins> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

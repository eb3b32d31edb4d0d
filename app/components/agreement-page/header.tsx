/**
 * The top of the agreement page: reference, title and badges, the actions
 * the role allows (edit, renew, amend, archive or restore, delete a draft
 * nobody signed), and the notices that need attention (saved, refused,
 * archived, expired, ending soon, implementing agreements outliving a
 * framework).
 */
import { Form, Link } from "@remix-run/react";
import { KindLabel, RestrictedBadge, StatusBadge } from "~/components/status-badge";
import { SubmitButton } from "~/components/ui/submit-button";
import { isRestricted } from "~/domain/confidentiality";
import { formatDay } from "~/domain/dates";
import type { AgreementPageData } from "~/routes/agreements.$id";
import { useCan } from "~/utils/user";
import { WatchButton } from "./deadlines-card";

type Agreement = AgreementPageData["agreement"];

export function AgreementHeader({ agreement: a, watch }: { agreement: Agreement; watch: AgreementPageData["deadlinesCard"]["watch"] }) {
  const canWrite = useCan("agreement:write");
  return (
    <header className="page-header">
      <div>
        <p className="eyebrow mono">{a.reference}</p>
        <h1>{a.title}</h1>
        <p className="header-badges">
          <StatusBadge status={a.effectiveStatus} /> <KindLabel kind={a.kind} />{" "}
          {isRestricted(a) ? <RestrictedBadge /> : null}
          {a.archivedAt ? <span className="badge">Archived {formatDay(a.archivedAt)}</span> : null}
        </p>
      </div>
      <div className="header-actions">
        <WatchButton subject="agreementId" id={a.id} watch={watch} />
        {canWrite ? <AgreementActions agreement={a} /> : null}
      </div>
    </header>
  );
}

function AgreementActions({ agreement: a }: { agreement: Agreement }) {
  const canDelete = useCan("agreement:delete-draft");
  return (
    <>
      {!a.archivedAt ? <Link to="edit" className="button">Edit</Link> : null}
      {!a.archivedAt ? <Link to="renew" className="button button-quiet">Renew</Link> : null}
      {!a.archivedAt ? <Link to="amend" className="button button-quiet">Amend</Link> : null}
      <Form method="post">
        <input type="hidden" name="version" value={a.version} />
        <SubmitButton intent={a.archivedAt ? "restore" : "archive"} className="button button-quiet">
          {a.archivedAt ? "Restore" : "Archive"}
        </SubmitButton>
      </Form>
      {a.deletable && canDelete ? (
        <Form method="post" onSubmit={(e) => { if (!confirm(`Delete the draft ${a.reference} for good?`)) e.preventDefault(); }}>
          <input type="hidden" name="version" value={a.version} />
          <SubmitButton intent="delete" className="button button-quiet button-danger">Delete draft</SubmitButton>
        </Form>
      ) : null}
    </>
  );
}

const SAVED: Record<string, string> = {
  created: "Agreement recorded as a draft.",
  updated: "Changes saved.",
  unchanged: "Nothing had changed, so nothing was saved.",
  status: "Status updated.",
  archived: "Agreement archived. It no longer appears in lists; restore it at any time.",
  restored: "Agreement restored.",
  uploaded: "Documents uploaded. Their text is being read for search.",
  obligation: "Obligations updated.",
};

export function AgreementNotices({
  agreement: a,
  outliving,
  saved,
  refusal,
}: {
  agreement: Agreement;
  outliving: string[];
  /** The ?saved= of the redirect after a change. */
  saved: string | null;
  /** Why the last archive/restore/delete was refused. */
  refusal: string | null;
}) {
  const done = SAVED[saved ?? ""];
  return (
    <>
      {done ? <p className="notice notice-success" role="status">{done}</p> : null}
      {refusal ? <p className="notice notice-error" role="alert">{refusal}</p> : null}
      {a.archivedAt ? (
        <p className="notice notice-warning" role="status">
          Archived on {formatDay(a.archivedAt)}: it is kept for the record but left out of lists and counts.
        </p>
      ) : null}
      {outliving.length ? (
        <p className="notice notice-warning" role="status">
          {outliving.length === 1 ? "An implementing agreement runs" : `${outliving.length} implementing agreements run`} past
          this framework's end ({formatDay(a.endDate)}): {outliving.join(", ")}. Renew the framework or shorten them.
        </p>
      ) : null}
      {a.effectiveStatus === "EXPIRED" && a.status === "ACTIVE" ? (
        <p className="notice notice-warning" role="status">
          This agreement passed its end date on {formatDay(a.endDate)} and is shown as expired.
        </p>
      ) : null}
      {a.effectiveStatus === "ACTIVE" && a.daysToEnd !== null && a.daysToEnd <= 90 ? (
        <p className="notice notice-warning" role="status">
          Ends in {a.daysToEnd} days, on {formatDay(a.endDate)}.
          {a.noticeDeadline ? ` ${a.renewalType === "TACIT" ? "Last day to give notice" : "Decide on the renewal by"}: ${formatDay(a.noticeDeadline)}.` : ""}
        </p>
      ) : null}
    </>
  );
}

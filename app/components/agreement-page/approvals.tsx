/**
 * The agreement page's approvals and registration: the decisions recorded
 * (body, date, resolution number, the document that holds them), in date
 * order; for editors, a form to record one and a button to remove one
 * recorded by mistake; the protocol registration of the signed deed with
 * its form; and whether the agreement waits for the board.
 */
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { APPROVAL_BODIES, ApprovalSchema, RegistrationSchema, approvalBodyLabel } from "~/domain/approvals";
import { formatDay, toDay } from "~/domain/dates";
import { DOCUMENT_KINDS } from "~/domain/documents";
import type { AgreementPageData } from "~/routes/agreements.$id";
import { useCan } from "~/utils/user";
import { Field } from "../forms";
import { useSchemaForm } from "../ui/use-schema-form";

type Page = AgreementPageData;
type Answer = { intent?: string; result?: SubmissionResult<string[]>; error?: string; done?: boolean };

export function ApprovalsCard({ agreement: a, approvals, documents, today }: {
  agreement: Page["agreement"];
  approvals: Page["approvals"];
  documents: Page["documents"];
  today: string;
}) {
  const canWrite = useCan("agreement:write") && !a.archivedAt;
  const waiting = a.needsBoardApproval && !approvals.some((x) => x.body === "BOARD");
  return (
    <section aria-labelledby="approvals" className="card">
      <h2 id="approvals">Approvals and registration</h2>
      {waiting ? (
        <p className="notice notice-warning" role="status">Needs the board of directors' approval before it can go for signature.</p>
      ) : null}
      {approvals.length ? (
        <ol className="plain-list approval-list">
          {approvals.map((x) => <ApprovalItem key={x.id} approval={x} agreementId={a.id} canWrite={canWrite} />)}
        </ol>
      ) : (
        <p className="muted">No approval recorded.</p>
      )}
      {canWrite ? (
        <details className="inline-form">
          <summary className="button button-quiet button-small">Record an approval</summary>
          <ApprovalForm agreementId={a.id} documents={documents} today={today} />
        </details>
      ) : null}
      <h3>Registration</h3>
      <p>
        {a.protocolNumber
          ? <>Registered under protocol <strong>{a.protocolNumber}</strong>{a.protocolDate ? ` on ${formatDay(a.protocolDate)}` : ""}.</>
          : <span className="muted">The signed deed has not been registered yet.</span>}
      </p>
      {canWrite ? <RegistrationForm agreement={a} today={today} /> : null}
    </section>
  );
}

function ApprovalItem({ approval: x, agreementId, canWrite }: { approval: Page["approvals"][number]; agreementId: string; canWrite: boolean }) {
  const fetcher = useFetcher<Answer>();
  return (
    <li>
      <time dateTime={toDay(x.decisionDate)}>{formatDay(x.decisionDate)}</time>{" "}
      <strong>{approvalBodyLabel(x)}</strong>
      {x.resolutionNumber ? <> · resolution {x.resolutionNumber}</> : null}
      {x.document ? <> · <a href={`/documents/${x.document.versionId}/download`}>{x.document.title}</a></> : null}
      {x.note ? <span className="muted"> — {x.note}</span> : null}
      {canWrite ? (
        <fetcher.Form method="post" action={`/agreements/${agreementId}/approvals`} className="inline"
          onSubmit={(e) => { if (!confirm("Remove this approval? It stays in the change history.")) e.preventDefault(); }}>
          <input type="hidden" name="approvalId" value={x.id} />
          <button type="submit" name="intent" value="remove-approval" className="link-button" disabled={fetcher.state !== "idle"}>Remove</button>
        </fetcher.Form>
      ) : null}
      {fetcher.data?.error ? <p className="field-error" role="alert">{fetcher.data.error}</p> : null}
    </li>
  );
}

function ApprovalForm({ agreementId, documents, today }: { agreementId: string; documents: Page["documents"]; today: string }) {
  const fetcher = useFetcher<Answer>();
  const [form, fields] = useSchemaForm(ApprovalSchema, {
    id: "approval",
    lastResult: fetcher.state === "idle" && fetcher.data?.intent === "approve" ? fetcher.data.result : undefined,
    defaultValue: { body: "BOARD", decisionDate: today },
  });
  return (
    <fetcher.Form method="post" action={`/agreements/${agreementId}/approvals`} {...getFormProps(form)} className="stack">
      {form.errors?.length ? <p className="notice notice-error" role="alert" id={form.errorId}>{form.errors.join(" ")}</p> : null}
      <div className="form-grid">
        <Field field={fields.body} label="Body">
          <select {...getSelectProps(fields.body)}>
            {APPROVAL_BODIES.values.map((b) => <option key={b} value={b}>{APPROVAL_BODIES.label(b)}</option>)}
          </select>
        </Field>
        <Field field={fields.bodyName} label="Which body (for “Other”)">
          <input {...getInputProps(fields.bodyName, { type: "text" })} />
        </Field>
        <Field field={fields.decisionDate} label="Decision date">
          <input {...getInputProps(fields.decisionDate, { type: "date" })} max={today} />
        </Field>
        <Field field={fields.resolutionNumber} label="Resolution number">
          <input {...getInputProps(fields.resolutionNumber, { type: "text" })} placeholder="e.g. CdA 12/2026" />
        </Field>
        <Field field={fields.documentId} label="Document">
          <select {...getSelectProps(fields.documentId)}>
            <option value="">None</option>
            {documents.map((d) => <option key={d.id} value={d.id}>{DOCUMENT_KINDS.label(d.kind)}: {d.title}</option>)}
          </select>
        </Field>
      </div>
      <Field field={fields.note} label="Note" wide>
        <textarea {...getTextareaProps(fields.note)} rows={2} />
      </Field>
      <div className="form-actions">
        <button type="submit" name="intent" value="approve" className="button" disabled={fetcher.state !== "idle"}>
          {fetcher.state !== "idle" ? "Saving…" : "Record the approval"}
        </button>
      </div>
    </fetcher.Form>
  );
}

function RegistrationForm({ agreement: a, today }: { agreement: Page["agreement"]; today: string }) {
  const fetcher = useFetcher<Answer>();
  const [form, fields] = useSchemaForm(RegistrationSchema, {
    id: "registration",
    lastResult: fetcher.state === "idle" && fetcher.data?.intent === "register" ? fetcher.data.result : undefined,
    defaultValue: { protocolNumber: a.protocolNumber ?? "", protocolDate: a.protocolDate ? toDay(a.protocolDate) : today },
  });
  return (
    <details className="inline-form">
      <summary className="button button-quiet button-small">{a.protocolNumber ? "Correct the registration" : "Register the signed deed"}</summary>
      <fetcher.Form method="post" action={`/agreements/${a.id}/approvals`} {...getFormProps(form)} className="stack">
        {form.errors?.length ? <p className="notice notice-error" role="alert" id={form.errorId}>{form.errors.join(" ")}</p> : null}
        <input type="hidden" name="version" value={a.version} />
        <div className="form-grid">
          <Field field={fields.protocolNumber} label="Protocol number">
            <input {...getInputProps(fields.protocolNumber, { type: "text" })} placeholder="e.g. PG/2026/004512" />
          </Field>
          <Field field={fields.protocolDate} label="Registered on">
            <input {...getInputProps(fields.protocolDate, { type: "date" })} max={today} />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" name="intent" value="register" className="button" disabled={fetcher.state !== "idle"}>
            {fetcher.state !== "idle" ? "Saving…" : "Save the registration"}
          </button>
        </div>
      </fetcher.Form>
    </details>
  );
}

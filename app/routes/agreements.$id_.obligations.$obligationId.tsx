/**
 * /agreements/:id/obligations/:obligationId: one obligation: edit it (a
 * save over a newer version shows both), mark its open occurrence done,
 * waive it with a reason, reopen it, delete it, and read what was done
 * when. The lists' inline "Mark done" posts here too. Editors and admins.
 */
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ConflictPanel, ReappliedNotice, useConflictVersion } from "~/components/conflict-panel";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ObligationForm } from "~/components/obligation-form";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatDay, toDay, utcToday } from "~/domain/dates";
import {
  CompleteObligationSchema, OBLIGATION_KINDS, OBLIGATION_STATUSES, ObligationSchema, ReopenObligationSchema, WaiveObligationSchema,
} from "~/domain/obligations";
import {
  completeObligation, deleteObligation, inputSnapshot, OBLIGATION_FIELD_LABELS, reopenObligation, updateObligation, waiveObligation,
} from "~/models/obligation-write.server";
import { getObligation, obligationContext, obligationFormValues } from "~/models/obligations.server";
import { requirePermission } from "~/utils/auth.server";
import { formFailure, messageFailure } from "~/utils/errors.server";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.obligation.title ?? "Obligation"} · HT Collaborations` }];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "Agreements", to: "/agreements" },
    ...(data ? [{ label: data.agreement.reference, to: `/agreements/${data.agreement.id}` }] : []),
    { label: data?.obligation.title ?? "Obligation" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const [context, obligation] = await Promise.all([obligationContext(params.id ?? ""), getObligation(params.id ?? "", params.obligationId ?? "")]);
  invariantResponse(context && obligation, "This obligation does not exist (any more).", { status: 404 });
  return { ...context, obligation, values: obligationFormValues(obligation), today: toDay(utcToday()) };
}

const IntentSchema = ["update", "complete", "waive", "reopen", "delete"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const agreementId = params.id ?? "";
  const obligationId = params.obligationId ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "update") as (typeof IntentSchema)[number];
  const back = `/agreements/${agreementId}?saved=obligation#obligations`;
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: ObligationSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), conflict: null }, { status: 400 });
    try {
      await updateObligation(user, agreementId, obligationId, submission.value.version ?? 0, submission.value);
    } catch (error) {
      return formFailure(error, submission, {
        extra: { intent },
        labels: OBLIGATION_FIELD_LABELS,
        mine: () => inputSnapshot(submission.value),
      });
    }
    throw redirect(back);
  }
  const schema = { complete: CompleteObligationSchema, waive: WaiveObligationSchema, reopen: ReopenObligationSchema, delete: ReopenObligationSchema }[intent];
  invariantResponse(schema, "Unknown action.", { status: 400 });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    const message = Object.values(submission.error ?? {}).flat()[0] ?? "Check the form.";
    return data({ intent, error: message, result: submission.reply() }, { status: 400 });
  }
  try {
    const v = submission.value as { version: number; doneOn?: string; note?: string; reason?: string };
    if (intent === "complete") await completeObligation(user, agreementId, obligationId, { version: v.version, doneOn: v.doneOn!, note: v.note }, utcToday());
    if (intent === "waive") await waiveObligation(user, agreementId, obligationId, { version: v.version, reason: v.reason! });
    if (intent === "reopen") await reopenObligation(user, agreementId, obligationId, { version: v.version });
    if (intent === "delete") await deleteObligation(user, agreementId, obligationId, v.version);
  } catch (error) {
    return messageFailure(error, { intent });
  }
  // Fetchers (the lists' inline forms) stay on their page, which Remix reloads; a page form goes back to the agreement.
  return new URL(request.url).searchParams.has("stay") ? { intent, ok: true } : redirect(back);
}

function StatusForms({ obligation, today, error }: { obligation: { version: number; status: string; nextDueDate: Date | string | null }; today: string; error: string | null }) {
  return (
    <section className="card" aria-labelledby="status-h">
      <h2 id="status-h">Status: {OBLIGATION_STATUSES.label(obligation.status)}</h2>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {obligation.status === "OPEN" ? (
        <div className="detail-grid">
          <Form method="post" className="stack">
            <h3>Mark done{obligation.nextDueDate ? ` (due ${formatDay(obligation.nextDueDate)})` : ""}</h3>
            <input type="hidden" name="version" value={obligation.version} />
            <label className="field"><span className="field-label">Done on</span><input type="date" name="doneOn" defaultValue={today} max={today} required /></label>
            <label className="field"><span className="field-label">Note</span><input type="text" name="note" maxLength={1000} /></label>
            <div className="form-actions"><SubmitButton intent="complete" pendingLabel="Saving…">Mark done</SubmitButton></div>
          </Form>
          <Form method="post" className="stack">
            <h3>Waive</h3>
            <input type="hidden" name="version" value={obligation.version} />
            <label className="field"><span className="field-label">Why (who agreed, when)</span><input type="text" name="reason" maxLength={1000} required minLength={3} /></label>
            <div className="form-actions"><SubmitButton intent="waive" className="button button-quiet" pendingLabel="Saving…">Waive</SubmitButton></div>
          </Form>
        </div>
      ) : (
        <Form method="post" className="form-actions">
          <input type="hidden" name="version" value={obligation.version} />
          <SubmitButton intent="reopen" className="button button-quiet" pendingLabel="Saving…">Reopen</SubmitButton>
        </Form>
      )}
    </section>
  );
}

export default function ObligationPage() {
  const { agreement, obligation, values, today, parties, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflictData = actionData && "conflict" in actionData ? actionData.conflict : null;
  const conflict = useConflictVersion(obligation.version, conflictData);
  const refusal = actionData && "error" in actionData && actionData.error ? String(actionData.error) : null;
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <p className="eyebrow mono">{agreement.reference} · {OBLIGATION_KINDS.label(obligation.kind)}</p>
          <h1>{obligation.title}</h1>
          <p className="subtitle">{obligation.status === "OPEN" ? (obligation.nextDueDate ? `Next due ${formatDay(obligation.nextDueDate)}` : "No occurrence left in the agreement's term") : obligation.status === "DONE" ? `Done on ${formatDay(obligation.doneOn)}` : `Waived: ${obligation.waivedReason}`}</p>
        </div>
        <Link to={`/agreements/${agreement.id}#obligations`} className="button button-quiet">Back to the agreement</Link>
      </header>
      <StatusForms obligation={obligation} today={today} error={refusal} />
      {conflictData && conflict.open ? (
        <ConflictPanel subject="obligation" conflict={conflictData} onReapply={conflict.reapply} reloadHref={`/agreements/${agreement.id}/obligations/${obligation.id}`} />
      ) : null}
      {conflict.reapplied ? <ReappliedNotice /> : null}
      <h2>Edit</h2>
      <ObligationForm
        context={{ agreement, parties, people }}
        defaultValue={values}
        lastResult={actionData && "result" in actionData && actionData.intent === "update" ? actionData.result : null}
        submitLabel="Save changes"
        version={conflict.version}
        intent="update"
      />
      <History completions={obligation.completions} />
      <Form method="post" className="form-actions danger-zone" onSubmit={(e) => { if (!confirm(`Delete “${obligation.title}” for good?`)) e.preventDefault(); }}>
        <input type="hidden" name="version" value={obligation.version} />
        <SubmitButton intent="delete" className="button button-quiet button-danger">Delete this obligation</SubmitButton>
      </Form>
    </div>
  );
}

function History({ completions }: { completions: { id: string; dueDate: Date | string | null; doneOn: Date | string; note: string; byEmail: string }[] }) {
  if (!completions.length) return null;
  return (
    <section className="card" aria-labelledby="done-h">
      <h2 id="done-h">Done so far</h2>
      <ul className="plain-list">
        {completions.map((c) => (
          <li key={c.id}>
            {c.dueDate ? <>Due {formatDay(c.dueDate)}: </> : null}done on <strong>{formatDay(c.doneOn)}</strong>{c.byEmail ? ` by ${c.byEmail}` : ""}
            {c.note ? <span className="muted"> — {c.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

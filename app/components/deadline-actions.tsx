/**
 * The inline forms that take a deadline off the list: "Mark done" for an
 * obligation's occurrence (the day it was done and a note), "Dealt with"
 * for an agreement's own deadline (notice given, renewal agreed, left to
 * renew, signatures chased). Each posts with its own fetcher, so the page
 * stays where it is and only this form shows that it is being sent.
 */
import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { OUTCOMES_FOR, RESOLUTION_OUTCOMES, type AgreementDeadlineKind } from "~/domain/deadlines";
import type { DeadlineTableRow } from "./deadline-table";

interface FailureData {
  error?: string;
  result?: { error?: Record<string, string[] | null> | null };
}

/** The first message of a refused submission: a field's error or the whole form's. */
function failureMessage(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  const d = data as FailureData;
  if (d.error) return d.error;
  const errors = Object.values(d.result?.error ?? {}).flat().filter(Boolean);
  return errors.length ? String(errors[0]) : null;
}

export function DeadlineActions({ row, today }: { row: DeadlineTableRow; today: string }) {
  return row.obligation ? <CompleteObligation row={row} obligation={row.obligation} today={today} /> : <ResolveDeadline row={row} today={today} />;
}

function CompleteObligation({ row, obligation, today }: { row: DeadlineTableRow; obligation: NonNullable<DeadlineTableRow["obligation"]>; today: string }) {
  const fetcher = useFetcher();
  const id = useId();
  const busy = fetcher.state !== "idle";
  const error = fetcher.state === "idle" ? failureMessage(fetcher.data) : null;
  return (
    <details className="inline-action">
      <summary className="button button-quiet button-small">Mark done</summary>
      <fetcher.Form method="post" action={`/agreements/${row.agreement.id}/obligations/${obligation.id}?stay=1`} className="inline-action-form">
        <input type="hidden" name="version" value={obligation.version} />
        <label className="field" htmlFor={`${id}-on`}>
          <span className="field-label">Done on</span>
          <input id={`${id}-on`} type="date" name="doneOn" defaultValue={today} max={today} required />
        </label>
        <label className="field" htmlFor={`${id}-note`}>
          <span className="field-label">Note (optional)</span>
          <input id={`${id}-note`} type="text" name="note" maxLength={1000} placeholder="Sent by PEC, protocol no." />
        </label>
        {error ? <p className="field-error" role="alert">{error}</p> : null}
        <button type="submit" className="button button-small" name="intent" value="complete" disabled={busy} aria-busy={busy || undefined}>
          {busy ? "Saving…" : `Done: ${obligation.title}`.slice(0, 60)}
        </button>
      </fetcher.Form>
    </details>
  );
}

function ResolveDeadline({ row, today }: { row: DeadlineTableRow; today: string }) {
  const fetcher = useFetcher();
  const id = useId();
  const busy = fetcher.state !== "idle";
  const error = fetcher.state === "idle" ? failureMessage(fetcher.data) : null;
  const outcomes = OUTCOMES_FOR[row.kind as AgreementDeadlineKind] ?? ["HANDLED"];
  return (
    <details className="inline-action">
      <summary className="button button-quiet button-small">Dealt with…</summary>
      <fetcher.Form method="post" action="/deadlines/resolve" className="inline-action-form">
        <input type="hidden" name="agreementId" value={row.agreement.id} />
        <input type="hidden" name="key" value={row.key} />
        <label className="field" htmlFor={`${id}-outcome`}>
          <span className="field-label">What happened</span>
          <select id={`${id}-outcome`} name="outcome" defaultValue={outcomes[0]}>
            {outcomes.map((o) => <option key={o} value={o}>{RESOLUTION_OUTCOMES.label(o)}</option>)}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-on`}>
          <span className="field-label">On</span>
          <input id={`${id}-on`} type="date" name="resolvedOn" defaultValue={today} max={today} required />
        </label>
        <label className="field" htmlFor={`${id}-note`}>
          <span className="field-label">Note (optional)</span>
          <input id={`${id}-note`} type="text" name="note" maxLength={1000} placeholder="Notice sent by PEC on…" />
        </label>
        {error ? <p className="field-error" role="alert">{error}</p> : null}
        <button type="submit" className="button button-small" name="intent" value="resolve" disabled={busy} aria-busy={busy || undefined}>
          {busy ? "Saving…" : "Record"}
        </button>
      </fetcher.Form>
    </details>
  );
}

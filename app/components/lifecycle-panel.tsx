/**
 * The lifecycle moves allowed from an agreement's status, each a small form
 * asking when it happened and why (and, to activate, the signature date).
 */
import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { TransitionSchema } from "~/domain/agreement-schema";
import { moveLabel, TRANSITIONS } from "~/domain/lifecycle";
import { AGREEMENT_STATUSES, type AgreementStatus } from "~/domain/vocabulary";
import { Field } from "./forms";
import { useSchemaForm } from "./ui/use-schema-form";
import { SubmitButton } from "./ui/submit-button";

export function LifecyclePanel({
  status,
  version,
  today,
  lastResult,
  lastTo,
}: {
  status: AgreementStatus;
  version: number;
  today: string;
  lastResult?: SubmissionResult<string[]>;
  lastTo?: string;
}) {
  const moves = TRANSITIONS[status];
  if (!moves.length) {
    return <p className="muted">{AGREEMENT_STATUSES.label(status)} is a final status: no further moves.</p>;
  }
  return (
    <ul className="move-list">
      {moves.map((to) => (
        <li key={to}>
          <MoveForm from={status} to={to} version={version} today={today} lastResult={lastTo === to ? lastResult : undefined} />
        </li>
      ))}
    </ul>
  );
}

function MoveForm({
  from,
  to,
  version,
  today,
  lastResult,
}: {
  from: AgreementStatus;
  to: AgreementStatus;
  version: number;
  today: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useSchemaForm(TransitionSchema, {
    id: `move-${to}`,
    lastResult,
    defaultValue: { effectiveOn: today, signatureDate: to === "ACTIVE" ? today : undefined },
    revalidateOn: "onBlur",
  });
  return (
    <details className="move" open={Boolean(lastResult)}>
      <summary className={to === "TERMINATED" ? "button button-quiet button-danger" : "button button-quiet"}>{moveLabel(from, to)}</summary>
      <Form method="post" {...getFormProps(form)} className="stack move-form">
        {form.errors?.length ? <p className="notice notice-error" role="alert" id={form.errorId}>{form.errors.join(" ")}</p> : null}
        <input type="hidden" name="to" value={to} />
        <input type="hidden" name="version" value={version} />
        {to === "ACTIVE" ? (
          <Field field={fields.signatureDate} label="Signature date (last party)">
            <input {...getInputProps(fields.signatureDate, { type: "date" })} max={today} />
          </Field>
        ) : null}
        <Field field={fields.effectiveOn} label="Date of the change">
          <input {...getInputProps(fields.effectiveOn, { type: "date" })} max={today} />
        </Field>
        <Field field={fields.comment} label="Comment">
          <textarea {...getTextareaProps(fields.comment)} rows={2} />
        </Field>
        <div className="form-actions">
          <SubmitButton intent="move" fields={{ to }} pendingLabel="Saving…">
            {`Confirm: ${AGREEMENT_STATUSES.label(to)}`}
          </SubmitButton>
        </div>
      </Form>
    </details>
  );
}

/**
 * The form of one lifecycle move: the steps it records, when it happened
 * and why (both required, and marked so); to activate, the signature date
 * and every party not yet signed, whose signature can be recorded in the
 * same step, or an explicit confirmation to activate without it.
 *
 * No click is lost: fields are checked on submit (and again while typing
 * after a refused submit), never on blur, so nothing above the button
 * changes between pressing and releasing it; the button keeps its size and
 * says "Moving…" while the move is sent. Escape closes the form and gives
 * the focus back to the move that opened it.
 */
import { getFormProps, getInputProps, getTextareaProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useNavigate } from "@remix-run/react";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { describeGaps, STRICT_TARGETS, type Gap } from "~/domain/agreement-readiness";
import { TransitionSchema } from "~/domain/agreement-schema";
import { formatDay } from "~/domain/dates";
import { moveLabel, type Move } from "~/domain/lifecycle";
import { AGREEMENT_STATUSES, SIGNATURE_STATUSES, type AgreementStatus } from "~/domain/vocabulary";
import { Field, FieldError } from "../forms";
import { SubmitButton } from "../ui/submit-button";
import { useSchemaForm } from "../ui/use-schema-form";

export interface MoveParty {
  id: string;
  name: string;
  signatureStatus: string;
  signedAt: string | null;
}

interface MoveFormProps {
  from: AgreementStatus;
  move: Move;
  version: number;
  today: string;
  gaps: Gap[];
  agreementId: string;
  parties: MoveParty[];
  lastResult?: SubmissionResult<string[]>;
  cancelHref: string;
}

export function MoveForm({ from, move, version, today, gaps, agreementId, parties, lastResult, cancelHref }: MoveFormProps) {
  const activating = move.to === "ACTIVE";
  const unsigned = parties.filter((p) => p.signatureStatus !== "SIGNED");
  const lastSigned = parties.map((p) => p.signedAt ?? "").sort().at(-1) || today;
  const [form, fields] = useSchemaForm(TransitionSchema, {
    id: `move-${move.to}`,
    lastResult,
    validateOn: "onSubmit",
    defaultValue: {
      effectiveOn: today,
      signatureDate: activating ? lastSigned : undefined,
      signatures: activating ? unsigned.map((p) => ({ partyId: p.id, signedAt: today })) : [],
    },
  });
  const heading = useRef<HTMLHeadingElement>(null);
  const navigate = useNavigate();
  useEffect(() => heading.current?.focus(), []);
  const close = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.preventDefault();
    navigate(cancelHref, { replace: true, preventScrollReset: true });
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.move-list a[href*="move=${move.to}"]`)?.focus());
  };
  const blocked = move.path.some((s) => STRICT_TARGETS.includes(s)) && gaps.length > 0;
  return (
    <Form method="post" {...getFormProps(form)} className="stack move-form" onKeyDown={close} aria-labelledby={`${form.id}-title`}>
      <h3 id={`${form.id}-title`} tabIndex={-1} ref={heading}>{moveLabel(from, move.to)}</h3>
      {move.path.length > 1 ? (
        <p className="muted">
          Records each step with the same date and comment: {[from, ...move.path].map((s) => AGREEMENT_STATUSES.label(s)).join(" → ")}.
        </p>
      ) : null}
      {form.errors?.length ? <p className="notice notice-error" role="alert" id={form.errorId}>{form.errors.join(" ")}</p> : null}
      {blocked ? (
        <div className="notice notice-warning" role="status">
          <strong>{describeGaps(gaps)}.</strong> An agreement goes for signature only when it is complete.{" "}
          <Link to={`/agreements/${agreementId}/edit`}>Complete it</Link>
        </div>
      ) : (
        <>
          <input type="hidden" name="to" value={move.to} />
          <input type="hidden" name="version" value={version} />
          {activating ? <SignatureFields fields={fields} parties={parties} unsigned={unsigned} today={today} /> : null}
          <Field field={fields.effectiveOn} label="Date of the change">
            <input {...getInputProps(fields.effectiveOn, { type: "date" })} max={today} />
          </Field>
          <Field field={fields.comment} label="Comment" hint="What happened, who decided: it goes into the status history">
            <textarea {...getTextareaProps(fields.comment)} rows={2} />
          </Field>
          <div className="form-actions">
            <SubmitButton intent="move" fields={{ to: move.to }} pendingLabel="Moving…" className="button move-confirm">
              {`Confirm: ${AGREEMENT_STATUSES.label(move.to)}`}
            </SubmitButton>
            <Link to={cancelHref} replace preventScrollReset className="button button-quiet">Cancel</Link>
          </div>
        </>
      )}
    </Form>
  );
}

type Fields = ReturnType<typeof useSchemaForm<typeof TransitionSchema>>[1];

/** Activation: who has signed, the signatures still missing (recorded here, or confirmed as missing), the signature date. */
function SignatureFields({ fields, parties, unsigned, today }: { fields: Fields; parties: MoveParty[]; unsigned: MoveParty[]; today: string }) {
  const rows = fields.signatures.getFieldList();
  return (
    <fieldset className="signatures">
      <legend>Signatures</legend>
      {unsigned.length ? (
        <p className="field-hint">
          {unsigned.length === 1 ? "1 party has" : `${unsigned.length} parties have`} not signed yet: record the signatures you have.
        </p>
      ) : (
        <p className="field-hint">Every party has signed.</p>
      )}
      <ul className="signature-list">
        {parties.filter((p) => p.signatureStatus === "SIGNED").map((p) => (
          <li key={p.id}>
            <span>{p.name}</span> <span className="muted">signed {formatDay(p.signedAt)}</span>
          </li>
        ))}
        {unsigned.map((p, i) => (
          <UnsignedParty key={p.id} party={p} row={rows[i]} today={today} />
        ))}
      </ul>
      <Field field={fields.signatureDate} label="Signature date (last party)">
        <input {...getInputProps(fields.signatureDate, { type: "date" })} max={today} required aria-required="true" />
      </Field>
      {unsigned.length ? (
        <div className="field">
          <label className="check">
            <input {...getInputProps(fields.confirmUnsigned, { type: "checkbox" })} />
            Activate even if a party above is still not signed
          </label>
          <FieldError field={fields.confirmUnsigned} />
        </div>
      ) : null}
    </fieldset>
  );
}

type SignatureRow = ReturnType<Fields["signatures"]["getFieldList"]>[number];

function UnsignedParty({ party, row, today }: { party: MoveParty; row: SignatureRow | undefined; today: string }) {
  if (!row) return null;
  const f = row.getFieldset() as Record<"partyId" | "signed" | "signedAt", FieldMetadata<string>>;
  return (
    <li className="signature-row">
      <input type="hidden" name={f.partyId.name} value={party.id} />
      <label className="check">
        <input {...getInputProps(f.signed, { type: "checkbox" })} />
        {party.name} <span className="muted">({SIGNATURE_STATUSES.label(party.signatureStatus).toLowerCase()})</span>: signed on
      </label>
      <input {...getInputProps(f.signedAt, { type: "date" })} max={today} aria-label={`Date ${party.name} signed`} />
      <FieldError field={f.signedAt} />
    </li>
  );
}

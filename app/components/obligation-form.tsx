/**
 * The obligation form (new and edit): what is due, when (a date, every N
 * months from the agreement's start, N days before its end), who at HT is
 * responsible, and the party concerned. One zod schema
 * (app/domain/obligations.ts) validates it here and on the server.
 */
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { formatDay } from "~/domain/dates";
import { OBLIGATION_KINDS, OBLIGATION_SCHEDULES, ObligationSchema } from "~/domain/obligations";
import type { ObligationContext } from "~/models/obligations.server";
import { vocabularyOptions } from "./agreement-form-sections";
import { Field } from "./forms";
import { SubmitButton } from "./ui/submit-button";
import { useSchemaForm } from "./ui/use-schema-form";

type Shape = {
  version: number; kind: string; title: string; schedule: string; dueDate: string; intervalMonths: number;
  daysBeforeEnd: number; responsibleId: string; party: string; notes: string;
};

export function ObligationForm({
  context,
  defaultValue,
  lastResult,
  submitLabel,
  version,
  intent,
}: {
  context: Pick<ObligationContext, "parties" | "people"> & { agreement: { startDate: string | null; endDate: string | null; owner: { name: string } | null } };
  defaultValue?: Record<string, unknown>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  version?: number;
  /** The intent the save submits, where the page's action has several. */
  intent?: string;
}) {
  const [form, fields] = useSchemaForm<typeof ObligationSchema, Shape>(ObligationSchema, {
    id: "obligation-form",
    lastResult,
    defaultValue: { schedule: "DATE", ...defaultValue },
  });
  const schedule = fields.schedule.value ?? "DATE";
  const { startDate, endDate, owner } = context.agreement;
  return (
    <Form method="post" {...getFormProps(form)} className="card form-card stack">
      {form.errors?.length ? <p className="notice notice-error" role="alert">{form.errors.join(" ")}</p> : null}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <div className="form-grid">
        <Field field={fields.kind} label="Kind">
          <select {...getSelectProps(fields.kind)}>
            <option value="">Choose…</option>
            {vocabularyOptions(OBLIGATION_KINDS)}
          </select>
        </Field>
        <Field field={fields.title} label="What is due" wide>
          <input {...getInputProps(fields.title, { type: "text" })} placeholder="Annual scientific report to the steering committee" />
        </Field>
        <Field field={fields.schedule} label="When">
          <select {...getSelectProps(fields.schedule)}>{vocabularyOptions(OBLIGATION_SCHEDULES)}</select>
        </Field>
        {schedule === "DATE" ? (
          <Field field={fields.dueDate} label="Due date">
            <input {...getInputProps(fields.dueDate, { type: "date" })} />
          </Field>
        ) : null}
        {schedule === "EVERY_MONTHS" ? (
          <Field field={fields.intervalMonths} label="Every (months)" hint={startDate ? `Counted from the start, ${formatDay(startDate)}, until the end` : "The agreement needs a start date"}>
            <input {...getInputProps(fields.intervalMonths, { type: "number" })} min={1} max={120} />
          </Field>
        ) : null}
        {schedule === "BEFORE_END" ? (
          <Field field={fields.daysBeforeEnd} label="Days before the end" hint={endDate ? `The end is ${formatDay(endDate)}; the due date follows it if it changes` : "The agreement needs an end date"}>
            <input {...getInputProps(fields.daysBeforeEnd, { type: "number" })} min={0} max={3650} />
          </Field>
        ) : null}
        <Field field={fields.responsibleId} label="Responsible at HT" hint={`Gets the reminders. Empty: the agreement's owner${owner ? ` (${owner.name})` : ""}`}>
          <select {...getSelectProps(fields.responsibleId)}>
            <option value="">The agreement's owner</option>
            {context.people.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
          </select>
        </Field>
        <Field field={fields.party} label="Party concerned">
          <select {...getSelectProps(fields.party)}>
            <option value="">None in particular</option>
            {context.parties.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
          </select>
        </Field>
        <Field field={fields.notes} label="Notes" wide>
          <textarea {...getTextareaProps(fields.notes)} rows={3} />
        </Field>
      </div>
      <div className="form-actions">
        <SubmitButton pendingLabel="Saving…" intent={intent}>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}

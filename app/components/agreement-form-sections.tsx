/**
 * The sections of the agreement form (app/components/agreement-form.tsx):
 * the agreement itself, the framework or amended agreement it refers to,
 * dates and renewal, value and people, the kind's specific terms and the
 * research lines it serves. Each renders conform fields; none keeps state.
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { DETAIL_FIELDS, type DetailField } from "~/domain/agreement-details";
import type { FieldNeeds } from "~/domain/agreement-readiness";
import { formatDay, parseDay } from "~/domain/dates";
import { renewalDeadline, renewalLength } from "~/domain/deadlines";
import {
  AGREEMENT_KINDS, CONFIDENTIALITY, RENEWAL_TYPES, VALUE_DIRECTIONS, type AgreementKind,
} from "~/domain/vocabulary";
import type { AgreementFormFields, AgreementFormOptions } from "./agreement-form";
import { Field, FieldError } from "./forms";

/** <option>s for a vocabulary. */
export const vocabularyOptions = (vocabulary: { values: readonly string[]; label: (k: string) => string }) =>
  vocabulary.values.map((value) => <option key={value} value={value}>{vocabulary.label(value)}</option>);
const options = vocabularyOptions;

export function AgreementSection({ fields, creating }: { fields: AgreementFormFields; creating: boolean }) {
  return (
    <fieldset className="card form-section">
      <legend>The agreement</legend>
      <div className="form-grid">
        <Field field={fields.title} label="Title" wide>
          <input {...getInputProps(fields.title, { type: "text" })} />
        </Field>
        <Field field={fields.kind} label="Kind">
          <select {...getSelectProps(fields.kind)}>
            <option value="">Choose…</option>
            {options(AGREEMENT_KINDS)}
          </select>
        </Field>
        <Field field={fields.confidentiality} label="Confidentiality" hint="Restricted: only the legal office and admins see the details">
          <select {...getSelectProps(fields.confidentiality)}>{options(CONFIDENTIALITY)}</select>
        </Field>
        {creating ? (
          <Field field={fields.reference} label="Reference (optional)" hint="Leave empty for the next HT-YYYY-NNNN">
            <input {...getInputProps(fields.reference, { type: "text" })} placeholder="HT-2026-0042" />
          </Field>
        ) : null}
        <Field field={fields.summary} label="Summary" wide>
          <textarea {...getTextareaProps(fields.summary)} rows={3} />
        </Field>
      </div>
    </fieldset>
  );
}

/** The framework an implementing agreement implements, or the agreement an amendment changes. */
export function LinkedAgreementSection({
  fields,
  kind,
  frameworks,
  needs,
}: {
  fields: AgreementFormFields;
  kind: AgreementKind | "";
  frameworks: AgreementFormOptions["frameworks"];
  needs: FieldNeeds;
}) {
  if (kind !== "IMPLEMENTING" && kind !== "AMENDMENT") return null;
  const term = frameworks.find((f) => f.value === fields.frameworkId.value)?.term;
  return (
    <fieldset className="card form-section">
      <legend>{kind === "IMPLEMENTING" ? "Framework" : "Amended agreement"}</legend>
      <div className="form-grid">
        {kind === "IMPLEMENTING" ? (
          <Field field={fields.frameworkId} label="Implements framework" wide {...needs("frameworkId")}
            hint={term && `Term: ${term}. The implementing agreement must lie within it.`}>
            <select {...getSelectProps(fields.frameworkId)}>
              <option value="">Choose an active or signed framework…</option>
              {frameworks.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
            </select>
          </Field>
        ) : (
          <Field field={fields.amendsRef} label="Reference of the amended agreement" {...needs("amendsRef")}>
            <input {...getInputProps(fields.amendsRef, { type: "text" })} placeholder="HT-2024-0007" />
          </Field>
        )}
      </div>
    </fieldset>

  );
}

/** "Notice deadline: Fri 18 Dec 2026 (the 20th is a Sunday), or it renews for 3 years", as the form is filled in. */
function deadlineHint(fields: AgreementFormFields): string | undefined {
  const terms = {
    endDate: parseDay(fields.endDate.value),
    startDate: parseDay(fields.startDate.value),
    renewalType: fields.renewalType.value ?? "NONE",
    noticePeriodDays: Number(fields.noticePeriodDays.value) || null,
    noticePeriodMonths: Number(fields.noticePeriodMonths.value) || null,
    renewalTermMonths: Number(fields.renewalTermMonths.value) || null,
  };
  const deadline = renewalDeadline(terms);
  if (!deadline) return undefined;
  const moved = deadline.legal.getTime() !== deadline.date.getTime() ? ` (${formatDay(deadline.legal)} is a weekend)` : "";
  return terms.renewalType === "TACIT"
    ? `Give notice by ${formatDay(deadline.date)}${moved}, or it renews ${renewalLength(terms)}`
    : `Decide on renewal by ${formatDay(deadline.date)}${moved}`;
}

export function DatesSection({ fields, needs }: { fields: AgreementFormFields; needs: FieldNeeds }) {
  const hint = deadlineHint(fields);
  const renews = (fields.renewalType.value ?? "NONE") !== "NONE";
  return (
    <fieldset className="card form-section">
      <legend>Dates and renewal</legend>
      <div className="form-grid">
        <Field field={fields.signatureDate} label="Signature date" hint="The last party's signature">
          <input {...getInputProps(fields.signatureDate, { type: "date" })} />
        </Field>
        <Field field={fields.startDate} label="Start date" {...needs("startDate")}>
          <input {...getInputProps(fields.startDate, { type: "date" })} />
        </Field>
        <Field field={fields.endDate} label="End date" {...needs("endDate")}>
          <input {...getInputProps(fields.endDate, { type: "date" })} />
        </Field>
        <Field field={fields.renewalType} label="Renewal">
          <select {...getSelectProps(fields.renewalType)}>{options(RENEWAL_TYPES)}</select>
        </Field>
        <Field field={fields.noticePeriodDays} label="Notice period (days)"
          hint={hint ?? "Days before the end date by which notice must be given"}>
          <input {...getInputProps(fields.noticePeriodDays, { type: "number" })} min={1} max={3650} />
        </Field>
        <Field field={fields.noticePeriodMonths} label="…or notice period (months)"
          hint="Calendar months: 31 Mar minus 3 months is 31 Dec. Fill in days or months, not both">
          <input {...getInputProps(fields.noticePeriodMonths, { type: "number" })} min={1} max={120} />
        </Field>
        {renews ? (
          <Field field={fields.renewalTermMonths} label="A renewal lasts (months)" hint="Empty: as long as the current term">
            <input {...getInputProps(fields.renewalTermMonths, { type: "number" })} min={1} max={600} />
          </Field>
        ) : null}
        <div className="field">
          <label className="checkbox-label">
            <input {...getInputProps(fields.needsBoardApproval, { type: "checkbox" })} />
            Needs the board's approval before signature
          </label>
          <p className="field-hint">Approvals and the protocol registration are recorded on the agreement page.</p>
        </div>
      </div>
    </fieldset>
  );
}

export function ValueSection({ fields, owners }: { fields: AgreementFormFields; owners: AgreementFormOptions["owners"] }) {
  const legacy = fields.htOwner.initialValue && !fields.ownerId.initialValue ? fields.htOwner.initialValue : "";
  const restricted = fields.confidentiality.value === "RESTRICTED";
  return (
    <fieldset className="card form-section">
      <legend>Value and people</legend>
      <div className="form-grid">
        <Field field={fields.value} label="Value (EUR)" hint="e.g. 125000.50 or 125.000,50">
          <input {...getInputProps(fields.value, { type: "text" })} inputMode="decimal" />
        </Field>
        <Field field={fields.valueDirection} label="Direction">
          <select {...getSelectProps(fields.valueDirection)}>{options(VALUE_DIRECTIONS)}</select>
        </Field>
        <Field field={fields.ownerId} label="HT owner"
          hint={legacy ? `Recorded as “${legacy}”, who has no account: choose their account, or leave it` : "Gets the reminders of this agreement's deadlines"}>
          <select {...getSelectProps(fields.ownerId)}>
            <option value="">{legacy ? `${legacy} (no account)` : "No owner yet"}</option>
            {owners.filter((o) => !restricted || o.readsRestricted || o.value === fields.ownerId.value).map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </Field>
        <input type="hidden" name={fields.htOwner.name} value={fields.htOwner.initialValue ?? ""} />
        <Field field={fields.partnerContact} label="Partner contact">
          <input {...getInputProps(fields.partnerContact, { type: "text" })} />
        </Field>
      </div>
    </fieldset>
  );
}

/** The fields only this kind of agreement records (app/domain/agreement-details.ts). */
export function DetailsSection({ fields, kind, needs }: { fields: AgreementFormFields; kind: AgreementKind | ""; needs: FieldNeeds }) {
  if (!kind) return null;
  const details = fields.details.getFieldset() as Record<string, FieldMetadata<string>>;
  return (
    <fieldset className="card form-section">
      <legend>{AGREEMENT_KINDS.label(kind)}: specific terms</legend>
      <div className="form-grid">
        {DETAIL_FIELDS[kind].map((f) => <DetailInput key={f.name} field={f} meta={details[f.name]!} marks={needs(`details.${f.name}`)} />)}
      </div>
    </fieldset>

  );
}

export function ResearchLinesSection({
  fields,
  researchLines,
}: {
  fields: AgreementFormFields;
  researchLines: AgreementFormOptions["researchLines"];
}) {
  if (!researchLines.length) return null;
  return (
    <fieldset className="card form-section">
      <legend>Research lines it serves</legend>
      <FieldError field={fields.researchLineIds} />
      <div className="check-columns">
        {[...new Set(researchLines.map((r) => r.group))].map((group) => (
          <div key={group} className="check-group">
            <p className="field-label">{group}</p>
            {researchLines.filter((r) => r.group === group).map((r) => (
              <label key={r.value} className="check">
                <input
                  type="checkbox"
                  name={fields.researchLineIds.name}
                  value={r.value}
                  defaultChecked={(fields.researchLineIds.initialValue ?? []).includes(r.value)}
                />
                {r.label}
              </label>
            ))}
          </div>
        ))}
      </div>
    </fieldset>

  );
}

function DetailInput({ field, meta, marks }: { field: DetailField; meta: FieldMetadata<string>; marks: ReturnType<FieldNeeds> }) {
  const required = marks.required ? { required: true, "aria-required": true } : {};
  switch (field.type) {
    case "longtext":
      return (
        <Field field={meta} label={field.label} hint={field.hint} {...marks} wide>
          <textarea {...getTextareaProps(meta)} rows={3} {...required} />
        </Field>
      );
    case "date":
      return (
        <Field field={meta} label={field.label} hint={field.hint} {...marks}>
          <input {...getInputProps(meta, { type: "date" })} {...required} />
        </Field>
      );
    case "integer":
      return (
        <Field field={meta} label={field.label} hint={field.hint} {...marks}>
          <input {...getInputProps(meta, { type: "number" })} min={0} max={100} {...required} />
        </Field>
      );
    case "boolean":
      return (
        <div className="field">
          <label className="check">
            <input {...getInputProps(meta, { type: "checkbox" })} />
            {field.label}
          </label>
          <FieldError field={meta} />
        </div>
      );
    case "choice":
      return (
        <Field field={meta} label={field.label} hint={field.hint} {...marks}>
          <select {...getSelectProps(meta)} {...required}>
            <option value="">Choose…</option>
            {Object.entries(field.choices ?? {}).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </Field>
      );
    default:
      return (
        <Field field={meta} label={field.label} hint={field.hint} {...marks}>
          <input {...getInputProps(meta, { type: "text" })} {...required} />
        </Field>
      );
  }
}

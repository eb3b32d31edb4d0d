import {
  getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata, type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { DETAIL_FIELDS, type DetailField } from "~/domain/agreement-details";
import { AgreementFormSchema, parseAgreementForm, type AgreementFormInput } from "~/domain/agreement-schema";
import { formatDay, noticeDeadline, parseDay } from "~/domain/dates";
import {
  AGREEMENT_KINDS, CONFIDENTIALITY, GDPR_ROLES, PARTY_ROLES, RENEWAL_TYPES, SIGNATURE_STATUSES, VALUE_DIRECTIONS,
  type AgreementKind,
} from "~/domain/vocabulary";
import { useCan } from "~/utils/user";
import { Field, FieldError } from "./forms";
import { InlinePartnerFields, InlinePartnerForm } from "./inline-partner";

export interface AgreementFormOptions {
  units: { value: string; label: string }[];
  partners: { value: string; label: string }[];
  frameworks: { value: string; label: string; term: string }[];
  researchLines: { value: string; label: string; group: string }[];
}

const options = (v: { values: readonly string[]; label: (k: string) => string }) =>
  v.values.map((value) => <option key={value} value={value}>{v.label(value)}</option>);

/**
 * The agreement form for creating, editing, renewing and amending. One zod
 * schema validates it here and on the server; each error shows next to its
 * field and everything typed is kept.
 */
export function AgreementForm({
  options: opts,
  defaultValue,
  lastResult,
  submitLabel,
  version,
  children,
}: {
  options: AgreementFormOptions;
  defaultValue?: Partial<AgreementFormInput>;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  /** The version being edited; absent when creating. */
  version?: number;
  children?: ReactNode;
}) {
  const navigation = useNavigation();
  const canAddPartner = useCan("directory:write");
  // Partners created inline while filling the form join the choices.
  const [addedPartners, setAddedPartners] = useState<{ value: string; label: string }[]>([]);
  const partnerChoices = [...opts.partners, ...addedPartners].sort((a, b) => a.label.localeCompare(b.label));
  // A new partner becomes a party once its option is rendered, so the new row's select can show it.
  const [newParty, setNewParty] = useState<string | null>(null);
  const [form, fields] = useForm({
    id: "agreement-form",
    lastResult,
    defaultValue: { renewalType: "NONE", valueDirection: "NONE", confidentiality: "INTERNAL", ...defaultValue },
    constraint: getZodConstraint(AgreementFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseAgreementForm(formData),
  });
  const kind = (fields.kind.value ?? "") as AgreementKind | "";
  const details = fields.details.getFieldset() as Record<string, FieldMetadata<string>>;
  const deadline = noticeDeadline(
    parseDay(fields.endDate.value),
    fields.renewalType.value ?? "NONE",
    Number(fields.noticePeriodDays.value) || null,
  );
  useEffect(() => {
    if (!newParty) return;
    // Clear first: the insert re-renders synchronously, and must find nothing left to insert.
    setNewParty(null);
    form.insert({ name: fields.parties.name, defaultValue: { ref: newParty, role: "PARTICIPANT", signatureStatus: "PENDING" } });
    // Runs once per new partner; `form` changes identity on every insert.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newParty]);
  const errorEntries = Object.entries(form.allErrors).filter(([, e]) => e.length);
  const saving = navigation.state !== "idle" && navigation.formMethod === "POST";

  return (
    <>
    {canAddPartner ? <InlinePartnerForm /> : null}
    <Form method="post" {...getFormProps(form)} className="agreement-form" aria-describedby={errorEntries.length ? "form-problems" : undefined}>
      {errorEntries.length && lastResult ? (
        <div className="notice notice-error" role="alert" id="form-problems">
          <strong>{errorEntries.length === 1 ? "One thing needs fixing" : `${errorEntries.length} things need fixing`} before this can be saved:</strong>
          <ul>
            {errorEntries.map(([name, errors]) => (
              <li key={name}>{errors.join(" ")}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {children}
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {fields.renewsId.initialValue ? <input type="hidden" name="renewsId" value={fields.renewsId.initialValue} /> : null}

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
          {version === undefined ? (
            <Field field={fields.reference} label="Reference (optional)" hint="Leave empty for the next HT-YYYY-NNNN">
              <input {...getInputProps(fields.reference, { type: "text" })} placeholder="HT-2026-0042" />
            </Field>
          ) : null}
          <Field field={fields.summary} label="Summary" wide>
            <textarea {...getTextareaProps(fields.summary)} rows={3} />
          </Field>
        </div>
      </fieldset>

      {kind === "IMPLEMENTING" || kind === "AMENDMENT" ? (
        <fieldset className="card form-section">
          <legend>{kind === "IMPLEMENTING" ? "Framework" : "Amended agreement"}</legend>
          <div className="form-grid">
            {kind === "IMPLEMENTING" ? (
              <Field field={fields.frameworkId} label="Implements framework" wide
                hint={opts.frameworks.find((f) => f.value === fields.frameworkId.value)?.term && `Term: ${opts.frameworks.find((f) => f.value === fields.frameworkId.value)?.term}. The implementing agreement must lie within it.`}>
                <select {...getSelectProps(fields.frameworkId)}>
                  <option value="">Choose an active or signed framework…</option>
                  {opts.frameworks.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
                </select>
              </Field>
            ) : (
              <Field field={fields.amendsRef} label="Reference of the amended agreement">
                <input {...getInputProps(fields.amendsRef, { type: "text" })} placeholder="HT-2024-0007" />
              </Field>
            )}
          </div>
        </fieldset>
      ) : null}

      <fieldset className="card form-section">
        <legend>Dates and renewal</legend>
        <div className="form-grid">
          <Field field={fields.signatureDate} label="Signature date" hint="The last party's signature">
            <input {...getInputProps(fields.signatureDate, { type: "date" })} />
          </Field>
          <Field field={fields.startDate} label="Start date">
            <input {...getInputProps(fields.startDate, { type: "date" })} />
          </Field>
          <Field field={fields.endDate} label="End date">
            <input {...getInputProps(fields.endDate, { type: "date" })} />
          </Field>
          <Field field={fields.renewalType} label="Renewal">
            <select {...getSelectProps(fields.renewalType)}>{options(RENEWAL_TYPES)}</select>
          </Field>
          <Field field={fields.noticePeriodDays} label="Notice period (days)"
            hint={deadline ? `Notice deadline: ${formatDay(deadline)}` : "Days before the end date by which notice must be given"}>
            <input {...getInputProps(fields.noticePeriodDays, { type: "number" })} min={1} max={3650} />
          </Field>
          <Field field={fields.boardApprovalDate} label="Board approval">
            <input {...getInputProps(fields.boardApprovalDate, { type: "date" })} />
          </Field>
          <Field field={fields.protocolNumber} label="Protocol number">
            <input {...getInputProps(fields.protocolNumber, { type: "text" })} />
          </Field>
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>Value and people</legend>
        <div className="form-grid">
          <Field field={fields.value} label="Value (EUR)" hint="e.g. 125000.50 or 125.000,50">
            <input {...getInputProps(fields.value, { type: "text" })} inputMode="decimal" />
          </Field>
          <Field field={fields.valueDirection} label="Direction">
            <select {...getSelectProps(fields.valueDirection)}>{options(VALUE_DIRECTIONS)}</select>
          </Field>
          <Field field={fields.htOwner} label="HT owner">
            <input {...getInputProps(fields.htOwner, { type: "text" })} />
          </Field>
          <Field field={fields.partnerContact} label="Partner contact">
            <input {...getInputProps(fields.partnerContact, { type: "text" })} />
          </Field>
        </div>
      </fieldset>

      {kind ? (
        <fieldset className="card form-section">
          <legend>{AGREEMENT_KINDS.label(kind)}: specific terms</legend>
          <div className="form-grid">
            {DETAIL_FIELDS[kind].map((f) => <DetailInput key={f.name} field={f} meta={details[f.name]!} />)}
          </div>
        </fieldset>
      ) : null}

      <fieldset className="card form-section">
        <legend>Parties</legend>
        <p className="field-hint">At least one HT unit and one partner, each once, with their role.</p>
        <FieldError field={fields.parties} />
        <ol className="party-list">
          {fields.parties.getFieldList().map((party, index) => {
            const p = party.getFieldset();
            return (
              <li key={party.key} className="party-row">
                <Field field={p.ref} label={`Party ${index + 1}`} wide>
                  <select {...getSelectProps(p.ref)}>
                    <option value="">Choose an HT unit or partner…</option>
                    <optgroup label="HT units">
                      {opts.units.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                    </optgroup>
                    <optgroup label="Partners">
                      {partnerChoices.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                    </optgroup>
                  </select>
                </Field>
                <Field field={p.role} label="Role">
                  <select {...getSelectProps(p.role)}>
                    <option value="">Choose…</option>
                    {options(PARTY_ROLES)}
                  </select>
                </Field>
                {kind === "DATA_SHARING" ? (
                  <Field field={p.gdprRole} label="GDPR role">
                    <select {...getSelectProps(p.gdprRole)}>
                      <option value="">Choose…</option>
                      {options(GDPR_ROLES)}
                    </select>
                  </Field>
                ) : null}
                <Field field={p.contactName} label="Contact">
                  <input {...getInputProps(p.contactName, { type: "text" })} />
                </Field>
                <Field field={p.contactEmail} label="Contact email">
                  <input {...getInputProps(p.contactEmail, { type: "email" })} />
                </Field>
                <Field field={p.signatureStatus} label="Signature">
                  <select {...getSelectProps(p.signatureStatus)}>{options(SIGNATURE_STATUSES)}</select>
                </Field>
                <Field field={p.signedAt} label="Signed on">
                  <input {...getInputProps(p.signedAt, { type: "date" })} />
                </Field>
                <button
                  {...form.remove.getButtonProps({ name: fields.parties.name, index })}
                  className="button button-quiet party-remove"
                  aria-label={`Remove party ${index + 1}`}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
        <div className="form-actions">
          <button {...form.insert.getButtonProps({ name: fields.parties.name, defaultValue: { role: "PARTICIPANT", signatureStatus: "PENDING" } })} className="button button-quiet">
            + Add a party
          </button>
          {canAddPartner ? (
            <InlinePartnerFields
              onCreated={(partner) => {
                setAddedPartners((list) => [...list, partner]);
                setNewParty(partner.value);
              }}
            />
          ) : null}
        </div>
      </fieldset>

      {opts.researchLines.length ? (
        <fieldset className="card form-section">
          <legend>Research lines it serves</legend>
          <FieldError field={fields.researchLineIds} />
          <div className="check-columns">
            {[...new Set(opts.researchLines.map((r) => r.group))].map((group) => (
              <div key={group} className="check-group">
                <p className="field-label">{group}</p>
                {opts.researchLines.filter((r) => r.group === group).map((r) => (
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
      ) : null}

      <div className="form-actions sticky-actions">
        <button type="submit" className="button" disabled={saving}>{saving ? "Saving…" : submitLabel}</button>
      </div>
    </Form>
    </>
  );
}

function DetailInput({ field, meta }: { field: DetailField; meta: FieldMetadata<string> }) {
  switch (field.type) {
    case "longtext":
      return (
        <Field field={meta} label={field.label} hint={field.hint} wide>
          <textarea {...getTextareaProps(meta)} rows={3} />
        </Field>
      );
    case "date":
      return (
        <Field field={meta} label={field.label} hint={field.hint}>
          <input {...getInputProps(meta, { type: "date" })} />
        </Field>
      );
    case "integer":
      return (
        <Field field={meta} label={field.label} hint={field.hint}>
          <input {...getInputProps(meta, { type: "number" })} min={0} max={100} />
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
        <Field field={meta} label={field.label} hint={field.hint}>
          <select {...getSelectProps(meta)}>
            <option value="">Choose…</option>
            {Object.entries(field.choices ?? {}).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </Field>
      );
    default:
      return (
        <Field field={meta} label={field.label} hint={field.hint}>
          <input {...getInputProps(meta, { type: "text" })} />
        </Field>
      );
  }
}

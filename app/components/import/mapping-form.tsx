/**
 * The mapping step of an import: each column of the file with its first
 * values and the field the app proposes for it (the person corrects it),
 * the shape (one row per agreement, or one row per party grouped by a key
 * column), the order of the dates, and the defaults for what the sheet
 * lacks (kind, HT unit, status, confidentiality, direction of the value).
 * The same form saves the mapping as a named template.
 */
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { SubmitButton } from "~/components/ui/submit-button";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { FIELD_KEYS, IMPORT_FIELDS } from "~/domain/import-fields";
import { columnName, MappingFormSchema, STATUS_DEFAULTS, type ImportMapping } from "~/domain/import-mapping";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, VALUE_DIRECTIONS } from "~/domain/vocabulary";

export interface MappingFormProps {
  jobId: number;
  headers: string[];
  preview: { line: number; cells: string[] }[];
  mapping: ImportMapping;
  units: { id: string; label: string }[];
  lastResult?: SubmissionResult<string[]> | null;
  savedTemplate?: string | null;
}

function ColumnRow({ index, header, values, field, error }: { index: number; header: string; values: string[]; field: string; error?: string[] }) {
  const id = `field-${index}`;
  return (
    <tr>
      <th scope="row" data-label="Column"><span className="muted">{columnName(index)}</span> <label htmlFor={id}>{header}</label></th>
      <td data-label="First values" className="import-sample">{values.filter(Boolean).slice(0, 3).join(" · ") || <span className="muted">empty</span>}</td>
      <td data-label="Imported as" className="col-wide">
        <select id={id} name={`fields[${index}]`} defaultValue={field} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
          <option value="">Not imported</option>
          {FIELD_KEYS.map((k) => <option key={k} value={k}>{IMPORT_FIELDS[k].label}</option>)}
        </select>
        {error ? <p className="field-error" id={`${id}-error`} role="alert">{error.join(" ")}</p> : null}
      </td>
    </tr>
  );
}

function Select({ name, label, value, options, error, hint }: {
  name: string; label: string; value: string; options: [string, string][]; error?: string[]; hint?: string;
}) {
  const id = `mapping-${name}`;
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={described}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
      {hint ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="field-error" id={`${id}-error`} role="alert">{error.join(" ")}</p> : null}
    </div>
  );
}

function ShapeFields({ mapping, headers, errors }: { mapping: ImportMapping; headers: string[]; errors: Record<string, string[]> }) {
  const [shape, setShape] = useState(mapping.shape);
  return (
    <fieldset className="import-shape">
      <legend>Shape of the sheet</legend>
      <label className="field-inline"><input type="radio" name="shape" value="wide" checked={shape === "wide"} onChange={() => setShape("wide")} /> One row per agreement</label>
      <label className="field-inline"><input type="radio" name="shape" value="long" checked={shape === "long"} onChange={() => setShape("long")} /> One row per party, grouped by a column</label>
      {shape === "long" ? (
        <Select
          name="keyColumn" label="Rows of one agreement share" value={String(mapping.keyColumn ?? "")} error={errors.keyColumn}
          options={[["", "Choose a column…"], ...headers.map((h, i): [string, string] => [String(i), `${columnName(i)} · ${h}`])]}
        />
      ) : null}
    </fieldset>
  );
}

function DefaultFields({ mapping, units, errors }: { mapping: ImportMapping; units: MappingFormProps["units"]; errors: Record<string, string[]> }) {
  const d = mapping.defaults;
  return (
    <fieldset className="form-grid">
      <legend>For what the sheet does not say</legend>
      <Select name="kind" label="Kind" value={d.kind} error={errors.kind} hint="Used for rows without a kind."
        options={[["", "From the sheet"], ...AGREEMENT_KINDS.values.map((k): [string, string] => [k, AGREEMENT_KINDS.label(k)])]} />
      <Select name="unitId" label="HT unit" value={d.unitId} hint="For rows that name no HT unit."
        options={[["", "None"], ...units.map((u): [string, string] => [u.id, u.label])]} />
      <Select name="status" label="Status" value={d.status}
        options={STATUS_DEFAULTS.map((s): [string, string] => [s, s === "AUTO" ? "Active when signed or started, else draft" : AGREEMENT_STATUSES.label(s)])} />
      <Select name="confidentiality" label="Confidentiality" value={d.confidentiality}
        options={CONFIDENTIALITY.values.map((c): [string, string] => [c, CONFIDENTIALITY.label(c)])} />
      <Select name="valueDirection" label="Direction of values" value={d.valueDirection}
        options={VALUE_DIRECTIONS.values.map((v): [string, string] => [v, VALUE_DIRECTIONS.label(v)])} />
      <Select name="dateOrder" label="Dates like 03/04/2021 are" value={mapping.dateOrder}
        options={[["dmy", "Day first (3 April)"], ["mdy", "Month first (March 4)"]]} />
    </fieldset>
  );
}

export function MappingForm({ jobId, headers, preview, mapping, units, lastResult, savedTemplate }: MappingFormProps) {
  const [form] = useSchemaForm(MappingFormSchema, { id: `mapping-${jobId}`, lastResult, validateOn: "onSubmit" });
  const errors = form.allErrors;
  return (
    <section className="card" aria-labelledby="mapping-h">
      <h2 id="mapping-h">Columns</h2>
      <p className="field-hint">The app proposes a field for each column from its header and its values. Correct what is wrong, then match the partners.</p>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="import-mapping">
        {form.errors?.length ? <p className="notice notice-error" role="alert">{form.errors.join(" ")}</p> : null}
        {errors.fields ? <p className="notice notice-error" role="alert">{errors.fields.join(" ")}</p> : null}
        <div className="table-wrap">
          <table className="data-table cards import-columns">
            <thead><tr><th scope="col">Column</th><th scope="col">First values</th><th scope="col">Imported as</th></tr></thead>
            <tbody>
              {headers.map((h, i) => (
                <ColumnRow key={i} index={i} header={h} values={preview.map((r) => r.cells[i] ?? "")} field={mapping.fields[i] ?? ""} error={errors[`fields[${i}]`]} />
              ))}
            </tbody>
          </table>
        </div>
        <ShapeFields mapping={mapping} headers={headers} errors={errors} />
        <DefaultFields mapping={mapping} units={units} errors={errors} />
        <div className="form-actions import-template">
          <label className="field">
            <span className="field-label">Save as template</span>
            <input name="templateName" maxLength={80} placeholder="e.g. Registro convenzioni" aria-invalid={errors.templateName ? true : undefined} aria-describedby={errors.templateName ? "template-error" : undefined} />
            {errors.templateName ? <p className="field-error" id="template-error" role="alert">{errors.templateName.join(" ")}</p> : null}
          </label>
          <SubmitButton intent="save-template" className="button button-quiet" pendingLabel="Saving…">Save template</SubmitButton>
          {savedTemplate ? <p className="notice notice-success" role="status">Template “{savedTemplate}” saved.</p> : null}
        </div>
        <div className="form-actions">
          <SubmitButton intent="match" pendingLabel="Starting…">Match partners →</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

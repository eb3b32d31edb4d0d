/**
 * The fields of the partner and HT unit forms (new and edit share them),
 * and the form-level error line above a directory form.
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "~/components/forms";
import { PARTNER_KINDS, UNIT_KINDS } from "~/domain/vocabulary";

type Field = FieldMetadata<string | undefined>;

export interface Option {
  id: string;
  label: string;
}

/** The fields of a partner, shared by the new-partner and edit-partner forms. */
export function PartnerFormFields({
  fields,
  parents,
  countries,
}: {
  fields: Record<"name" | "acronym" | "kind" | "city" | "country" | "website" | "parentId" | "aliases", Field>;
  parents: Option[];
  countries: { code: string; name: string }[];
}) {
  return (
    <>
      <Field field={fields.name} label="Name" hint="The full official name, e.g. “Istituto Italiano di Tecnologia”." wide>
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
      </Field>
      <Field field={fields.acronym} label={<>Acronym <span className="muted">(optional)</span></>}>
        <input {...getInputProps(fields.acronym, { type: "text" })} autoComplete="off" />
      </Field>
      <Field field={fields.kind} label="Kind">
        <select {...getSelectProps(fields.kind)}>
          <option value="">Choose…</option>
          {PARTNER_KINDS.values.map((k) => (
            <option key={k} value={k}>{PARTNER_KINDS.label(k)}</option>
          ))}
        </select>
      </Field>
      <Field field={fields.city} label={<>City <span className="muted">(optional)</span></>}>
        <input {...getInputProps(fields.city, { type: "text" })} />
      </Field>
      <Field field={fields.country} label="Country">
        <select {...getSelectProps(fields.country)}>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>{c.name} ({c.code})</option>
          ))}
        </select>
      </Field>
      <Field field={fields.aliases} label={<>Other names <span className="muted">(optional)</span></>} wide
        hint="Its name in Italian or English, former names; separate them with “;”. The party box finds it by any of them.">
        <input {...getInputProps(fields.aliases, { type: "text" })} autoComplete="off" />
      </Field>
      <Field field={fields.website} label={<>Website <span className="muted">(optional)</span></>} wide>
        <input {...getInputProps(fields.website, { type: "url" })} placeholder="https://" />
      </Field>
      <Field field={fields.parentId} label={<>Part of <span className="muted">(optional)</span></>} hint="For a sub-unit: a CNR institute under CNR, a department under its university." wide>
        <select {...getSelectProps(fields.parentId)}>
          <option value="">Not part of another partner</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>{p.label}</option>
          ))}
        </select>
      </Field>
    </>
  );
}

/** The fields of an HT unit, shared by the new-unit and edit-unit forms. */
export function UnitFormFields({
  fields,
  parents,
}: {
  fields: Record<"code" | "name" | "kind" | "parentId" | "description", Field>;
  parents: (Option & { kind: string })[];
}) {
  // The parent only matters for a research group; hide it once another kind is chosen.
  const showParent = !fields.kind.value || fields.kind.value === "GROUP" || Boolean(fields.parentId.errors?.length);
  return (
    <>
      <Field field={fields.code} label="Code" hint="Capital letters, digits and hyphens: NG, F1, NG-CONTI.">
        <input {...getInputProps(fields.code, { type: "text" })} autoComplete="off" className="mono" />
      </Field>
      <Field field={fields.kind} label="Kind">
        <select {...getSelectProps(fields.kind)}>
          <option value="">Choose…</option>
          {UNIT_KINDS.values.map((k) => (
            <option key={k} value={k}>{UNIT_KINDS.label(k)}</option>
          ))}
        </select>
      </Field>
      <Field field={fields.name} label="Name" wide>
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
      </Field>
      {showParent ? (
        <Field field={fields.parentId} label={<>Centre or facility <span className="muted">(research groups only)</span></>} wide>
          <select {...getSelectProps(fields.parentId)}>
            <option value="">None</option>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>{p.label} · {UNIT_KINDS.label(p.kind)}</option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field field={fields.description} label={<>Description <span className="muted">(optional)</span></>} wide>
        <textarea {...getTextareaProps(fields.description)} rows={3} />
      </Field>
    </>
  );
}

/** The form-level error (a conflict, a refused rule) above a form. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p className="notice notice-error" role="alert" id={id}>
      {errors.join(" ")}
    </p>
  );
}

/**
 * What someone else saved meanwhile, shown beside the form that still holds
 * what this person typed (the partner and unit edit pages' conflict view).
 */
export function SavedValues({ rows }: { rows: [label: string, value: string | null | undefined][] }) {
  return (
    <div className="field-span conflict" aria-labelledby="saved-h">
      <h2 id="saved-h" className="field-label">Saved now</h2>
      <dl className="fields">
        {rows.map(([label, value]) => (
          <div className="field-row" key={label}>
            <dt>{label}</dt>
            <dd>{value || <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

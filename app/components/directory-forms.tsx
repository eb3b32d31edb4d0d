import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { FieldError } from "~/components/forms";
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
  fields: Record<"name" | "acronym" | "kind" | "city" | "country" | "website" | "parentId", Field>;
  parents: Option[];
  countries: { code: string; name: string }[];
}) {
  return (
    <>
      <div className="field field-span">
        <label htmlFor={fields.name.id} className="field-label">Name</label>
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
        <p className="field-hint">The full official name, e.g. “Istituto Italiano di Tecnologia”.</p>
        <FieldError field={fields.name} />
      </div>
      <div className="field">
        <label htmlFor={fields.acronym.id} className="field-label">Acronym <span className="muted">(optional)</span></label>
        <input {...getInputProps(fields.acronym, { type: "text" })} autoComplete="off" />
        <FieldError field={fields.acronym} />
      </div>
      <div className="field">
        <label htmlFor={fields.kind.id} className="field-label">Kind</label>
        <select {...getSelectProps(fields.kind)}>
          <option value="">Choose…</option>
          {PARTNER_KINDS.values.map((k) => (
            <option key={k} value={k}>{PARTNER_KINDS.label(k)}</option>
          ))}
        </select>
        <FieldError field={fields.kind} />
      </div>
      <div className="field">
        <label htmlFor={fields.city.id} className="field-label">City <span className="muted">(optional)</span></label>
        <input {...getInputProps(fields.city, { type: "text" })} />
        <FieldError field={fields.city} />
      </div>
      <div className="field">
        <label htmlFor={fields.country.id} className="field-label">Country</label>
        <select {...getSelectProps(fields.country)}>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>{c.name} ({c.code})</option>
          ))}
        </select>
        <FieldError field={fields.country} />
      </div>
      <div className="field field-span">
        <label htmlFor={fields.website.id} className="field-label">Website <span className="muted">(optional)</span></label>
        <input {...getInputProps(fields.website, { type: "url" })} placeholder="https://" />
        <FieldError field={fields.website} />
      </div>
      <div className="field field-span">
        <label htmlFor={fields.parentId.id} className="field-label">Part of <span className="muted">(optional)</span></label>
        <select {...getSelectProps(fields.parentId)}>
          <option value="">Not part of another partner</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>{p.label}</option>
          ))}
        </select>
        <p className="field-hint">For a sub-unit: a CNR institute under CNR, a department under its university.</p>
        <FieldError field={fields.parentId} />
      </div>
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
      <div className="field">
        <label htmlFor={fields.code.id} className="field-label">Code</label>
        <input {...getInputProps(fields.code, { type: "text" })} autoComplete="off" className="mono" />
        <p className="field-hint">Capital letters, digits and hyphens: NG, F1, NG-CONTI.</p>
        <FieldError field={fields.code} />
      </div>
      <div className="field">
        <label htmlFor={fields.kind.id} className="field-label">Kind</label>
        <select {...getSelectProps(fields.kind)}>
          <option value="">Choose…</option>
          {UNIT_KINDS.values.map((k) => (
            <option key={k} value={k}>{UNIT_KINDS.label(k)}</option>
          ))}
        </select>
        <FieldError field={fields.kind} />
      </div>
      <div className="field field-span">
        <label htmlFor={fields.name.id} className="field-label">Name</label>
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
        <FieldError field={fields.name} />
      </div>
      {showParent ? (
        <div className="field field-span">
          <label htmlFor={fields.parentId.id} className="field-label">Centre or facility <span className="muted">(research groups only)</span></label>
          <select {...getSelectProps(fields.parentId)}>
            <option value="">None</option>
            {parents.map((p) => (
              <option key={p.id} value={p.id}>{p.label} · {UNIT_KINDS.label(p.kind)}</option>
            ))}
          </select>
          <FieldError field={fields.parentId} />
        </div>
      ) : null}
      <div className="field field-span">
        <label htmlFor={fields.description.id} className="field-label">Description <span className="muted">(optional)</span></label>
        <textarea {...getTextareaProps(fields.description)} rows={3} />
        <FieldError field={fields.description} />
      </div>
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

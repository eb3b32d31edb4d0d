/**
 * Creating a missing partner from inside the agreement form: a separate
 * form (forms cannot nest) posted to /api/partners by a fetcher; the new
 * partner joins the choices and becomes a party.
 */
import { getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import { CreatePartnerSchema } from "~/domain/directory-schemas";
import { PARTNER_KINDS } from "~/domain/vocabulary";
import type { action } from "~/routes/api.partners";
import { Field } from "./forms";

export const INLINE_PARTNER_FORM_ID = "inline-partner";

/**
 * "Partner not in the list?": creates the partner without leaving the
 * agreement form. The inputs sit inside the agreement form on screen but
 * belong to a separate form (the `form` attribute), rendered by
 * <InlinePartnerForm /> outside it, so nothing of the agreement is posted.
 */
export function InlinePartnerFields({ onCreated }: { onCreated: (partner: { value: string; label: string }) => void }) {
  const fetcher = useFetcher<typeof action>({ key: INLINE_PARTNER_FORM_ID });
  const [form, fields] = useForm<z.input<typeof CreatePartnerSchema>>({
    id: INLINE_PARTNER_FORM_ID,
    lastResult: fetcher.data?.result,
    constraint: getZodConstraint(CreatePartnerSchema),
    // The server validates: this form's element lives outside the fields, so conform's
    // submit handler cannot validate in the browser, and blur checks would post to the server.
    shouldValidate: "onSubmit",
  });
  const details = useRef<HTMLDetailsElement>(null);
  const created = fetcher.data?.partner;
  useEffect(() => {
    if (created) {
      onCreated(created);
      if (details.current) details.current.open = false;
    }
    // Only when a new partner arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [created?.value]);
  const inForm = { form: INLINE_PARTNER_FORM_ID };
  return (
    <details className="inline-partner" ref={details}>
      <summary className="button button-quiet">Partner not in the list? Add it</summary>
      <div className="form-grid inline-partner-fields">
        {form.errors?.length ? <p className="notice notice-error field-span" role="alert">{form.errors.join(" ")}</p> : null}
        <Field field={fields.name} label="Partner name">
          <input {...getInputProps(fields.name, { type: "text" })} {...inForm} />
        </Field>
        <Field field={fields.acronym} label="Acronym">
          <input {...getInputProps(fields.acronym, { type: "text" })} {...inForm} />
        </Field>
        <Field field={fields.kind} label="Partner kind">
          <select {...getSelectProps(fields.kind)} {...inForm}>
            <option value="">Choose…</option>
            {PARTNER_KINDS.values.map((k) => <option key={k} value={k}>{PARTNER_KINDS.label(k)}</option>)}
          </select>
        </Field>
        <Field field={fields.city} label="City">
          <input {...getInputProps(fields.city, { type: "text" })} {...inForm} />
        </Field>
        <div className="form-actions field-span">
          <button type="submit" className="button" {...inForm} disabled={fetcher.state !== "idle"}>
            {fetcher.state !== "idle" ? "Adding…" : "Add partner and make it a party"}
          </button>
        </div>
      </div>
    </details>
  );
}

/** The separate form the inline partner fields belong to; render it outside the agreement form. */
export function InlinePartnerForm() {
  const fetcher = useFetcher<typeof action>({ key: INLINE_PARTNER_FORM_ID });
  return <fetcher.Form method="post" action="/api/partners" id={INLINE_PARTNER_FORM_ID} noValidate hidden />;
}

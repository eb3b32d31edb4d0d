/**
 * A labelled form control with its hint and its errors, tied together for
 * screen readers (conform's ids), and a field's error line on its own.
 * Required fields are marked, everywhere the same way: an asterisk after
 * the label (screen readers hear "required" from the control's own
 * `required`, which the schema's constraint sets, so the mark is hidden
 * from them and the field's name stays its label). A field a draft may
 * leave empty but signature needs says "needed for signature".
 */
import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

/** A field's errors, announced and tied to the input through conform's errorId. */
export function FieldError({ field }: { field: Pick<FieldMetadata<unknown>, "errorId" | "errors"> }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field-error" role="alert">
      {field.errors.join(" ")}
    </p>
  );
}

/** The mark after a required field's label. */
export function RequiredMark() {
  return (
    <span className="required-mark" title="required" aria-hidden="true">
      *
    </span>
  );
}

/** The tag after the label of a field a draft may leave empty but signature needs. */
export function SignatureMark() {
  return <span className="signature-mark" aria-hidden="true">needed for signature</span>;
}

/** A labelled form control with its hint and errors, tied together for screen readers. */
export function Field({
  field,
  label,
  hint,
  wide,
  required,
  forSignature,
  children,
}: {
  field: Pick<FieldMetadata<unknown>, "id" | "errorId" | "errors" | "descriptionId"> & { required?: boolean };
  label: ReactNode;
  hint?: string | false;
  wide?: boolean;
  /** Marks the field required; by default, what the schema's constraint says. */
  required?: boolean;
  /** A draft may leave it empty; signature needs it. */
  forSignature?: boolean;
  children: ReactNode;
}) {
  const isRequired = required ?? field.required ?? false;
  return (
    <div className={wide ? "field field-span" : "field"}>
      {/* The marks sit beside the label, not in it: the control's name stays exactly its label. */}
      <span className="field-label-row">
        <label htmlFor={field.id} className="field-label">{label}</label>
        {isRequired ? <RequiredMark /> : forSignature ? <SignatureMark /> : null}
      </span>
      {children}
      {hint ? <p className="field-hint" id={field.descriptionId}>{hint}</p> : null}
      <FieldError field={field} />
    </div>
  );
}

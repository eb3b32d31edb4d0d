/**
 * A labelled form control with its hint and its errors, tied together for
 * screen readers (conform's ids), and a field's error line on its own.
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

/** A labelled form control with its hint and errors, tied together for screen readers. */
export function Field({
  field,
  label,
  hint,
  wide,
  children,
}: {
  field: Pick<FieldMetadata<unknown>, "id" | "errorId" | "errors" | "descriptionId">;
  label: ReactNode;
  hint?: string | false;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? "field field-span" : "field"}>
      <label htmlFor={field.id} className="field-label">{label}</label>
      {children}
      {hint ? <p className="field-hint" id={field.descriptionId}>{hint}</p> : null}
      <FieldError field={field} />
    </div>
  );
}

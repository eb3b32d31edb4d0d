import type { FieldMetadata } from "@conform-to/react";

/** A field's errors, announced and tied to the input through conform's errorId. */
export function FieldError({ field }: { field: Pick<FieldMetadata<unknown>, "errorId" | "errors"> }) {
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field-error" role="alert">
      {field.errors.join(" ")}
    </p>
  );
}

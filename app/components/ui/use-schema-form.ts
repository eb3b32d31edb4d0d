/**
 * conform's useForm on one zod schema, the way every form here uses it: the
 * schema's constraints on the inputs, validation on the client with the
 * same schema the server uses, first when a field loses focus, then as the
 * person types (or again on blur, for forms that ask for that).
 */
import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { z } from "zod";

/** `Shape` names the fields where zod's input type cannot (a schema built with superRefine). */
export function useSchemaForm<Schema extends z.ZodTypeAny, Shape extends Record<string, unknown> = z.input<Schema>>(
  schema: Schema,
  options: {
    id: string;
    lastResult?: SubmissionResult<string[]> | null;
    /** Starting values, as the loader has them (strings; conform reads them as the form would). */
    defaultValue?: Record<string, unknown>;
    /** When a field with an error is checked again; "onInput" unless said. */
    revalidateOn?: "onInput" | "onBlur";
    /**
     * When fields are first checked; "onBlur" unless said. "onSubmit" for
     * short forms whose button sits right under the last field: a check on
     * blur would change the layout between pressing and releasing the button.
     */
    validateOn?: "onBlur" | "onSubmit";
  },
) {
  return useForm<Shape, z.output<Schema>>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: options.validateOn ?? "onBlur",
    shouldRevalidate: options.revalidateOn ?? "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

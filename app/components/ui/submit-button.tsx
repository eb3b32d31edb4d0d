/**
 * A form's submit button that shows its own form's pending state (and only
 * its own: see app/utils/pending.ts). With `intent`, it submits
 * intent=<value> and is pending only for that intent.
 */
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useIsPending } from "~/utils/pending";

export function SubmitButton({
  intent,
  fields,
  formAction,
  pendingLabel,
  className = "button",
  children,
  disabled,
  ...rest
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "name" | "value"> & {
  intent?: string;
  /** More submitted values that tell this form's submission apart (e.g. { to: "ACTIVE" }). */
  fields?: Record<string, string>;
  formAction?: string;
  /** What the button says while its form is being sent ("Saving…"). */
  pendingLabel?: ReactNode;
}) {
  const pending = useIsPending({ formAction, fields: { ...(intent ? { intent } : {}), ...fields } });
  return (
    <button
      type="submit"
      className={className}
      {...(intent ? { name: "intent", value: intent } : {})}
      {...(formAction ? { formAction } : {})}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...rest}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

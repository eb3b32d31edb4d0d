/**
 * Whether a submission is on its way, scoped to one form: the page's other
 * forms (several on the agreement page, the unit editor...) stay usable
 * while it runs. A form is known by where it posts and, where forms share
 * an action, by its submitter's fields (intent=archive, to=ACTIVE).
 */
import { useFormAction, useNavigation } from "@remix-run/react";

const pathOf = (action: string) => new URL(action, "http://x").pathname;

export function useIsPending({
  formAction,
  formMethod = "POST",
  fields = {},
}: {
  /** Where the form posts; the current route's action by default. */
  formAction?: string;
  formMethod?: "POST" | "GET" | "PUT" | "PATCH" | "DELETE";
  /** Values the submission must carry to be this form's (e.g. { intent: "archive" }). */
  fields?: Record<string, string>;
} = {}): boolean {
  const navigation = useNavigation();
  const routeAction = useFormAction();
  if (navigation.state === "idle" || !navigation.formAction || navigation.formMethod !== formMethod) return false;
  if (pathOf(navigation.formAction) !== pathOf(formAction ?? routeAction)) return false;
  return Object.entries(fields).every(([name, value]) => navigation.formData?.get(name) === value);
}

/**
 * /login: log in with email and password, throttled after repeated
 * failures, back to the page asked for (same site only).
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { Field } from "~/components/forms";
import { SubmitButton } from "~/components/ui/submit-button";
import { LoginSchema } from "~/domain/user-schemas";
import { attemptLogin, formatWait } from "~/models/login.server";
import { assertSameOrigin, createSession, getUser, safeRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Log in · HT Collaborations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const outcome = await attemptLogin(email, password, request);
  if (!outcome.ok) {
    const message =
      outcome.reason === "throttled"
        ? `Too many failed attempts. Wait ${formatWait(outcome.retryAfterSeconds)} and try again.`
        : "The email or password is not right. Check both and try again.";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: outcome.reason === "throttled" ? 429 : 400 },
    );
  }
  throw redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await createSession(outcome.user.id, request) } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useSchemaForm(LoginSchema, {
    id: "login",
    lastResult: actionData?.result,
    revalidateOn: "onBlur",
  });
  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="login-title">
        <h1 id="login-title">Log in to HT Collaborations</h1>
        <p className="muted">Human Technopole's register of inter-institutional agreements.</p>
        <Form method="post" {...getFormProps(form)} className="stack">
          {form.errors?.length ? (
            <p className="notice notice-error" role="alert" id={form.errorId}>{form.errors.join(" ")}</p>
          ) : null}
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field field={fields.email} label="Email">
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" autoFocus />
          </Field>
          <Field field={fields.password} label="Password">
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          </Field>
          <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

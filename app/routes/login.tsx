/**
 * /login: log in with the institute's single sign-on (when set up:
 * OIDC_ISSUER) or with email and password (unless PASSWORD_LOGIN=0),
 * throttled after repeated failures, back to the page asked for (same site
 * only).
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { Field } from "~/components/forms";
import { SubmitButton } from "~/components/ui/submit-button";
import { LoginSchema } from "~/domain/user-schemas";
import { attemptLogin, formatWait } from "~/models/login.server";
import { assertSameOrigin, createSession, getUser, safeRedirect } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { readForm } from "~/utils/forms.server";
import { ssoEnabled } from "~/utils/sso.server";

export const meta: MetaFunction = () => [{ title: "Log in · HT Collaborations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return { sso: ssoEnabled() ? { label: env().OIDC_LABEL } : null, passwordLogin: env().PASSWORD_LOGIN };
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  if (!env().PASSWORD_LOGIN) {
    throw new Response("Logging in with a password is switched off here: use the institute's single sign-on.", { status: 403 });
  }
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

function SsoButton({ label, redirectTo }: { label: string; redirectTo: string }) {
  return (
    <a className="button button-sso" href={`/auth/sso${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ""}`}>{label}</a>
  );
}

export default function Login() {
  const { sso, passwordLogin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="login-title">
        <h1 id="login-title">Log in to HT Collaborations</h1>
        <p className="muted">Human Technopole's register of inter-institutional agreements.</p>
        {params.get("signedOut") ? (
          <p className="notice" role="status">You are logged out, here and at the institute's sign-in.</p>
        ) : null}
        {sso ? <SsoButton label={sso.label} redirectTo={redirectTo} /> : null}
        {sso && passwordLogin ? <p className="auth-or"><span>or with your e-mail and password</span></p> : null}
        {passwordLogin ? <PasswordForm lastResult={actionData?.result} redirectTo={redirectTo} /> : null}
      </section>
    </div>
  );
}

function PasswordForm({ lastResult, redirectTo }: { lastResult?: import("@conform-to/react").SubmissionResult<string[]>; redirectTo: string }) {
  const [form, fields] = useSchemaForm(LoginSchema, {
    id: "login",
    lastResult,
    revalidateOn: "onBlur",
  });
  return (
        <Form method="post" {...getFormProps(form)} className="stack">
          {form.errors?.length ? (
            <p className="notice notice-error" role="alert" id={form.errorId}>{form.errors.join(" ")}</p>
          ) : null}
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <Field field={fields.email} label="Email">
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" autoFocus />
          </Field>
          <Field field={fields.password} label="Password">
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
          </Field>
          <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
        </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

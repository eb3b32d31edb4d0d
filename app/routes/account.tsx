/**
 * /account: the logged-in user's own account: name, role, changing the
 * password (which ends their other sessions; not for accounts that sign in
 * only through single sign-on), and their API tokens: created here and
 * shown once, listed with their last use, revoked at once.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { Field } from "~/components/forms";
import { ROLE_LABELS } from "~/domain/permissions";
import { ChangePasswordSchema } from "~/domain/user-schemas";
import { ApiTokens } from "~/components/api-tokens";
import { CreateTokenSchema, RevokeTokenSchema } from "~/domain/api-tokens";
import { createToken, listTokens, revokeToken } from "~/models/api-tokens.server";
import { checkCurrentPassword, formatWait } from "~/models/login.server";
import { setPassword } from "~/models/users.server";
import { requireUser, type CurrentUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { formFailure, messageFailure } from "~/utils/errors.server";
import { readForm } from "~/utils/forms.server";
import { readSessionId } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your account · HT Collaborations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [tokens, account] = await Promise.all([
    listTokens(user.id),
    prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } }),
  ]);
  return { user, tokens, hasPassword: Boolean(account?.passwordHash) && env().PASSWORD_LOGIN, now: new Date().toISOString() };
}

async function tokenAction(user: CurrentUser, formData: FormData) {
  if (formData.get("intent") === "revoke-token") {
    const submission = parseWithZod(formData, { schema: RevokeTokenSchema });
    if (submission.status !== "success") return data({ intent: "revoke-token", error: "Choose a token to revoke." }, { status: 400 });
    try {
      await revokeToken(user, submission.value.tokenId);
      return { intent: "revoke-token", revoked: true };
    } catch (error) {
      return messageFailure(error, { intent: "revoke-token" });
    }
  }
  const submission = parseWithZod(formData, { schema: CreateTokenSchema });
  if (submission.status !== "success") return data({ intent: "create-token", result: submission.reply(), newToken: null }, { status: 400 });
  try {
    const { token } = await createToken(user, submission.value);
    return { intent: "create-token", result: submission.reply({ resetForm: true }), newToken: token };
  } catch (error) {
    return formFailure(error, submission, { extra: { intent: "create-token", newToken: null } });
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "create-token" || intent === "revoke-token") return tokenAction(user, formData);
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  const hidden = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: hidden }), done: false }, { status: 400 });
  }
  const check = await checkCurrentPassword(user.id, submission.value.currentPassword);
  if (!check.ok) {
    const throttled = check.reason === "throttled";
    const message = throttled
      ? `Too many wrong attempts. Wait ${formatWait(check.retryAfterSeconds)} and try again.`
      : "This is not your current password";
    return data(
      { result: submission.reply({ fieldErrors: { currentPassword: [message] }, hideFields: hidden }), done: false },
      { status: throttled ? 429 : 400 },
    );
  }
  const keepSessionId = (await readSessionId(request)) ?? undefined;
  await setPassword(user, user.id, submission.value.newPassword, { keepSessionId });
  return { result: submission.reply({ resetForm: true }), done: true };
}

type ActionData = {
  intent?: string;
  result?: import("@conform-to/react").SubmissionResult<string[]>;
  done?: boolean;
  newToken?: string | null;
  error?: string;
};

export default function Account() {
  const { user, tokens, hasPassword, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const tokenResult = actionData?.intent === "create-token" ? actionData.result : undefined;
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <h1>Your account</h1>
          <p className="subtitle">{user.name} · {user.email} · {ROLE_LABELS[user.role]}</p>
          <p><Link to="/account/reminders">Reminders and calendar feed →</Link></p>
        </div>
      </header>
      {actionData?.done ? (
        <p className="notice notice-success" role="status">Password changed. Your other sessions were logged out.</p>
      ) : null}
      {actionData?.intent === "revoke-token" && !actionData.error ? <p className="notice notice-success" role="status">Token revoked: it can no longer be used.</p> : null}
      {actionData?.error ? <p className="notice notice-error" role="alert">{actionData.error}</p> : null}
      {hasPassword ? <ChangePassword lastResult={actionData?.intent ? undefined : actionData?.result} /> : (
        <section className="card form-card"><h2>Signing in</h2><p>You sign in with your institute account (single sign-on): there is no password to change here.</p></section>
      )}
      <ApiTokens tokens={tokens} newToken={actionData?.newToken ?? null} lastResult={tokenResult} now={now} />
    </div>
  );
}

function ChangePassword({ lastResult }: { lastResult?: ActionData["result"] }) {
  const [form, fields] = useSchemaForm(ChangePasswordSchema, {
    id: "change-password",
    lastResult,
    revalidateOn: "onBlur",
  });
  return (
      <section className="card form-card" aria-labelledby="pw-h">
        <h2 id="pw-h">Change password</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <Field field={fields.currentPassword} label="Current password">
            <input {...getInputProps(fields.currentPassword, { type: "password" })} autoComplete="current-password" />
          </Field>
          <Field field={fields.newPassword} label="New password" hint="At least 12 characters.">
            <input {...getInputProps(fields.newPassword, { type: "password" })} autoComplete="new-password" />
          </Field>
          <Field field={fields.confirmPassword} label="Repeat the new password">
            <input {...getInputProps(fields.confirmPassword, { type: "password" })} autoComplete="new-password" />
          </Field>
          <div className="form-actions">
            <button type="submit" className="button">Change password</button>
          </div>
        </Form>
      </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

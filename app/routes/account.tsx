/**
 * /account: the logged-in user's own account: name, role, and changing the
 * password (which ends their other sessions).
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
import { checkCurrentPassword, formatWait } from "~/models/login.server";
import { setPassword } from "~/models/users.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { readSessionId } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your account · HT Collaborations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema: ChangePasswordSchema });
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

export default function Account() {
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(ChangePasswordSchema, {
    id: "change-password",
    lastResult: actionData?.result,
    revalidateOn: "onBlur",
  });
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
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

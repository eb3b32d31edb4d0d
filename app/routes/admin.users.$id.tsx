/**
 * /admin/users/:id: an admin changes an account's name, role or active flag
 * (the last active admin stays), or resets its password.
 */
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { Field } from "~/components/forms";
import { formatDay } from "~/domain/dates";
import { ROLE_LABELS, ROLES } from "~/domain/permissions";
import { ResetPasswordSchema, UpdateUserSchema } from "~/domain/user-schemas";
import { setPassword, updateUser } from "~/models/users.server";
import { formFailure } from "~/utils/errors.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { prisma } from "~/utils/db.server";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.name ?? "User"} · Users · HT Collaborations` },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [{ label: "Users", to: "/admin/users" }, { label: data?.user.email ?? "Account" }],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  const user = await prisma.user.findUnique({
    where: { id: params.id ?? "" },
    select: { id: true, email: true, name: true, role: true, active: true, version: true, lastLoginAt: true, createdAt: true, requestedAt: true, ssoSubject: true },
  });
  invariantResponse(user, "No account has this id.", { status: 404 });
  return { user };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const formData = await readForm(request);
  if (formData.get("intent") === "reset-password") {
    const submission = parseWithZod(formData, { schema: ResetPasswordSchema });
    if (submission.status !== "success" || submission.value.userId !== params.id) {
      return data({ intent: "reset-password", result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
    }
    const done = await setPassword(admin, submission.value.userId, submission.value.password);
    invariantResponse(done, "No account has this id.", { status: 404 });
    return { intent: "reset-password", result: submission.reply({ resetForm: true }), message: "Password reset. Every session of this account was ended." };
  }

  const submission = parseWithZod(formData, { schema: UpdateUserSchema });
  if (submission.status !== "success" || submission.value.userId !== params.id) {
    return data({ intent: "update", result: submission.reply() }, { status: 400 });
  }
  try {
    const updated = await updateUser(admin, submission.value);
    invariantResponse(updated, "No account has this id.", { status: 404 });
    return { intent: "update", result: submission.reply(), message: "Saved." };
  } catch (error) {
    return formFailure(error, submission, { extra: { intent: "update" } });
  }
}

export default function EditUser() {
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useSchemaForm(UpdateUserSchema, {
    id: `user-${user.id}-${user.version}`,
    lastResult: actionData?.intent === "update" ? actionData.result : undefined,
    defaultValue: { name: user.name, role: user.role, active: user.active ? "on" : undefined },
    revalidateOn: "onBlur",
  });
  const [resetForm, resetFields] = useSchemaForm(ResetPasswordSchema, {
    id: `reset-${user.id}`,
    lastResult: actionData?.intent === "reset-password" ? actionData.result : undefined,
    revalidateOn: "onBlur",
  });
  const message = actionData && "message" in actionData ? actionData.message : params.get("created") ? "Account created." : null;
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <h1>{user.name}</h1>
          <p className="subtitle">
            {user.email} · created {formatDay(user.createdAt)} · last log-in {user.lastLoginAt ? formatDay(user.lastLoginAt) : "never"}
            {user.ssoSubject ? " · signs in with single sign-on" : ""}
          </p>
        </div>
      </header>
      {message ? <p className="notice notice-success" role="status">{message}</p> : null}
      {user.requestedAt && !user.active ? (
        <p className="notice" role="status">
          Asked for an account through single sign-on on {formatDay(user.requestedAt)}. Choose a role and tick “Active” to approve it.
        </p>
      ) : null}

      <section className="card form-card" aria-labelledby="account-h">
        <h2 id="account-h">Account</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          {form.errors?.length ? <p className="notice notice-error" role="alert" id={form.errorId}>{form.errors.join(" ")}</p> : null}
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="version" value={user.version} />
          <Field field={fields.name} label="Name">
            <input {...getInputProps(fields.name, { type: "text" })} />
          </Field>
          <Field field={fields.role} label="Role">
            <select {...getSelectProps(fields.role)}>
              {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
          </Field>
          <label className="check">
            <input {...getInputProps(fields.active, { type: "checkbox" })} />
            Active (can log in)
          </label>
          <div className="form-actions">
            <button type="submit" className="button">Save changes</button>
          </div>
        </Form>
      </section>

      <section className="card form-card" aria-labelledby="reset-h">
        <h2 id="reset-h">Reset password</h2>
        <Form method="post" {...getFormProps(resetForm)} className="stack">
          <input type="hidden" name="intent" value="reset-password" />
          <input type="hidden" name="userId" value={user.id} />
          <Field field={resetFields.password} label="New password">
            <input {...getInputProps(resetFields.password, { type: "password" })} autoComplete="new-password" />
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-quiet">Reset password</button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

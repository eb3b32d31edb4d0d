/**
 * /admin/users: every account with its role and last log-in, and the form
 * that creates one. Admins only.
 */
import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { Field } from "~/components/forms";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatDay } from "~/domain/dates";
import { ROLE_LABELS, ROLES } from "~/domain/permissions";
import { CreateUserSchema } from "~/domain/user-schemas";
import { createUser, listUsers } from "~/models/users.server";
import { formFailure } from "~/utils/errors.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Users · HT Collaborations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  return { users: await listUsers() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "user:manage");
  const submission = parseWithZod(await readForm(request), { schema: CreateUserSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  try {
    const user = await createUser(admin, submission.value);
    throw redirect(`/admin/users/${user.id}?created=1`);
  } catch (error) {
    return formFailure(error, submission, { hideFields: ["password"] });
  }
}

export default function UsersAdmin() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(CreateUserSchema, {
    id: "create-user",
    lastResult: actionData?.result,
  });
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Users</h1>
          <p className="subtitle">Accounts and roles. Deactivated accounts keep their history but cannot log in.</p>
        </div>
      </header>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">User accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Last log-in</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td><Link to={`/admin/users/${u.id}`}>{u.name}</Link></td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role as keyof typeof ROLE_LABELS] ?? u.role}</td>
                <td>{u.active ? "Active" : <span className="badge">{u.requestedAt ? "Awaiting approval" : "Deactivated"}</span>}</td>
                <td>{u.lastLoginAt ? formatDay(u.lastLoginAt) : <span className="muted">never</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="card form-card" aria-labelledby="new-user">
        <h2 id="new-user">Add an account</h2>
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <input type="hidden" name="intent" value="create" />
          <Field field={fields.name} label="Name">
            <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
          </Field>
          <Field field={fields.email} label="Email">
            <input {...getInputProps(fields.email, { type: "email" })} autoComplete="off" />
          </Field>
          <Field field={fields.role} label="Role">
            <select {...getSelectProps(fields.role)}>
              <option value="">Choose…</option>
              {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
          </Field>
          <Field field={fields.password} label="Initial password" hint="At least 12 characters. Give it to the person privately; they can change it under Account.">
            <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
          </Field>
          <div className="form-actions">
            <SubmitButton pendingLabel="Creating…">Create account</SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

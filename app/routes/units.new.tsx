/**
 * /units/new: create a centre, facility or research group (?parent= picks
 * the centre of a new group). Editors and admins.
 */
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormErrors, UnitFormFields } from "~/components/directory-forms";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { SubmitButton } from "~/components/ui/submit-button";
import { CreateUnitSchema, type UnitForm } from "~/domain/directory-schemas";
import { createUnit } from "~/models/unit-write.server";
import { parentUnitOptions } from "~/models/units.server";
import { formFailure } from "~/utils/errors.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "New unit · HT units · HT Collaborations" }];

export const handle: BreadcrumbHandle = {
  breadcrumb: () => [{ label: "HT units", to: "/units" }, { label: "New unit" }],
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "directory:write");
  return { parents: await parentUnitOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "directory:write");
  const submission = parseWithZod(await readForm(request), { schema: CreateUnitSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const unit = await createUnit(user, submission.value);
    throw redirect(`/units/${unit.id}?created=1`);
  } catch (error) {
    return formFailure(error, submission);
  }
}

export default function NewUnit() {
  const { parents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // "New group" from a centre's page arrives with ?parent=<id>.
  const parent = parents.find((p) => p.id === params.get("parent"));
  const [form, fields] = useSchemaForm<typeof CreateUnitSchema, UnitForm>(CreateUnitSchema, {
    id: "new-unit",
    lastResult: actionData?.result,
    defaultValue: parent ? { kind: "GROUP", parentId: parent.id } : undefined,
  });
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <h1>New HT unit</h1>
          <p className="subtitle">A research centre, a facility, or a research group inside one of them.</p>
        </div>
      </header>
      <section className="card form-card" aria-label="Unit details">
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <FormErrors id={form.errorId} errors={form.errors} />
          <UnitFormFields fields={fields} parents={parents} />
          <div className="form-actions">
            <SubmitButton pendingLabel="Creating…">Create unit</SubmitButton>
            <Link to="/units" className="button button-quiet">Cancel</Link>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

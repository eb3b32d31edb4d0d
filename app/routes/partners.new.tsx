/**
 * /partners/new: create a partner (a name used once, ignoring case).
 * Editors and admins.
 */
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, PartnerFormFields } from "~/components/directory-forms";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useSchemaForm } from "~/components/ui/use-schema-form";
import { SubmitButton } from "~/components/ui/submit-button";
import { countryOptions } from "~/domain/countries";
import { CreatePartnerSchema } from "~/domain/directory-schemas";
import { createPartner } from "~/models/partner-write.server";
import { parentOptions } from "~/models/partners.server";
import { formFailure } from "~/utils/errors.server";
import { requirePermission } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "New partner · Partners · HT Collaborations" }];

export const handle: BreadcrumbHandle = {
  breadcrumb: () => [{ label: "Partners", to: "/partners" }, { label: "New partner" }],
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "directory:write");
  return { parents: await parentOptions(), countries: countryOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "directory:write");
  const submission = parseWithZod(await readForm(request), { schema: CreatePartnerSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), existing: null }, { status: 400 });
  }
  try {
    const partner = await createPartner(user, submission.value);
    throw redirect(`/partners/${partner.id}?created=1`);
  } catch (error) {
    return formFailure(error, submission);
  }
}

export default function NewPartner() {
  const { parents, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(CreatePartnerSchema, {
    id: "new-partner",
    lastResult: actionData?.result,
    defaultValue: { country: "IT" },
  });
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <h1>New partner</h1>
          <p className="subtitle">An outside institution HT signs agreements with. Check the partner list first: duplicates are easy to make.</p>
        </div>
      </header>
      <section className="card form-card" aria-label="Partner details">
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <FormErrors id={form.errorId} errors={form.errors} />
          <PartnerFormFields fields={fields} parents={parents} countries={countries} />
          {actionData?.existing ? (
            <p className="field-span notice notice-warning">
              <Link to={`/partners/${actionData.existing.id}`}>Open {actionData.existing.name}</Link>
            </p>
          ) : null}
          <div className="form-actions">
            <SubmitButton pendingLabel="Creating…">Create partner</SubmitButton>
            <Link to="/partners" className="button button-quiet">Cancel</Link>
          </div>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

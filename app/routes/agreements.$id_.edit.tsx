/**
 * /agreements/:id/edit: the agreement form on an agreement's saved values.
 * A save over a version someone else saved meanwhile writes nothing and
 * shows both versions (app/components/conflict-panel.tsx). Editors and admins.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgreementForm } from "~/components/agreement-form";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ConflictPanel, ReappliedNotice, useConflictVersion } from "~/components/conflict-panel";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formModeFor } from "~/domain/agreement-readiness";
import { editValues, formOptions } from "~/models/agreement-form.server";
import { requirePermission } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { submitAgreementForm } from "./agreements-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.agreement.reference ?? "agreement"} · HT Collaborations` },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "Agreements", to: "/agreements" },
    ...(data ? [{ label: data.agreement.reference, to: `/agreements/${data.agreement.id}` }] : []),
    { label: "Edit" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const [found, options] = await Promise.all([editValues(params.id ?? ""), formOptions()]);
  invariantResponse(found, "No agreement has this id.", { status: 404 });
  invariantResponse(!found.agreement.archivedAt, "This agreement is archived: restore it before editing.", { status: 409 });
  const { agreement, values } = found;
  return {
    agreement: { id: agreement.id, reference: agreement.reference, title: agreement.title, version: agreement.version },
    mode: formModeFor(agreement.status),
    values,
    options,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  return submitAgreementForm(request, user, { kind: "update", id: params.id ?? "" });
}

export default function EditAgreement() {
  const { agreement, values, options, mode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = useConflictVersion(agreement.version, actionData?.conflict);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <p className="eyebrow mono">{agreement.reference}</p>
          <h1>Edit: {agreement.title}</h1>
        </div>
        <Link to={`/agreements/${agreement.id}`} className="button button-quiet">Cancel</Link>
      </header>
      {actionData?.conflict && conflict.open ? (
        <ConflictPanel
          subject="agreement"
          conflict={actionData.conflict}
          onReapply={conflict.reapply}
          reloadHref={`/agreements/${agreement.id}/edit`}
        />
      ) : null}
      {conflict.reapplied ? <ReappliedNotice /> : null}
      <AgreementForm
        options={options}
        defaultValue={values as never}
        lastResult={actionData?.result}
        submitLabel="Save changes"
        version={conflict.version}
        mode={mode}
        duplicates={actionData?.duplicates}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * /agreements/new: the agreement form for a new draft (a kind may be chosen
 * ahead with ?kind=). Editors and admins.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AgreementForm } from "~/components/agreement-form";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AGREEMENT_KINDS, type AgreementKind } from "~/domain/vocabulary";
import { formOptions } from "~/models/agreement-form.server";
import { requirePermission } from "~/utils/auth.server";
import { submitAgreementForm } from "./agreements-form.server";

export const meta: MetaFunction = () => [{ title: "New agreement · HT Collaborations" }];

export const handle: BreadcrumbHandle = {
  breadcrumb: () => [{ label: "Agreements", to: "/agreements" }, { label: "New" }],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const kind = new URL(request.url).searchParams.get("kind");
  return {
    options: await formOptions(),
    // The person recording an agreement usually owns it; the form lets them choose someone else.
    ownerId: user.id,
    kind: (AGREEMENT_KINDS.values as string[]).includes(kind ?? "") ? (kind as AgreementKind) : undefined,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  return submitAgreementForm(request, user, { kind: "create" });
}

export default function NewAgreement() {
  const { options, kind, ownerId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>New agreement</h1>
          <p className="subtitle">
            It is recorded as a draft: a title and a kind are enough to save it. Complete it as the negotiation goes, then move it to
            signature from its page.
          </p>
        </div>
      </header>
      <AgreementForm
        options={options}
        defaultValue={{ kind, ownerId, parties: [{ role: "LEAD", signatureStatus: "PENDING" }, { role: "PARTICIPANT", signatureStatus: "PENDING" }] as never }}
        lastResult={actionData?.result}
        submitLabel="Save draft"
        mode="draft"
        duplicates={actionData?.duplicates}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

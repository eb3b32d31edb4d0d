import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgreementForm } from "~/components/agreement-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formOptions, amendmentValues } from "~/models/agreement-form.server";
import { requirePermission } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { submitAgreementForm } from "./agreements-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Amend ${data?.original.reference ?? "agreement"} · HT Collaborations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const [prefill, options] = await Promise.all([amendmentValues(params.id ?? ""), formOptions()]);
  invariantResponse(prefill, "No agreement has this id.", { status: 404 });
  const { agreement, values } = prefill;
  return { original: { id: agreement.id, reference: agreement.reference, title: agreement.title }, values, options };
}

/** An amendment is its own agreement, linked to the one it changes, recording what changed. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  return submitAgreementForm(request, user, { kind: "create" });
}

export default function AmendAgreement() {
  const { original, values, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/agreements">Agreements</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/agreements/${original.id}`}>{original.reference}</Link> <span aria-hidden="true">›</span> <span>Amend</span>
      </nav>
      <header className="page-header">
        <div>
          <h1>Amend {original.reference}</h1>
          <p className="subtitle">
            An amendment or extension (proroga) of “{original.title}”: a new draft linked to it. Say what
            changes under “What changed”.
          </p>
        </div>
      </header>
      <AgreementForm options={options} defaultValue={values as never} lastResult={actionData?.result} submitLabel="Save amendment draft" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

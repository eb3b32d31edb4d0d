import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { AgreementForm } from "~/components/agreement-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { editValues, formOptions } from "~/models/agreement-form.server";
import type { AgreementSnapshot } from "~/models/agreement-write.server";
import { requirePermission } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { submitAgreementForm } from "./agreements-form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.agreement.reference ?? "agreement"} · HT Collaborations` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const [found, options] = await Promise.all([editValues(params.id ?? ""), formOptions()]);
  invariantResponse(found, "No agreement has this id.", { status: 404 });
  invariantResponse(!found.agreement.archivedAt, "This agreement is archived: restore it before editing.", { status: 409 });
  const { agreement, values } = found;
  return { agreement: { id: agreement.id, reference: agreement.reference, title: agreement.title, version: agreement.version }, values, options };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  return submitAgreementForm(request, user, { kind: "update", id: params.id ?? "" });
}

export default function EditAgreement() {
  const { agreement, values, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict ?? null;
  // The version this edit started from. The loader re-runs after a conflict and
  // reports the newer one; only an explicit "re-apply" may save on top of it.
  const [startedFrom] = useState(agreement.version);
  const [reapplied, setReapplied] = useState<number | null>(null);
  const version = reapplied ?? startedFrom;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/agreements">Agreements</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/agreements/${agreement.id}`}>{agreement.reference}</Link> <span aria-hidden="true">›</span> <span>Edit</span>
      </nav>
      <header className="page-header">
        <div>
          <p className="eyebrow mono">{agreement.reference}</p>
          <h1>Edit: {agreement.title}</h1>
        </div>
        <Link to={`/agreements/${agreement.id}`} className="button button-quiet">Cancel</Link>
      </header>
      {conflict && reapplied !== conflict.version ? (
        <ConflictPanel
          mine={conflict.mine}
          theirs={conflict.theirs}
          onReapply={() => setReapplied(conflict.version)}
          reloadHref={`/agreements/${agreement.id}/edit`}
        />
      ) : null}
      {conflict && reapplied === conflict.version ? (
        <p className="notice notice-warning" role="status">
          Your changes are kept below and will be saved over the newer version when you save.
        </p>
      ) : null}
      <AgreementForm
        options={options}
        defaultValue={values as never}
        lastResult={actionData?.result}
        submitLabel="Save changes"
        version={version}
      />
    </div>
  );
}

const LABELS: Record<keyof AgreementSnapshot, string> = {
  title: "Title", kind: "Kind", summary: "Summary", signatureDate: "Signature date", startDate: "Start", endDate: "End",
  renewal: "Renewal", value: "Value", confidentiality: "Confidentiality", htOwner: "HT owner", partnerContact: "Partner contact",
  protocolNumber: "Protocol number", boardApprovalDate: "Board approval", details: "Specific terms", parties: "Parties",
  links: "Links", researchLines: "Research lines",
};

function ConflictPanel({
  mine,
  theirs,
  onReapply,
  reloadHref,
}: {
  mine: AgreementSnapshot;
  theirs: AgreementSnapshot;
  onReapply: () => void;
  reloadHref: string;
}) {
  const keys = (Object.keys(LABELS) as (keyof AgreementSnapshot)[]).filter((k) => mine[k] !== theirs[k]);
  return (
    <section className="card conflict" aria-labelledby="conflict-title" role="alert">
      <h2 id="conflict-title">Someone else saved this agreement while you were editing</h2>
      <p>
        Nothing of yours was saved and nothing of theirs was overwritten. Compare the two versions, then either
        re-apply your changes on top of theirs, or discard yours and start from the current version.
      </p>
      {keys.length ? (
        <div className="table-wrap">
          <table className="data-table conflict-table">
            <caption className="visually-hidden">Fields that differ between your version and the saved one</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Your version</th>
                <th scope="col">Saved meanwhile</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k}>
                  <th scope="row">{LABELS[k]}</th>
                  <td><ins>{mine[k] || "—"}</ins></td>
                  <td>{theirs[k] || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">Your version and the saved one are the same.</p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onReapply}>Re-apply my changes</button>
        <a href={reloadHref} className="button button-quiet">Discard mine, load the current version</a>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

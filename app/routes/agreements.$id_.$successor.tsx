/**
 * /agreements/:id/renew and /agreements/:id/amend: a new draft prefilled
 * from an agreement and linked to it. A renewal supersedes the original when
 * it becomes active; an amendment records what it changes.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AgreementForm } from "~/components/agreement-form";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { amendmentValues, formOptions, renewalValues } from "~/models/agreement-form.server";
import { requirePermission } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { submitAgreementForm } from "./agreements-form.server";

const SUCCESSORS = {
  renew: {
    verb: "Renew",
    submitLabel: "Save renewal draft",
    explain: (o: Original) =>
      `A new draft, prefilled from “${o.title}” and linked to it. When the renewal becomes active, ${o.reference} is marked superseded.`,
  },
  amend: {
    verb: "Amend",
    submitLabel: "Save amendment draft",
    explain: (o: Original) =>
      `An amendment or extension (proroga) of “${o.title}”: a new draft linked to it. Say what changes under “What changed”.`,
  },
} as const;

/** Server only: used by the loader, so the client bundle never references it. */
const PREFILL = { renew: renewalValues, amend: amendmentValues } as const;

type Original = { id: string; reference: string; title: string };
type Successor = keyof typeof SUCCESSORS;
const isSuccessor = (s: string | undefined): s is Successor => s === "renew" || s === "amend";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${SUCCESSORS[data.successor].verb} ${data.original.reference} · HT Collaborations` : "Not found · HT Collaborations" },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "Agreements", to: "/agreements" },
    ...(data ? [{ label: data.original.reference, to: `/agreements/${data.original.id}` }] : []),
    { label: data ? SUCCESSORS[data.successor].verb : "New draft" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const successor = params.successor;
  invariantResponse(isSuccessor(successor), "There is no such page for an agreement.", { status: 404 });
  const [prefill, options] = await Promise.all([PREFILL[successor](params.id ?? ""), formOptions()]);
  invariantResponse(prefill, "No agreement has this id.", { status: 404 });
  const { agreement, values } = prefill;
  return { successor, original: { id: agreement.id, reference: agreement.reference, title: agreement.title }, values, options };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  invariantResponse(isSuccessor(params.successor), "There is no such page for an agreement.", { status: 404 });
  return submitAgreementForm(request, user, { kind: "create" });
}

export default function SuccessorAgreement() {
  const { successor, original, values, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { verb, submitLabel, explain } = SUCCESSORS[successor];
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{verb} {original.reference}</h1>
          <p className="subtitle">{explain(original)}</p>
        </div>
      </header>
      <AgreementForm
        options={options}
        defaultValue={values as never}
        lastResult={actionData?.result}
        submitLabel={submitLabel}
        mode="draft"
        duplicates={actionData?.duplicates}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

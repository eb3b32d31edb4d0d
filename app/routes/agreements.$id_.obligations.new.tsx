/**
 * /agreements/:id/obligations/new: records an obligation of the agreement
 * (a report, a payment, data destruction...), due on a date, every N months
 * from the start, or N days before the end. Editors and admins.
 */
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ObligationForm } from "~/components/obligation-form";
import { ObligationSchema } from "~/domain/obligations";
import { createObligation } from "~/models/obligation-write.server";
import { obligationContext } from "~/models/obligations.server";
import { requirePermission } from "~/utils/auth.server";
import { formFailure } from "~/utils/errors.server";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `New obligation · ${data?.agreement.reference ?? "Agreement"} · HT Collaborations` }];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [
    { label: "Agreements", to: "/agreements" },
    ...(data ? [{ label: data.agreement.reference, to: `/agreements/${data.agreement.id}` }] : []),
    { label: "New obligation" },
  ],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const context = await obligationContext(params.id ?? "");
  invariantResponse(context, "No agreement has this id.", { status: 404 });
  invariantResponse(!context.agreement.archivedAt, "This agreement is archived: restore it before adding obligations.", { status: 409 });
  return context;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const submission = parseWithZod(await request.formData(), { schema: ObligationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), conflict: null }, { status: 400 });
  try {
    await createObligation(user, params.id ?? "", submission.value);
  } catch (error) {
    return formFailure(error, submission);
  }
  throw redirect(`/agreements/${params.id}?saved=obligation#obligations`);
}

export default function NewObligation() {
  const context = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { agreement } = context;
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <p className="eyebrow mono">{agreement.reference}</p>
          <h1>New obligation</h1>
          <p className="subtitle">{agreement.title}</p>
        </div>
        <Link to={`/agreements/${agreement.id}`} className="button button-quiet">Cancel</Link>
      </header>
      <ObligationForm context={context} lastResult={actionData?.result} submitLabel="Add obligation" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

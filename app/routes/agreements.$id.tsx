/**
 * /agreements/:id: one agreement, whole: terms, parties, documents,
 * approvals and registration, links, status history, change history; and its actions (lifecycle moves, archive and
 * restore, an admin's deletion of a draft nobody signed). A restricted
 * agreement is refused to roles that may not read it, naming nothing of it.
 */
import { parseWithZod } from "@conform-to/zod";
import {
  data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom,
} from "@remix-run/node";
import { isRouteErrorResponse, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { z } from "zod";
import { ApprovalsCard } from "~/components/agreement-page/approvals";
import { DocumentsCard } from "~/components/agreement-page/documents";
import { DeadlinesCard } from "~/components/agreement-page/deadlines-card";
import { AgreementHeader, AgreementNotices } from "~/components/agreement-page/header";
import {
  ChangesCard, HistoryCard, LinksCard, PartiesCard, SpecificTermsCard, TermsCard,
} from "~/components/agreement-page/sections";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LifecycleCard } from "~/components/lifecycle/lifecycle-card";
import { TransitionSchema } from "~/domain/agreement-schema";
import { isHiddenFrom } from "~/domain/confidentiality";
import { utcToday } from "~/domain/dates";
import { deleteDraft, moveAgreement, setArchived } from "~/models/agreement-lifecycle.server";
import { agreementDeadlinesCard } from "~/models/agreement-deadlines.server";
import { agreementPage } from "~/models/agreement-page.server";
import { getAgreement } from "~/models/agreements.server";
import { requirePermission } from "~/utils/auth.server";
import { useCan } from "~/utils/user";
import { readForm } from "~/utils/forms.server";
import { formFailure, messageFailure } from "~/utils/errors.server";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  {
    title: data
      ? `${data.agreement.reference} · ${data.agreement.title} · HT Collaborations`
      : isRouteErrorResponse(error) && error.status === 403
        ? "No access · HT Collaborations"
        : "Agreement not found · HT Collaborations",
  },
];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [{ label: "Agreements", to: "/agreements" }, { label: data?.agreement.reference ?? "Agreement" }],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const record = await getAgreement(params.id ?? "");
  invariantResponse(record, `No agreement has the id “${params.id}”. It may have been mistyped or deleted.`, { status: 404 });
  // The refusal names nothing of the agreement: not even its reference (docs/decisions/010).
  invariantResponse(
    !isHiddenFrom(user, record),
    "This agreement is restricted: only the legal and partnership office and admins can open it.",
    { status: 403 },
  );
  const today = utcToday();
  const [page, deadlinesCard] = await Promise.all([agreementPage(record, user, today), agreementDeadlinesCard(record.id, user, today)]);
  return { ...page, deadlinesCard };
}

export type AgreementPageData = SerializeFrom<typeof loader>;

/** Opening or closing a move's form (?move=) changes nothing on the server. */
export function shouldRevalidate({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formMethod || currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate;
  const strip = (u: URL) => {
    const p = new URLSearchParams(u.search);
    p.delete("move");
    return p.toString();
  };
  return strip(currentUrl) === strip(nextUrl) ? false : defaultShouldRevalidate;
}

const ActionSchema = z.object({
  intent: z.enum(["archive", "restore", "delete"]),
  version: z.coerce.number().int(),
});

/** Lifecycle moves, archive/restore, and (admins) deleting an unsigned draft. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const id = params.id ?? "";
  const formData = await readForm(request);
  if (formData.get("intent") === "move") {
    const submission = parseWithZod(formData, { schema: TransitionSchema });
    const to = String(formData.get("to"));
    if (submission.status !== "success") return data({ to, result: submission.reply(), conflict: null }, { status: 400 });
    try {
      await moveAgreement(user, id, submission.value);
    } catch (error) {
      return formFailure(error, submission, { extra: { to } });
    }
    throw redirect(`/agreements/${id}?saved=status`);
  }
  const parsed = ActionSchema.safeParse(Object.fromEntries(formData));
  invariantResponse(parsed.success, "Unknown action.", { status: 400 });
  const { intent, version } = parsed.data;
  try {
    if (intent === "delete") {
      await requirePermission(request, "agreement:delete-draft");
      await deleteDraft(user, id, version);
      throw redirect("/agreements?deleted=1");
    }
    await setArchived(user, id, version, intent === "archive");
    throw redirect(`/agreements/${id}?saved=${intent}d`);
  } catch (error) {
    return messageFailure(error);
  }
}

export default function AgreementPage() {
  const {
    agreement, parties, outgoing, incoming, statusChanges, researchLines, audit, outliving, today, gaps, moveParties, documents, textBusy,
    approvals, deadlinesCard,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const canWrite = useCan("agreement:write");
  const lastMove = actionData && "to" in actionData ? { to: actionData.to, result: actionData.result } : null;
  return (
    <article className="page">
      <AgreementHeader agreement={agreement} watch={deadlinesCard.watch} />
      <AgreementNotices
        agreement={agreement}
        outliving={outliving}
        saved={params.get("saved")}
        refusal={actionData && "error" in actionData ? actionData.error : null}
      />
      <LifecycleCard
        agreementId={agreement.id}
        status={agreement.status as never}
        shownStatus={agreement.effectiveStatus}
        version={agreement.version}
        today={today}
        gaps={gaps}
        parties={moveParties}
        canMove={canWrite && !agreement.archivedAt}
        lastMove={lastMove}
      />
      <div className="detail-grid">
        <TermsCard agreement={agreement} />
        <SpecificTermsCard agreement={agreement} researchLines={researchLines} />
      </div>
      <DeadlinesCard agreement={agreement} card={deadlinesCard} today={today} />
      <PartiesCard agreement={agreement} parties={parties} />
      <DocumentsCard agreement={agreement} documents={documents} textBusy={textBusy} />
      <ApprovalsCard agreement={agreement} approvals={approvals} documents={documents} today={today} />
      <LinksCard outgoing={outgoing} incoming={incoming} />
      <HistoryCard statusChanges={statusChanges} approvals={approvals} />
      {audit ? <ChangesCard reference={agreement.reference} audit={audit} /> : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

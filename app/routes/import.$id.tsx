/**
 * /import/:id: one import, step by step (editors and admins): the progress
 * of a running step (the page can be left and come back to), the columns'
 * mapping, the partners' review, the dry run's report and the commit, then
 * what was imported and its undo. `?step=columns|partners|report` goes back
 * to an earlier step while the import has not been committed.
 */
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CommitCard, DoneCard, DryRunReport } from "~/components/import/dry-run-report";
import { ImportProgress, ImportSteps } from "~/components/import/import-progress";
import { MappingForm } from "~/components/import/mapping-form";
import { MatchReview } from "~/components/import/match-review";
import { SubmitButton } from "~/components/ui/submit-button";
import { refused, ruleBroken } from "~/domain/errors";
import { mappingFromForm, MappingFormSchema, type ImportMapping } from "~/domain/import-mapping";
import { EDITABLE_STATUSES, IMPORT_STATUSES, REVIEW_PAGE_SIZE } from "~/domain/import-status";
import { formOptions } from "~/models/agreement-form.server";
import { startCommit } from "~/models/import-commit.server";
import { parseReportFilter, parseTotals, reportPage, startDryRun } from "~/models/import-dry-run.server";
import { discardImport, getImportJob, type ImportJobRecord } from "~/models/import-jobs.server";
import { DecisionSchema, saveDecisions, saveMappingAndMatch } from "~/models/import-match.server";
import { saveTemplate } from "~/models/import-templates.server";
import { startUndo, undoBlockers } from "~/models/import-undo.server";
import { parseReviewFilter, previewRows, reviewPage } from "~/models/import-view.server";
import { unitOptions } from "~/models/units.server";
import { requirePermission } from "~/utils/auth.server";
import { formFailure, messageFailure } from "~/utils/errors.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Import of ${data?.job.fileName ?? "a register"} · HT Collaborations` }];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: (data) => [{ label: "Agreements", to: "/agreements" }, { label: "Import", to: "/import" }, { label: data ? `#${data.job.id} ${data.job.fileName}` : "Import" }],
};

type Step = "progress" | "columns" | "partners" | "report" | "done" | "failed";

/** The step shown: the job's own, or an earlier one asked for while the import is still open. */
function stepOf(job: ImportJobRecord, asked: string | null): Step {
  const editable = EDITABLE_STATUSES.includes(job.status as never) && job.failedStep !== "PARSING";
  if (editable && asked === "columns") return "columns";
  if (editable && asked === "partners" && job.status !== "MAPPING" && job.failedStep !== "MATCHING") return "partners";
  if (editable && asked === "report" && job.status === "READY") return "report";
  switch (job.status) {
    case "MAPPING": return "columns";
    case "MATCHES": return "partners";
    case "READY": return "report";
    case "DONE": case "UNDONE": return "done";
    case "FAILED": case "CANCELLED": return "failed";
    default: return "progress";
  }
}

async function stepData(job: ImportJobRecord, step: Step, params: URLSearchParams) {
  if (step === "columns") {
    const [preview, units] = await Promise.all([previewRows(job.id), unitOptions()]);
    return { step, preview, units, headers: JSON.parse(job.headers) as string[], mapping: JSON.parse(job.mapping) as ImportMapping };
  }
  if (step === "partners") {
    const filter = parseReviewFilter(params);
    const [review, options] = await Promise.all([reviewPage(job.id, filter), formOptions()]);
    return { step, review, filter, partners: options.partners };
  }
  if (step === "report" || step === "done") {
    const filter = parseReportFilter(params);
    const [report, blockers] = await Promise.all([reportPage(job.id, filter), step === "done" && job.status === "DONE" ? undoBlockers(job.id) : []]);
    return { step, report, filter, blockers };
  }
  return { step };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const job = await getImportJob(Number(params.id) || 0);
  invariantResponse(job, `No import has the number “${params.id}”.`, { status: 404 });
  const url = new URL(request.url);
  const step = stepOf(job, url.searchParams.get("step"));
  return { job: { ...job, totals: parseTotals(job.totals) }, view: await stepData(job, step, url.searchParams), saved: url.searchParams.get("saved") };
}

const DecisionsSchema = z.object({ decisions: z.array(DecisionSchema).max(REVIEW_PAGE_SIZE).default([]) });

async function mappingAction(user: Awaited<ReturnType<typeof requirePermission>>, jobId: number, form: FormData) {
  const job = await getImportJob(jobId);
  invariantResponse(job, "No such import.", { status: 404 });
  const submission = parseWithZod(form, { schema: MappingFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const headers = JSON.parse(job.headers) as string[];
  const mapping = mappingFromForm(submission.value, headers.length);
  try {
    if (submission.value.intent === "save-template") {
      const saved = await saveTemplate(user, submission.value.templateName!, mapping, headers);
      return { result: submission.reply(), savedTemplate: saved.name };
    }
    if (!(await saveMappingAndMatch(jobId, mapping))) throw refused("This import is busy with another step: wait for it to end.");
  } catch (error) {
    return formFailure(error, submission);
  }
  throw redirect(`/import/${jobId}`);
}

async function decisionsAction(jobId: number, form: FormData, intent: string, url: URL) {
  const parsed = DecisionsSchema.safeParse(parseWithZod(form, { schema: z.any() }).payload);
  try {
    if (!parsed.success) throw ruleBroken("decisions", parsed.error.issues[0]?.message ?? "These choices could not be read.");
    const missing = parsed.data.decisions.find((d) => d.choice.endsWith(":other") && !d.other?.startsWith("partner:"));
    if (missing) throw ruleBroken("decisions", "Choose the partner for each organisation marked “Another partner…”.");
    if (parsed.data.decisions.length) await saveDecisions(jobId, parsed.data.decisions);
    if (intent === "dry-run") {
      if (!(await startDryRun(jobId))) throw refused("This import is busy with another step: wait for it to end.");
      throw redirect(`/import/${jobId}`);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return messageFailure(error);
  }
  const show = url.searchParams.get("show") ?? "review";
  throw redirect(`/import/${jobId}?step=partners&saved=1&show=${encodeURIComponent(show)}&page=${Number(url.searchParams.get("page")) || 1}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const jobId = Number(params.id) || 0;
  const form = await readForm(request, { maxIndex: 250 });
  const intent = String(form.get("intent") ?? "");
  if (intent === "match" || intent === "save-template") return mappingAction(user, jobId, form);
  if (intent === "decisions" || intent === "dry-run") return decisionsAction(jobId, form, intent, new URL(request.url));
  try {
    if (intent === "commit" && !(await startCommit(user, jobId))) throw refused("This import is not ready to be imported: run the dry run again.");
    if (intent === "undo" && !(await startUndo(user, jobId))) throw refused("Only a committed import can be undone, once.");
    if (intent === "discard") {
      await discardImport(jobId);
      throw redirect("/import");
    }
    if (!["commit", "undo"].includes(intent)) throw ruleBroken("intent", "Unknown action.");
  } catch (error) {
    if (error instanceof Response) throw error;
    return messageFailure(error);
  }
  throw redirect(`/import/${jobId}`);
}

export default function ImportJobPage() {
  const { job, view, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { error?: string; result?: never; savedTemplate?: string } | undefined;
  const error = actionData?.error ?? null;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Import of {job.fileName}</h1>
          <p className="subtitle">
            {IMPORT_STATUSES.label(job.status)} · {job.rowCount.toLocaleString("en-GB")} rows{job.readAs ? ` · read as ${job.readAs}` : ""} · by {job.createdByEmail}
          </p>
        </div>
      </header>
      <ImportSteps status={job.status} failedStep={job.failedStep} />
      <ImportProgress jobId={job.id} status={job.status} done={job.progressDone} total={job.progressTotal} />
      {job.error && job.status !== "FAILED" ? <p className="notice notice-warning" role="status">{job.error}</p> : null}
      {view.step === "failed" ? <FailedCard job={job} /> : null}
      {view.step === "columns" ? (
        <MappingForm jobId={job.id} headers={view.headers} preview={view.preview} mapping={view.mapping} units={view.units}
          lastResult={actionData?.result} savedTemplate={actionData?.savedTemplate ?? null} />
      ) : null}
      {view.step === "partners" ? (
        <MatchReview jobId={job.id} rows={view.review.organisations} total={view.review.total} counts={view.review.counts} show={view.filter.show}
          page={view.filter.page} partners={view.partners} error={error} saved={saved === "1"} />
      ) : null}
      {view.step === "report" && job.totals ? <CommitCard jobId={job.id} totals={job.totals} error={error} /> : null}
      {view.step === "done" ? (
        <DoneCard totals={job.totals} blockers={view.blockers} undone={job.status === "UNDONE"} error={error} committedAt={job.committedAt} />
      ) : null}
      {(view.step === "report" || view.step === "done") ? (
        <DryRunReport jobId={job.id} lines={view.report.lines} total={view.report.total} counts={view.report.counts}
          show={view.filter.outcome} page={view.filter.page} done={view.step === "done"} />
      ) : null}
    </div>
  );
}

function FailedCard({ job }: { job: { id: number; status: string; error: string; failedStep: string | null } }) {
  const canRetry = job.status === "FAILED" && job.failedStep !== "PARSING";
  return (
    <section className="card" aria-labelledby="failed-h">
      <h2 id="failed-h">{job.status === "CANCELLED" ? "This import was discarded" : "This import stopped"}</h2>
      {job.error ? <p className="notice notice-error" role="alert">{job.error}</p> : null}
      <p>Nothing of it was written to the register.</p>
      <Form method="post" className="form-actions">
        {canRetry ? <a className="button button-quiet" href={`/import/${job.id}?step=columns`}>Back to the columns</a> : null}
        {canRetry && job.failedStep !== "MATCHING" ? <SubmitButton intent="dry-run">Run the dry run again</SubmitButton> : null}
        {job.status === "FAILED" ? <SubmitButton intent="discard" className="button button-quiet button-danger">Discard</SubmitButton> : null}
        <a className="button button-quiet" href="/import">Upload a file</a>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

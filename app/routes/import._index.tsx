/**
 * /import: bring a register in from a spreadsheet (editors and admins).
 * Upload an .xlsx or .csv (streamed to disk, at most 20 MB / 50,000 rows),
 * optionally with a saved mapping template; the file is read as a job and
 * the page moves on to /import/:id. Lists the latest imports (to come back
 * to one still running, or to undo one) and the saved templates.
 */
import {
  data, redirect, unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData,
  type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatBytes } from "~/domain/documents";
import { isAppError, ruleBroken } from "~/domain/errors";
import { IMPORT_EXTENSIONS, IMPORT_STATUSES, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/domain/import-status";
import { safeFileName } from "~/domain/documents";
import { storeUpload, type StoredUpload } from "~/models/import-files.server";
import { listImportJobs, recoverInterruptedImports } from "~/models/import-jobs.server";
import { startImport } from "~/models/import-parse.server";
import { deleteTemplate, listTemplates } from "~/models/import-templates.server";
import { parseTotals } from "~/models/import-dry-run.server";
import { requirePermission } from "~/utils/auth.server";
import { messageFailure } from "~/utils/errors.server";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Import a register · HT Collaborations" }];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: () => [{ label: "Agreements", to: "/agreements" }, { label: "Import" }],
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  await recoverInterruptedImports();
  const [jobs, templates] = await Promise.all([listImportJobs(), listTemplates()]);
  return {
    jobs: jobs.map((j) => ({ ...j, totals: parseTotals(j.totals) })),
    templates: templates.map((t) => ({ id: t.id, name: t.name, columns: Object.keys(t.template.byHeader).length, updatedAt: t.updatedAt })),
  };
}

/** Reads the multipart upload: the file streamed to disk, the template id kept. */
async function readUpload(request: Request) {
  let stored: (StoredUpload & { fileName: string }) | null = null;
  const form = await unstable_parseMultipartFormData(
    request,
    unstable_composeUploadHandlers(async ({ name, filename, data: bytes }) => {
      if (name !== "file" || filename === undefined) return undefined;
      if (stored) throw ruleBroken("file", "Upload one file at a time.");
      const fileName = safeFileName(filename) || "register";
      stored = { ...(await storeUpload(bytes, fileName)), fileName };
      return fileName;
    }, unstable_createMemoryUploadHandler({ maxPartSize: 10_000 })),
  );
  return { form, stored: stored as (StoredUpload & { fileName: string }) | null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    try {
      const { form, stored } = await readUpload(request);
      if (!stored) throw ruleBroken("file", "Choose the register to import: an .xlsx or .csv file.");
      const template = String(form.get("templateId") ?? "").slice(0, 64) || null;
      const id = await startImport(user, stored.fileName, stored, template);
      throw redirect(`/import/${id}`);
    } catch (error) {
      if (error instanceof Response) throw error;
      if (isAppError(error)) return messageFailure(error);
      return data({ error: error instanceof Error ? error.message : "The upload could not be read." }, { status: 400 });
    }
  }
  const form = await readForm(request);
  if (form.get("intent") === "delete-template") {
    try {
      await deleteTemplate(user, String(form.get("templateId") ?? ""));
      return { error: null, deleted: true };
    } catch (error) {
      return messageFailure(error);
    }
  }
  return data({ error: "Unknown action." }, { status: 400 });
}

export default function ImportIndex() {
  const { jobs, templates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Import a register</h1>
          <p className="subtitle">
            Bring the office's spreadsheet in: map its columns, review the partners it names, check a dry run, then import it
            all at once. An import can be undone while nothing it wrote has been changed.
          </p>
        </div>
      </header>
      <UploadCard templates={templates} error={actionData && "error" in actionData ? actionData.error : null} />
      <RecentImports jobs={jobs} />
      <Templates templates={templates} />
    </div>
  );
}

type IndexData = SerializeFrom<typeof loader>;

function UploadCard({ templates, error }: { templates: IndexData["templates"]; error: string | null }) {
  return (
    <section className="card form-card" aria-labelledby="upload-h">
      <h2 id="upload-h">Upload a file</h2>
      <Form method="post" encType="multipart/form-data" className="import-upload">
        {error ? <p className="notice notice-error" role="alert" id="upload-error">{error}</p> : null}
        <label className="field field-wide">
          <span className="field-label">Register (.xlsx or .csv)</span>
          <input
            type="file" name="file" required accept={IMPORT_EXTENSIONS.join(",")}
            aria-describedby={error ? "upload-hint upload-error" : "upload-hint"} aria-invalid={error ? true : undefined}
          />
          <span className="field-hint" id="upload-hint">
            Up to {formatBytes(MAX_IMPORT_BYTES)} and {MAX_IMPORT_ROWS.toLocaleString("en-GB")} rows. CSV separated by commas or
            semicolons, in UTF-8 or Windows-1252 (Italian Excel): both are recognised. One row per agreement, or one row per party.
          </span>
        </label>
        {templates.length ? (
          <label className="field">
            <span className="field-label">Mapping template</span>
            <select name="templateId" defaultValue="">
              <option value="">The best fitting one, if any</option>
              {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
        ) : null}
        <div className="form-actions">
          <SubmitButton pendingLabel="Uploading…">Upload and read</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

function RecentImports({ jobs }: { jobs: IndexData["jobs"] }) {
  return (
    <section className="card" aria-labelledby="recent-h">
      <h2 id="recent-h">Latest imports</h2>
      {jobs.length === 0 ? (
        <p className="empty-inline">No register has been imported yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table cards">
            <thead>
              <tr><th scope="col">File</th><th scope="col">Status</th><th scope="col">Rows</th><th scope="col">Agreements</th><th scope="col">By</th><th scope="col">Started</th></tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td data-label="File"><Link to={`/import/${j.id}`}>{j.fileName}</Link> <span className="muted">#{j.id}</span></td>
                  <td data-label="Status"><span className={`badge badge-import-${j.status.toLowerCase()}`}>{IMPORT_STATUSES.label(j.status)}</span></td>
                  <td data-label="Rows">{j.rowCount.toLocaleString("en-GB")}</td>
                  <td data-label="Agreements">
                    {j.totals ? `${j.totals.agreements.CREATE} new, ${j.totals.agreements.UPDATE} updated` : "—"}
                  </td>
                  <td data-label="By">{j.createdByEmail}</td>
                  <td data-label="Started">{new Date(j.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Templates({ templates }: { templates: IndexData["templates"] }) {
  if (!templates.length) return null;
  return (
    <section className="card" aria-labelledby="templates-h">
      <h2 id="templates-h">Saved mappings</h2>
      <p className="field-hint">A template is applied by itself to a file with the same headers; choose one above to force it.</p>
      <ul className="plain-list">
        {templates.map((t) => (
          <li key={t.id} className="template-row">
            <span><strong>{t.name}</strong> · {t.columns} columns</span>
            <Form method="post">
              <input type="hidden" name="templateId" value={t.id} />
              <SubmitButton intent="delete-template" fields={{ templateId: t.id }} className="button button-quiet button-danger" pendingLabel="Deleting…">
                Delete<span className="visually-hidden"> template {t.name}</span>
              </SubmitButton>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

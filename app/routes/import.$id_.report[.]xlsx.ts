/**
 * GET /import/:id/report.xlsx: the dry run's report (or, once imported,
 * what the import did) as a spreadsheet: one row per row of the file with
 * its outcome, the agreement, and each error or warning with its cell.
 * Editors and admins.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { utcToday } from "~/domain/dates";
import { exportFileName } from "~/domain/export-names";
import { reportLines } from "~/models/import-dry-run.server";
import { getImportJob } from "~/models/import-jobs.server";
import { buildWorkbook, xlsxResponse, type SheetCell } from "~/models/spreadsheet.server";
import { requirePermission } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";

const OUTCOME: Record<string, string> = { CREATE: "Will create", UPDATE: "Will update", SKIP: "Will skip", ERROR: "Error" };
const DONE: Record<string, string> = { CREATE: "Created", UPDATE: "Updated", SKIP: "Skipped", ERROR: "Refused" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const job = await getImportJob(Number(params.id) || 0);
  invariantResponse(job, "No such import.", { status: 404 });
  const labels = job.committedAt ? DONE : OUTCOME;
  async function* rows() {
    let batch: SheetCell[][] = [];
    for await (const l of reportLines(job!.id)) {
      const errors = l.messages.filter((m) => m.severity === "error");
      const warnings = l.messages.filter((m) => m.severity !== "error");
      const say = (ms: typeof l.messages) => ms.map((m) => (m.cell ? `${m.cell}: ${m.message}` : m.message)).join("\n");
      batch.push([l.line, labels[l.outcome] ?? l.outcome, l.reference, l.title, say(errors), say(warnings)]);
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  const bytes = await buildWorkbook("Report", [
    { header: "Row", type: "number" }, { header: "Outcome", type: "text" }, { header: "Reference", type: "text" },
    { header: "Title", type: "text", max: 70 }, { header: "Errors", type: "text", max: 80 }, { header: "Warnings", type: "text", max: 80 },
  ], rows());
  return xlsxResponse(bytes, exportFileName("import-report", [String(job.id), job.fileName.replace(/\.[a-z0-9]+$/i, "")], utcToday(), "xlsx"));
}

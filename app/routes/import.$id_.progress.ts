/**
 * GET /import/:id/progress: where an import's running step is (status,
 * rows or organisations done of how many), polled by the import page while
 * a step runs. Editors and admins.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ImportProgressAnswer } from "~/domain/import-status";
import { getImportJob } from "~/models/import-jobs.server";
import { requirePermission } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "agreement:write");
  const job = await getImportJob(Number(params.id) || 0);
  if (!job) return Response.json({ error: "No such import." }, { status: 404 });
  const body: ImportProgressAnswer = { status: job.status, done: job.progressDone, total: job.progressTotal, error: job.error };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}

/**
 * The import's steps (file, columns, partners, dry run, import) as a
 * stepper, and the progress bar of a running step: it asks
 * /import/:id/progress every second and reloads the page's data when the
 * step has ended, so the page can be left and come back to at any time.
 */
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { IMPORT_STATUSES, PROGRESS_UNITS, STEPS, isRunning, stepIndex, type ImportProgressAnswer } from "~/domain/import-status";

export function ImportSteps({ status, failedStep }: { status: string; failedStep: string | null }) {
  const current = stepIndex(status, failedStep);
  const finished = status === "DONE" || status === "UNDONE";
  return (
    <ol className="stepper" aria-label="Import steps">
      {STEPS.map((s, i) => {
        const state = i < current || (finished && i === current) ? "done" : i === current ? "current" : "todo";
        return (
          <li key={s.label} className={`step step-${state}`} aria-current={state === "current" ? "step" : undefined}>
            <span className="step-dot" aria-hidden="true">{state === "done" ? "✓" : i + 1}</span>
            <span className="step-label">{s.label}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** The running step's bar; polls until the status changes, then reloads the page's data. */
export function ImportProgress({ jobId, status, done, total }: { jobId: number; status: string; done: number; total: number }) {
  const fetcher = useFetcher<ImportProgressAnswer>();
  const revalidator = useRevalidator();
  const live = fetcher.data ?? { status, done, total, error: "" };
  useEffect(() => {
    if (!isRunning(status)) return;
    const timer = setInterval(() => {
      if (fetcher.state === "idle") fetcher.load(`/import/${jobId}/progress`);
    }, 1000);
    return () => clearInterval(timer);
  }, [jobId, status, fetcher]);
  useEffect(() => {
    if (fetcher.data && fetcher.data.status !== status && revalidator.state === "idle") revalidator.revalidate();
  }, [fetcher.data, status, revalidator]);
  if (!isRunning(status)) return null;
  const running = isRunning(live.status) ? live.status : status;
  const unit = isRunning(running) ? PROGRESS_UNITS[running] : "";
  const max = Math.max(live.total, live.done, 1);
  return (
    <section className="card import-progress" aria-labelledby="progress-h">
      <h2 id="progress-h">{IMPORT_STATUSES.label(running)}…</h2>
      <progress value={live.done} max={max} aria-labelledby="progress-h" aria-describedby="progress-count" />
      <p id="progress-count" className="field-hint" aria-live="polite">
        {live.done.toLocaleString("en-GB")} of {live.total ? `about ${max.toLocaleString("en-GB")}` : "…"} {unit}. You may leave this
        page: the import goes on, and you will find it under Import.
      </p>
    </section>
  );
}

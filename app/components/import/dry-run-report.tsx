/**
 * The dry run's report (and, after the commit, what was imported): the
 * totals, one line per row of the file (will create, will update, will skip,
 * error with the reason and the cell; warnings such as terms a historic
 * register never recorded), filtered by outcome and paged, downloadable as a
 * spreadsheet; the button that imports it all, and the undo once imported.
 */
import { Form, Link } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { SubmitButton } from "~/components/ui/submit-button";
import type { PlanTotals, ReportMessage } from "~/domain/import-plan";
import { REPORT_PAGE_SIZE } from "~/domain/import-status";

const OUTCOME_LABELS: Record<string, string> = { CREATE: "Will create", UPDATE: "Will update", SKIP: "Will skip", ERROR: "Error" };
const DONE_LABELS: Record<string, string> = { CREATE: "Created", UPDATE: "Updated", SKIP: "Skipped", ERROR: "Refused" };

export interface ReportRow {
  line: number; outcome: string; reference: string; title: string; agreementId: string | null; messages: ReportMessage[];
}

export function ImportTotals({ totals, done }: { totals: PlanTotals; done: boolean }) {
  const a = totals.agreements;
  const say = (n: number, one: string, many: string) => [n, n === 1 ? one : many] as const;
  const items = [
    done ? say(a.CREATE, "agreement created", "agreements created") : say(a.CREATE, "agreement to create", "agreements to create"),
    say(a.UPDATE, done ? "updated" : "to update", done ? "updated" : "to update"),
    say(a.SKIP, done ? "skipped (already there)" : "to skip (already there)", done ? "skipped (already there)" : "to skip (already there)"),
    say(a.ERROR, "row refused", "rows refused"), say(totals.warnings, "warning", "warnings"),
    say(totals.partners.matched, "partner matched", "partners matched"),
    done ? say(totals.partners.created, "partner created", "partners created") : say(totals.partners.created, "partner to create", "partners to create"),
    done ? say(totals.partners.withNewAliases, "partner with new other names", "partners with new other names")
      : say(totals.partners.withNewAliases, "partner getting other names", "partners getting other names"),
  ];
  return (
    <ul className="import-totals" aria-label="Totals">
      {items.map(([n, label]) => <li key={label}><strong>{n.toLocaleString("en-GB")}</strong> {label}</li>)}
    </ul>
  );
}

/** What the outcome's badge already says is not repeated in the notes. */
const shown = (messages: ReportMessage[]) => messages.filter((m) => !(m.severity === "info" && /^will (create|skip)$/.test(m.message)));

function ReportTable({ lines, done }: { lines: ReportRow[]; done: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table cards import-report">
        <thead><tr><th scope="col">Row</th><th scope="col">Outcome</th><th scope="col">Agreement</th><th scope="col">Notes</th></tr></thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.line}>
              <td data-label="Row">{l.line}</td>
              <td data-label="Outcome"><span className={`badge badge-outcome-${l.outcome.toLowerCase()}`}>{(done ? DONE_LABELS : OUTCOME_LABELS)[l.outcome] ?? l.outcome}</span></td>
              <td data-label="Agreement" className="col-wide">
                {l.agreementId && done ? <Link to={`/agreements/${l.agreementId}`}>{l.reference || l.title}</Link> : l.reference}
                {l.title && (l.reference || !done || !l.agreementId) ? <div>{l.title}</div> : null}
              </td>
              <td data-label="Notes" className="col-wide">
                {shown(l.messages).length ? (
                  <ul className="plain-list import-messages">
                    {shown(l.messages).map((m, i) => <li key={i} className={`message-${m.severity}`}>{m.cell ? <strong>{m.cell}: </strong> : null}{m.message}</li>)}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DryRunReport({ jobId, lines, total, counts, show, page, done }: {
  jobId: number; lines: ReportRow[]; total: number; counts: Record<string, number>; show: string; page: number; done: boolean;
}) {
  const tabs: [string, string][] = [["", "All rows"], ["CREATE", (done ? DONE_LABELS : OUTCOME_LABELS).CREATE!], ["UPDATE", (done ? DONE_LABELS : OUTCOME_LABELS).UPDATE!],
    ["SKIP", (done ? DONE_LABELS : OUTCOME_LABELS).SKIP!], ["ERROR", "Errors"], ["WARNING", "Warnings"]];
  const all = Object.entries(counts).filter(([k]) => k !== "WARNING").reduce((n, [, v]) => n + v, 0);
  return (
    <section className="card" aria-labelledby="report-h">
      <div className="card-header">
        <h2 id="report-h">{done ? "What was imported, row by row" : "Dry run: what the import will do"}</h2>
        <a className="button button-quiet" href={`/import/${jobId}/report.xlsx`} download>Download the report (.xlsx)</a>
      </div>
      <nav className="quick-views" aria-label="Which rows">
        {tabs.map(([key, label]) => (
          <Link key={key} to={`/import/${jobId}?step=report${key ? `&show=${key}` : ""}`} aria-current={show === key ? "page" : undefined}>
            {label} ({(key ? counts[key] : all) ?? 0})
          </Link>
        ))}
      </nav>
      {lines.length ? <ReportTable lines={lines} done={done} /> : <p className="empty-inline">No row here.</p>}
      <Pagination page={page} size={REPORT_PAGE_SIZE} total={total} hrefFor={(p) => `/import/${jobId}?step=report${show ? `&show=${show}` : ""}&page=${p}`} />
    </section>
  );
}

export function CommitCard({ jobId, totals, error }: { jobId: number; totals: PlanTotals; error: string | null }) {
  const writes = totals.agreements.CREATE + totals.agreements.UPDATE;
  return (
    <section className="card" aria-labelledby="commit-h">
      <h2 id="commit-h">Import</h2>
      <ImportTotals totals={totals} done={false} />
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      <p className="field-hint">Nothing has been written yet. The import is written all at once: if anything fails, nothing of it is.</p>
      <Form method="post" className="form-actions">
        <SubmitButton intent="commit" disabled={writes === 0} pendingLabel="Starting…">
          {writes === 0 ? "Nothing to import" : `Import ${writes.toLocaleString("en-GB")} agreement${writes === 1 ? "" : "s"}`}
        </SubmitButton>
        <Link className="button button-quiet" to={`/import/${jobId}?step=partners`}>Back to the partners</Link>
        <Link className="button button-quiet" to={`/import/${jobId}?step=columns`}>Back to the columns</Link>
        <SubmitButton intent="discard" className="button button-quiet button-danger" pendingLabel="Discarding…">Discard this import</SubmitButton>
      </Form>
    </section>
  );
}

export function DoneCard({ totals, blockers, undone, error, committedAt }: {
  totals: PlanTotals | null; blockers: string[]; undone: boolean; error: string | null; committedAt: string | Date | null;
}) {
  return (
    <section className="card" aria-labelledby="done-h">
      <h2 id="done-h">{undone ? "This import was undone" : "Imported"}</h2>
      {committedAt ? <p className="field-hint">Imported on {new Date(committedAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC.</p> : null}
      {totals ? <ImportTotals totals={totals} done /> : null}
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {undone ? (
        <p>Every agreement and partner it created was deleted, and what it changed was put back.</p>
      ) : blockers.length ? (
        <div className="notice notice-warning">
          <strong>It can no longer be undone as a whole:</strong>
          <ul>{blockers.slice(0, 10).map((b) => <li key={b}>{b}</li>)}</ul>
        </div>
      ) : (
        <Form method="post" className="form-actions">
          <SubmitButton intent="undo" className="button button-quiet button-danger" pendingLabel="Starting…">Undo this import</SubmitButton>
          <p className="field-hint">Deletes what it created and puts back what it changed, while none of it has been changed since.</p>
        </Form>
      )}
      <p><Link to="/agreements">Go to the agreements</Link> · <Link to="/import">Import another file</Link></p>
    </section>
  );
}

/**
 * The admin's operations page, piece by piece: the last backup (when, how
 * big, whether it verified) with "Back up now", the backups kept, each
 * background job's last run, and how people sign in (single sign-on,
 * passwords) and who reads /metrics.
 */
import { Form } from "@remix-run/react";
import { formatBytes } from "~/domain/documents";
import { SubmitButton } from "./ui/submit-button";

export interface BackupRow {
  name: string;
  createdAt: Date | string;
  bytes: number;
  files: number;
  verified: boolean;
}

export interface JobRow {
  name: string;
  lastRunAt: Date | string;
  lastOutcome: string;
  lastDurationMs: number;
  lastError: string;
  lastSuccessAt: Date | string | null;
  runs: number;
  failures: number;
}

export function when(value: Date | string | null | undefined): string {
  if (!value) return "never";
  return new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Rome" });
}

function ageText(value: Date | string, now: Date): string {
  const hours = (now.getTime() - new Date(value).getTime()) / 3_600_000;
  if (hours < 1) return "less than an hour ago";
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? "" : "s"} ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

export function LastBackup({ last, running, next, now }: { last: BackupRow | null; running: boolean; next: string | null; now: Date }) {
  const stale = !last || now.getTime() - new Date(last.createdAt).getTime() > 26 * 3_600_000;
  return (
    <section className="card" aria-labelledby="backup-h">
      <h2 id="backup-h">Last backup</h2>
      {last ? (
        <dl className="facts">
          <div><dt>Taken</dt><dd>{when(last.createdAt)} <span className="muted">({ageText(last.createdAt, now)})</span></dd></div>
          <div><dt>Size</dt><dd>{formatBytes(last.bytes)} · {last.files} document file{last.files === 1 ? "" : "s"}</dd></div>
          <div><dt>Verified</dt><dd>{last.verified ? <span className="badge badge-ok">Verified</span> : <span className="badge badge-bad">Not verified</span>} <span className="muted">integrity check and every file's SHA-256</span></dd></div>
          <div><dt>Folder</dt><dd><code className="wrap-code">{last.name}</code></dd></div>
        </dl>
      ) : (
        <p className="empty-state">No backup has been taken yet.</p>
      )}
      {stale ? <p className="notice notice-error" role="status">{last ? "The last backup is more than a day old." : "Take one now, and check the schedule."}</p> : null}
      <p className="muted">{next ? `Next scheduled backup: ${when(next)}.` : "The server's schedule is off (BACKUP_SCHEDULE=off): back up with npm run backup from cron."}</p>
      <Form method="post">
        <SubmitButton intent="backup-now" pendingLabel="Backing up…" disabled={running}>{running ? "A backup is running…" : "Back up now"}</SubmitButton>
      </Form>
    </section>
  );
}

export function BackupList({ backups, dir, keep }: { backups: BackupRow[]; dir: string; keep: string }) {
  return (
    <section className="card" aria-labelledby="backups-h">
      <h2 id="backups-h">Backups kept</h2>
      <p className="muted">In <code className="wrap-code">{dir}</code>; {keep}. Restore one with <code>npm run restore -- &lt;folder&gt;</code> into an empty location.</p>
      {backups.length ? (
        <div className="table-wrap">
          <table className="data-table cards">
            <caption className="visually-hidden">Backups kept</caption>
            <thead><tr><th scope="col">Taken</th><th scope="col">Size</th><th scope="col">Documents</th><th scope="col">Verified</th></tr></thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.name}>
                  <td className="col-title" data-label="Taken">{when(b.createdAt)}</td><td data-label="Size">{formatBytes(b.bytes)}</td>
                  <td data-label="Documents">{b.files}</td>
                  <td data-label="Verified">{b.verified ? "Yes" : <span className="badge badge-bad">No</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="empty-state">None yet.</p>}
    </section>
  );
}

export function JobsTable({ jobs }: { jobs: JobRow[] }) {
  return (
    <section className="card" aria-labelledby="jobs-h">
      <h2 id="jobs-h">Background jobs</h2>
      {jobs.length ? (
        <div className="table-wrap">
          <table className="data-table cards">
            <caption className="visually-hidden">Background jobs and their last run</caption>
            <thead><tr><th scope="col">Job</th><th scope="col">Last run</th><th scope="col">Outcome</th><th scope="col">Took</th><th scope="col">Last success</th><th scope="col">Runs (failed)</th></tr></thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.name}>
                  <td className="col-title" data-label="Job">{j.name}</td><td data-label="Last run">{when(j.lastRunAt)}</td>
                  <td data-label="Outcome">{j.lastOutcome === "OK" ? "Succeeded" : <><span className="badge badge-bad">Failed</span> <span className="muted">{j.lastError}</span></>}</td>
                  <td data-label="Took">{(j.lastDurationMs / 1000).toFixed(1)} s</td><td data-label="Last success">{when(j.lastSuccessAt)}</td>
                  <td data-label="Runs (failed)">{j.runs} ({j.failures})</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="empty-state">No background job has reported yet.</p>}
    </section>
  );
}

export function SignInSettings({ sso, passwordLogin, metrics, pending }: { sso: { issuer: string; newAccounts: string } | null; passwordLogin: boolean; metrics: string; pending: number }) {
  return (
    <section className="card" aria-labelledby="signin-h">
      <h2 id="signin-h">Signing in and monitoring</h2>
      <dl className="facts">
        <div><dt>Single sign-on</dt><dd>{sso ? <>On, with <code className="wrap-code">{sso.issuer}</code>; a first sign-on without an account {sso.newAccounts === "request" ? "asks for a viewer account you approve" : "is told to ask an admin"}</> : "Off (set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)"}</dd></div>
        <div><dt>Passwords</dt><dd>{passwordLogin ? "Accepted" : "Switched off (PASSWORD_LOGIN=0)"}</dd></div>
        <div><dt>Awaiting approval</dt><dd>{pending ? <a href="/admin/users">{pending} account request{pending === 1 ? "" : "s"}</a> : "None"}</dd></div>
        <div><dt>/metrics</dt><dd>{metrics}</dd></div>
      </dl>
    </section>
  );
}

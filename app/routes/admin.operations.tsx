/**
 * /admin/operations: running HT Collaborations (admins only): the last
 * backup, its size and whether it verified, "Back up now", the backups
 * kept, each background job's last run, and how people sign in.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BackupList, JobsTable, LastBackup, SignInSettings, type BackupRow } from "~/components/operations";
import { formatBytes } from "~/domain/documents";
import { backupNow, backupRunning, nextScheduledBackup } from "~/models/backup-schedule.server";
import { configuredPaths, listBackups, type BackupEntry } from "~/models/backup.server";
import { listJobRuns } from "~/models/jobs.server";
import { requirePermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Operations · HT Collaborations" }];

export const handle: BreadcrumbHandle<typeof loader> = { breadcrumb: () => [{ label: "Operations" }] };

const row = (b: BackupEntry): BackupRow => ({
  name: b.name, createdAt: b.createdAt, bytes: b.bytes, files: b.manifest?.files.count ?? 0, verified: b.manifest?.verified ?? false,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  const e = env();
  const [backups, jobs, pending] = await Promise.all([
    listBackups(), listJobRuns(), prisma.user.count({ where: { active: false, requestedAt: { not: null } } }),
  ]);
  return {
    backups: backups.map(row),
    running: backupRunning(),
    next: nextScheduledBackup()?.toISOString() ?? null,
    dir: configuredPaths().backupDir,
    keep: `the newest of each of the last ${e.BACKUP_KEEP_DAILY} days, ${e.BACKUP_KEEP_WEEKLY} weeks and ${e.BACKUP_KEEP_MONTHLY} months`,
    jobs,
    sso: e.OIDC_ISSUER ? { issuer: e.OIDC_ISSUER, newAccounts: e.OIDC_NEW_ACCOUNTS } : null,
    passwordLogin: e.PASSWORD_LOGIN,
    metrics: e.METRICS_TOKEN ? "Readable with the METRICS_TOKEN (Authorization: Bearer)" : "Readable from this machine only (set METRICS_TOKEN for a scraper elsewhere)",
    pending,
    now: new Date().toISOString(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "user:manage");
  const form = await readForm(request);
  if (form.get("intent") !== "backup-now") return data({ ok: false, message: "Nothing to do." }, { status: 400 });
  try {
    const manifest = await backupNow("admin page");
    return { ok: true, message: `Backup ${manifest.name} taken and verified: ${formatBytes(manifest.database.bytes + manifest.files.bytes)}.` };
  } catch (error) {
    return data({ ok: false, message: `The backup failed: ${error instanceof Error ? error.message : String(error)}` }, { status: 500 });
  }
}

export default function Operations() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const now = new Date(d.now);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Operations</h1>
          <p className="subtitle">Backups, background jobs and signing in.</p>
        </div>
      </header>
      {result ? <p className={`notice ${result.ok ? "notice-success" : "notice-error"}`} role="status">{result.message}</p> : null}
      <div className="ops-grid">
        <LastBackup last={d.backups[0] ?? null} running={d.running} next={d.next} now={now} />
        <SignInSettings sso={d.sso} passwordLogin={d.passwordLogin} metrics={d.metrics} pending={d.pending} />
      </div>
      <JobsTable jobs={d.jobs} />
      <BackupList backups={d.backups} dir={d.dir} keep={d.keep} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

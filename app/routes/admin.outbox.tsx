/**
 * /admin/outbox (admins): the e-mails the app sent or, in demo mode without
 * SMTP_URL, would have sent, exactly as built; reminders waiting after a
 * failure; the reminder job's last runs with what each did; and "Send due
 * reminders now", which runs the same job as the scheduler (same lock).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { SubmitButton } from "~/components/ui/submit-button";
import { formatDay } from "~/domain/dates";
import { outboxPage } from "~/models/outbox.server";
import { runReminders } from "~/models/reminder-job.server";
import { requirePermission } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { mailerFromEnv } from "~/utils/mailer.server";
import { withParams } from "~/utils/url";

const OUTBOX_PAGE_SIZE = 30;

export const meta: MetaFunction = () => [{ title: "Outbox · HT Collaborations" }];

export const handle: BreadcrumbHandle = { breadcrumb: () => [{ label: "Admin" }, { label: "Outbox and reminders" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "reminders:manage");
  const page = z.coerce.number().int().min(1).catch(1).parse(new URL(request.url).searchParams.get("page") ?? 1);
  const mailer = mailerFromEnv();
  const view = await outboxPage(page, OUTBOX_PAGE_SIZE);
  mailer?.close();
  return { ...view, page, mail: mailer ? mailer.describe : "nowhere: outside demo mode reminders need SMTP_URL", outbox: !env().SMTP_URL, schedule: env().REMINDERS ? env().REMINDER_SCHEDULE : null };
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "reminders:manage");
  const result = await runReminders({ trigger: "manual" });
  return { status: result.status, summary: result.summary };
}

const when = (d: Date | string) => `${formatDay(d)} ${new Date(d).toISOString().slice(11, 16)} UTC`;

function Runs({ runs }: { runs: ReturnType<typeof useLoaderData<typeof loader>>["runs"] }) {
  if (!runs.length) return <p className="empty-inline">The reminder job has not run yet.</p>;
  return (
    // Scrolls sideways on a phone: focusable and named, so the keyboard can scroll it.
    <div className="table-wrap" role="region" aria-label="The reminder job's last runs" tabIndex={0}>
      <table className="data-table">
        <caption className="visually-hidden">The reminder job's last runs</caption>
        <thead><tr><th scope="col">Started</th><th scope="col">How</th><th scope="col">Result</th><th scope="col" className="col-num">Sent</th><th scope="col">What it did</th></tr></thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td className="col-date">{when(r.startedAt)}</td>
              <td>{r.trigger}</td>
              <td><span className={`badge run-${r.status.toLowerCase()}`}>{r.status.toLowerCase()}</span></td>
              <td className="col-num">{r.sent}</td>
              <td>{r.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Outbox() {
  const { messages, total, page, runs, waiting, counts, mail, outbox, schedule } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Outbox and reminders</h1>
          <p className="subtitle">Mail goes to {mail}. {schedule ? `The server runs the reminders on “${schedule}” (UTC) and at start.` : "This server runs no scheduler (REMINDERS=0): run npm run reminders from cron."}</p>
        </div>
        <Form method="post" className="header-actions">
          <SubmitButton pendingLabel="Sending…">Send due reminders now</SubmitButton>
        </Form>
      </header>
      {actionData ? <p className={actionData.status === "FAILED" ? "notice notice-error" : "notice notice-success"} role="status">{actionData.summary}</p> : null}
      <p className="muted">{(counts.SENT ?? 0).toLocaleString("en-GB")} messages sent · {(counts.BUNDLED ?? 0).toLocaleString("en-GB")} reminders sent inside digests · {(counts.FAILED ?? 0).toLocaleString("en-GB")} waiting after a failure · {(counts.CANCELLED ?? 0).toLocaleString("en-GB")} cancelled (dealt with first)</p>
      <h2>Last runs</h2>
      <Runs runs={runs} />
      {waiting.length ? (
        <>
          <h2>Waiting to be sent</h2>
          <ul className="plain-list">
            {waiting.map((d) => <li key={d.id}><strong>{d.subject || d.kind.toLowerCase()}</strong> to {d.user.name} &lt;{d.user.email}&gt;: {d.status.toLowerCase()} after {d.attempts} attempt{d.attempts === 1 ? "" : "s"}{d.lastError ? ` (${d.lastError})` : ""}</li>)}
          </ul>
        </>
      ) : null}
      <h2>{outbox ? "Outbox: what would have been sent" : "Outbox"}</h2>
      {messages.length ? (
        <ol className="outbox-list">
          {messages.map((m) => (
            <li key={m.id} className="card outbox-message">
              <details>
                <summary>
                  <span className="outbox-subject">{m.subject}</span>
                  <span className="muted small">to {m.to} · {when(m.createdAt)}</span>
                </summary>
                <p className="mono small muted">Message-ID: {m.messageId}</p>
                <pre className="outbox-text">{m.text}</pre>
              </details>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty-inline">{outbox ? "Nothing yet: reminders appear here as the job sends them." : "With SMTP_URL set, messages go to the SMTP server and are not kept here."}</p>
      )}
      <Pagination page={page} size={OUTBOX_PAGE_SIZE} total={total} hrefFor={(p) => withParams(params, { page: p })} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

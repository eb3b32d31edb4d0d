/**
 * /account/reminders: the logged-in person's reminders: when they are
 * e-mailed before a deadline (or the default), the weekly digest, their
 * private calendar feed (created or replaced here: the old address stops
 * working at once; the new one is shown once), and what they watch.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/ui/submit-button";
import { isHiddenFrom, RESTRICTED_PLACEHOLDER } from "~/domain/confidentiality";
import { formatDay } from "~/domain/dates";
import { describeOffset, OFFSET_CHOICES } from "~/domain/reminders";
import { regenerateFeedToken, revokeFeedToken } from "~/models/calendar.server";
import { reminderSettings, saveReminderSettings } from "~/models/reminder-settings.server";
import { setWatching } from "~/models/watches.server";
import { requirePermission } from "~/utils/auth.server";
import { messageFailure } from "~/utils/errors.server";

export const meta: MetaFunction = () => [{ title: "Reminders and calendar · HT Collaborations" }];

export const handle: BreadcrumbHandle = {
  breadcrumb: () => [{ label: "Your account", to: "/account" }, { label: "Reminders and calendar" }],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const settings = await reminderSettings(user.id);
  return {
    ...settings,
    // What a viewer may see of a restricted agreement they watch: that it exists.
    watches: settings.watches.map((w) => ({
      id: w.id,
      unit: w.unit,
      agreement: w.agreement ? (isHiddenFrom(user, w.agreement) ? { id: null, reference: "", title: RESTRICTED_PLACEHOLDER } : w.agreement) : null,
    })),
  };
}

const PreferencesSchema = z.object({
  offsets: z.array(z.coerce.number().int().min(-1).max(365)).max(20),
  weeklyDigest: z.boolean(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  try {
    if (intent === "preferences") {
      const parsed = PreferencesSchema.safeParse({ offsets: form.getAll("offset"), weeklyDigest: form.get("weeklyDigest") === "on" });
      if (!parsed.success) return data({ intent, error: "Choose the days from the list." }, { status: 400 });
      if (!parsed.data.offsets.length && !parsed.data.weeklyDigest) {
        return data({ intent, error: "Keep at least one reminder or the weekly digest: a deadline nobody hears about is the one that gets missed." }, { status: 400 });
      }
      await saveReminderSettings(user, parsed.data);
      return { intent, saved: true };
    }
    if (intent === "feed") return { intent, feedUrl: await regenerateFeedToken(user) };
    if (intent === "feed-off") {
      await revokeFeedToken(user);
      return { intent, saved: true };
    }
    if (intent === "unwatch") {
      const agreementId = String(form.get("agreementId") ?? "");
      const unitId = String(form.get("unitId") ?? "");
      await setWatching(user, agreementId ? { agreementId } : { unitId }, false);
      return { intent, saved: true };
    }
  } catch (error) {
    return messageFailure(error, { intent });
  }
  return data({ intent, error: "Unknown action." }, { status: 400 });
}

function Preferences({ offsets, defaults, weeklyDigest, error }: { offsets: number[]; defaults: number[]; weeklyDigest: boolean; error: string | null }) {
  return (
    <section className="card" aria-labelledby="prefs-h">
      <h2 id="prefs-h">E-mail reminders</h2>
      <p className="muted">For the deadlines you are responsible for and those of the agreements and HT units you watch. The office's default: {defaults.map(describeOffset).join(", ")}.</p>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      <Form method="post" className="stack">
        <fieldset className="check-columns offset-choices">
          <legend className="field-label">Remind me</legend>
          {OFFSET_CHOICES.map((o) => (
            <label key={o} className="check">
              <input type="checkbox" name="offset" value={o} defaultChecked={offsets.includes(o)} /> {describeOffset(o)}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" name="weeklyDigest" defaultChecked={weeklyDigest} /> Also send me a weekly digest of the next two weeks
        </label>
        <div className="form-actions"><SubmitButton intent="preferences" pendingLabel="Saving…">Save reminders</SubmitButton></div>
      </Form>
    </section>
  );
}

function Feed({ feed, newUrl }: { feed: { createdAt: Date | null; usedAt: Date | null } | null; newUrl: string | null }) {
  return (
    <section className="card" aria-labelledby="feed-h">
      <h2 id="feed-h">Calendar feed</h2>
      <p className="muted">A private address for Outlook, Google Calendar or Apple Calendar: your deadlines appear as all-day events and follow every change. Anyone with the address sees them, so keep it to yourself.</p>
      {newUrl ? (
        <div className="notice notice-success feed-url" role="status">
          <p><strong>Your new feed address</strong> (shown only now: copy it into your calendar):</p>
          <input type="text" readOnly value={newUrl} aria-label="Calendar feed address" onFocus={(e) => e.currentTarget.select()} />
          <p className="small">Outlook: Add calendar › Subscribe from web. Google Calendar: Other calendars › From URL. Or <a href={newUrl.replace(/^https?:/, "webcal:")}>open it in your calendar app</a>.</p>
        </div>
      ) : null}
      <p>{feed ? <>Your feed was created on {formatDay(feed.createdAt)}; {feed.usedAt ? `a calendar last read it on ${formatDay(feed.usedAt)}` : "no calendar has read it yet"}.</> : "You have no feed yet."}</p>
      <Form method="post" className="form-actions">
        <SubmitButton intent="feed" pendingLabel="Creating…">{feed ? "Replace the address (the old one stops working)" : "Create my feed"}</SubmitButton>
        {feed ? <SubmitButton intent="feed-off" className="button button-quiet" pendingLabel="Turning off…">Turn the feed off</SubmitButton> : null}
      </Form>
    </section>
  );
}

export default function Reminders() {
  const { offsets, defaults, weeklyDigest, feed, watches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData && "error" in actionData ? String(actionData.error) : null;
  return (
    <div className="page narrow">
      <header className="page-header">
        <div>
          <h1>Reminders and calendar</h1>
          <p className="subtitle">What you hear about, and when. <Link to="/deadlines?who=followed">Your deadlines</Link></p>
        </div>
      </header>
      {actionData && "saved" in actionData ? <p className="notice notice-success" role="status">Saved.</p> : null}
      <Preferences offsets={offsets} defaults={defaults} weeklyDigest={weeklyDigest} error={actionData?.intent === "preferences" ? error ?? null : null} />
      <Feed feed={feed} newUrl={actionData && "feedUrl" in actionData ? actionData.feedUrl ?? null : null} />
      <section className="card" aria-labelledby="watch-h">
        <h2 id="watch-h">What you watch</h2>
        {watches.length ? (
          <ul className="plain-list watch-list">
            {watches.map((w) => (
              <li key={w.id}>
                {w.unit ? <>HT unit <Link to={`/units/${w.unit.id}`}>{w.unit.name}</Link> and its groups</> : w.agreement?.id ? <Link to={`/agreements/${w.agreement.id}`}><span className="mono">{w.agreement.reference}</span> {w.agreement.title}</Link> : <span className="muted">{w.agreement?.title}</span>}
                <Form method="post" className="inline-form">
                  {w.unit ? <input type="hidden" name="unitId" value={w.unit.id} /> : w.agreement?.id ? <input type="hidden" name="agreementId" value={w.agreement.id} /> : null}
                  {w.unit || w.agreement?.id ? <SubmitButton intent="unwatch" className="link-button">Stop watching</SubmitButton> : null}
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-inline">Nothing yet. Use “Watch” on an agreement or an HT unit to follow its deadlines.</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

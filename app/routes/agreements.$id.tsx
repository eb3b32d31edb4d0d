import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { AuditTable } from "~/components/audit-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LifecyclePanel } from "~/components/lifecycle-panel";
import { KindLabel, RestrictedBadge, StatusBadge } from "~/components/status-badge";
import { describeDetails } from "~/domain/agreement-details";
import { TransitionSchema } from "~/domain/agreement-schema";
import { daysBetween, formatDay, noticeDeadline, toDay, utcToday } from "~/domain/dates";
import { effectiveStatus } from "~/domain/lifecycle";
import { isHiddenFrom, isMasked, isRestricted, type MaskedAgreement, type Reader } from "~/domain/confidentiality";
import { can } from "~/domain/permissions";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, GDPR_ROLES, LINK_TYPE_INVERSE, LINK_TYPES, PARTY_ROLES,
  RENEWAL_TYPES, SIGNATURE_STATUSES, VALUE_DIRECTIONS, type AgreementKind, type LinkType,
} from "~/domain/vocabulary";
import { deleteDraft, LifecycleError, moveAgreement, setArchived } from "~/models/agreement-lifecycle.server";
import { everSigned } from "~/models/agreement-write.server";
import { getAgreement, rowFor } from "~/models/agreements.server";
import { listAuditEvents } from "~/models/audit.server";
import { requirePermission } from "~/utils/auth.server";
import { formatEuro } from "~/utils/format";
import { invariantResponse } from "~/utils/http.server";
import { useCan } from "~/utils/user";

export const meta: MetaFunction<typeof loader> = ({ data, error }) => [
  {
    title: data
      ? `${data.agreement.reference} · ${data.agreement.title} · HT Collaborations`
      : isRouteErrorResponse(error) && error.status === 403
        ? "No access · HT Collaborations"
        : "Agreement not found · HT Collaborations",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const record = await getAgreement(params.id ?? "");
  invariantResponse(record, `No agreement has the id “${params.id}”. It may have been mistyped or deleted.`, { status: 404 });
  // The refusal names nothing of the agreement: not even its reference (docs/decisions/010).
  invariantResponse(
    !isHiddenFrom(user, record),
    "This agreement is restricted: only the legal and partnership office and admins can open it.",
    { status: 403 },
  );
  const today = utcToday();
  const { linksFrom, linksTo, statusChanges, researchLines, parties, valueCents, ...agreement } = record;
  const deadline = noticeDeadline(agreement.endDate, agreement.renewalType, agreement.noticePeriodDays);
  const implementing = linksTo.filter((l) => l.type === "IMPLEMENTS").map((l) => l.from);
  // A framework warns when an implementing agreement runs past it.
  const outliving = agreement.endDate
    ? implementing.filter((i) => !i.endDate || i.endDate > agreement.endDate!).map((i) => i.reference)
    : [];
  return {
    agreement: {
      ...agreement,
      valueCents: valueCents === null ? null : Number(valueCents),
      effectiveStatus: effectiveStatus(agreement.status, agreement.endDate, today),
      noticeDeadline: deadline ?? null,
      daysToEnd: agreement.endDate ? daysBetween(today, agreement.endDate) : null,
      details: describeDetails(agreement.kind as AgreementKind, agreement.details),
      deletable: agreement.status === "DRAFT" && !everSigned({ ...agreement, parties }),
    },
    outliving,
    today: toDay(today),
    parties,
    // `from` implements/amends/renews `to`: outgoing links name what this agreement acts on.
    outgoing: linksFrom.map((l) => linkFor(user, l.id, l.type, l.to, l.note, today)),
    incoming: linksTo.map((l) => linkFor(user, l.id, l.type, l.from, l.note, today)),
    statusChanges,
    researchLines: researchLines.map((r) => r.researchLine),
    audit: can(user.role, "audit:read")
      ? await listAuditEvents({ agreementId: agreement.id, page: 1 }, user)
      : null,
  };
}

/** A linked agreement as the reader may see it; a restricted one keeps only its relation (and no note). */
function linkFor(reader: Reader, id: string, type: string, other: Parameters<typeof rowFor>[1], note: string, today: Date) {
  const shown = rowFor(reader, other, today);
  return { id, type: type as LinkType, note: isMasked(shown) ? "" : note, other: shown };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("archive"), version: z.coerce.number().int() }),
  z.object({ intent: z.literal("restore"), version: z.coerce.number().int() }),
  z.object({ intent: z.literal("delete"), version: z.coerce.number().int() }),
]);

/** Lifecycle moves, archive/restore, and (admins) deleting an unsigned draft. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const id = params.id ?? "";
  const formData = await request.formData();
  try {
    if (formData.get("intent") === "move") {
      const submission = parseWithZod(formData, { schema: TransitionSchema });
      if (submission.status !== "success") {
        return data({ to: String(formData.get("to")), result: submission.reply(), message: null }, { status: 400 });
      }
      try {
        await moveAgreement(user, id, submission.value);
      } catch (error) {
        if (!(error instanceof LifecycleError) || error.status === 404) throw error;
        const reply = error.field && error.field !== "to"
          ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
          : submission.reply({ formErrors: [error.message] });
        return data({ to: submission.value.to, result: reply, message: null }, { status: error.status });
      }
      throw redirect(`/agreements/${id}?saved=status`);
    }
    const parsed = ActionSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, "Unknown action.", { status: 400 });
    const { intent, version } = parsed.data;
    if (intent === "delete") {
      await requirePermission(request, "agreement:delete-draft");
      await deleteDraft(user, id, version);
      throw redirect("/agreements?deleted=1");
    }
    await setArchived(user, id, version, intent === "archive");
    throw redirect(`/agreements/${id}?saved=${intent}d`);
  } catch (error) {
    if (error instanceof LifecycleError) {
      if (error.status === 404) throw new Response(error.message, { status: 404 });
      return data({ to: null, result: undefined, message: error.message }, { status: error.status });
    }
    throw error;
  }
}

const SAVED: Record<string, string> = {
  created: "Agreement recorded as a draft.",
  updated: "Changes saved.",
  unchanged: "Nothing had changed, so nothing was saved.",
  status: "Status updated.",
  archived: "Agreement archived. It no longer appears in lists; restore it at any time.",
  restored: "Agreement restored.",
};

export default function AgreementPage() {
  const {
    agreement: a, parties, outgoing, incoming, statusChanges, researchLines, audit, outliving, today,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const canWrite = useCan("agreement:write");
  const canDelete = useCan("agreement:delete-draft");
  const saved = SAVED[params.get("saved") ?? ""];
  const units = parties.filter((p) => p.unit);
  const partners = parties.filter((p) => p.partner);
  return (
    <article className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/agreements">Agreements</Link> <span aria-hidden="true">›</span> <span>{a.reference}</span>
      </nav>
      <header className="page-header">
        <div>
          <p className="eyebrow mono">{a.reference}</p>
          <h1>{a.title}</h1>
          <p className="header-badges">
            <StatusBadge status={a.effectiveStatus} /> <KindLabel kind={a.kind} />{" "}
            {isRestricted(a) ? <RestrictedBadge /> : null}
            {a.archivedAt ? <span className="badge">Archived {formatDay(a.archivedAt)}</span> : null}
          </p>
        </div>
        {canWrite ? (
          <div className="header-actions">
            {!a.archivedAt ? <Link to="edit" className="button">Edit</Link> : null}
            {!a.archivedAt ? <Link to="renew" className="button button-quiet">Renew</Link> : null}
            {!a.archivedAt ? <Link to="amend" className="button button-quiet">Amend</Link> : null}
            <Form method="post">
              <input type="hidden" name="version" value={a.version} />
              <button type="submit" name="intent" value={a.archivedAt ? "restore" : "archive"} className="button button-quiet">
                {a.archivedAt ? "Restore" : "Archive"}
              </button>
            </Form>
            {a.deletable && canDelete ? (
              <Form method="post" onSubmit={(e) => { if (!confirm(`Delete the draft ${a.reference} for good?`)) e.preventDefault(); }}>
                <input type="hidden" name="version" value={a.version} />
                <button type="submit" name="intent" value="delete" className="button button-quiet button-danger">Delete draft</button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </header>

      {saved ? <p className="notice notice-success" role="status">{saved}</p> : null}
      {actionData?.message ? <p className="notice notice-error" role="alert">{actionData.message}</p> : null}
      {a.archivedAt ? (
        <p className="notice notice-warning" role="status">
          Archived on {formatDay(a.archivedAt)}: it is kept for the record but left out of lists and counts.
        </p>
      ) : null}
      {outliving.length ? (
        <p className="notice notice-warning" role="status">
          {outliving.length === 1 ? "An implementing agreement runs" : `${outliving.length} implementing agreements run`} past
          this framework's end ({formatDay(a.endDate)}): {outliving.join(", ")}. Renew the framework or shorten them.
        </p>
      ) : null}
      {a.effectiveStatus === "EXPIRED" && a.status === "ACTIVE" ? (
        <p className="notice notice-warning" role="status">
          This agreement passed its end date on {formatDay(a.endDate)} and is shown as expired.
        </p>
      ) : null}
      {a.effectiveStatus === "ACTIVE" && a.daysToEnd !== null && a.daysToEnd <= 90 ? (
        <p className="notice notice-warning" role="status">
          Ends in {a.daysToEnd} days, on {formatDay(a.endDate)}.
          {a.noticeDeadline ? ` Last day to give notice: ${formatDay(a.noticeDeadline)}.` : ""}
        </p>
      ) : null}

      <div className="detail-grid">
        <section aria-labelledby="terms" className="card">
          <h2 id="terms">Terms</h2>
          <dl className="fields">
            <Field label="Kind">{AGREEMENT_KINDS.label(a.kind)}</Field>
            <Field label="Status">{AGREEMENT_STATUSES.label(a.effectiveStatus)}</Field>
            <Field label="Signed on">{formatDay(a.signatureDate)}</Field>
            <Field label="Start">{formatDay(a.startDate)}</Field>
            <Field label="End">{formatDay(a.endDate)}</Field>
            <Field label="Renewal">
              {RENEWAL_TYPES.label(a.renewalType)}
              {a.noticePeriodDays ? `, ${a.noticePeriodDays} days' notice` : ""}
            </Field>
            {a.noticeDeadline ? <Field label="Notice deadline">{formatDay(a.noticeDeadline)}</Field> : null}
            <Field label="Value">
              {a.valueCents === null ? "" : `${formatEuro(a.valueCents)} (${VALUE_DIRECTIONS.label(a.valueDirection)})`}
            </Field>
            <Field label="Confidentiality">{CONFIDENTIALITY.label(a.confidentiality)}</Field>
            <Field label="HT owner">{a.htOwner}</Field>
            <Field label="Partner contact">{a.partnerContact}</Field>
            <Field label="Protocol number">{a.protocolNumber}</Field>
            <Field label="Board approval">{formatDay(a.boardApprovalDate)}</Field>
          </dl>
        </section>

        <section aria-labelledby="specific" className="card">
          <h2 id="specific">{AGREEMENT_KINDS.label(a.kind)}: specific terms</h2>
          <dl className="fields">
            {a.details.map((d) => (
              <Field key={d.name} label={d.label}>
                {d.type === "date" && d.value ? formatDay(d.value) : d.value}
              </Field>
            ))}
          </dl>
          {a.summary ? (
            <>
              <h3>Summary</h3>
              <p className="prose">{a.summary}</p>
            </>
          ) : null}
          {researchLines.length ? (
            <>
              <h3>Research lines served</h3>
              <ul className="plain-list">
                {researchLines.map((r) => (
                  <li key={r.id}>
                    {r.name} <span className="muted">(<Link to={`/units/${r.unit.id}`}>{r.unit.name}</Link>)</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="parties" className="card">
        <h2 id="parties">Parties</h2>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Signing parties with their roles</caption>
            <thead>
              <tr>
                <th scope="col">Party</th>
                <th scope="col">Side</th>
                <th scope="col">Role</th>
                <th scope="col">Contact</th>
                {a.kind === "DATA_SHARING" ? <th scope="col">GDPR role</th> : null}
                <th scope="col">Signature</th>
              </tr>
            </thead>
            <tbody>
              {[...units, ...partners].map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.unit ? (
                      <Link to={`/units/${p.unit.id}`}>{p.unit.name}</Link>
                    ) : p.partner ? (
                      <Link to={`/partners/${p.partner.id}`}>
                        {p.partner.name}{p.partner.acronym ? ` (${p.partner.acronym})` : ""}
                      </Link>
                    ) : null}
                  </td>
                  <td>{p.unit ? "Human Technopole" : "Partner"}</td>
                  <td>{PARTY_ROLES.label(p.role)}</td>
                  <td>
                    {p.contactName}
                    {p.contactEmail ? <> · <a href={`mailto:${p.contactEmail}`}>{p.contactEmail}</a></> : null}
                  </td>
                  {a.kind === "DATA_SHARING" ? <td>{p.gdprRole ? GDPR_ROLES.label(p.gdprRole) : ""}</td> : null}
                  <td>
                    {SIGNATURE_STATUSES.label(p.signatureStatus)}
                    {p.signedAt ? ` ${formatDay(p.signedAt)}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="links" className="card">
        <h2 id="links">Linked agreements</h2>
        {outgoing.length || incoming.length ? (
          <ul className="link-list">
            {outgoing.map((l) => (
              <LinkItem key={l.id} relation={LINK_TYPES.label(l.type)} other={l.other} note={l.note} />
            ))}
            {incoming.map((l) => (
              <LinkItem key={l.id} relation={LINK_TYPE_INVERSE[l.type]} other={l.other} note={l.note} />
            ))}
          </ul>
        ) : (
          <p className="muted">This agreement is not linked to any other.</p>
        )}
      </section>

      <section aria-labelledby="history" className="card">
        <h2 id="history">Status history</h2>
        {canWrite && !a.archivedAt ? (
          <div className="lifecycle">
            <h3>Move this agreement</h3>
            <LifecyclePanel
              status={a.status as never}
              version={a.version}
              today={today}
              lastResult={actionData?.result}
              lastTo={actionData?.to ?? undefined}
            />
          </div>
        ) : null}
        {statusChanges.length ? (
          <ol className="timeline">
            {statusChanges.map((s) => (
              <li key={s.id}>
                <time dateTime={new Date(s.effectiveOn).toISOString().slice(0, 10)}>{formatDay(s.effectiveOn)}</time>
                <span>
                  {s.fromStatus ? `${AGREEMENT_STATUSES.label(s.fromStatus)} → ` : ""}
                  <strong>{AGREEMENT_STATUSES.label(s.toStatus)}</strong>
                </span>
                {s.comment ? <span className="muted">{s.comment}</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No status changes recorded.</p>
        )}
      </section>

      {audit ? (
        <section aria-labelledby="changes" className="card">
          <div className="card-header">
            <h2 id="changes">Change history</h2>
            {audit.total > audit.events.length ? <span className="muted">latest {audit.events.length} of {audit.total}</span> : null}
          </div>
          {audit.events.length ? (
            <AuditTable events={audit.events} caption={`Changes to ${a.reference}`} />
          ) : (
            <p className="muted">No change has been recorded since this agreement was imported.</p>
          )}
        </section>
      ) : null}
    </article>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  const empty = children === null || children === undefined || children === "" || children === false;
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">—</span> : children}</dd>
    </div>
  );
}

function LinkItem({
  relation,
  other,
  note,
}: {
  relation: string;
  other: { id: string; reference: string; title: string; status: string } | MaskedAgreement;
  note: string;
}) {
  if (isMasked(other)) {
    return (
      <li>
        <span className="link-relation">{relation}</span> <span className="muted">{other.label}</span>
      </li>
    );
  }
  return (
    <li>
      <span className="link-relation">{relation}</span>{" "}
      <Link to={`/agreements/${other.id}`}>
        <span className="mono">{other.reference}</span> {other.title}
      </Link>{" "}
      <StatusBadge status={other.status} />
      {note ? <span className="muted"> — {note}</span> : null}
    </li>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * The cards of the agreement page: its terms, the kind's specific terms,
 * the parties with their signatures, the linked agreements (restricted ones
 * as the placeholder), the status history, and the change history from the
 * audit trail. The lifecycle's moves sit at the top of the page
 * (app/components/lifecycle/).
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { AuditTable } from "~/components/audit-table";
import { StatusBadge } from "~/components/status-badge";
import { approvalBodyLabel } from "~/domain/approvals";
import { isMasked, type MaskedAgreement } from "~/domain/confidentiality";
import { formatDay, toDay } from "~/domain/dates";
import { describeNotice, renewalLength } from "~/domain/deadlines";
import {
  AGREEMENT_KINDS, AGREEMENT_STATUSES, CONFIDENTIALITY, GDPR_ROLES, LINK_TYPE_INVERSE, LINK_TYPES, PARTY_ROLES,
  RENEWAL_TYPES, SIGNATURE_STATUSES, VALUE_DIRECTIONS,
} from "~/domain/vocabulary";
import type { AgreementPageData } from "~/routes/agreements.$id";
import { formatEuro } from "~/utils/format";

type Agreement = AgreementPageData["agreement"];

export function TermsCard({ agreement: a }: { agreement: Agreement }) {
  return (
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
          {a.renewalType !== "NONE" ? `, ${describeNotice(a)}` : ""}
          {a.renewalType === "TACIT" ? `; renews ${renewalLength(a)}` : ""}
        </Field>
        {a.noticeDeadline ? <Field label={a.renewalType === "TACIT" ? "Notice deadline" : "Renewal decision by"}>{formatDay(a.noticeDeadline)}</Field> : null}
        <Field label="Value">
          {a.valueCents === null ? "" : `${formatEuro(a.valueCents)} (${VALUE_DIRECTIONS.label(a.valueDirection)})`}
        </Field>
        <Field label="Confidentiality">{CONFIDENTIALITY.label(a.confidentiality)}</Field>
        <Field label="HT owner">
          {a.owner ? <a href={`mailto:${a.owner.email}`}>{a.owner.name}</a> : a.htOwner ? <>{a.htOwner} <span className="muted">(no account)</span></> : null}
        </Field>
        <Field label="Partner contact">{a.partnerContact}</Field>
        <Field label="Protocol">
          {a.protocolNumber ? `${a.protocolNumber}${a.protocolDate ? ` of ${formatDay(a.protocolDate)}` : ""}` : ""}
        </Field>
      </dl>
    </section>
  );
}

export function SpecificTermsCard({
  agreement: a,
  researchLines,
}: {
  agreement: Agreement;
  researchLines: AgreementPageData["researchLines"];
}) {
  return (
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
  );
}

export function PartiesCard({ agreement: a, parties }: { agreement: Agreement; parties: AgreementPageData["parties"] }) {
  const units = parties.filter((p) => p.unit);
  const partners = parties.filter((p) => p.partner);
  return (
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
  );
}

export function LinksCard({ outgoing, incoming }: Pick<AgreementPageData, "outgoing" | "incoming">) {
  return (
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
  );
}

export function HistoryCard({ statusChanges, approvals }: Pick<AgreementPageData, "statusChanges" | "approvals">) {
  return (
    <section aria-labelledby="history" className="card">
      <h2 id="history">Status history</h2>
      {statusChanges.length || approvals.length ? (
        <Timeline statusChanges={statusChanges} approvals={approvals} />
      ) : (
        <p className="muted">No status changes recorded.</p>
      )}
    </section>
  );
}

/** Status changes and approvals, in date order (an approval before a move on the same day). */
function Timeline({ statusChanges, approvals }: Pick<AgreementPageData, "statusChanges" | "approvals">) {
  const items = [
    ...approvals.map((x) => ({ id: x.id, day: toDay(x.decisionDate), order: 0, approval: x, change: null })),
    ...statusChanges.map((s, i) => ({ id: s.id, day: new Date(s.effectiveOn).toISOString().slice(0, 10), order: 1 + i, approval: null, change: s })),
  ].sort((x, y) => x.day.localeCompare(y.day) || x.order - y.order);
  return (
    <ol className="timeline">
      {items.map((item) => (
        <li key={item.id} className={item.approval ? "timeline-approval" : undefined}>
          <time dateTime={item.day}>{formatDay(item.day)}</time>
          {item.change ? (
            <span>
              {item.change.fromStatus ? `${AGREEMENT_STATUSES.label(item.change.fromStatus)} → ` : ""}
              <strong>{AGREEMENT_STATUSES.label(item.change.toStatus)}</strong>
            </span>
          ) : (
            <span>Approved by <strong>{approvalBodyLabel(item.approval!)}</strong></span>
          )}
          <span className="muted">
            {item.change?.comment ?? (item.approval!.resolutionNumber ? `Resolution ${item.approval!.resolutionNumber}` : "")}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function ChangesCard({ reference, audit }: { reference: string; audit: NonNullable<AgreementPageData["audit"]> }) {
  return (
    <section aria-labelledby="changes" className="card">
      <div className="card-header">
        <h2 id="changes">Change history</h2>
        {audit.total > audit.events.length ? <span className="muted">latest {audit.events.length} of {audit.total}</span> : null}
      </div>
      {audit.events.length ? (
        <AuditTable events={audit.events} caption={`Changes to ${reference}`} />
      ) : (
        <p className="muted">No change has been recorded since this agreement was imported.</p>
      )}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
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

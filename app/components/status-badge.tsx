/**
 * Small labels: an agreement's status badge, its kind's short name, and the
 * Restricted badge.
 */
import { AGREEMENT_KIND_SHORT, AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKind } from "~/domain/vocabulary";

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-status-${status.toLowerCase()}`}>{AGREEMENT_STATUSES.label(status)}</span>;
}

export function KindLabel({ kind }: { kind: string }) {
  return (
    <span className="kind" title={AGREEMENT_KINDS.label(kind)}>
      {AGREEMENT_KIND_SHORT[kind as AgreementKind] ?? kind}
    </span>
  );
}

export function RestrictedBadge() {
  return (
    <span className="badge badge-restricted" title="Restricted: details visible to the legal office and admins only">
      Restricted
    </span>
  );
}

/**
 * Everything the agreement page shows, read for one reader: the agreement
 * with its effective status and deadlines, its parties, the agreements it is
 * linked to (restricted ones as the placeholder, for readers who may not see
 * them), its status history, its documents with their versions, its
 * approvals, and, for roles that read the audit trail, its latest changes;
 * before signature, what is still missing for it. Null when there is no such agreement; a restricted one the
 * reader may not open is refused by the route.
 */
import { describeDetails } from "~/domain/agreement-details";
import { formModeFor, missingBeforeSignature } from "~/domain/agreement-readiness";
import { partnerDisplayName } from "~/domain/party-labels";
import { isMasked, type Reader } from "~/domain/confidentiality";
import { daysBetween, toDay } from "~/domain/dates";
import { renewalDeadline } from "~/domain/deadlines";
import { effectiveStatus } from "~/domain/lifecycle";
import { can } from "~/domain/permissions";
import type { AgreementKind, LinkType } from "~/domain/vocabulary";
import { readinessOf } from "./agreement-lifecycle.server";
import { everSigned } from "./agreement-write.server";
import { getAgreement, rowFor } from "./agreements.server";
import { listAuditEvents } from "./audit.server";
import { agreementDocuments, textInProgress } from "./documents.server";
import { prisma } from "~/utils/db.server";

type AgreementRecord = NonNullable<Awaited<ReturnType<typeof getAgreement>>>;

/** A linked agreement as the reader may see it; a restricted one keeps only its relation (and no note). */
function linkFor(reader: Reader, link: { id: string; type: string; note: string }, other: AgreementRecord["linksFrom"][number]["to"], today: Date) {
  const shown = rowFor(reader, other, today);
  return { id: link.id, type: link.type as LinkType, note: isMasked(shown) ? "" : link.note, other: shown };
}

/** The agreement's approvals in date order, each with the current version of its document. */
async function approvalsOf(agreementId: string) {
  const rows = await prisma.approval.findMany({
    where: { agreementId },
    orderBy: [{ decisionDate: "asc" }, { createdAt: "asc" }],
    select: {
      id: true, body: true, bodyName: true, decisionDate: true, resolutionNumber: true, note: true,
      document: { select: { title: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true } } } },
    },
  });
  return rows.map(({ document, ...a }) => ({
    ...a,
    document: document?.versions[0] ? { title: document.title, versionId: document.versions[0].id } : null,
  }));
}

export async function agreementPage(record: AgreementRecord, reader: Reader, today: Date) {
  const { linksFrom, linksTo, statusChanges, researchLines, parties, valueCents, ...agreement } = record;
  const implementing = linksTo.filter((l) => l.type === "IMPLEMENTS").map((l) => l.from);
  // A framework warns when an implementing agreement runs past it.
  const outliving = agreement.endDate
    ? implementing.filter((i) => !i.endDate || i.endDate > agreement.endDate!).map((i) => i.reference)
    : [];
  // Before signature, what the agreement still needs (app/domain/agreement-readiness.ts).
  const gaps = formModeFor(record.status) === "draft" && !record.archivedAt ? missingBeforeSignature(readinessOf(record)) : [];
  const [documents, approvals, audit] = await Promise.all([
    agreementDocuments(agreement.id),
    approvalsOf(agreement.id),
    can(reader.role, "audit:read") ? listAuditEvents({ agreementId: agreement.id, page: 1 }, reader) : null,
  ]);
  return {
    gaps,
    moveParties: parties.map((p) => ({
      id: p.id,
      name: p.unit ? p.unit.name : p.partner ? partnerDisplayName(p.partner) : "",
      signatureStatus: p.signatureStatus,
      signedAt: p.signedAt ? toDay(p.signedAt) : null,
    })),
    agreement: {
      ...agreement,
      valueCents: valueCents === null ? null : Number(valueCents),
      effectiveStatus: effectiveStatus(agreement.status, agreement.endDate, today),
      noticeDeadline: renewalDeadline(agreement)?.date ?? null,
      daysToEnd: agreement.endDate ? daysBetween(today, agreement.endDate) : null,
      details: describeDetails(agreement.kind as AgreementKind, agreement.details),
      deletable: agreement.status === "DRAFT" && !everSigned({ ...agreement, parties }),
    },
    outliving,
    today: toDay(today),
    parties,
    // `from` implements/amends/renews `to`: outgoing links name what this agreement acts on.
    outgoing: linksFrom.map((l) => linkFor(reader, l, l.to, today)),
    incoming: linksTo.map((l) => linkFor(reader, l, l.from, today)),
    statusChanges,
    researchLines: researchLines.map((r) => r.researchLine),
    documents,
    textBusy: textInProgress(documents),
    approvals,
    audit,
  };
}

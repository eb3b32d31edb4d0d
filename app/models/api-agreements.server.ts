/**
 * Agreements through the JSON API: the same list (filters, sort, pages and
 * the reader's confidentiality) as /agreements, one agreement as its page
 * has it, and creating and updating with the form's own schema (lenient
 * drafts, strict from Awaiting signature on), its database rules and its
 * optimistic concurrency (app/models/agreement-write.server.ts). Errors are
 * the app's own (app/domain/errors.ts) or an ApiInputError naming every
 * field at fault.
 */
import type { z } from "zod";
import type { AgreementSchema, AgreementRowSchema } from "~/domain/api-schemas";
import { formModeFor, type FormMode } from "~/domain/agreement-readiness";
import { agreementFormSchema, crossFieldIssues, type AgreementFormValue } from "~/domain/agreement-schema";
import type { AgreementFilters } from "~/domain/agreement-filters";
import { isHiddenFrom, type Reader } from "~/domain/confidentiality";
import { toDay, utcToday } from "~/domain/dates";
import { effectiveStatus } from "~/domain/lifecycle";
import { forbidden, notFound, versionConflict } from "~/domain/errors";
import type { CurrentUser } from "~/utils/auth.server";
import { getAgreement, listAgreements, type AgreementRow } from "./agreements.server";
import { savedState } from "./agreement-duplicates.server";
import { checkAgainstDatabase, createAgreement, updateAgreement } from "./agreement-write.server";

type Row = z.infer<typeof AgreementRowSchema>;
type Full = z.infer<typeof AgreementSchema>;

const dayOrNull = (d: Date | null) => (d ? toDay(d) : null);

/** Every field at fault, as the form would show them. */
export class ApiInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super("The agreement has errors: see fieldErrors.");
  }
}

export function apiRow(row: AgreementRow): Row {
  return {
    id: row.id, reference: row.reference, title: row.title, kind: row.kind as Row["kind"], status: row.status as Row["status"],
    confidentiality: row.confidentiality as Row["confidentiality"], startDate: dayOrNull(row.startDate), endDate: dayOrNull(row.endDate),
    valueCents: row.valueCents, valueDirection: row.valueDirection as Row["valueDirection"],
    partners: row.partnersLabel, units: row.unitsLabel, archived: row.archivedAt !== null,
  };
}

export async function apiList(filters: AgreementFilters, reader: Reader) {
  const { total, rows } = await listAgreements(filters, utcToday(), reader);
  return { total, page: filters.page, size: filters.size, items: rows.map(apiRow) };
}

type Record_ = NonNullable<Awaited<ReturnType<typeof getAgreement>>>;

function fullAgreement(a: Record_, today: Date): Full {
  const row = apiRow({
    ...a, status: effectiveStatus(a.status, a.endDate, today), valueCents: a.valueCents === null ? null : Number(a.valueCents),
  } as AgreementRow);
  return {
    ...row,
    recordedStatus: a.status as Full["recordedStatus"],
    summary: a.summary, signatureDate: dayOrNull(a.signatureDate), renewalType: a.renewalType as Full["renewalType"],
    noticePeriodDays: a.noticePeriodDays, noticePeriodMonths: a.noticePeriodMonths, renewalTermMonths: a.renewalTermMonths,
    noticeDeadline: dayOrNull(a.noticeDeadline), ownerId: a.ownerId, htOwner: a.htOwner, partnerContact: a.partnerContact, needsBoardApproval: a.needsBoardApproval,
    protocolNumber: a.protocolNumber, protocolDate: dayOrNull(a.protocolDate),
    details: JSON.parse(a.details) as Record<string, unknown>,
    parties: a.parties.map((p) => ({
      ref: p.unitId ? `unit:${p.unitId}` : `partner:${p.partnerId}`,
      name: p.unit?.name ?? p.partner?.name ?? "",
      role: p.role as Full["parties"][number]["role"], contactName: p.contactName, contactEmail: p.contactEmail,
      gdprRole: p.gdprRole as Full["parties"][number]["gdprRole"], signatureStatus: p.signatureStatus as Full["parties"][number]["signatureStatus"],
      signedAt: dayOrNull(p.signedAt),
    })),
    links: [
      ...a.linksFrom.map((l) => ({ type: l.type, direction: "from" as const, agreementId: l.to.id, reference: l.to.reference, hidden: l.to.confidentiality })),
      ...a.linksTo.map((l) => ({ type: l.type, direction: "to" as const, agreementId: l.from.id, reference: l.from.reference, hidden: l.from.confidentiality })),
    ].map(({ hidden: _h, ...l }) => l),
    researchLineIds: a.researchLines.map((r) => r.researchLineId),
    version: a.version, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
  };
}

/** One agreement as `reader` may read it: 404 when none has the id, 403 (naming nothing of it) when restricted. */
export async function apiAgreement(id: string, reader: Reader): Promise<Full> {
  const record = await getAgreement(id);
  if (!record) throw notFound(`No agreement has the id “${id}”.`);
  if (isHiddenFrom(reader, record)) throw forbidden("This agreement is restricted: only the legal and partnership office and admins can read it.");
  const full = fullAgreement(record, utcToday());
  // Links to restricted agreements the reader may not read are left out (docs/decisions/010).
  const hidden = new Set(
    [...record.linksFrom.map((l) => l.to), ...record.linksTo.map((l) => l.from)].filter((x) => isHiddenFrom(reader, x)).map((x) => x.id),
  );
  return { ...full, links: full.links.filter((l) => !hidden.has(l.agreementId)) };
}

/** JSON values as the form's fields carry them: details and the value as text. */
function asFormInput(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ApiInputError({ "": ["Send the agreement as a JSON object."] });
  const input = { ...(body as Record<string, unknown>) };
  if (typeof input.value === "number") input.value = String(input.value);
  if (input.details && typeof input.details === "object") {
    input.details = Object.fromEntries(
      Object.entries(input.details as Record<string, unknown>).map(([k, v]) => [k, typeof v === "number" || typeof v === "boolean" ? String(v) : v]),
    );
  }
  return input;
}

function parseInput(body: unknown, mode: FormMode): AgreementFormValue {
  const input = asFormInput(body);
  const parsed = agreementFormSchema(mode).safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: Record<string, string[]> = {};
  const add = (path: (string | number)[], message: string) => {
    const name = path.reduce<string>((n, p) => (typeof p === "number" ? `${n}[${p}]` : n ? `${n}.${p}` : p), "");
    const list = (errors[name] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of parsed.error.issues) add(issue.path, issue.message);
  for (const issue of crossFieldIssues(input as Parameters<typeof crossFieldIssues>[0], mode)) add(issue.path, issue.message);
  throw new ApiInputError(errors);
}

async function checked(value: AgreementFormValue, agreementId?: string) {
  const { errors, resolved } = await checkAgainstDatabase(value, agreementId ? { agreementId } : {});
  if (Object.keys(errors).length) throw new ApiInputError(errors);
  return resolved;
}

export async function apiCreate(user: CurrentUser, body: unknown): Promise<Full> {
  const value = parseInput(body, "draft");
  const created = await createAgreement(user, value, await checked(value));
  return apiAgreement(created.id, user);
}

/** Updates an agreement from the version the caller read (`version` in the body): 409 with what is saved now otherwise. */
export async function apiUpdate(user: CurrentUser, id: string, body: unknown) {
  const saved = await savedState(id);
  if (!saved) throw notFound(`No agreement has the id “${id}”.`);
  const current = await getAgreement(id);
  if (current && isHiddenFrom(user, current)) throw forbidden("This agreement is restricted.");
  const value = parseInput(body, formModeFor(saved.status));
  if (!value.version) throw new ApiInputError({ version: ["Send the version you read (GET /api/agreements/{id})."] });
  const resolved = await checked(value, id);
  const updated = await updateAgreement(user, id, value.version, value, resolved);
  if (!updated) throw versionConflict("This agreement no longer exists.");
  return { agreement: await apiAgreement(id, user), changed: updated.changed };
}

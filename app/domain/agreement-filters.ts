/**
 * The agreement list's view as URL search parameters: every filter, the sort
 * and the page live in the URL so a view can be bookmarked and shared. One
 * schema reads them on the server and builds links on the client.
 */
import { z } from "zod";
import { parseDay } from "./dates";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, PARTNER_KINDS } from "./vocabulary";

export const SORT_COLUMNS = [
  "reference", "title", "kind", "status", "partners", "units", "startDate", "endDate", "noticeDeadline", "value", "updatedAt",
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;

const day = z
  .string()
  .optional()
  .transform((v) => (v ? parseDay(v) : undefined));

/** Drops values that are not in the vocabulary rather than failing the whole page. */
const listOf = <T extends string>(values: readonly T[]) =>
  z.array(z.string()).transform((xs) => xs.filter((x): x is T => (values as readonly string[]).includes(x)));

export const AgreementFiltersSchema = z.object({
  q: z.string().trim().max(200).default(""),
  kind: listOf(AGREEMENT_KINDS.values),
  status: listOf(AGREEMENT_STATUSES.values),
  partnerKind: listOf(PARTNER_KINDS.values),
  unit: z.string().max(64).optional(),
  partner: z.string().max(64).optional(),
  endFrom: day,
  endTo: day,
  /** The last day to give notice (tacit renewal) or decide (express renewal): app/domain/deadlines.ts. */
  noticeFrom: day,
  noticeTo: day,
  archived: z.enum(["only", "include"]).optional().catch(undefined),
  // Newest first unless the user sorts otherwise.
  sort: z.enum(SORT_COLUMNS).catch("reference").default("reference"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25)
    .default(25),
});

export type AgreementFilters = z.infer<typeof AgreementFiltersSchema>;

const MULTI = ["kind", "status", "partnerKind"] as const;

export function parseAgreementFilters(params: URLSearchParams): AgreementFilters {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if ((MULTI as readonly string[]).includes(key)) raw[key] = values;
    else if (values.length) raw[key] = values[0];
  }
  for (const key of MULTI) raw[key] ??= [];
  // An explicit sort reads A to Z unless a direction is given; the default view is newest first.
  if ((SORT_COLUMNS as readonly unknown[]).includes(raw.sort) && !raw.dir) raw.dir = "asc";
  const parsed = AgreementFiltersSchema.safeParse(raw);
  // Only an over-long query can fail; show it trimmed rather than an error page.
  return parsed.success
    ? parsed.data
    : AgreementFiltersSchema.parse({ ...raw, q: String(raw.q ?? "").slice(0, 200) });
}

/** True when anything narrows the list (used for the empty state's wording). */
export function hasActiveFilters(filters: AgreementFilters): boolean {
  return Boolean(
    filters.q || filters.kind.length || filters.status.length || filters.partnerKind.length || filters.unit || filters.partner ||
      filters.endFrom || filters.endTo || filters.noticeFrom || filters.noticeTo || filters.archived,
  );
}

/**
 * The API's OpenAPI 3.0 document, generated (@asteasolutions/zod-to-openapi,
 * docs/decisions/073) from the same zod schemas the server uses: the
 * agreement form's input schema for create and update, the list's and the
 * deadlines' URL filters, and the answers' schemas (app/domain/api-schemas.ts). Served at
 * /api/openapi.json and read by /api/docs.
 */
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV3 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { AgreementInputSchema } from "~/domain/agreement-schema";
import {
  AgreementListSchema, AgreementSchema, ApiErrorSchema, CreatedSchema, DeadlineListSchema, NetworkSchema, PartnerDetailSchema, PartnerSchema,
  UnitDetailSchema, UnitSchema, UpdatedSchema,
} from "~/domain/api-schemas";
import { PAGE_SIZES, SORT_COLUMNS } from "~/domain/agreement-filters";
import { DEADLINE_WINDOWS } from "~/domain/deadline-filters";
import { DEADLINE_KIND_OPTIONS } from "~/domain/obligations";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, PARTNER_KINDS } from "~/domain/vocabulary";

extendZodWithOpenApi(z);

const json = (schema: z.ZodTypeAny, description: string) => ({ description, content: { "application/json": { schema } } });

function errors(...codes: number[]) {
  const text: Record<number, string> = {
    400: "The input breaks a rule: every problem on its field (fieldErrors)",
    401: "No valid API token or session",
    403: "The token's owner's role, or a read-only token, does not allow this; or the agreement is restricted",
    404: "No such record",
    409: "A version conflict (current, currentVersion) or a state that refuses the change",
    415: "The body is not JSON",
    429: "Too many requests with this token: wait Retry-After seconds",
  };
  return Object.fromEntries(codes.map((c) => [String(c), json(ApiErrorSchema, text[c]!)]));
}

/** The list's URL parameters: the /agreements page's own (app/domain/agreement-filters.ts). */
const ListQuery = z.object({
  q: z.string().max(200).optional().openapi({ description: "Search words: titles, parties, terms and documents' text; accents ignored" }),
  kind: z.array(z.enum(AGREEMENT_KINDS.values)).optional().openapi({ description: "Repeat for several" }),
  status: z.array(z.enum(AGREEMENT_STATUSES.values)).optional().openapi({ description: "Effective status; repeat for several" }),
  partnerKind: z.array(z.enum(PARTNER_KINDS.values)).optional(),
  unit: z.string().optional().openapi({ description: "An HT unit's id (a centre includes its groups)" }),
  partner: z.string().optional().openapi({ description: "A partner's id" }),
  endFrom: z.string().optional().openapi({ description: "End date on or after (YYYY-MM-DD)" }),
  endTo: z.string().optional().openapi({ description: "End date on or before (YYYY-MM-DD)" }),
  archived: z.enum(["only", "include"]).optional(),
  sort: z.enum(SORT_COLUMNS).optional(),
  dir: z.enum(["asc", "desc"]).optional(),
  page: z.number().int().min(1).optional(),
  size: z.union(PAGE_SIZES.map((n) => z.literal(n)) as unknown as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]).optional(),
});

/** The deadlines view's URL parameters: the /deadlines page's own (app/domain/deadline-filters.ts). */
const DeadlineQuery = z.object({
  window: z.enum(DEADLINE_WINDOWS.map((w) => w.value) as [string, ...string[]]).optional().openapi({ description: "overdue, the next 30/60/90 days (default 90), or custom (from, to)" }),
  from: z.string().optional().openapi({ description: "custom window: first day (YYYY-MM-DD)" }),
  to: z.string().optional().openapi({ description: "custom window: last day (YYYY-MM-DD)" }),
  kind: z.array(z.enum(DEADLINE_KIND_OPTIONS.map((o) => o.value) as [string, ...string[]])).optional().openapi({ description: "Repeat for several" }),
  unit: z.string().optional().openapi({ description: "An HT unit's id (a centre includes its groups)" }),
  partner: z.string().optional().openapi({ description: "A partner's id" }),
  who: z.string().optional().openapi({ description: "me (responsible), followed (responsible or watching), or a person's id" }),
  page: z.number().int().min(1).optional(),
});

const Id = z.object({ id: z.string().openapi({ description: "The record's id" }) });

function registry() {
  const r = new OpenAPIRegistry();
  r.registerComponent("securitySchemes", "token", { type: "http", scheme: "bearer", description: "A personal access token from /account" });
  const input = r.register("AgreementInput", AgreementInputSchema.openapi({
    description: "The agreement form's fields. Parties: ref is unit:<id> or partner:<id>. details: the kind's terms (as text). value: euro, e.g. \"125000.50\". Before signature a title and a kind are enough; from Awaiting signature on, everything signature needs.",
  }));
  const agreement = r.register("Agreement", AgreementSchema);
  r.register("Error", ApiErrorSchema);
  r.registerPath({ method: "get", path: "/api/agreements", summary: "List agreements", description: "Same filters, sort and pages as the Agreements page.", request: { query: ListQuery }, responses: { 200: json(r.register("AgreementList", AgreementListSchema), "A page of agreements"), ...errors(401, 403, 429) } });
  r.registerPath({ method: "post", path: "/api/agreements", summary: "Record an agreement (as a draft)", request: { body: { content: { "application/json": { schema: input } } } }, responses: { 201: json(CreatedSchema, "Recorded"), ...errors(400, 401, 403, 415, 429) } });
  r.registerPath({ method: "get", path: "/api/agreements/{id}", summary: "One agreement", request: { params: Id }, responses: { 200: json(agreement, "The agreement"), ...errors(401, 403, 404, 429) } });
  r.registerPath({ method: "put", path: "/api/agreements/{id}", summary: "Update an agreement", description: "The whole agreement with the version read: a newer version answers 409.", request: { params: Id, body: { content: { "application/json": { schema: input } } } }, responses: { 200: json(UpdatedSchema, "Saved; changed lists the fields that changed"), ...errors(400, 401, 403, 404, 409, 415, 429) } });
  r.registerPath({ method: "get", path: "/api/partners", summary: "List partners", request: { query: z.object({ q: z.string().optional(), kind: z.array(z.enum(PARTNER_KINDS.values)).optional() }) }, responses: { 200: json(z.object({ total: z.number().int(), items: z.array(r.register("Partner", PartnerSchema)) }), "Partners"), ...errors(401, 429) } });
  r.registerPath({ method: "get", path: "/api/partners/{id}", summary: "One partner", request: { params: Id }, responses: { 200: json(r.register("PartnerDetail", PartnerDetailSchema), "The partner and its agreements"), ...errors(401, 404, 429) } });
  r.registerPath({ method: "get", path: "/api/units", summary: "List HT units", responses: { 200: json(z.object({ total: z.number().int(), items: z.array(r.register("Unit", UnitSchema)) }), "Units"), ...errors(401, 429) } });
  r.registerPath({ method: "get", path: "/api/units/{id}", summary: "One HT unit", request: { params: Id }, responses: { 200: json(r.register("UnitDetail", UnitDetailSchema), "The unit and its agreements"), ...errors(401, 404, 429) } });
  r.registerPath({ method: "get", path: "/api/deadlines", summary: "Deadlines", description: "The Deadlines page's view: notice, renewal, end and signature dates and obligations in a window of days, 100 a page; those of restricted agreements the caller may not read are only counted.", request: { query: DeadlineQuery }, responses: { 200: json(r.register("DeadlineList", DeadlineListSchema), "A page of deadlines, soonest first"), ...errors(401, 403, 429) } });
  r.registerPath({ method: "get", path: "/api/network", summary: "The collaboration network", description: "The map's data: nodes (units, partners, clusters) and edges with agreement counts and values. Parameters as the map's URL.", responses: { 200: json(r.register("Network", NetworkSchema), "Nodes, edges and meta"), ...errors(401, 429) } });
  return r;
}

let cached: object | undefined;

export function openApiDocument(): object {
  return (cached ??= new OpenApiGeneratorV3(registry().definitions).generateDocument({
    openapi: "3.0.3",
    info: {
      title: "HT Collaborations API",
      version: "1.0.0",
      description: "Human Technopole's register of agreements. Authenticate with a personal access token (create one at /account): Authorization: Bearer <token>. Read-only tokens may only GET. Each token may make API_RATE_LIMIT requests a minute (429 with Retry-After past that). Restricted agreements follow the token owner's role, as on the pages.",
    },
    servers: [{ url: "/" }],
    security: [{ token: [] }],
  }));
}

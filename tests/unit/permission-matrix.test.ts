/**
 * Walks every route module of the app and checks, for an anonymous visitor
 * and each role, which loaders and actions answer and which refuse. A route
 * file missing from ACCESS fails the test: nothing can be added without
 * declaring who may use it.
 */
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, type Permission, type Role } from "~/domain/permissions";
import { storeBuffer } from "~/models/file-store.server";
import { prisma } from "~/utils/db.server";
import { login, makeAgreement, makePartner, makeUnit, request } from "../setup/factories";
import { loadRoute as load, paramsFor, routeFiles } from "../setup/route-files";

/** public: anyone; user: any logged-in account; otherwise the permission it needs. */
type Access = "public" | "user" | Permission;

interface RouteAccess {
  loader?: Access;
  action?: Access;
  path: (ids: Ids) => string;
  /** The action ends the session it is called with: give it one of its own. */
  endsSession?: boolean;
}

const ACCESS: Record<string, RouteAccess> = {
  "root.tsx": { loader: "public", path: () => "/" },
  "_index.tsx": { loader: "agreement:read", path: () => "/" },
  "$.tsx": { loader: "public", path: () => "/no/such/page" },
  "healthz.ts": { loader: "public", path: () => "/healthz" },
  "login.tsx": { loader: "public", action: "public", path: () => "/login" },
  "logout.tsx": { loader: "public", action: "public", path: () => "/logout", endsSession: true },
  "account.tsx": { loader: "user", action: "user", path: () => "/account" },
  "agreements._index.tsx": { loader: "agreement:read", path: () => "/agreements" },
  "agreements.$id.tsx": { loader: "agreement:read", action: "agreement:write", path: (ids) => `/agreements/${ids.agreement}` },
  "api.partners.ts": { loader: "agreement:read", action: "directory:write", path: () => "/api/partners" },
  "api.partners.$id.ts": { loader: "agreement:read", path: (ids) => `/api/partners/${ids.partner}` },
  "api.units.ts": { loader: "agreement:read", path: () => "/api/units" },
  "api.units.$id.ts": { loader: "agreement:read", path: (ids) => `/api/units/${ids.unit}` },
  "api.deadlines.ts": { loader: "agreement:read", path: () => "/api/deadlines" },
  "api.agreements.ts": { loader: "agreement:read", action: "agreement:write", path: () => "/api/agreements" },
  "api.agreements.$id.ts": { loader: "agreement:read", action: "agreement:write", path: (ids) => `/api/agreements/${ids.agreement}` },
  "api.openapi[.]json.ts": { loader: "public", path: () => "/api/openapi.json" },
  "api.docs.tsx": { loader: "user", path: () => "/api/docs" },
  "agreements.new.tsx": { loader: "agreement:write", action: "agreement:write", path: () => "/agreements/new" },
  "agreements.$id_.edit.tsx": { loader: "agreement:write", action: "agreement:write", path: (ids) => `/agreements/${ids.agreement}/edit` },
  "agreements.$id_.$successor.tsx": { loader: "agreement:write", action: "agreement:write", path: (ids) => `/agreements/${ids.agreement}/renew` },
  "units._index.tsx": { loader: "agreement:read", path: () => "/units" },
  "units.$id.tsx": { loader: "agreement:read", path: (ids) => `/units/${ids.unit}` },
  "partners._index.tsx": { loader: "agreement:read", path: () => "/partners" },
  "partners.$id.tsx": { loader: "agreement:read", path: (ids) => `/partners/${ids.partner}` },
  "partners.new.tsx": { loader: "directory:write", action: "directory:write", path: () => "/partners/new" },
  "partners.$id_.edit.tsx": { loader: "directory:write", action: "directory:write", path: (ids) => `/partners/${ids.partner}/edit` },
  "partners.$id_.merge.tsx": { loader: "directory:write", action: "directory:write", path: (ids) => `/partners/${ids.partner}/merge` },
  "units.new.tsx": { loader: "directory:write", action: "directory:write", path: () => "/units/new" },
  "units.$id_.edit.tsx": { loader: "directory:write", action: "directory:write", path: (ids) => `/units/${ids.unit}/edit` },
  "agreements[.]csv.ts": { loader: "agreement:read", path: () => "/agreements.csv" },
  "map.tsx": { loader: "agreement:read", path: () => "/map" },
  "map-views.tsx": { loader: "agreement:read", action: "agreement:read", path: () => "/map-views" },
  "map-views_.$id.tsx": { loader: "agreement:read", path: () => "/map-views/no-such-view" },
  "api.network.ts": { loader: "agreement:read", path: () => "/api/network" },
  "api.network[.]xlsx.ts": { loader: "agreement:read", path: () => "/api/network.xlsx" },
  "api.network.layout.ts": { loader: "public", action: "agreement:write", path: () => "/api/network/layout" },
  "api.network[.]matrix.ts": { loader: "agreement:read", path: () => "/api/network.matrix" },
  "api.network[.]edge.ts": { loader: "agreement:read", path: (ids) => `/api/network.edge?source=unit:${ids.unit}&target=partner:${ids.partner}` },
  "api.network[.]node.ts": { loader: "agreement:read", path: (ids) => `/api/network.node?id=partner:${ids.partner}` },
  "audit.tsx": { loader: "audit:read", path: () => "/audit" },
  "search.tsx": { loader: "agreement:read", path: () => "/search?q=neuro" },
  "agreements.$id_.documents.ts": { action: "agreement:write", path: (ids) => `/agreements/${ids.agreement}/documents` },
  "agreements.$id_.approvals.ts": { action: "agreement:write", path: (ids) => `/agreements/${ids.agreement}/approvals` },
  "documents.$versionId.$as.ts": { loader: "agreement:read", path: (ids) => `/documents/${ids.version}/download` },
  "admin.users._index.tsx": { loader: "user:manage", action: "user:manage", path: () => "/admin/users" },
  "admin.users.$id.tsx": { loader: "user:manage", action: "user:manage", path: (ids) => `/admin/users/${ids.user}` },
  "admin.operations.tsx": { loader: "user:manage", action: "user:manage", path: () => "/admin/operations" },
  "auth.sso.ts": { loader: "public", path: () => "/auth/sso" },
  "auth.sso_.callback.tsx": { loader: "public", path: () => "/auth/sso/callback" },
  "admin.outbox.tsx": { loader: "reminders:manage", action: "reminders:manage", path: () => "/admin/outbox" },
  "deadlines._index.tsx": { loader: "agreement:read", path: () => "/deadlines" },
  "deadlines[.]csv.ts": { loader: "agreement:read", path: () => "/deadlines.csv" },
  "deadlines[.]xlsx.ts": { loader: "agreement:read", path: () => "/deadlines.xlsx" },
  "agreements[.]xlsx.ts": { loader: "agreement:read", path: () => "/agreements.xlsx" },
  "import._index.tsx": { loader: "agreement:write", action: "agreement:write", path: () => "/import" },
  "import.$id.tsx": { loader: "agreement:write", action: "agreement:write", path: () => "/import/1" },
  "import.$id_.progress.ts": { loader: "agreement:write", path: () => "/import/1/progress" },
  "import.$id_.report[.]xlsx.ts": { loader: "agreement:write", path: () => "/import/1/report.xlsx" },
  "deadlines.resolve.ts": { action: "agreement:write", path: () => "/deadlines/resolve" },
  "watch.ts": { action: "agreement:read", path: () => "/watch" },
  "account_.reminders.tsx": { loader: "agreement:read", action: "agreement:read", path: () => "/account/reminders" },
  "agreements.$id_.obligations.new.tsx": { loader: "agreement:write", action: "agreement:write", path: (ids) => `/agreements/${ids.agreement}/obligations/new` },
  "agreements.$id_.obligations.$obligationId.tsx": {
    loader: "agreement:write", action: "agreement:write", path: (ids) => `/agreements/${ids.agreement}/obligations/${ids.obligation}`,
  },
  "agreements.$id_.calendar[.]ics.ts": { loader: "agreement:read", path: (ids) => `/agreements/${ids.agreement}/calendar.ics` },
  // Calendar clients send no cookie: the secret in the URL is the credential (an unknown one gets 404).
  "calendar.$token.deadlines[.]ics.ts": { loader: "public", path: () => "/calendar/no-such-token-0123456789abcdef/deadlines.ics" },
};

interface Ids { agreement: string; unit: string; partner: string; user: string; version: string; obligation: string }
type Who = Role | "ANONYMOUS";
type Outcome = "allowed" | "login" | "forbidden";

function classify(result: unknown): Outcome {
  if (result instanceof Response) {
    if (result.status === 403) return "forbidden";
    // /api/* answers 401 (JSON) where pages send the visitor to log in.
    if (result.status === 401) return "login";
    const location = result.headers.get("Location") ?? "";
    if (result.status >= 300 && result.status < 400 && location.startsWith("/login?redirectTo=")) return "login";
  }
  return "allowed";
}

async function outcomeOf(fn: LoaderFunction | ActionFunction, req: Request, params: Record<string, string>): Promise<Outcome> {
  try {
    return classify(await fn({ request: req, params, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return classify(thrown);
    throw thrown;
  }
}

function expected(access: Access, who: Who): Outcome {
  if (access === "public") return "allowed";
  if (who === "ANONYMOUS") return "login";
  if (access === "user") return "allowed";
  return can(who, access) ? "allowed" : "forbidden";
}

const cookies: Partial<Record<Who, string>> = {};
let ids: Ids;

beforeAll(async () => {
  for (const role of ROLES) cookies[role] = (await login(role)).cookie;
  const unit = await makeUnit("Neurogenomics");
  const partner = await makePartner("Istituto Neurologico Carlo Besta", "RESEARCH_HOSPITAL");
  const agreement = await makeAgreement({ unit, partner });
  const viewer = await prisma.user.findFirstOrThrow({ where: { role: "VIEWER" } });
  const stored = await storeBuffer(Buffer.from("%PDF-1.4\n%%EOF\n"));
  const document = await prisma.document.create({
    data: {
      agreementId: agreement.id, kind: "DRAFT", title: "draft.pdf",
      versions: { create: { number: 1, fileName: "draft.pdf", sha256: stored.sha256, size: stored.size, mimeType: "application/pdf", uploadedByEmail: "t@fht.test" } },
    },
    select: { versions: { select: { id: true } } },
  });
  const obligation = await prisma.obligation.create({ data: { agreementId: agreement.id, kind: "REPORT", title: "Annual report", dueDate: new Date("2030-01-31T00:00:00Z"), nextDueDate: new Date("2030-01-31T00:00:00Z") } });
  ids = { agreement: agreement.id, unit: unit.id, partner: partner.id, user: viewer.id, obligation: obligation.id, version: document.versions[0]!.id };
});

describe("the permission matrix", () => {
  it("declares every route file of the app", () => {
    const undeclared = routeFiles.filter((f) => !(f in ACCESS));
    const stale = Object.keys(ACCESS).filter((f) => f !== "root.tsx" && !routeFiles.includes(f));
    expect(undeclared, "route files without an entry in ACCESS").toEqual([]);
    expect(stale, "ACCESS entries for files that no longer exist").toEqual([]);
  });

  it("declares exactly the loaders and actions each route exports", async () => {
    for (const [file, access] of Object.entries(ACCESS)) {
      const mod = await load(file);
      expect(Boolean(mod.loader), `${file} loader`).toBe(Boolean(access.loader));
      expect(Boolean(mod.action), `${file} action`).toBe(Boolean(access.action));
    }
    // The first import of every route module: slow on a busy machine, not a timing check.
  }, 60_000);

  for (const who of ["ANONYMOUS", ...ROLES] as Who[]) {
    it(`lets ${who.toLowerCase()} use exactly what the role allows`, async () => {
      const rows: string[] = [];
      for (const [file, access] of Object.entries(ACCESS)) {
        const mod = await load(file);
        const url = access.path(ids);
        const params = paramsFor(file, url);
        for (const kind of ["loader", "action"] as const) {
          const fn = mod[kind];
          const needs = access[kind];
          if (!fn || !needs) continue;
          // Actions get an empty form: allowed roles see a validation answer, never a change.
          const cookie = who !== "ANONYMOUS" && access.endsSession ? (await login(who)).cookie : cookies[who as Role];
          const req = request(url, {
            cookie,
            method: kind === "action" ? "POST" : "GET",
            body: kind === "action" ? new URLSearchParams() : undefined,
          });
          const got = await outcomeOf(fn, req, params);
          rows.push(`${file} ${kind}: ${got === expected(needs, who) ? "ok" : `expected ${expected(needs, who)}, got ${got}`}`);
        }
      }
      expect(rows.filter((r) => !r.endsWith(": ok"))).toEqual([]);
    }, 30_000);
  }
});

describe("protection of changes", () => {
  it("refuses a POST from another site even with a valid admin session", async () => {
    const { action } = await load("admin.users._index.tsx");
    const body = new URLSearchParams({ intent: "create", email: "x@fht.org", name: "X", role: "ADMIN", password: "a-long-enough-password" });
    for (const origin of ["https://evil.example", null]) {
      const req = request("/admin/users", { cookie: cookies.ADMIN, method: "POST", body, origin });
      expect(await outcomeOf(action!, req, {})).toBe("forbidden");
    }
    expect(await prisma.user.count({ where: { email: "x@fht.org" } })).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("refuses a crafted POST from a viewer to create an account", async () => {
    const { action } = await load("admin.users._index.tsx");
    const body = new URLSearchParams({ intent: "create", email: "y@fht.org", name: "Y", role: "ADMIN", password: "a-long-enough-password" });
    const req = request("/admin/users", { cookie: cookies.VIEWER, method: "POST", body });
    expect(await outcomeOf(action!, req, {})).toBe("forbidden");
    expect(await prisma.user.count({ where: { email: "y@fht.org" } })).toBe(0);
  });
});

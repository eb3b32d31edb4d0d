/**
 * A restricted agreement, every field of it holding text found nowhere
 * else, and a viewer walking every page loader, API and export of the app
 * (docs/decisions/010): none of that text, its id, its reference or its
 * dates may appear in any answer. An open agreement beside it (same unit and
 * partner, and an amendment of it) makes sure the pages that could leak it
 * are the ones that show the open one.
 *
 * A route file with a loader that this walk does not visit fails the test,
 * so a new page cannot skip it.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { XLSX_TYPE } from "~/models/spreadsheet.server";
import { storeBuffer } from "~/models/file-store.server";
import { regenerateFeedToken } from "~/models/calendar.server";
import { clearNetworkCache } from "~/models/network.server";
import { prisma } from "~/utils/db.server";
import { login, makePartner, makeUnit, request } from "../setup/factories";
import { makePdf } from "../setup/pdf";
import { loadRoute, paramsFor, routeFiles } from "../setup/route-files";

interface Ids {
  restricted: string; open: string; amendment: string; unit: string; partner: string; onlyPartner: string; user: string;
  secretVersion: string; openVersion: string;
  /** The viewer's own calendar feed, which follows the unit of the restricted agreement. */
  feed: string; openObligation: string;
}

/** The URLs a viewer opens for each route with a loader. */
const VISITS: Record<string, (ids: Ids) => string[]> = {
  "root.tsx": () => ["/"],
  "_index.tsx": () => ["/"],
  "$.tsx": () => ["/no/such/page"],
  "healthz.ts": () => ["/healthz"],
  "login.tsx": () => ["/login"],
  "logout.tsx": () => ["/logout"],
  "account.tsx": () => ["/account"],
  "agreements._index.tsx": () => [
    "/agreements", "/agreements?q=Zebracorn", "/agreements?archived=include&status=ACTIVE&status=DRAFT&kind=DATA_SHARING",
    "/agreements?sort=title&dir=asc&size=100",
  ],
  "agreements.$id.tsx": (ids) => [`/agreements/${ids.open}`, `/agreements/${ids.amendment}`, `/agreements/${ids.restricted}`],
  "agreements[.]csv.ts": () => ["/agreements.csv", "/agreements.csv?q=Zebracorn", "/agreements.csv?kind=DATA_SHARING", "/agreements.csv?flavour=it"],
  // Editor-only pages: a viewer is refused (and the refusal must not leak either).
  "agreements.new.tsx": () => ["/agreements/new"],
  "agreements.$id_.edit.tsx": (ids) => [`/agreements/${ids.restricted}/edit`],
  "agreements.$id_.$successor.tsx": (ids) => [`/agreements/${ids.restricted}/renew`],
  "units._index.tsx": () => ["/units"],
  "units.$id.tsx": (ids) => [`/units/${ids.unit}`],
  "units.new.tsx": () => ["/units/new"],
  "units.$id_.edit.tsx": (ids) => [`/units/${ids.unit}/edit`],
  "partners._index.tsx": () => ["/partners", "/partners?q=Obscura"],
  "partners.$id.tsx": (ids) => [`/partners/${ids.partner}`, `/partners/${ids.onlyPartner}`],
  "partners.new.tsx": () => ["/partners/new"],
  "partners.$id_.edit.tsx": (ids) => [`/partners/${ids.onlyPartner}/edit`],
  "partners.$id_.merge.tsx": (ids) => [`/partners/${ids.onlyPartner}/merge?into=${ids.partner}`],
  "map.tsx": (ids) => [
    "/map", "/map?status=ACTIVE&status=EXPIRED&cluster=none", "/map?view=table", "/map?view=matrix", "/map?asOf=2012-01-01",
    // The new questions: what if the restricted agreement (or everything ending) ended, measures, paths, deadlines.
    `/map?whatIf=${ids.restricted}`, "/map?whatIf=ending:24&cluster=none", "/map?measures=1&nodeColour=community&cluster=none",
    `/map?cluster=none&pathFrom=unit:${ids.unit}&pathTo=partner:${ids.onlyPartner}`,
  ],
  "map-views.tsx": () => ["/map-views"],
  "map-views_.$id.tsx": () => ["/map-views/no-such-view"],
  "api.partners.ts": () => ["/api/partners", "/api/partners?q=Obscura"],
  "api.partners.$id.ts": (ids) => [`/api/partners/${ids.partner}`, `/api/partners/${ids.onlyPartner}`],
  "api.units.ts": () => ["/api/units"],
  "api.units.$id.ts": (ids) => [`/api/units/${ids.unit}`],
  "api.deadlines.ts": () => ["/api/deadlines", "/api/deadlines?window=custom&from=2000-01-01&to=2040-12-31", "/api/deadlines?window=overdue"],
  "api.agreements.ts": () => [
    "/api/agreements", "/api/agreements?q=Zebracorn", "/api/agreements?archived=include&kind=DATA_SHARING&size=100",
  ],
  "api.agreements.$id.ts": (ids) => [`/api/agreements/${ids.open}`, `/api/agreements/${ids.amendment}`, `/api/agreements/${ids.restricted}`],
  "api.openapi[.]json.ts": () => ["/api/openapi.json"],
  "api.docs.tsx": () => ["/api/docs"],
  "api.network.layout.ts": () => ["/api/network/layout"],
  "api.network.ts": () => [
    "/api/network", "/api/network?cluster=none&status=ACTIVE&status=EXPIRED&status=DRAFT", "/api/network?kind=DATA_SHARING",
    "/api/network?asOf=2012-01-01", "/api/network?compare=2012-01-01", "/api/network?cluster=kind",
  ],
  "api.network[.]xlsx.ts": () => ["/api/network.xlsx", "/api/network.xlsx?cluster=none&status=ACTIVE&status=EXPIRED&status=DRAFT", "/api/network.xlsx?asOf=2012-01-01"],
  "api.network[.]matrix.ts": () => ["/api/network.matrix", "/api/network.matrix?kind=DATA_SHARING"],
  "api.network[.]edge.ts": (ids) => [
    `/api/network.edge?source=unit:${ids.unit}&target=partner:${ids.partner}`,
    `/api/network.edge?source=unit:${ids.unit}&target=partner:${ids.onlyPartner}`,
    `/api/network.edge?source=unit:${ids.unit}&target=cluster:kind:COMPANY&cluster=kind`,
  ],
  "api.network[.]node.ts": (ids) => [
    `/api/network.node?id=partner:${ids.partner}`, `/api/network.node?id=partner:${ids.onlyPartner}`, `/api/network.node?id=unit:${ids.unit}`,
  ],
  "audit.tsx": () => ["/audit"],
  "search.tsx": () => [
    "/search?q=Zebracorn", "/search?q=Quasar", "/search?q=Kiwiberry", "/search?q=Ownerino", "/search?q=prot+secret+991",
    "/search?q=Obscura", "/search?q=San+Raffaele", "/search?q=Zebracorn&compact=1", "/search?q=resolution+CDA-SECRET",
  ],
  "documents.$versionId.$as.ts": (ids) => [
    `/documents/${ids.secretVersion}/download`, `/documents/${ids.secretVersion}/view`, `/documents/${ids.secretVersion}/content`,
    `/documents/${ids.openVersion}/view`,
  ],
  "admin.users._index.tsx": () => ["/admin/users"],
  "admin.users.$id.tsx": (ids) => [`/admin/users/${ids.user}`],
  "admin.operations.tsx": () => ["/admin/operations"],
  // Single sign-on is not set up in this walk: both answer 404, naming nothing.
  "auth.sso.ts": () => ["/auth/sso"],
  "auth.sso_.callback.tsx": () => ["/auth/sso/callback?code=x&state=y"],
  "admin.outbox.tsx": () => ["/admin/outbox"],
  "deadlines._index.tsx": () => [
    "/deadlines", "/deadlines?window=overdue", "/deadlines?window=custom&from=2000-01-01&to=2040-12-31",
    "/deadlines?window=custom&from=2000-01-01&to=2040-12-31&kind=NOTICE&kind=DATA_DESTRUCTION", "/deadlines?who=followed&window=custom&from=2000-01-01&to=2040-12-31",
  ],
  "deadlines[.]csv.ts": () => ["/deadlines.csv?window=custom&from=2000-01-01&to=2040-12-31", "/deadlines.csv?window=overdue", "/deadlines.csv?window=overdue&flavour=it"],
  "deadlines[.]xlsx.ts": () => ["/deadlines.xlsx?window=custom&from=2000-01-01&to=2040-12-31", "/deadlines.xlsx?window=overdue"],
  "agreements[.]xlsx.ts": () => ["/agreements.xlsx", "/agreements.xlsx?q=Zebracorn", "/agreements.xlsx?kind=DATA_SHARING"],
  // Editors' work: a viewer is refused.
  "import._index.tsx": () => ["/import"],
  "import.$id.tsx": () => ["/import/1"],
  "import.$id_.progress.ts": () => ["/import/1/progress"],
  "import.$id_.report[.]xlsx.ts": () => ["/import/1/report.xlsx"],
  "account_.reminders.tsx": () => ["/account/reminders"],
  "agreements.$id_.obligations.new.tsx": (ids) => [`/agreements/${ids.restricted}/obligations/new`],
  "agreements.$id_.obligations.$obligationId.tsx": (ids) => [`/agreements/${ids.open}/obligations/${ids.openObligation}`],
  "agreements.$id_.calendar[.]ics.ts": (ids) => [`/agreements/${ids.open}/calendar.ics`, `/agreements/${ids.restricted}/calendar.ics`],
  "calendar.$token.deadlines[.]ics.ts": (ids) => [ids.feed],
};

/** Text that exists only in the restricted agreement's fields. */
const SECRETS = [
  "Zebracorn genome swap", "Quasar-only summary", "Xylophone data categories", "Walrus transfer basis",
  "Yvonne Secretcontact", "yvonne.secret@hidden.test", "Ownerino Hiddenname", "Partnerperson Hiddenrep", "PROT-SECRET-991",
  "HT-2099-7777", "2011-03-17", "2033-07-19", "2034-02-11",
  "Kiwiberry deed.pdf", "Kiwiberry clause on page two", "CDA-SECRET-77", "Walrus obligation report", "Zebracorn payment",
];

let viewer: string;

/** A PDF document on the agreement whose text has been read: its version id. */
async function documentOn(agreementId: string, fileName: string, pages: string[]): Promise<string> {
  const stored = await storeBuffer(makePdf(pages.map((p) => [p])));
  const doc = await prisma.document.create({
    data: {
      agreementId, kind: "SIGNED_DEED", title: fileName,
      versions: {
        create: {
          number: 1, fileName, sha256: stored.sha256, size: stored.size, mimeType: "application/pdf", uploadedByEmail: "t@fht.test",
          textStatus: "DONE", pageCount: pages.length, pages: { create: pages.map((text, i) => ({ page: i + 1, text })) },
        },
      },
    },
    select: { versions: { select: { id: true } } },
  });
  return doc.versions[0]!.id;
}
let ids: Ids;

/** Every cell of a workbook answer, and its file name: a zipped sheet's text is invisible in its bytes. */
async function workbookText(res: Response): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const cells: string[] = [res.headers.get("Content-Disposition") ?? ""];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => {
    cells.push(c.value instanceof Date ? c.value.toISOString().slice(0, 10) : String(c.value));
  })));
  return cells.join("\n");
}

async function answerText(file: string, url: string): Promise<string> {
  const { loader } = await loadRoute(file);
  let out: unknown;
  try {
    out = await loader!({ request: request(url, { cookie: viewer }), params: paramsFor(file, url), context: {} });
  } catch (thrown) {
    out = thrown;
  }
  if (out instanceof Response && out.headers.get("Content-Type") === XLSX_TYPE) return await workbookText(out);
  if (out instanceof Response) return await out.text();
  if (out && typeof out === "object" && (out as { type?: string }).type === "DataWithResponseInit") {
    return JSON.stringify((out as { data: unknown }).data);
  }
  if (out instanceof Error) throw out;
  return JSON.stringify(out);
}

beforeAll(async () => {
  viewer = (await login("VIEWER")).cookie;
  const unit = await makeUnit("Medical Genomics");
  const partner = await makePartner("Ospedale San Raffaele", "RESEARCH_HOSPITAL");
  const onlyPartner = await makePartner("Obscura Biotech S.r.l.", "COMPANY");
  const open = await prisma.agreement.create({
    data: {
      reference: "HT-2099-0001", title: "Open framework with San Raffaele", kind: "FRAMEWORK", status: "ACTIVE",
      startDate: new Date("2020-01-01T00:00:00Z"), endDate: new Date("2030-12-31T00:00:00Z"),
      signatureDate: new Date("2019-12-01T00:00:00Z"),
      partnersLabel: partner.name, unitsLabel: unit.name,
      parties: { create: [{ unitId: unit.id, role: "LEAD" }, { partnerId: partner.id, role: "PARTICIPANT" }] },
    },
  });
  const restricted = await prisma.agreement.create({
    data: {
      reference: "HT-2099-7777", title: "Zebracorn genome swap", kind: "DATA_SHARING", status: "ACTIVE", confidentiality: "RESTRICTED",
      summary: "Quasar-only summary", htOwner: "Ownerino Hiddenname", partnerContact: "Partnerperson Hiddenrep",
      protocolNumber: "PROT-SECRET-991",
      startDate: new Date("2011-03-17T00:00:00Z"), endDate: new Date("2033-07-19T00:00:00Z"),
      signatureDate: new Date("2011-03-17T00:00:00Z"),
      details: JSON.stringify({ dataCategories: "Xylophone data categories", transferBasis: "Walrus transfer basis", dataDestructionDate: "2034-02-11" }),
      partnersLabel: `${onlyPartner.name}; ${partner.name}`, unitsLabel: unit.name,
      parties: {
        create: [
          { unitId: unit.id, role: "LEAD", contactName: "Yvonne Secretcontact", contactEmail: "yvonne.secret@hidden.test" },
          { partnerId: partner.id, role: "PROVIDER" },
          { partnerId: onlyPartner.id, role: "RECIPIENT" },
        ],
      },
      statusChanges: { create: { toStatus: "ACTIVE", effectiveOn: new Date("2011-03-17T00:00:00Z"), comment: "Zebracorn signed" } },
    },
  });
  const amendment = await prisma.agreement.create({
    data: {
      reference: "HT-2099-0002", title: "Open amendment", kind: "AMENDMENT", status: "DRAFT",
      partnersLabel: partner.name, unitsLabel: unit.name,
      parties: { create: [{ unitId: unit.id, role: "LEAD" }, { partnerId: partner.id, role: "PARTICIPANT" }] },
      linksFrom: { create: { type: "AMENDS", toId: restricted.id, note: "Zebracorn genome swap extension" } },
    },
  });
  const user = await prisma.user.findFirstOrThrow({ where: { role: "VIEWER" } });
  // Deadlines: the restricted agreement renews tacitly and has obligations, one due soon; the viewer watches its unit.
  await prisma.agreement.update({ where: { id: restricted.id }, data: { renewalType: "TACIT", noticePeriodDays: 90, noticeDeadline: new Date("2033-04-20T00:00:00Z") } });
  const soon = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 20));
  await prisma.obligation.createMany({ data: [
    { agreementId: restricted.id, kind: "REPORT", title: "Walrus obligation report", dueDate: soon, nextDueDate: soon },
    { agreementId: restricted.id, kind: "PAYMENT_EXPECTED", title: "Zebracorn payment", dueDate: new Date("2010-06-30T00:00:00Z"), nextDueDate: new Date("2010-06-30T00:00:00Z") },
  ] });
  const openObligation = await prisma.obligation.create({ data: { agreementId: open.id, kind: "REPORT", title: "Open annual report", dueDate: soon, nextDueDate: soon } });
  await prisma.watch.create({ data: { userId: user.id, unitId: unit.id } });
  const feed = new URL(await regenerateFeedToken({ id: user.id, email: user.email })).pathname;
  const secretVersion = await documentOn(restricted.id, "Kiwiberry deed.pdf", ["Kiwiberry clause on page two"]);
  const openVersion = await documentOn(open.id, "Open deed.pdf", ["Open clause with San Raffaele"]);
  await prisma.approval.create({ data: { agreementId: restricted.id, body: "BOARD", decisionDate: new Date("2011-03-17T00:00:00Z"), resolutionNumber: "CDA-SECRET-77" } });
  ids = {
    restricted: restricted.id, open: open.id, amendment: amendment.id, unit: unit.id, partner: partner.id, onlyPartner: onlyPartner.id, user: user.id,
    secretVersion, openVersion, feed, openObligation: openObligation.id,
  };
  clearNetworkCache();
});

describe("a viewer and a restricted agreement", () => {
  it("visits every route that has a loader", async () => {
    const withLoader: string[] = [];
    for (const file of ["root.tsx", ...routeFiles]) if ((await loadRoute(file)).loader) withLoader.push(file);
    expect(withLoader.filter((f) => !(f in VISITS))).toEqual([]);
    // The first import of every route module: slow on a busy machine, not a timing check.
  }, 60_000);

  it("finds nothing of it on any page, API or export: no title, terms, contacts, parties' contacts, reference, id or dates", async () => {
    const leaks: string[] = [];
    for (const [file, visits] of Object.entries(VISITS)) {
      for (const url of visits(ids)) {
        const text = await answerText(file, url);
        for (const secret of [...SECRETS, ids.restricted]) if (text.includes(secret)) leaks.push(`${url}: ${secret}`);
      }
    }
    expect(leaks).toEqual([]);
    // Every route, the spreadsheets unpacked: seconds on a loaded 2-core machine.
  }, 30_000);

  it("still sees the open agreement beside it, and a line that restricted agreements only thicken", async () => {
    expect(await answerText("agreements.$id.tsx", `/agreements/${ids.open}`)).toContain("Open framework with San Raffaele");
    expect(await answerText("search.tsx", "/search?q=San+Raffaele")).toContain("Open framework with San Raffaele");
    expect(await answerText("search.tsx", "/search?q=clause")).toContain("Open deed.pdf");
    const network = JSON.parse(await answerText("api.network.ts", "/api/network?cluster=none")) as {
      nodes: { id: string }[];
      edges: { id: string; count: number }[];
    };
    expect(network.edges.find((e) => e.id === `unit:${ids.unit}__partner:${ids.partner}`)?.count).toBe(2);
    // Known only through the restricted agreement: neither the partner nor its line is on the map.
    expect(network.nodes.some((n) => n.id === `partner:${ids.onlyPartner}`)).toBe(false);
    expect(network.edges.some((e) => e.id.endsWith(`partner:${ids.onlyPartner}`))).toBe(false);
    const lines = await answerText("api.network[.]xlsx.ts", "/api/network.xlsx?cluster=none");
    expect(lines).toContain("Ospedale San Raffaele");
    expect(lines).not.toContain("Obscura");
  });
});

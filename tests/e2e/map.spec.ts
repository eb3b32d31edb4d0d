/**
 * The collaboration map (/map): the graph shows what /api/network returns
 * for the same filters, the filters and the date change it, clicking opens
 * the agreements behind a node or a line, restricted titles never reach a
 * viewer, the picture exports, and the table view answers leadership's
 * question.
 *
 * The map draws the whole register, so these tests run on their own, after
 * every other spec (the "map" project in playwright.config.ts), one after
 * the other. Each writes the centres, partners and agreements it asserts
 * on; the rest of the register (reference data, demo data, other specs'
 * rows) is only compared with the API, never counted. Besides its own rows
 * only the drag test changes anything (the shared arrangement), and it puts
 * it back.
 */
import { mkdirSync, readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import { edgeId, partnerNodeId, unitNodeId, type Network, type NetworkEdgeDetail, type NetworkNodeDetail } from "~/domain/network";
import { columnTexts, expect, isoDay, test, waitForHydration, type PartnerRow, type UnitRow } from "./fixtures";

const SHOTS = "/tmp/map-shots";
mkdirSync(SHOTS, { recursive: true });

const filters = (page: Page) => page.getByRole("search", { name: "Filter the map" });
const canvas = (page: Page) => page.locator(".react-flow");
const nodes = (page: Page) => page.locator(".react-flow__node");
/** The lines are drawn in one canvas layer (docs/decisions/082): it says how many it routed. */
const lineLayer = (page: Page) => page.locator("canvas.map-edges").first();
const panel = (page: Page) => page.locator("aside.map-panel");

function multiSelect(page: Page, label: string) {
  return filters(page)
    .locator("details.multi-select")
    .filter({ has: page.locator("summary .field-label", { hasText: new RegExp(`^${label}$`) }) });
}

/** The network the API returns for the page's current filters (the page's own cookies). */
async function apiNetwork(page: Page): Promise<Network> {
  const search = new URL(page.url()).search;
  const res = await page.request.get(`/api/network${search}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as Network;
}

/**
 * Resolves once the browser has drawn two more frames, so React has run the
 * effects of the last navigation. The filter form rebuilds itself in one
 * when the URL changed other than through the form (a page load, a link):
 * a choice made before that is undone on screen, and the next change of
 * filter then drops it.
 */
async function settled(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function openMap(page: Page, query = "") {
  await page.goto(`/map${query}`);
  await waitForHydration(page);
  await expect(canvas(page)).toBeVisible();
  await settled(page);
}

/**
 * Waits until the graph shows exactly the API's nodes for the page's URL,
 * and its line layer draws as many lines as the API's network has. Polled:
 * while the view pans or zooms (fitting, focusing), nodes leave and enter
 * the drawing (only what is in view is drawn).
 */
async function expectGraphMatchesApi(page: Page): Promise<Network> {
  const network = await apiNetwork(page);
  const shown = (drawn: Locator) => drawn.evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? "").sort());
  await expect.poll(() => shown(nodes(page)), { timeout: 10_000 }).toEqual(network.nodes.map((n) => n.id).sort());
  await expect(lineLayer(page)).toHaveAttribute("data-lines", String(network.edges.length));
  return network;
}

function node(page: Page, id: string) {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

const line = (unit: UnitRow, partner: PartnerRow) => edgeId(unitNodeId(unit.id), partnerNodeId(partner.id));
const edgeIds = (network: Network) => new Set(network.edges.map((e) => e.id));
const nodeIds = (network: Network) => new Set(network.nodes.map((n) => n.id));

test("a viewer opens the map and sees a node for every HT unit and partner the filters match", async ({ page, login, create, db }) => {
  const centre = await create.unit({ name: create.unique("Centre for Brain Health") });
  const hospital = await create.partner({ name: create.unique("Ospedale di Circolo"), kind: "RESEARCH_HOSPITAL" });
  const university = await create.partner({ name: create.unique("Università del Lago") });
  await create.agreement({ units: [centre], partners: [hospital] });
  await create.agreement({ units: [centre], partners: [university] });

  await login("viewer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Map" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Collaboration map" })).toBeVisible();
  await waitForHydration(page);
  await settled(page);

  const all = await expectGraphMatchesApi(page);
  // Every centre and facility has its node, with lines or without.
  const topUnits = await db.unit.findMany({ where: { parentId: null }, select: { id: true } });
  expect(new Set(all.nodes.filter((n) => n.type === "unit").map((n) => n.id))).toEqual(new Set(topUnits.map((u) => unitNodeId(u.id))));
  expect(all.nodes.some((n) => n.type === "unit" && n.name === "Neurogenomics")).toBe(true);
  for (const p of [hospital, university]) expect(nodeIds(all).has(partnerNodeId(p.id))).toBe(true);
  expect(edgeIds(all)).toContain(line(centre, hospital));
  expect(edgeIds(all)).toContain(line(centre, university));
  // The legend and the caption are on the map.
  await expect(canvas(page).getByRole("region", { name: "Legend" })).toContainText("Research hospital");
  await expect(page.locator(".map-caption")).toContainText("HT collaborations as of today");
  await page.screenshot({ path: `${SHOTS}/map-overview.png` });

  // Only research hospitals: every partner node left is one.
  const partnerKind = multiSelect(page, "Partner kind");
  await partnerKind.locator("summary").click();
  await partnerKind.getByRole("checkbox", { name: "Research hospital", exact: true }).check();
  await expect(page).toHaveURL(/[?&]partnerKind=RESEARCH_HOSPITAL(&|$)/);
  const hospitals = await expectGraphMatchesApi(page);
  const partners = hospitals.nodes.filter((n) => n.type === "partner");
  expect(partners.every((n) => n.kind === "RESEARCH_HOSPITAL")).toBe(true);
  expect(nodeIds(hospitals).has(partnerNodeId(hospital.id))).toBe(true);
  expect(nodeIds(hospitals).has(partnerNodeId(university.id))).toBe(false);
  expect(edgeIds(hospitals)).toContain(line(centre, hospital));
  expect(hospitals.edges.length).toBeLessThan(all.edges.length);
});

test("an editor changes the agreement kind and the lines change with it", async ({ page, login, create }) => {
  const centre = await create.unit();
  // Two framework agreements with one partner, one with another, and a memorandum with a third.
  const [twice, once, mou] = [await create.partner(), await create.partner(), await create.partner()];
  await create.agreement({ kind: "FRAMEWORK", units: [centre], partners: [twice] });
  await create.agreement({ kind: "FRAMEWORK", units: [centre], partners: [twice] });
  await create.agreement({ kind: "FRAMEWORK", units: [centre], partners: [once] });
  await create.agreement({ kind: "MOU", units: [centre], partners: [mou] });

  await login("editor");
  await openMap(page);
  const before = await expectGraphMatchesApi(page);
  for (const p of [twice, once, mou]) expect(edgeIds(before)).toContain(line(centre, p));

  const kind = multiSelect(page, "Agreement kind");
  await kind.locator("summary").click();
  await kind.getByRole("checkbox", { name: "Framework agreement (convenzione quadro)", exact: true }).check();
  await expect(page).toHaveURL(/[?&]kind=FRAMEWORK(&|$)/);
  const frameworks = await expectGraphMatchesApi(page);
  expect(frameworks.edges.length).toBeGreaterThan(0);
  expect(frameworks.edges.length).toBeLessThan(before.edges.length);
  expect(frameworks.edges.every((e) => Object.keys(e.kinds).every((k) => k === "FRAMEWORK" || !e.kinds[k as "FRAMEWORK"]))).toBe(true);
  expect(edgeIds(frameworks)).toContain(line(centre, twice));
  expect(edgeIds(frameworks)).toContain(line(centre, once));
  expect(edgeIds(frameworks)).not.toContain(line(centre, mou));

  // At least two agreements per line: fewer lines still, and the same URL after a reload.
  await filters(page).getByRole("spinbutton", { name: "Min. agreements per line" }).fill("2");
  await expect(page).toHaveURL(/[?&]minWeight=2(&|$)/);
  const strong = await expectGraphMatchesApi(page);
  expect(strong.edges.every((e) => e.count >= 2)).toBe(true);
  expect(strong.edges.length).toBeLessThan(frameworks.edges.length);
  expect(strong.edges.find((e) => e.id === line(centre, twice))?.count).toBe(2);
  expect(edgeIds(strong)).not.toContain(line(centre, once));
  await page.reload();
  await waitForHydration(page);
  await expectGraphMatchesApi(page);
  await expect(filters(page).getByRole("spinbutton", { name: "Min. agreements per line" })).toHaveValue("2");
});

test("a viewer clicks a centre and a line and sees the agreements behind them", async ({ page, login, create }) => {
  const centre = await create.unit({ name: create.unique("Centre for Neural Circuits") });
  const strong = await create.partner({ name: create.unique("Istituto di Neuroscienze") });
  const weak = await create.partner({ name: create.unique("Fondazione Cervello"), kind: "FOUNDATION" });
  const agreements = [
    await create.agreement({ units: [centre], partners: [strong], title: create.unique("Circuit mapping in zebrafish"), start: isoDay(-400) }),
    await create.agreement({ units: [centre], partners: [strong], kind: "MTA", title: create.unique("Transfer of viral vectors"), start: isoDay(-200) }),
    await create.agreement({ units: [centre], partners: [weak], kind: "MOU", title: create.unique("Memorandum on brain imaging"), start: isoDay(-100) }),
  ];
  const centreId = unitNodeId(centre.id);

  await login("viewer");
  await openMap(page);
  const network = await expectGraphMatchesApi(page);

  // Hovering highlights it and its neighbours.
  await node(page, centreId).hover();
  await expect(canvas(page)).toHaveClass(/is-hovering/);
  const neighbours = new Set(network.edges.flatMap((e) => (e.source === centreId ? [e.target] : e.target === centreId ? [e.source] : [])));
  expect(neighbours).toEqual(new Set([partnerNodeId(strong.id), partnerNodeId(weak.id)]));
  await expect(page.locator(".react-flow__node.is-lit")).toHaveCount(3);

  await node(page, centreId).click();
  await expect(panel(page).getByRole("heading", { level: 2, name: centre.name })).toBeVisible();
  const detail = (await (await page.request.get(`/api/network.node?id=${encodeURIComponent(centreId)}`)).json()) as NetworkNodeDetail;
  // Newest first.
  expect(detail.agreements.map((a) => a.id)).toEqual([...agreements].reverse().map((a) => a.id));
  const items = panel(page).getByRole("list", { name: `Agreements of ${centre.name}` }).getByRole("listitem");
  await expect(items).toHaveCount(3);
  for (const a of agreements) {
    await expect(panel(page).getByRole("link", { name: a.title, exact: true })).toHaveAttribute("href", `/agreements/${a.id}`);
  }
  await page.screenshot({ path: `${SHOTS}/map-node-panel.png` });

  // Escape closes the panel and puts the keyboard back on the node.
  await page.keyboard.press("Escape");
  await expect(panel(page)).toHaveCount(0);
  await expect(node(page, centreId)).toBeFocused();
  // Enter opens it again; an arrow key moves to another organisation.
  await page.keyboard.press("Enter");
  await expect(panel(page).getByRole("heading", { level: 2, name: centre.name })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(node(page, centreId)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(node(page, centreId)).not.toBeFocused();
  await expect(page.locator(".react-flow__node:focus")).toHaveCount(1);

  // Its strongest line: the two agreements between the pair.
  const strongLine = network.edges.find((e) => e.id === line(centre, strong))!;
  expect(strongLine.count).toBe(2);
  // Lines are reached from their node: ] walks through them, announced, Enter opens the one lit.
  await node(page, centreId).focus();
  const announced = page.locator(".map-canvas [role=status]").first();
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press("]");
    if ((await announced.textContent())?.includes(strong.name)) break;
  }
  await expect(announced).toContainText(`${strong.name}, 2 agreements`);
  await page.keyboard.press("Enter");
  await expect(panel(page).getByRole("heading", { level: 2 })).toHaveText(`${centre.name} – ${strong.name}`);
  const between = (await (
    await page.request.get(`/api/network.edge?source=${encodeURIComponent(strongLine.source)}&target=${encodeURIComponent(strongLine.target)}`)
  ).json()) as NetworkEdgeDetail;
  expect(between.agreements.map((a) => a.title)).toEqual([agreements[1]!.title, agreements[0]!.title]);
  await expect(panel(page).getByRole("list", { name: "Agreements between the pair" }).getByRole("listitem")).toHaveText([
    new RegExp(agreements[1]!.title),
    new RegExp(agreements[0]!.title),
  ]);

  // Focus mode: the centre and the organisations it works with, nothing else.
  await node(page, centreId).click();
  await panel(page).getByRole("button", { name: "Focus on its neighbours" }).click();
  await expect(page).toHaveURL(/[?&]focus=unit/);
  const focused = await expectGraphMatchesApi(page);
  expect(nodeIds(focused)).toEqual(new Set([centreId, ...neighbours]));
  await page.getByRole("status").getByRole("button", { name: "Show the whole network" }).click();
  await expect(page).not.toHaveURL(/focus=/);
  await expectGraphMatchesApi(page);
});

test("an earlier “as of” date shows fewer lines, and compare mode marks what is new", async ({ page, login, create }) => {
  await login("viewer");
  // A line since the map's first agreement (or earlier), and one that began a month ago.
  const { meta } = (await (await page.request.get("/api/network")).json()) as Network;
  const since = [meta.firstAgreementDate ?? isoDay(), isoDay(-3 * 365)].sort()[0]!;
  const centre = await create.unit();
  const old = await create.partner();
  const recent = await create.partner();
  await create.agreement({ units: [centre], partners: [old], start: since, end: isoDay(365) });
  await create.agreement({ units: [centre], partners: [recent], start: isoDay(-30), end: isoDay(700) });

  // The centre's lines only.
  await openMap(page, `?unit=${centre.id}`);
  const today = await expectGraphMatchesApi(page);
  expect(edgeIds(today)).toEqual(new Set([line(centre, old), line(centre, recent)]));

  // The slider, by keyboard: the first month, then a year and a half on.
  const slider = page.getByRole("slider", { name: "As of" });
  await slider.focus();
  await page.keyboard.press("Home");
  for (let i = 0; i < 18; i++) await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/[?&]asOf=\d{4}-\d{2}-\d{2}/);
  const asOf = new URL(page.url()).searchParams.get("asOf")!;
  await expect(page.locator(".map-caption")).toContainText("HT collaborations as of");
  const earlier = await expectGraphMatchesApi(page);
  expect(earlier.meta.asOf).toBe(asOf);
  expect(edgeIds(earlier)).toEqual(new Set([line(centre, old)]));
  expect(earlier.edges.length).toBeLessThan(today.edges.length);
  await page.screenshot({ path: `${SHOTS}/map-early.png` });

  // Today compared with that date: the recent line is new, the old one unchanged.
  await page.getByRole("button", { name: "Back to today" }).click();
  await expect(page).not.toHaveURL(/asOf=/);
  await filters(page).getByLabel("Compare with").fill(asOf);
  await expect(page).toHaveURL(new RegExp(`[?&]compare=${asOf}`));
  const compared = await expectGraphMatchesApi(page);
  const change = Object.fromEntries(compared.edges.map((e) => [e.id, e.change]));
  expect(change).toEqual({ [line(centre, old)]: "unchanged", [line(centre, recent)]: "new" });
  await expect(canvas(page).getByRole("region", { name: "Legend" })).toContainText("New since the earlier date");
  await page.screenshot({ path: `${SHOTS}/map-compare.png` });
});

test("a viewer never sees the title of a restricted agreement; an editor does", async ({ page, login, pageAs, create }) => {
  const centre = await create.unit();
  const partner = await create.partner({ kind: "COMPANY" });
  const { id, title } = await create.agreement({
    kind: "DATA_SHARING",
    restricted: true,
    title: create.unique("Transfer of identifiable patient genomes"),
    units: [centre],
    partners: [partner],
  });
  const open = await create.agreement({ title: create.unique("Open method development"), units: [centre], partners: [partner] });
  const nodeId = unitNodeId(centre.id);
  const detailOf = async (p: Page, nodeId: string) =>
    (await p.request.get(`/api/network.node?id=${encodeURIComponent(nodeId)}`)).json() as Promise<NetworkNodeDetail>;

  await login("editor");
  await openMap(page);
  await node(page, nodeId).click();
  await expect(panel(page).getByRole("link", { name: title, exact: true })).toHaveAttribute("href", `/agreements/${id}`);

  const viewer = await pageAs("viewer");
  await openMap(viewer);
  await node(viewer, nodeId).click();
  await expect(panel(viewer).getByRole("heading", { level: 2 })).toHaveText(centre.name);
  // How many were left out, and nothing else about them: no title, no link, no id.
  await expect(panel(viewer).getByText("1 restricted agreement", { exact: true })).toBeVisible();
  await expect(panel(viewer).getByRole("link", { name: open.title, exact: true })).toBeVisible();
  await expect(viewer.getByText(title)).toHaveCount(0);
  await expect(panel(viewer).locator(`a[href="/agreements/${id}"]`)).toHaveCount(0);
  expect(await viewer.content()).not.toContain(title);
  expect(JSON.stringify(await detailOf(viewer, nodeId))).not.toContain(id);
  await viewer.screenshot({ path: `${SHOTS}/map-viewer-restricted.png` });
  // Its lines carry no title either, and the line's list counts the restricted one without naming it.
  const viewerNetwork = await apiNetwork(viewer);
  expect(JSON.stringify(viewerNetwork)).not.toContain(title);
  const between = (await (
    await viewer.request.get(`/api/network.edge?source=${encodeURIComponent(nodeId)}&target=${encodeURIComponent(partnerNodeId(partner.id))}`)
  ).json()) as NetworkEdgeDetail;
  expect(between.agreements.map((a) => a.title)).toEqual([open.title]);
  expect(between.restricted).toBe(1);
  expect(JSON.stringify(between)).not.toContain(title);
  expect(JSON.stringify(between)).not.toContain(id);
});

test("an editor downloads the map as a PNG picture, as SVG, and its lines as CSV", async ({ page, login, create }) => {
  const centre = await create.unit();
  const partner = await create.partner();
  await create.agreement({ kind: "MOU", units: [centre], partners: [partner], start: "2024-02-15", end: isoDay(400) });
  await login("editor");
  await openMap(page);
  const network = await expectGraphMatchesApi(page);

  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
  expect(png.suggestedFilename()).toMatch(/^ht-collaboration-map-\d{4}-\d{2}-\d{2}\.png$/);
  const bytes = readFileSync((await png.path())!);
  // The PNG signature, then an IHDR chunk with a sensible size.
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(600);
  expect(height).toBeGreaterThan(400);
  expect(bytes.length).toBeGreaterThan(20_000);
  await png.saveAs(`${SHOTS}/exported-map.png`);

  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "SVG", exact: true }).click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const svgText = readFileSync((await svg.path())!, "utf8");
  expect(svgText).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svgText).toContain("HT collaborations as of");

  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Lines as CSV" }).click()]);
  const text = readFileSync((await csv.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "HT unit,HT unit kind,Partner,Partner kind,Agreements,Value (EUR),Kinds,Dominant kind,Lifecycle,Since,First counted,Last end,Change",
  );
  expect(lines.length - 1).toBe(network.edges.length);
  const ours = lines.filter((l) => l.startsWith(`${centre.name},`));
  expect(ours).toEqual([
    `${centre.name},Research centre,${partner.name},University,1,0.00,Memorandum of understanding ×1,Memorandum of understanding,active,2024-02-15,2024-02-15,${isoDay(400)},`,
  ]);
});

test("leadership asks which hospitals a centre works with, under what agreements, since when", async ({ page, login, create }) => {
  const centre = await create.unit({ name: create.unique("Centre for Neurogenomic Medicine") });
  // Two hospitals in force; A to Z the first began later than the second.
  const auxologico = await create.partner({ name: create.unique("Istituto Auxologico"), kind: "RESEARCH_HOSPITAL" });
  const bellini = await create.partner({ name: create.unique("Ospedale Bellini"), kind: "RESEARCH_HOSPITAL" });
  await create.agreement({ kind: "DATA_SHARING", units: [centre], partners: [auxologico], start: "2022-09-12", end: isoDay(500) });
  await create.agreement({ kind: "MOU", units: [centre], partners: [bellini], start: "2021-03-15", end: isoDay(800) });
  await create.agreement({ kind: "RESEARCH_COLLABORATION", units: [centre], partners: [bellini], start: "2023-06-01", end: isoDay(300) });
  // Their first agreement, long expired: the answer to "since when", whatever the status filter.
  await create.agreement({ kind: "MTA", status: "EXPIRED", units: [centre], partners: [bellini], start: "2018-04-03", end: "2019-04-02" });
  // A hospital whose only agreement has ended, and a university: neither is the answer.
  const ended = await create.partner({ name: create.unique("Ospedale Chiuso"), kind: "RESEARCH_HOSPITAL" });
  await create.agreement({ units: [centre], partners: [ended], start: "2019-05-01", end: isoDay(-60) });
  await create.agreement({ kind: "MOU", units: [centre], partners: [await create.partner()], start: "2020-01-10" });

  await login("viewer");
  await openMap(page);
  await page.getByRole("navigation", { name: "Map views" }).getByRole("link", { name: "Table of pairs" }).click();
  await expect(page).toHaveURL(/[?&]view=table/);
  await waitForHydration(page);
  await settled(page);

  await filters(page).getByRole("combobox", { name: "HT unit" }).selectOption({ label: centre.name });
  await expect(page).toHaveURL(new RegExp(`[?&]unit=${centre.id}`));
  await expect(filters(page).getByRole("combobox", { name: "HT unit" })).toHaveValue(centre.id);
  const partnerKind = multiSelect(page, "Partner kind");
  await partnerKind.locator("summary").click();
  await partnerKind.getByRole("checkbox", { name: "Research hospital", exact: true }).check();
  await expect(page).toHaveURL(/[?&]partnerKind=RESEARCH_HOSPITAL(&|$)/);
  await expect(page).toHaveURL(/[?&]view=table/);

  const table = page.getByRole("table", { name: /Collaborations as of/ });
  await expect(table).toContainText(`HT unit: ${centre.name}`);
  await expect(table).toContainText("Partners: Research hospital");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  expect(await columnTexts(page, "HT unit")).toEqual([centre.name, centre.name]);
  expect(await columnTexts(page, "Partner")).toEqual([auxologico.name, bellini.name]);
  expect(await columnTexts(page, "Partner kind")).toEqual(["Research hospital", "Research hospital"]);
  expect(await columnTexts(page, "Agreements")).toEqual(["1", "2"]);
  // Since when: the first signed agreement of any status; what the Active filter counts is beside it, and said so.
  expect(await columnTexts(page, "Since")).toEqual(["12 Sep 2022", "3 Apr 2018"]);
  expect(await columnTexts(page, "First counted")).toEqual(["12 Sep 2022", "15 Mar 2021"]);
  await expect(table.locator("caption")).toContainText("Since: the first signed agreement of the pair, any status (expired and terminated included), whatever the status filter");
  await expect(table.locator("caption")).toContainText("Status: Active");
  const kinds = (partner: PartnerRow) => table.locator("tbody tr").filter({ hasText: partner.name }).getByRole("listitem");
  await expect(kinds(auxologico)).toHaveText(["Data sharing"]);
  await expect(kinds(bellini)).toHaveText(["MoU", "Research collab."]);
  // The table is the graph's network: one row per line.
  const network = await apiNetwork(page);
  expect(network.edges.map((e) => e.id).sort()).toEqual([line(centre, auxologico), line(centre, bellini)].sort());
  await page.screenshot({ path: `${SHOTS}/map-table-centre.png`, fullPage: true });

  // Sorting by since, oldest first.
  await table.getByRole("columnheader", { name: /^Since/ }).getByRole("link").click();
  await expect(table.getByRole("columnheader", { name: /^Since/ })).toHaveAttribute("aria-sort", "ascending");
  expect(await columnTexts(page, "Partner")).toEqual([bellini.name, auxologico.name]);
  expect(await columnTexts(page, "Since")).toEqual(["3 Apr 2018", "12 Sep 2022"]);

  // The gap matrix, same filters: the centre has research hospitals, no gap there.
  await page.getByRole("navigation", { name: "Map views" }).getByRole("link", { name: "Gaps by partner kind" }).click();
  const matrix = page.getByRole("table", { name: /Agreements and partners per HT unit/ });
  await expect(matrix.getByRole("columnheader", { name: "Research hospital" })).toBeVisible();
  await expect(matrix.getByRole("row", { name: new RegExp(centre.name) })).toContainText("3 / 2 agreements with 2 partners");
});

test("a viewer finds a partner, plays the years, opens a cluster and a centre's research groups", async ({ page, login, create }) => {
  // A centre with a research group, the institute the group works with (for
  // three years now), and two universities the centre works with.
  const centre = await create.unit({ name: create.unique("Centre for Cell Atlases") });
  const lab = await create.unit({ parent: centre, name: create.unique("Spatial Atlas Lab") });
  const institute = await create.partner({ name: create.unique("Istituto Zafferano"), kind: "RESEARCH_INSTITUTE" });
  const universities = [await create.partner(), await create.partner()];
  await create.agreement({ units: [lab], partners: [institute], start: isoDay(-3 * 365) });
  for (const u of universities) await create.agreement({ units: [centre], partners: [u] });

  await login("viewer");
  await openMap(page);
  const network = await expectGraphMatchesApi(page);

  // Search: the partner is centred and its panel opens.
  await page.getByRole("combobox", { name: "Find a partner or HT unit" }).fill(`zafferano ${create.tag}`);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(panel(page).getByRole("heading", { level: 2, name: institute.name })).toBeVisible();
  await page.keyboard.press("Escape");

  // Play: the map steps through the years, each step a shareable URL; pause stops it.
  const play = page.getByRole("button", { name: "Play years" });
  await play.click();
  const firstYear = network.meta.firstAgreementDate!.slice(0, 4);
  await expect(page).toHaveURL(new RegExp(`asOf=${firstYear}-12-31`));
  await expect(page).toHaveURL(new RegExp(`asOf=${Number(firstYear) + 1}-12-31`), { timeout: 8_000 });
  await page.getByRole("button", { name: "Pause" }).click();
  const paused = page.url();
  await page.waitForTimeout(1_500);
  expect(page.url()).toBe(paused);
  // The search zoomed in (off-screen nodes are not drawn): fit the map, then all are there.
  await page.getByRole("button", { name: "Fit the whole map in view" }).click();
  await expectGraphMatchesApi(page);

  // Partners grouped by kind: a click on a group opens it.
  await openMap(page, "?cluster=kind");
  const grouped = await expectGraphMatchesApi(page);
  const cluster = grouped.nodes.find((n) => n.type === "cluster" && n.kind === "UNIVERSITY")!;
  for (const u of universities) expect(cluster.memberIds).toContain(partnerNodeId(u.id));
  await node(page, cluster.id).click();
  await expect(page).toHaveURL(/[?&]expandCluster=kind(%3A|:)UNIVERSITY/);
  const opened = await expectGraphMatchesApi(page);
  const members = opened.nodes.filter((n) => n.type === "partner" && n.kind === "UNIVERSITY");
  expect(members.length).toBe(cluster.memberCount);
  for (const u of universities) expect(members.map((m) => m.id)).toContain(partnerNodeId(u.id));

  // A centre's "+" shows its research groups.
  await openMap(page);
  const centreId = unitNodeId(centre.id);
  await node(page, centreId).locator(".map-expand-mark").click();
  await expect(page).toHaveURL(new RegExp(`[?&]expand=${centre.id}`));
  const expanded = await expectGraphMatchesApi(page);
  expect(expanded.nodes.filter((n) => n.parentId === centreId).map((n) => n.id)).toEqual([unitNodeId(lab.id)]);
  expect(edgeIds(expanded)).toContain(line(lab, institute));

  // Full screen: the map and its panel fill the screen, and come back.
  await page.getByRole("button", { name: "Full screen" }).click();
  await page.waitForFunction(() => document.fullscreenElement?.classList.contains("map-shell") === true);
  await page.getByRole("button", { name: "Leave full screen" }).click();
  await page.waitForFunction(() => document.fullscreenElement === null);
});

test("an editor drags a partner, saves the arrangement for everyone, and restores the computed layout", async ({ page, login, pageAs }) => {
  await login("editor");
  await openMap(page);
  const network = await expectGraphMatchesApi(page);
  // The partner furthest right in the middle band: clear of the legend, the caption and the minimap.
  const partner = network.nodes
    .filter((n) => n.type === "partner" && Math.abs(n.y) < 150)
    .sort((a, b) => b.x - a.x)[0]!;
  const target = node(page, partner.id);
  const position = async (p: Page) =>
    // Nodes are placed by left and top (map-model.ts, placedStyle).
    p.locator(`.react-flow__node[data-id="${partner.id}"]`).evaluate((el: HTMLElement) => [parseFloat(el.style.left), parseFloat(el.style.top)]);
  const before = await position(page);

  await canvas(page).scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 8 });
  await page.mouse.up();
  const dragged = await position(page);
  expect(dragged[0]).toBeGreaterThan(before[0]! + 20);

  await page.getByRole("button", { name: "Save arrangement as default" }).click();
  await expect(page.getByText("Saved: everyone now sees this arrangement.")).toBeVisible();

  // Another person (a viewer, who cannot save) sees it where the editor put it.
  const viewer = await pageAs("viewer");
  await openMap(viewer);
  await expect(viewer.getByRole("button", { name: "Save arrangement as default" })).toHaveCount(0);
  const seen = await position(viewer);
  expect(Math.abs(seen[0]! - dragged[0]!)).toBeLessThan(2);
  expect(Math.abs(seen[1]! - dragged[1]!)).toBeLessThan(2);

  await page.getByRole("button", { name: "Restore computed layout" }).click();
  await expect(page.getByText("The computed layout is the default again.")).toBeVisible();
  await expect.poll(async () => (await position(page))[0]).toBeCloseTo(before[0]!, 0);
});

test("zooming in on a partner group opens it", async ({ page, login, create }) => {
  const centre = await create.unit();
  const hospitals = [
    await create.partner({ kind: "RESEARCH_HOSPITAL" }),
    await create.partner({ kind: "RESEARCH_HOSPITAL" }),
  ];
  for (const h of hospitals) await create.agreement({ units: [centre], partners: [h] });

  await login("viewer");
  await openMap(page, "?cluster=kind");
  const grouped = await expectGraphMatchesApi(page);
  const cluster = grouped.nodes.find((n) => n.type === "cluster" && n.kind === "RESEARCH_HOSPITAL")!;
  for (const h of hospitals) expect(cluster.memberIds).toContain(partnerNodeId(h.id));
  await canvas(page).scrollIntoViewIfNeeded();
  const box = (await node(page, cluster.id).locator(".map-dot").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // A turn of the wheel at a time, until the group is big enough to open.
  await expect(async () => {
    await page.mouse.wheel(0, -400);
    await expect(page).toHaveURL(/expandCluster=/, { timeout: 250 });
  }).toPass({ timeout: 10_000 });
  const opened = await apiNetwork(page);
  expect(opened.nodes.some((n) => n.id === cluster.id)).toBe(false);
  const members = opened.nodes.filter((n) => n.type === "partner" && n.kind === "RESEARCH_HOSPITAL");
  expect(members.length).toBe(cluster.memberCount);
  for (const h of hospitals) expect(members.map((m) => m.id)).toContain(partnerNodeId(h.id));
  // Zoomed in, only what is in view is drawn: the hospitals are among it.
  await expect(page.locator(members.map((m) => `.react-flow__node[data-id="${m.id}"]`).join(", ")).first()).toBeVisible();
});

test("what if a framework ends: its lines vanish or thin, and the agreements and partners affected are listed", async ({ page, login, create }) => {
  const centre = await create.unit({ name: create.unique("Centre for What If") });
  const other = await create.unit({ name: create.unique("Facility for What If"), kind: "FACILITY" });
  const hospital = await create.partner({ name: create.unique("Ospedale Quadro"), kind: "RESEARCH_HOSPITAL" });
  const framework = await create.agreement({ kind: "FRAMEWORK", units: [centre, other], partners: [hospital], title: create.unique("Convenzione quadro") });
  const implementing = await create.agreement({ kind: "IMPLEMENTING", units: [other], partners: [hospital], links: [{ type: "IMPLEMENTS", to: framework }], title: create.unique("Accordo attuativo") });
  const own = await create.agreement({ kind: "MTA", units: [centre], partners: [hospital], title: create.unique("Own MTA") });

  await login("viewer");
  await openMap(page, `?unit=${centre.id}&cluster=none`);
  await page.getByRole("combobox", { name: "What if… ends" }).selectOption({ label: `${framework.reference} · ${framework.title}` });
  await expect(page).toHaveURL(new RegExp(`[?&]whatIf=${framework.id}`));
  const answer = page.getByRole("region", { name: /^What if/ });
  await expect(answer.getByRole("heading", { level: 2 })).toContainText(framework.title);
  // The centre's line keeps its own MTA (it thins); the framework's other party is outside the unit filter.
  await expect(answer.getByTestId("whatif-summary")).toHaveText("1 agreement on the map would end: 0 lines would vanish and 1 line would thin (marked on the map).");
  await expect(answer).toContainText(`Partners with fewer agreements: ${hospital.name}`);
  await expect(answer.getByRole("list", { name: "Agreements the scenario ends" })).toContainText(framework.title);
  await expect(answer).not.toContainText(own.title);

  // The whole network: the facility's line has only the framework and its implementing agreement: it vanishes.
  await openMap(page, `?whatIf=${framework.id}&cluster=none`);
  const network = await apiNetwork(page);
  const whatIf = (unit: UnitRow) => network.edges.find((e) => e.id === line(unit, hospital))?.whatIf;
  expect(whatIf(other)).toEqual({ removed: 2 });
  expect(whatIf(centre)).toEqual({ removed: 1 });
  const list = page.getByRole("region", { name: /^What if/ }).getByRole("list", { name: "Agreements the scenario ends" });
  await expect(list).toContainText(implementing.title);
  await page.screenshot({ path: `${SHOTS}/map-what-if.png`, fullPage: true });
});

test("an editor downloads the map as GEXF and reads it back: nodes, lines, since, filters and date", async ({ page, login, create }) => {
  const centre = await create.unit({ name: create.unique("Centre for Gephi") });
  const hospital = await create.partner({ name: create.unique("Ospedale Gephi"), kind: "RESEARCH_HOSPITAL" });
  await create.agreement({ kind: "MTA", status: "EXPIRED", units: [centre], partners: [hospital], start: "2019-02-01", end: "2020-02-01" });
  await create.agreement({ kind: "MOU", units: [centre], partners: [hospital], start: "2023-05-01" });

  await login("editor");
  await openMap(page, `?unit=${centre.id}&cluster=none`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "GEXF" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^ht-collaboration-map-\d{4}-\d{2}-\d{2}\.gexf$/);
  const xml = readFileSync((await download.path())!, "utf8");
  const read = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.querySelector("parsererror")) return null;
    const titles = new Map([...doc.querySelectorAll("attributes[class=edge] attribute")].map((a) => [a.getAttribute("id"), a.getAttribute("title")]));
    const edge = doc.querySelector("edge");
    const values = Object.fromEntries([...(edge?.querySelectorAll("attvalue") ?? [])].map((v) => [titles.get(v.getAttribute("for")), v.getAttribute("value")]));
    return {
      root: doc.documentElement.nodeName,
      description: doc.querySelector("meta description")?.textContent ?? "",
      nodes: [...doc.querySelectorAll("node")].map((n) => n.getAttribute("label")),
      edges: doc.querySelectorAll("edge").length,
      values,
    };
  }, xml);
  expect(read).not.toBeNull();
  expect(read!.root).toBe("gexf");
  expect(read!.description).toContain("HT collaborations as of");
  expect(read!.description).toContain(`HT unit: ${centre.name}`);
  expect(read!.description).toContain("Status: Active");
  const label = (await apiNetwork(page)).nodes.find((n) => n.id === partnerNodeId(hospital.id))!.label;
  expect(read!.nodes).toContain(label);
  expect(read!.edges).toBe(1);
  expect(read!.values).toMatchObject({ agreements: "1", since: "2019-02-01", mainKind: "MOU" });
});

test("an editor saves and pins a view; a viewer reopens it from its link with the same filters and question", async ({ page, login, pageAs, create }) => {
  const centre = await create.unit({ name: create.unique("Centre for Saved Views") });
  const hospital = await create.partner({ name: create.unique("Ospedale Salvato"), kind: "RESEARCH_HOSPITAL" });
  await create.agreement({ units: [centre], partners: [hospital] });
  const name = create.unique("Board, December");

  await login("editor");
  await openMap(page, `?unit=${centre.id}&partnerKind=RESEARCH_HOSPITAL&whatIf=ending:12`);
  const views = page.getByRole("group", { name: "Saved views" });
  await views.getByText("Save view", { exact: true }).click();
  await views.getByLabel("Name of the view").fill(name);
  await views.getByLabel("Pin for everyone").check();
  await views.getByRole("button", { name: "Save", exact: true }).click();
  const saved = views.getByRole("status");
  await expect(saved).toContainText(`Saved “${name}”`);
  const link = await saved.getByRole("link").getAttribute("href");
  expect(link).toMatch(/^\/map-views\/\w+$/);

  // Another person opens the link: the same filters and question, drawn for them, the view named.
  const viewer = await pageAs("viewer");
  await viewer.goto(link!);
  await expect(viewer).toHaveURL(new RegExp(`/map\\?.*unit=${centre.id}`));
  const url = new URL(viewer.url());
  expect(url.searchParams.get("partnerKind")).toBe("RESEARCH_HOSPITAL");
  expect(url.searchParams.get("whatIf")).toBe("ending:12");
  await waitForHydration(viewer);
  await expect(viewer.getByRole("combobox", { name: "Open a saved view" })).toHaveValue(link!.split("/").pop()!);
  await expect(viewer.getByRole("combobox", { name: "What if… ends" })).toHaveValue("ending:12");
  await expect(viewer.getByRole("region", { name: /^What if everything ending in the next 12 months/ })).toBeVisible();
  // Pinned: in everyone's list.
  await viewer.goto("/map-views");
  await expect(viewer.getByRole("row", { name: new RegExp(name) })).toContainText("Pinned for everyone");
});

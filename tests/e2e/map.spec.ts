/**
 * The collaboration map (/map) on the demo data: the graph shows what
 * /api/network returns for the same filters, the filters and the date
 * change it, clicking opens the agreements behind a node or a line,
 * restricted titles never reach a viewer, the picture exports, and the
 * table view answers leadership's question. Only the last test changes
 * anything (the shared arrangement), and it puts it back.
 */
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { Network, NetworkEdgeDetail, NetworkNodeDetail } from "~/domain/network";
import { columnTexts, expect, test, waitForHydration } from "./fixtures";

const SHOTS = "/tmp/map-shots";
mkdirSync(SHOTS, { recursive: true });

const filters = (page: Page) => page.getByRole("search", { name: "Filter the map" });
const canvas = (page: Page) => page.locator(".react-flow");
const nodes = (page: Page) => page.locator(".react-flow__node");
const edges = (page: Page) => page.locator(".react-flow__edge");
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

async function openMap(page: Page, query = "") {
  await page.goto(`/map${query}`);
  await waitForHydration(page);
  await expect(canvas(page)).toBeVisible();
}

/** Waits until the graph shows exactly the API's nodes and edges for the page's URL. */
async function expectGraphMatchesApi(page: Page): Promise<Network> {
  const network = await apiNetwork(page);
  await expect(nodes(page)).toHaveCount(network.nodes.length);
  await expect(edges(page)).toHaveCount(network.edges.length);
  const shownNodes = await nodes(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-id")).sort());
  expect(shownNodes).toEqual(network.nodes.map((n) => n.id).sort());
  const shownEdges = await edges(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-id")).sort());
  expect(shownEdges).toEqual(network.edges.map((e) => e.id).sort());
  return network;
}

function node(page: Page, id: string) {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

test("a viewer opens the map and sees a node for every HT unit and partner the filters match", async ({ page, login }) => {
  await login("viewer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Map" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Collaboration map" })).toBeVisible();
  await waitForHydration(page);

  const all = await expectGraphMatchesApi(page);
  expect(all.nodes.some((n) => n.type === "unit" && n.name === "Neurogenomics")).toBe(true);
  expect(all.nodes.filter((n) => n.type === "partner").length).toBeGreaterThan(10);
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
  expect(partners.length).toBeGreaterThan(2);
  expect(partners.every((n) => n.kind === "RESEARCH_HOSPITAL")).toBe(true);
  expect(hospitals.edges.length).toBeLessThan(all.edges.length);
});

test("an editor changes the agreement kind and the lines change with it", async ({ page, login }) => {
  await login("editor");
  await openMap(page);
  const before = await expectGraphMatchesApi(page);

  const kind = multiSelect(page, "Agreement kind");
  await kind.locator("summary").click();
  await kind.getByRole("checkbox", { name: "Framework agreement (convenzione quadro)", exact: true }).check();
  await expect(page).toHaveURL(/[?&]kind=FRAMEWORK(&|$)/);
  const frameworks = await expectGraphMatchesApi(page);
  expect(frameworks.edges.length).toBeGreaterThan(0);
  expect(frameworks.edges.length).toBeLessThan(before.edges.length);
  expect(frameworks.edges.every((e) => Object.keys(e.kinds).every((k) => k === "FRAMEWORK" || !e.kinds[k as "FRAMEWORK"]))).toBe(true);

  // At least two agreements per line: fewer lines still, and the same URL after a reload.
  await filters(page).getByRole("spinbutton", { name: "Min. agreements per line" }).fill("2");
  await expect(page).toHaveURL(/[?&]minWeight=2(&|$)/);
  const strong = await expectGraphMatchesApi(page);
  expect(strong.edges.every((e) => e.count >= 2)).toBe(true);
  expect(strong.edges.length).toBeLessThanOrEqual(frameworks.edges.length);
  await page.reload();
  await waitForHydration(page);
  await expectGraphMatchesApi(page);
  await expect(filters(page).getByRole("spinbutton", { name: "Min. agreements per line" })).toHaveValue("2");
});

test("a viewer clicks Neurogenomics and a line and sees the agreements behind them", async ({ page, login }) => {
  await login("viewer");
  await openMap(page);
  const network = await expectGraphMatchesApi(page);
  const ng = network.nodes.find((n) => n.type === "unit" && n.name === "Neurogenomics")!;

  // Hovering highlights it and its neighbours.
  await node(page, ng.id).hover();
  await expect(canvas(page)).toHaveClass(/is-hovering/);
  const neighbours = new Set(network.edges.flatMap((e) => (e.source === ng.id ? [e.target] : e.target === ng.id ? [e.source] : [])));
  await expect(page.locator(".react-flow__node.is-lit")).toHaveCount(neighbours.size + 1);

  await node(page, ng.id).click();
  await expect(panel(page).getByRole("heading", { level: 2, name: "Neurogenomics" })).toBeVisible();
  const detail = (await (await page.request.get(`/api/network.node?id=${encodeURIComponent(ng.id)}`)).json()) as NetworkNodeDetail;
  expect(detail.agreements.length).toBeGreaterThan(0);
  const items = panel(page).getByRole("list", { name: "Agreements of Neurogenomics" }).getByRole("listitem");
  await expect(items).toHaveCount(detail.agreements.length);
  for (const a of detail.agreements.slice(0, 5)) {
    await expect(panel(page).getByRole("link", { name: a.title, exact: true })).toHaveAttribute("href", `/agreements/${a.id}`);
  }
  await page.screenshot({ path: `${SHOTS}/map-node-panel.png` });

  // Escape closes the panel and puts the keyboard back on the node.
  await page.keyboard.press("Escape");
  await expect(panel(page)).toHaveCount(0);
  await expect(node(page, ng.id)).toBeFocused();
  // Enter opens it again; an arrow key moves to another organisation.
  await page.keyboard.press("Enter");
  await expect(panel(page).getByRole("heading", { level: 2, name: "Neurogenomics" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(node(page, ng.id)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(node(page, ng.id)).not.toBeFocused();
  await expect(page.locator(".react-flow__node:focus")).toHaveCount(1);

  // The strongest line of Neurogenomics: the agreements between the pair.
  const line = network.edges.filter((e) => e.source === ng.id).sort((a, b) => b.count - a.count)[0]!;
  const partner = network.nodes.find((n) => n.id === line.target)!;
  await page.locator(`.react-flow__edge[data-id="${line.id}"] .react-flow__edge-interaction`).dispatchEvent("click");
  await expect(panel(page).getByRole("heading", { level: 2 })).toHaveText(`Neurogenomics – ${partner.name}`);
  const between = (await (
    await page.request.get(`/api/network.edge?source=${encodeURIComponent(line.source)}&target=${encodeURIComponent(line.target)}`)
  ).json()) as NetworkEdgeDetail;
  // The viewer's list: the agreements they may read; the restricted ones only counted.
  expect(between.agreements.length + between.restricted).toBe(line.count);
  await expect(panel(page).getByRole("list", { name: "Agreements between the pair" }).getByRole("listitem")).toHaveCount(between.agreements.length);

  // Focus mode: Neurogenomics and the organisations it works with, nothing else.
  await node(page, ng.id).click();
  await panel(page).getByRole("button", { name: "Focus on its neighbours" }).click();
  await expect(page).toHaveURL(/[?&]focus=unit/);
  const focused = await expectGraphMatchesApi(page);
  expect(new Set(focused.nodes.map((n) => n.id))).toEqual(new Set([ng.id, ...neighbours]));
  await page.getByRole("status").getByRole("button", { name: "Show the whole network" }).click();
  await expect(page).not.toHaveURL(/focus=/);
  await expectGraphMatchesApi(page);
});

test("an earlier “as of” date shows fewer lines, and compare mode marks what is new", async ({ page, login }) => {
  await login("viewer");
  await openMap(page);
  const today = await expectGraphMatchesApi(page);

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
  expect(earlier.edges.length).toBeLessThan(today.edges.length);
  await page.screenshot({ path: `${SHOTS}/map-early.png` });

  // Today compared with that date: every line is new or unchanged, or lapsed.
  await page.getByRole("button", { name: "Back to today" }).click();
  await expect(page).not.toHaveURL(/asOf=/);
  await filters(page).getByLabel("Compare with").fill(asOf);
  await expect(page).toHaveURL(new RegExp(`[?&]compare=${asOf}`));
  const compared = await expectGraphMatchesApi(page);
  expect(compared.edges.some((e) => e.change === "new")).toBe(true);
  await expect(canvas(page).getByRole("region", { name: "Legend" })).toContainText("New since the earlier date");
  await page.screenshot({ path: `${SHOTS}/map-compare.png` });
});

test("a viewer never sees the title of a restricted agreement; an editor does", async ({ page, login, pageAs }) => {
  await login("editor");
  await openMap(page);
  const network = await apiNetwork(page);
  const viewer = await pageAs("viewer");
  await openMap(viewer);
  const detailOf = async (p: Page, id: string) => (await p.request.get(`/api/network.node?id=${encodeURIComponent(id)}`)).json() as Promise<NetworkNodeDetail>;
  // Find, as the editor, a node with a restricted agreement among its agreements that is on the viewer's map too.
  let found: { nodeId: string; title: string; id: string } | null = null;
  for (const n of network.nodes) {
    const r = (await detailOf(page, n.id)).agreements.find((a) => a.restricted);
    if (r && (await detailOf(viewer, n.id)).restricted > 0) {
      found = { nodeId: n.id, title: r.title, id: r.id };
      break;
    }
  }
  expect(found, "the demo data has a restricted agreement in force").not.toBeNull();
  const { nodeId, title, id } = found!;
  expect(title).not.toBe("Restricted agreement");

  await node(page, nodeId).click();
  await expect(panel(page).getByRole("link", { name: title, exact: true })).toHaveAttribute("href", `/agreements/${id}`);

  await node(viewer, nodeId).click();
  await expect(panel(viewer).getByRole("heading", { level: 2 })).toBeVisible();
  // How many were left out, and nothing else about them: no title, no link, no id.
  await expect(panel(viewer).getByText(/^\d+ restricted agreements?$/)).toBeVisible();
  await expect(viewer.getByText(title)).toHaveCount(0);
  await expect(panel(viewer).locator(`a[href="/agreements/${id}"]`)).toHaveCount(0);
  expect(await viewer.content()).not.toContain(title);
  expect(JSON.stringify(await detailOf(viewer, nodeId))).not.toContain(id);
  await viewer.screenshot({ path: `${SHOTS}/map-viewer-restricted.png` });
  // Its lines carry no title either.
  const viewerNetwork = await apiNetwork(viewer);
  expect(JSON.stringify(viewerNetwork)).not.toContain(title);
});

test("an editor downloads the map as a PNG picture, as SVG, and its lines as CSV", async ({ page, login }) => {
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
    "HT unit,HT unit kind,Partner,Partner kind,Agreements,Value (EUR),Kinds,Dominant kind,Lifecycle,First agreement,Latest agreement,Change",
  );
  expect(lines.length - 1).toBe(network.edges.length);
});

test("leadership asks which hospitals Neurogenomics works with, under what agreements, since when", async ({ page, login }) => {
  await login("viewer");
  await openMap(page);
  await page.getByRole("navigation", { name: "Map views" }).getByRole("link", { name: "Table of pairs" }).click();
  await expect(page).toHaveURL(/[?&]view=table/);
  await waitForHydration(page);

  await filters(page).getByRole("combobox", { name: "HT unit" }).selectOption({ label: "Neurogenomics" });
  await expect(page).toHaveURL(/[?&]unit=/);
  const partnerKind = multiSelect(page, "Partner kind");
  await partnerKind.locator("summary").click();
  await partnerKind.getByRole("checkbox", { name: "Research hospital", exact: true }).check();
  await expect(page).toHaveURL(/[?&]partnerKind=RESEARCH_HOSPITAL(&|$)/);
  await expect(page).toHaveURL(/[?&]view=table/);

  const table = page.getByRole("table", { name: /Collaborations as of/ });
  await expect(table).toContainText("HT unit: Neurogenomics");
  await expect(table).toContainText("Partners: Research hospital");
  const units = await columnTexts(page, "HT unit");
  const partners = await columnTexts(page, "Partner");
  const kinds = await columnTexts(page, "Kinds");
  const first = await columnTexts(page, "First");
  expect(units.length).toBeGreaterThanOrEqual(2);
  expect(new Set(units)).toEqual(new Set(["Neurogenomics"]));
  expect(partners).toEqual(expect.arrayContaining(["Istituto Neurologico C. Besta", "Ospedale San Raffaele"]));
  expect(new Set(await columnTexts(page, "Partner kind"))).toEqual(new Set(["Research hospital"]));
  for (const k of kinds) expect(k).toMatch(/[A-Za-z]/);
  for (const d of first) expect(d).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
  // The table is the graph's network: one row per line.
  const network = await apiNetwork(page);
  const lines = network.edges.length;
  expect(units.length).toBe(lines);
  await page.screenshot({ path: `${SHOTS}/map-table-neurogenomics.png`, fullPage: true });

  // Sorting by the first date, oldest first.
  await table.getByRole("columnheader", { name: /^First/ }).getByRole("link").click();
  await expect(table.getByRole("columnheader", { name: /^First/ })).toHaveAttribute("aria-sort", "ascending");

  // The gap matrix, same filters: Neurogenomics has research hospitals, no gap there.
  await page.getByRole("navigation", { name: "Map views" }).getByRole("link", { name: "Gaps by partner kind" }).click();
  const matrix = page.getByRole("table", { name: /Agreements and partners per HT unit/ });
  await expect(matrix.getByRole("row", { name: /Neurogenomics/ })).toBeVisible();
  await expect(matrix.getByRole("columnheader", { name: "Research hospital" })).toBeVisible();
});

test("a viewer finds a partner, plays the years, opens a cluster and a centre's research groups", async ({ page, login }) => {
  await login("viewer");
  await openMap(page);
  const network = await expectGraphMatchesApi(page);

  // Search: the partner is centred and its panel opens.
  await page.getByRole("combobox", { name: "Find a partner or HT unit" }).fill("besta");
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await expect(panel(page).getByRole("heading", { level: 2, name: "Istituto Neurologico C. Besta" })).toBeVisible();
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
  const universities = grouped.nodes.find((n) => n.type === "cluster" && n.kind === "UNIVERSITY")!;
  await node(page, universities.id).click();
  await expect(page).toHaveURL(/[?&]expandCluster=kind(%3A|:)UNIVERSITY/);
  const opened = await expectGraphMatchesApi(page);
  expect(opened.nodes.filter((n) => n.type === "partner" && n.kind === "UNIVERSITY").length).toBe(universities.memberCount);

  // A centre's "+" shows its research groups.
  await openMap(page);
  const ng = network.nodes.find((n) => n.type === "unit" && n.name === "Neurogenomics")!;
  await node(page, ng.id).locator(".map-expand-mark").click();
  await expect(page).toHaveURL(/[?&]expand=/);
  const expanded = await expectGraphMatchesApi(page);
  expect(expanded.nodes.filter((n) => n.parentId === ng.id).length).toBeGreaterThan(0);

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
    (await p.locator(`.react-flow__node[data-id="${partner.id}"]`).getAttribute("style"))!.match(/translate\(([-\d.]+)px, ?([-\d.]+)px\)/)!.slice(1).map(Number);
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

test("zooming in on a partner group opens it", async ({ page, login }) => {
  await login("viewer");
  await openMap(page, "?cluster=kind");
  const grouped = await expectGraphMatchesApi(page);
  const hospitals = grouped.nodes.find((n) => n.type === "cluster" && n.kind === "RESEARCH_HOSPITAL")!;
  await canvas(page).scrollIntoViewIfNeeded();
  const box = (await node(page, hospitals.id).locator(".map-dot").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 12 && !new URL(page.url()).searchParams.getAll("expandCluster").length; i++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(150);
  }
  await expect(page).toHaveURL(/expandCluster=/);
  const opened = await apiNetwork(page);
  expect(opened.nodes.some((n) => n.id === hospitals.id)).toBe(false);
  const members = opened.nodes.filter((n) => n.type === "partner" && n.kind === "RESEARCH_HOSPITAL");
  expect(members.length).toBe(hospitals.memberCount);
  // Zoomed in, only what is in view is drawn: the hospitals are among it.
  await expect(page.locator(members.map((m) => `.react-flow__node[data-id="${m.id}"]`).join(", ")).first()).toBeVisible();
});

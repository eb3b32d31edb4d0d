/**
 * The collaboration map in Chromium on the production build, old lines and
 * new in one run (the machine is shared: ratios measured together are what
 * hold): the whole synthetic network ungrouped (1,000 partners, 150 HT
 * units, ~6,000 lines) must be interactive within 2 s of navigation and
 * pan at 30 frames per second or better; HT's real scale (300 partners,
 * ungrouped) at 55 or better. The same views with React Flow's SVG edges
 * (?edges=svg, what the map drew before its canvas layer) are reported
 * beside them, unbudgeted.
 *
 * Builds the app (or reuses ./build with --no-build), serves a private copy
 * of it on its own port against a private copy of each synthetic database,
 * and drives Debian's Chromium through Playwright:
 *
 * - interactive: from navigation start to the moment a click on an HT unit
 *   has opened its side panel (nodes drawn, React hydrated, handler run),
 *   read from the page's own clock (performance.now() counts from the
 *   navigation). Cold (first visit: nothing cached) and warm runs.
 * - pan: the mouse drags the empty pane back and forth for ~3 s while the
 *   page counts requestAnimationFrame callbacks; frames per second and the
 *   longest frame.
 *
 * With --trace <dir>, each scenario is loaded and panned once more under a
 * Chromium performance trace, saved there and summed up (map-trace.ts).
 *
 *   npm run bench -- map-ui [--runs 5] [--port 3400] [--no-build] [--only "<text>|=<name>|budgeted"] [--shots /tmp/map-shots] [--trace /tmp/map-traces]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { defaultSyntheticPath, ensureSynthetic, ROOT } from "../../prisma/synthetic";
import { traced } from "./map-trace";
import { benchSession, intOption, ms, summarize, table, type BenchContext, type BenchSuite } from "./harness";

const SECRET = "map-ui-bench-session-secret-0123456789abcdef0123456789";
/** As in playwright.config.ts. */
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const VIEWPORT = { width: 1440, height: 900 };

interface Dataset {
  name: string;
  sizes: { agreements: number; partners: number; units: number };
}

/** The synthetic benchmark's network, and HT's own scale (7 centres, 4 facilities, about 100 groups, 300 partners). */
const DATASETS: Dataset[] = [
  { name: "synthetic 1,000 partners", sizes: { agreements: 50_000, partners: 1_000, units: 150 } },
  { name: "HT scale, 300 partners", sizes: { agreements: 12_000, partners: 300, units: 111 } },
];

interface Scenario {
  dataset: string;
  name: string;
  query: string;
  /** Held to these; null: reported only. */
  budget: { ms: number; fps: number } | null;
}

const SCENARIOS: Scenario[] = [
  // What everyone opens at this size: partners grouped by kind (far above the threshold).
  { dataset: DATASETS[0]!.name, name: "overview (default)", query: "", budget: { ms: 2000, fps: 30 } },
  { dataset: DATASETS[0]!.name, name: "universities cluster opened", query: "expandCluster=kind:UNIVERSITY", budget: { ms: 2000, fps: 30 } },
  // The whole network ungrouped: ~1,000 nodes and ~6,000 lines.
  { dataset: DATASETS[0]!.name, name: "whole network ungrouped", query: "cluster=none&minWeight=3", budget: { ms: 2000, fps: 30 } },
  { dataset: DATASETS[0]!.name, name: "whole network ungrouped, SVG lines (before)", query: "cluster=none&minWeight=3&edges=svg", budget: null },
  // HT's real scale, every partner drawn.
  { dataset: DATASETS[1]!.name, name: "HT scale ungrouped", query: "cluster=none", budget: { ms: 2000, fps: 55 } },
  { dataset: DATASETS[1]!.name, name: "HT scale ungrouped, SVG lines (before)", query: "cluster=none&edges=svg", budget: null },
];

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** Navigation → a click on the busiest HT unit has opened its panel. Milliseconds on the page's clock. */
async function timeToInteractive(page: Page, url: string) {
  const hydrated = () =>
    page.waitForFunction(() => {
      const main = document.querySelector("main");
      return !!main && Object.keys(main).some((k) => k.startsWith("__reactFiber"));
    });
  await page.goto(url, { waitUntil: "commit" });
  await page.locator(".react-flow__node").first().waitFor({ state: "visible", timeout: 60_000 });
  const firstNodes = await page.evaluate(() => performance.now());
  // Wait for hydration: the handlers exist only then.
  await hydrated();
  const unit = await page.evaluate(() => {
    const units = [...document.querySelectorAll<HTMLElement>(".react-flow__node-unit")];
    units.sort((a, b) => b.offsetWidth * b.offsetHeight - a.offsetWidth * a.offsetHeight);
    return units[0]?.dataset.id ?? null;
  });
  if (!unit) throw new Error("no HT unit on the map");
  await page.locator(`.react-flow__node[data-id="${unit}"]`).click();
  await page.locator("aside.map-panel h2").waitFor({ state: "visible" });
  const interactive = await page.evaluate(() => performance.now());
  const counts = await page.evaluate(() => ({
    nodes: document.querySelectorAll(".react-flow__node").length,
    edges: document.querySelectorAll(".react-flow__edge").length || Number(document.querySelector("canvas.map-edges")?.getAttribute("data-lines") ?? 0),
  }));
  return { firstNodes, interactive, ...counts };
}

/** Drags the pane for `seconds`, counting animation frames. */
async function pan(page: Page, seconds: number) {
  // Close the panel so the map has its full width, then grab an empty spot of the pane.
  await page.keyboard.press("Escape");
  const box = (await page.locator(".react-flow").boundingBox())!;
  const spot = await page.evaluate(({ x, y, w, h }) => {
    // An empty point of the pane near the middle (no node or line under it).
    for (let dy = 0; dy < h / 3; dy += 7) {
      for (let dx = 0; dx < w / 3; dx += 7) {
        for (const [px, py] of [[x + w / 2 + dx, y + h / 2 + dy], [x + w / 2 - dx, y + h / 2 - dy]] as const) {
          const el = document.elementFromPoint(px, py);
          if (el?.classList.contains("react-flow__pane")) return { x: px, y: py };
        }
      }
    }
    return null;
  }, { x: box.x, y: box.y, w: box.width, h: box.height });
  if (!spot) throw new Error("no empty spot on the pane to drag");
  const before = await page.locator(".react-flow__viewport").getAttribute("style");
  // A string, not a function: tsx would wrap the inner function in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__counting = true;
    const tick = (t) => {
      if (!window.__counting) return;
      window.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(spot.x, spot.y);
  await page.mouse.down();
  const started = Date.now();
  let i = 0;
  while (Date.now() - started < seconds * 1000) {
    // A slow ellipse of 180 × 120 px around the starting point.
    const a = (i++ / 40) * Math.PI * 2;
    await page.mouse.move(spot.x + 180 * Math.sin(a), spot.y + 120 * Math.sin(a * 2) / 2);
  }
  // End away from the start (the ellipse comes back to it), so the move is visible in the transform.
  await page.mouse.move(spot.x + 50, spot.y + 30);
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  const after = await page.locator(".react-flow__viewport").getAttribute("style");
  const span = (frames.at(-1)! - frames[0]!) / 1000;
  let longest = 0;
  for (let k = 1; k < frames.length; k++) longest = Math.max(longest, frames[k]! - frames[k - 1]!);
  return { fps: (frames.length - 1) / span, longest, moves: i, moved: before !== after, seconds: span };
}

/** A private copy of a synthetic database (this run's sessions never touch the shared file). */
async function copyDataset(dataset: Dataset, work: string): Promise<string> {
  const synthetic = await ensureSynthetic({ ...dataset.sizes, out: defaultSyntheticPath(dataset.sizes) });
  mkdirSync(work, { recursive: true });
  const dbFile = path.join(work, `${dataset.sizes.partners}p.db`);
  rmSync(dbFile, { force: true });
  const source = new Database(synthetic.out, { readonly: true, fileMustExist: true });
  await source.backup(dbFile);
  source.close();
  console.log(
    `${dataset.name}: ${path.relative(ROOT, synthetic.out)} (${(statSync(dbFile).size / 1024 ** 2).toFixed(1)} MiB, ${synthetic.generated ? "generated" : "reused"}): ` +
      Object.entries(synthetic.counts).filter(([k, n]) => n > 0 && ["Agreement", "Partner", "Unit", "AgreementParty"].includes(k)).map(([t, n]) => `${t} ${n}`).join(", "),
  );
  return dbFile;
}

/** A viewer's session, through the app's own code (the server gets the same secret). */
async function viewerCookie(dbFile: string): Promise<{ name: string; value: string }> {
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.SESSION_SECRET = SECRET;
  const session = await benchSession("VIEWER");
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  const [name, ...rest] = session.split("=");
  return { name: name!, value: rest.join("=") };
}

/** The production build, built once and copied privately (a rebuild elsewhere cannot pull it away). */
function prepareBuild(ctx: BenchContext, work: string) {
  if (ctx.options["no-build"] === undefined) {
    console.log("Building the app (npm run build)…");
    const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  rmSync(path.join(work, "build"), { recursive: true, force: true });
  cpSync(path.join(ROOT, "build"), path.join(work, "build"), { recursive: true });
}

function startServer(work: string, dbFile: string, port: number): ChildProcess {
  return spawn(path.join(ROOT, "node_modules", ".bin", "remix-serve"), ["./build/server/index.js"], {
    cwd: work,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, SESSION_SECRET: SECRET, PORT: String(port), NODE_ENV: "production", REMINDERS: "0" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

interface Budgets {
  runs: number;
  panSeconds: number;
  shots: string | null;
  trace: string | null;
}

/** The viewer's account and session rows of one database, copied into another (the app's client reads only the first). */
function copySession(from: string, to: string) {
  const db = new Database(to);
  db.prepare("ATTACH DATABASE ? AS src").run(from);
  db.exec(`INSERT OR REPLACE INTO "User" SELECT * FROM src."User" WHERE "email" LIKE 'bench-%@synthetic.invalid'`);
  db.exec(`INSERT OR REPLACE INTO "Session" SELECT s.* FROM src."Session" s JOIN src."User" u ON u."id" = s."userId" WHERE u."email" LIKE 'bench-%@synthetic.invalid'`);
  db.close();
}

/** One more load and pan, each under a trace (--trace): the files and what they add up to. */
async function traceScenario(browser: Browser, page: Page, url: string, scenario: Scenario, budgets: Budgets) {
  mkdirSync(budgets.trace!, { recursive: true });
  const base = path.join(budgets.trace!, scenario.name.replace(/\W+/g, "-"));
  const load = await traced(browser, page, `${base}-load.json`, () => timeToInteractive(page, url));
  console.log(`\n${scenario.name}: load to interactive (${base}-load.json)\n${load}`);
  const moved = await traced(browser, page, `${base}-pan.json`, () => pan(page, budgets.panSeconds));
  console.log(`\n${scenario.name}: pan (${base}-pan.json)\n${moved}\n`);
}

/** One scenario in a fresh browser context: interactive times, an optional picture, the pan. One table row. */
async function runScenario(browser: Browser, base: string, cookie: { name: string; value: string }, scenario: Scenario, budgets: Budgets) {
  const context = await browser.newContext({ viewport: VIEWPORT, baseURL: base });
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: base }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));

  const url = `/map${scenario.query ? `?${scenario.query}` : ""}`;
  const samples: number[] = [];
  const drawn: number[] = [];
  let counts = { nodes: 0, edges: 0 };
  for (let r = 0; r < budgets.runs; r++) {
    const t = await timeToInteractive(page, url);
    samples.push(t.interactive);
    drawn.push(t.firstNodes);
    counts = { nodes: t.nodes, edges: t.edges };
  }
  if (budgets.shots) {
    mkdirSync(budgets.shots, { recursive: true });
    await page.keyboard.press("Escape");
    await page.mouse.move(2, 2);
    await page.getByRole("button", { name: "Fit the whole map in view" }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(budgets.shots, `bench-${scenario.name.replace(/\W+/g, "-")}.png`) });
  }
  const p = await pan(page, budgets.panSeconds);
  if (budgets.trace) await traceScenario(browser, page, url, scenario, budgets);
  await context.close();
  const s = summarize(samples);
  const budget = scenario.budget ?? { ms: 2000, fps: 30 };
  const pass = s.max < budget.ms && p.fps >= budget.fps && p.moved && errors.length === 0;
  if (!p.moved) console.log(`  ${scenario.name}: the drag did not move the map`);
  if (errors.length) console.log(`  ${scenario.name}: page errors: ${errors.join("; ")}`);
  const verdict = scenario.budget ? `${pass ? "PASS" : "FAIL"} (<${budget.ms} ms, ≥${budget.fps} fps)` : pass ? "(within 2 s / 30 fps)" : "(over 2 s / 30 fps: not budgeted)";
  const row = [scenario.name, counts.nodes, counts.edges, ms(summarize(drawn).median), ms(samples[0]!), ms(s.median), ms(s.max), p.fps.toFixed(1), ms(p.longest), verdict];
  return { row, pass };
}

/** SIGTERM, then SIGKILL after 5 s: the server may wait on the browser's idle keep-alive connections (the browser stays open for the next dataset). */
async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/** --only "a|b": the scenarios whose name contains any of the texts ("=name": that name exactly); "budgeted" stands for those with a budget. */
function chosen(scenario: Scenario, only: string | null) {
  if (!only) return true;
  return only.split("|").some((text) => (text === "budgeted" ? scenario.budget !== null : text.startsWith("=") ? scenario.name === text.slice(1) : scenario.name.includes(text)));
}

/** Serves one dataset and runs its scenarios; the table rows and whether their budgets held. */
async function runDataset(browser: Browser, dataset: Dataset, dbFile: string, work: string, port: number, cookie: { name: string; value: string }, budgets: Budgets, only: string | null) {
  const server = startServer(work, dbFile, port);
  const base = `http://127.0.0.1:${port}`;
  const rows: (string | number)[][] = [];
  let ok = true;
  try {
    await waitForHealth(`${base}/healthz`, server);
    // The server's first request reads the index; time it, but not as part of the page.
    const warmStarted = performance.now();
    const warm = await fetch(`${base}/api/network`, { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
    if (!warm.ok) throw new Error(`/api/network answered ${warm.status}`);
    await warm.arrayBuffer();
    console.log(`${dataset.name}: server ready; first /api/network (reads and indexes the database): ${ms(performance.now() - warmStarted)} ms`);
    for (const scenario of SCENARIOS.filter((sc) => sc.dataset === dataset.name && chosen(sc, only))) {
      const { row, pass } = await runScenario(browser, base, cookie, scenario, budgets);
      rows.push([dataset.name.split(",")[0]!, ...row]);
      if (scenario.budget) ok &&= pass;
    }
  } finally {
    await stopServer(server);
  }
  return { rows, ok };
}

export const suite: BenchSuite = {
  name: "map-ui",
  description: "collaboration map in Chromium (production build), canvas lines vs SVG lines: time to interactive and pan frame rate",
  async run(ctx: BenchContext) {
    const port = intOption(ctx, "port", 3400);
    const budgets: Budgets = {
      runs: intOption(ctx, "runs", 5),
      panSeconds: intOption(ctx, "pan-seconds", 3),
      shots: ctx.options.shots && ctx.options.shots !== "true" ? ctx.options.shots : null,
      trace: ctx.options.trace && ctx.options.trace !== "true" ? ctx.options.trace : null,
    };
    const only = ctx.options.only && ctx.options.only !== "true" ? ctx.options.only : null;
    const work = path.join(ROOT, "tests", ".data", `map-ui-${port}`);
    rmSync(work, { recursive: true, force: true });
    const files = [];
    for (const dataset of DATASETS) files.push(await copyDataset(dataset, work));
    const cookie = await viewerCookie(files[0]!);
    for (const file of files.slice(1)) copySession(files[0]!, file);
    prepareBuild(ctx, work);
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
      console.log(`Chromium ${browser.version()}, headless, software rendering (--disable-gpu), viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
      console.log(`Interactive: navigation start → a click on the biggest HT unit has opened its panel; ${budgets.runs} runs, the first with an empty cache.`);
      console.log(`Pan: ${budgets.panSeconds} s of mouse drag over the pane, frames counted with requestAnimationFrame.\n`);
      const rows: (string | number)[][] = [];
      let ok = true;
      for (const [i, dataset] of DATASETS.entries()) {
        const result = await runDataset(browser, dataset, files[i]!, work, port, cookie, budgets, only);
        rows.push(...result.rows);
        ok &&= result.ok;
      }
      const headers = ["data", "view", "nodes", "lines", "drawn ms (median)", "interactive cold", "median", "max", "pan fps", "longest frame ms", "budget"];
      console.log(`\n${table(headers, rows, [4, 5, 6, 7, 8, 9])}`);
      console.log(`\nLoad during the run: ${os.loadavg().map((n) => n.toFixed(2)).join(" / ")} (1/5/15 min) on ${os.cpus().length} cores`);
      console.log("\nQueries:");
      for (const sc of SCENARIOS) console.log(`  ${`${sc.dataset}: ${sc.name}`.padEnd(70)} /map${sc.query ? `?${sc.query}` : ""}`);
      return { ok };
    } finally {
      await browser?.close();
      // The copies of the databases and of the build are this run's only.
      rmSync(work, { recursive: true, force: true });
    }
  },
};

/**
 * "In Chromium (production build) the map is interactive within 2 s of
 * navigation and pans at 30 frames per second or better", on the synthetic
 * database scaled to 50,000 agreements, 1,000 partners and 150 HT units.
 *
 * Builds the app (or reuses ./build with --no-build), serves a private copy
 * of it on its own port against a private copy of the synthetic database,
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
 *   npm run bench -- map-ui [--agreements 50000 --partners 1000 --units 150] [--runs 5]
 *                           [--port 3400] [--no-build] [--budget-ms 2000] [--budget-fps 30]
 *                           [--shots /tmp/map-shots]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { defaultSyntheticPath, ensureSynthetic, ROOT } from "../../prisma/synthetic";
import { benchSession, intOption, ms, sizeOptions, summarize, table, type BenchContext, type BenchSuite } from "./harness";

const SIZES = { agreements: 50_000, partners: 1_000, units: 150 } as const;
const SECRET = "map-ui-bench-session-secret-0123456789abcdef0123456789";
/** As in playwright.config.ts. */
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const VIEWPORT = { width: 1440, height: 900 };

interface Scenario {
  name: string;
  query: string;
  /** Held to the budgets; otherwise reported only. */
  budget: boolean;
}

const SCENARIOS: Scenario[] = [
  // What everyone opens: partners grouped into clusters (the network is far above the threshold).
  { name: "overview (default)", query: "", budget: true },
  // A click on the biggest cluster opens its partners.
  { name: "universities cluster opened", query: "expandCluster=kind:UNIVERSITY", budget: true },
  // About the most cluster=auto would draw ungrouped (CLUSTER_THRESHOLD_* in app/domain/network.ts).
  { name: "ungrouped, at the threshold", query: "cluster=none&minWeight=8", budget: true },
  // Why the threshold exists: everything ungrouped. Reported, not budgeted.
  { name: "ungrouped, far above it", query: "cluster=none&minWeight=3", budget: false },
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
  // A very large map asks before drawing: say yes, as a person would.
  const drawAnyway = page.getByRole("button", { name: "Draw it anyway" });
  await page.locator(".react-flow__node").first().or(drawAnyway).waitFor({ state: "visible", timeout: 30_000 });
  if (await drawAnyway.isVisible()) {
    await hydrated();
    await drawAnyway.click();
  }
  await page.locator(".react-flow__node").first().waitFor({ state: "visible", timeout: 60_000 });
  const firstNodes = await page.evaluate(() => performance.now());
  // Wait for hydration: the handlers exist only then.
  await hydrated();
  const unit = await page.evaluate(() => {
    const units = [...document.querySelectorAll<HTMLElement>(".react-flow__node-unit")];
    units.sort((a, b) => b.offsetWidth - a.offsetWidth);
    return units[0]?.dataset.id ?? null;
  });
  if (!unit) throw new Error("no HT unit on the map");
  await page.locator(`.react-flow__node[data-id="${unit}"]`).click();
  await page.locator("aside.map-panel h2").waitFor({ state: "visible" });
  const interactive = await page.evaluate(() => performance.now());
  const counts = await page.evaluate(() => ({
    nodes: document.querySelectorAll(".react-flow__node").length,
    edges: document.querySelectorAll(".react-flow__edge").length,
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

/** A private copy of the synthetic database (this run's sessions never touch the shared file). */
async function copyDataset(sizes: ReturnType<typeof sizeOptions>, work: string): Promise<string> {
  const synthetic = await ensureSynthetic({ ...sizes, out: defaultSyntheticPath(sizes) });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const dbFile = path.join(work, "bench.db");
  const source = new Database(synthetic.out, { readonly: true, fileMustExist: true });
  await source.backup(dbFile);
  source.close();
  console.log(
    `Dataset ${path.relative(ROOT, synthetic.out)} (${(statSync(dbFile).size / 1024 ** 2).toFixed(1)} MiB, ${synthetic.generated ? "generated" : "reused"}): ` +
      Object.entries(synthetic.counts).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(", "),
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

/** The production build, served from a private copy (a rebuild elsewhere cannot pull it away). */
function startServer(ctx: BenchContext, work: string, dbFile: string, port: number): ChildProcess {
  if (ctx.options["no-build"] === undefined) {
    console.log("Building the app (npm run build)…");
    const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("npm run build failed");
  }
  cpSync(path.join(ROOT, "build"), path.join(work, "build"), { recursive: true });
  return spawn(path.join(ROOT, "node_modules", ".bin", "remix-serve"), ["./build/server/index.js"], {
    cwd: work,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, SESSION_SECRET: SECRET, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

interface Budgets {
  runs: number;
  budgetMs: number;
  budgetFps: number;
  panSeconds: number;
  shots: string | null;
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
  await context.close();
  const s = summarize(samples);
  const pass = s.max < budgets.budgetMs && p.fps >= budgets.budgetFps && p.moved && errors.length === 0;
  if (!p.moved) console.log(`  ${scenario.name}: the drag did not move the map`);
  if (errors.length) console.log(`  ${scenario.name}: page errors: ${errors.join("; ")}`);
  const verdict = scenario.budget ? (pass ? "PASS" : "FAIL") : pass ? "(pass)" : "(over: not budgeted)";
  const row = [scenario.name, counts.nodes, counts.edges, ms(summarize(drawn).median), ms(samples[0]!), ms(s.median), ms(s.max), p.fps.toFixed(1), ms(p.longest), verdict];
  return { row, pass };
}

export const suite: BenchSuite = {
  name: "map-ui",
  description: "collaboration map in Chromium (production build): time to interactive and pan frame rate",
  async run(ctx: BenchContext) {
    const sizes = sizeOptions(ctx, SIZES);
    const port = intOption(ctx, "port", 3400);
    const budgets: Budgets = {
      runs: intOption(ctx, "runs", 5),
      budgetMs: intOption(ctx, "budget-ms", 2000),
      budgetFps: intOption(ctx, "budget-fps", 30),
      panSeconds: intOption(ctx, "pan-seconds", 3),
      shots: ctx.options.shots && ctx.options.shots !== "true" ? ctx.options.shots : null,
    };
    const work = path.join(ROOT, "tests", ".data", `map-ui-${port}`);
    const dbFile = await copyDataset(sizes, work);
    const cookie = await viewerCookie(dbFile);
    const server = startServer(ctx, work, dbFile, port);
    const base = `http://127.0.0.1:${port}`;
    let browser: Browser | undefined;
    try {
      await waitForHealth(`${base}/healthz`, server);
      // The server's first request reads the index; time it, but not as part of the page.
      const warmStarted = performance.now();
      const warm = await fetch(`${base}/api/network`, { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
      if (!warm.ok) throw new Error(`/api/network answered ${warm.status}`);
      await warm.arrayBuffer();
      console.log(`Server ready; first /api/network (reads and indexes the database): ${ms(performance.now() - warmStarted)} ms`);

      browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
      console.log(`Chromium ${browser.version()}, headless, software rendering (--disable-gpu), viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
      console.log(`Interactive: navigation start → a click on the biggest HT unit has opened its panel; ${budgets.runs} runs, the first with an empty cache.`);
      console.log(`Pan: ${budgets.panSeconds} s of mouse drag over the pane, frames counted with requestAnimationFrame.\n`);

      const rows: (string | number)[][] = [];
      let ok = true;
      for (const scenario of SCENARIOS) {
        const { row, pass } = await runScenario(browser, base, cookie, scenario, budgets);
        rows.push(row);
        if (scenario.budget) ok &&= pass;
      }
      const headers = ["view", "nodes", "lines", "drawn ms (median)", "interactive cold", "median", "max", "pan fps", "longest frame ms", `<${budgets.budgetMs}ms & ≥${budgets.budgetFps}fps`];
      console.log(table(headers, rows, [3, 4, 5, 6, 7, 8]));
      console.log("\nQueries:");
      for (const s of SCENARIOS) console.log(`  ${s.name.padEnd(34)} /map${s.query ? `?${s.query}` : ""}`);
      return { ok };
    } finally {
      await browser?.close();
      server.kill("SIGTERM");
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
      // The copy of the database and of the build are this run's only.
      rmSync(work, { recursive: true, force: true });
    }
  },
};

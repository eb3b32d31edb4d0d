/**
 * "/api/network answers in under 200 ms server time on the synthetic
 * generator scaled to 1,000 partners, 150 HT units and 50,000 agreements."
 *
 * Calls the real route loader of /api/network (app/routes/api.network.ts)
 * with real Requests, signed in through a real session, against a synthetic
 * database (prisma/synthetic.ts), for the map's typical views. Server time is
 * the loader call, which ends with the JSON serialised and encoded
 * (Response.json): authentication, the index freshness check, filtering,
 * aggregation, clustering, layout lookup, JSON.
 *
 *   npm run bench -- network [--agreements 50000 --partners 1000 --units 150] [--runs 30] [--budget 200]
 */
import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { defaultSyntheticPath, ensureSynthetic } from "../../prisma/synthetic";
import { benchSession, intOption, ms, sample, sizeOptions, summarize, table, type BenchContext, type BenchSuite } from "./harness";

interface View {
  name: string;
  query: string;
  as?: "EDITOR" | "VIEWER";
}

const SIZES = { agreements: 50_000, partners: 1_000, units: 150 } as const;

function busiestCentre(file: string): { id: string; name: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT c.id, c.name, COUNT(DISTINCT p.agreementId) AS n
           FROM Unit c JOIN Unit u ON u.id = c.id OR u.parentId = c.id JOIN AgreementParty p ON p.unitId = u.id
          WHERE c.kind = 'CENTRE' GROUP BY c.id ORDER BY n DESC, c.id LIMIT 1`,
      )
      .get() as { id: string; name: string };
  } finally {
    db.close();
  }
}

function views(centre: { id: string }, today: Date): View[] {
  const year = today.getUTCFullYear();
  const past = `${year - 4}-06-30`;
  const q = (params: Record<string, string | string[]>) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.append(k, x);
    return u.toString();
  };
  return [
    { name: "default (active today)", query: "" },
    { name: "default, as viewer", query: "", as: "VIEWER" },
    { name: "asOf in the past", query: q({ asOf: past }) },
    { name: "kind filter", query: q({ kind: ["FRAMEWORK", "RESEARCH_COLLABORATION"] }) },
    { name: "unit filter (busiest centre)", query: q({ unit: centre.id }) },
    { name: "unit filter, groups expanded", query: q({ unit: centre.id, expand: centre.id }) },
    { name: "compare mode", query: q({ compare: past }) },
    { name: "cluster=none", query: q({ cluster: "none" }) },
    { name: "cluster=none, all statuses", query: q({ cluster: "none", status: ["ACTIVE", "EXPIRED", "TERMINATED", "SUPERSEDED", "DRAFT", "NEGOTIATION", "LEGAL_REVIEW", "AWAITING_SIGNATURE"] }) },
    { name: "cluster=parent", query: q({ cluster: "parent" }) },
    { name: "weight=value, minWeight=3", query: q({ weight: "value", minWeight: "3" }) },
  ];
}

type Body = { nodes: unknown[]; edges: unknown[]; meta: { clustered: boolean; totals: { nodes: number; edges: number; agreements: number } } };

/** The synthetic database: reused when up to date, generated otherwise. */
async function dataset(sizes: ReturnType<typeof sizeOptions>) {
  const synthetic = await ensureSynthetic({ ...sizes, out: defaultSyntheticPath(sizes) });
  const rel = path.relative(process.cwd(), synthetic.out);
  const mib = (statSync(synthetic.out).size / 1024 ** 2).toFixed(1);
  console.log(
    synthetic.generated
      ? `Dataset ${rel} (${mib} MiB): generated in ${(synthetic.ms.total / 1000).toFixed(2)} s`
      : `Dataset ${rel} (${mib} MiB): up to date, reused (delete it to regenerate)`,
  );
  console.log("  " + Object.entries(synthetic.counts).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(", "));
  return synthetic.out;
}

/** The app pointed at `file` (db.server/env.server read the environment on first import), and a call of the route as a signed-in user. */
async function app(file: string) {
  process.env.DATABASE_URL = `file:${file}`;
  process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef0123456789";
  const { prisma } = await import("~/utils/db.server");
  const { utcToday } = await import("~/domain/dates");
  const { clearNetworkCache } = await import("~/models/network.server");
  const route = await import("~/routes/api.network");
  // Signed-in users, through the app's own session code.
  const cookies = { EDITOR: await benchSession("EDITOR"), VIEWER: await benchSession("VIEWER") };
  const call = async (view: View) => {
    const url = `http://bench.local/api/network${view.query ? `?${view.query}` : ""}`;
    try {
      // Response.json serialised and encoded the body inside the loader: the server's work is done.
      return (await route.loader({ request: new Request(url, { headers: { Cookie: cookies[view.as ?? "EDITOR"] } }), params: {}, context: {} })) as Response;
    } catch (thrown) {
      const detail = thrown instanceof Response ? `${thrown.status} ${thrown.headers.get("Location") ?? ""}` : String(thrown);
      throw new Error(`loader failed for ${url}: ${detail}`);
    }
  };
  return { prisma, utcToday, clearNetworkCache, call };
}

const read = async (res: Response) => ({ status: res.status, text: await res.text() });

/** Times each view; one table row per view. */
async function timeViews(call: (view: View) => Promise<Response>, list: View[], timing: { warmup: number; runs: number; budget: number }) {
  const rows: (string | number)[][] = [];
  let ok = true;
  for (const view of list) {
    let response: Response | undefined;
    const stats = summarize(await sample(async () => { response = await call(view); }, { warmup: timing.warmup, runs: timing.runs }));
    const last = await read(response!);
    const pass = stats.p95 < timing.budget && last.status === 200;
    ok &&= pass;
    const b = JSON.parse(last.text) as Body;
    rows.push([
      view.name, ms(stats.median), ms(stats.p95), ms(stats.max),
      b.nodes.length, b.edges.length, `${b.meta.totals.nodes}/${b.meta.totals.edges}`, b.meta.totals.agreements,
      b.meta.clustered ? "yes" : "no", `${(last.text.length / 1024).toFixed(0)} KiB`, pass ? "PASS" : "FAIL",
    ]);
  }
  return { rows, ok };
}

export const suite: BenchSuite = {
  name: "network",
  description: "collaboration map data (/api/network loader) on a synthetic database",
  async run(ctx: BenchContext) {
    const sizes = sizeOptions(ctx, SIZES);
    const timing = { runs: intOption(ctx, "runs", 30), warmup: intOption(ctx, "warmup", 3), budget: intOption(ctx, "budget", 200) };
    const file = await dataset(sizes);
    const centre = busiestCentre(file);
    const { prisma, utcToday, clearNetworkCache, call } = await app(file);

    // The first request after a start or a change reads the index (not in the budget; reported).
    const list = views(centre, utcToday());
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      clearNetworkCache();
      const started = performance.now();
      await read(await call(list[0]!));
      cold.push(performance.now() - started);
    }
    console.log(`Busiest centre: ${centre.name} (${centre.id})`);
    console.log(`Cold start (index read from the database and layout computed): ${cold.map(ms).join(" / ")} ms`);
    console.log(`Timing ${list.length} views of /api/network: ${timing.warmup} warm-up + ${timing.runs} timed calls each; budget p95 < ${timing.budget} ms\n`);

    const { rows, ok } = await timeViews(call, list, timing);
    const headers = ["view", "median ms", "p95 ms", "max ms", "nodes", "edges", "unclustered n/e", "agreements", "clustered", "JSON", `p95<${timing.budget}`];
    console.log(table(headers, rows, [1, 2, 3, 9]));
    console.log("\nQueries:");
    for (const v of list) console.log(`  ${v.name.padEnd(30)} ?${v.query}${v.as ? `  (as ${v.as.toLowerCase()})` : ""}`);
    await prisma.$disconnect();
    return { ok };
  },
};

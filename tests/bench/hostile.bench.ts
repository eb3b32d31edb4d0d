/**
 * "A form post with a runaway list index answers 400 in under 100 ms, with
 * a small answer": `parties[100000].ref` (and bigger, and many of them) to
 * the real agreement action, signed in, on a fresh test database. The form
 * is refused before any parsing work (app/utils/forms.server.ts), so a
 * single request can never hold the server thread for seconds.
 *
 *   npm run bench -- hostile [--runs 30] [--budget 100]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { benchSession, intOption, ms, sample, summarize, table, type BenchContext, type BenchSuite } from "./harness";

const ORIGIN = "http://bench.local";

const CASES: { name: string; body: () => URLSearchParams }[] = [
  { name: "parties[100000].ref", body: () => new URLSearchParams({ title: "Sparse", kind: "MOU", "parties[100000].ref": "unit:x" }) },
  { name: "parties[999999999].ref", body: () => new URLSearchParams({ title: "Sparse", kind: "MOU", "parties[999999999].ref": "unit:x" }) },
  {
    name: "2,000 fields, one past parties[59]",
    body: () => new URLSearchParams([["title", "Many"], ["kind", "MOU"], ...Array.from({ length: 1998 }, (_, i) => [`parties[${i % 61}].contactName`, "x"] as [string, string])]),
  },
  { name: "parties[20].ref (within the limit)", body: () => new URLSearchParams({ title: "Within", kind: "MOU", "parties[20].ref": "unit:x" }) },
];

export const suite: BenchSuite = {
  name: "hostile",
  description: "runaway list indices and oversized forms posted to the agreement form: refused at once",
  async run(ctx: BenchContext) {
    const runs = intOption(ctx, "runs", 30);
    const budget = intOption(ctx, "budget", 100);
    // A throwaway database, migrated with the committed migrations.
    const dir = path.resolve("tests/.data");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "bench-hostile.db");
    rmSync(file, { force: true });
    execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: "ignore",
    });
    process.env.DATABASE_URL = `file:${file}`;
    process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef0123456789";
    const route = await import("~/routes/agreements.new");
    const cookie = await benchSession("EDITOR");
    const rows: (string | number)[][] = [];
    let ok = true;
    for (const c of CASES) {
      let status = 0;
      let bytes = 0;
      const call = async () => {
        const request = new Request(`${ORIGIN}/agreements/new`, {
          method: "POST", body: c.body(), headers: { Cookie: cookie, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
        });
        let out: unknown;
        try {
          out = await route.action({ request, params: {}, context: {} });
        } catch (thrown) {
          out = thrown;
        }
        if (out instanceof Response) {
          status = out.status;
          bytes = (await out.text()).length;
        } else {
          status = (out as { init?: { status?: number } })?.init?.status ?? 200;
          bytes = JSON.stringify((out as { data?: unknown })?.data ?? out).length;
        }
      };
      const stats = summarize(await sample(call, { warmup: 3, runs }));
      const refusedFast = c.name.includes("within") || (status === 400 && stats.p95 < budget && bytes < 500);
      ok &&= refusedFast;
      rows.push([c.name, status, bytes, ms(stats.median), ms(stats.p95), refusedFast ? "PASS" : "FAIL"]);
    }
    console.log(`${runs} timed posts each after 3 warm-up; budget: 400 in p95 < ${budget} ms with an answer under 500 bytes`);
    console.log(table(["form", "status", "answer bytes", "median ms", "p95 ms", "verdict"], rows, [1, 2, 3, 4]));
    return { ok };
  },
};

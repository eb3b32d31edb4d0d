/**
 * "The agreement list, filtered and sorted, answers in under 100 ms server
 * time at 20,000 agreements."
 *
 * Calls the real route loader of /agreements (app/routes/agreements._index.tsx)
 * with real Requests, signed in through a real session, against a synthetic
 * database (prisma/synthetic.ts), for the views people actually use. Server
 * time is the loader call: authentication, filters, count, page, pickers.
 *
 *   npm run bench -- list [--agreements 50000 --partners 1000 --units 150] [--runs 30] [--budget 100]
 *                         [--no-analyze]   (no planner statistics, like a database nobody has analyzed)
 */
import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import {
  defaultSyntheticPath,
  ensureSynthetic,
  sqliteDateTime,
  SYNTHETIC_DEFAULTS,
} from "../../prisma/synthetic";
import { benchSession, intOption, ms, sample, sizeOptions, summarize, table, type BenchContext, type BenchSuite } from "./harness";

interface View {
  name: string;
  query: string;
  /** Who asks: editors see restricted agreements, viewers do not (an extra filter). */
  as?: "EDITOR" | "VIEWER";
}


/** Ids and words for the views, read from the data so they match whatever the generator made. */
function pickSubjects(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const centre = db
      .prepare(
        `SELECT c.id, c.name, COUNT(DISTINCT p.agreementId) AS n
           FROM Unit c JOIN Unit u ON u.id = c.id OR u.parentId = c.id JOIN AgreementParty p ON p.unitId = u.id
          WHERE c.kind = 'CENTRE' GROUP BY c.id ORDER BY n DESC, c.id LIMIT 1`,
      )
      .get() as { id: string; name: string };
    const partner = db
      .prepare(
        `SELECT p.id, p.name FROM AgreementParty ap JOIN Partner p ON p.id = ap.partnerId
          GROUP BY p.id ORDER BY COUNT(*) DESC, p.id LIMIT 1`,
      )
      .get() as { id: string; name: string };
    return { centre, partner };
  } finally {
    db.close();
  }
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function views(s: ReturnType<typeof pickSubjects>, today: Date): View[] {
  const in90 = new Date(today.getTime() + 90 * 86_400_000);
  const q = (params: Record<string, string | string[]>) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.append(k, x);
    return u.toString();
  };
  return [
    { name: "default (no filters)", query: "" },
    { name: "sort end date", query: q({ sort: "endDate", dir: "asc" }) },
    { name: "search partner name", query: q({ q: s.partner.name }) },
    { name: "search common title word", query: q({ q: "genomics" }) },
    { name: "status active", query: q({ status: "ACTIVE" }) },
    { name: "active framework + hospital", query: q({ status: "ACTIVE", kind: "FRAMEWORK", partnerKind: "RESEARCH_HOSPITAL" }) },
    { name: "unit = centre (+ groups)", query: q({ unit: s.centre.id }) },
    { name: "partner = busiest partner", query: q({ partner: s.partner.id }) },
    { name: "end date within 90 days", query: q({ endFrom: day(today), endTo: day(in90) }) },
    { name: "quick view: ending in 90 d", query: q({ status: "ACTIVE", endFrom: day(today), endTo: day(in90), sort: "endDate", dir: "asc" }) },
    { name: "sort partners desc", query: q({ sort: "partners", dir: "desc" }) },
    { name: "sort value desc, page 50", query: q({ sort: "value", dir: "desc", page: "50" }) },
    { name: "search + sort title", query: q({ q: "genomics", sort: "title" }) },
    { name: "default, as viewer", query: "", as: "VIEWER" },
  ];
}

export const suite: BenchSuite = {
  name: "list",
  description: "agreement list (/agreements loader), filtered and sorted, on a synthetic database",
  async run(ctx: BenchContext) {
    const sizes = { ...sizeOptions(ctx, SYNTHETIC_DEFAULTS), analyze: ctx.options["no-analyze"] === undefined };
    const runs = intOption(ctx, "runs", 30);
    const warmup = intOption(ctx, "warmup", 3);
    const budget = intOption(ctx, "budget", 100);
    const out = defaultSyntheticPath(sizes);

    // 1. The database: reused when up to date, generated otherwise.
    const synthetic = await ensureSynthetic({ ...sizes, out });
    const rel = path.relative(process.cwd(), synthetic.out);
    const mib = (statSync(synthetic.out).size / 1024 ** 2).toFixed(1);
    console.log(
      synthetic.generated
        ? `Dataset ${rel} (${mib} MiB): generated in ${(synthetic.ms.total / 1000).toFixed(2)} s ` +
            `(migrate ${(synthetic.ms.migrate / 1000).toFixed(2)} s, rows ${(synthetic.ms.fill / 1000).toFixed(2)} s, ANALYZE ${(synthetic.ms.analyze / 1000).toFixed(2)} s)`
        : `Dataset ${rel} (${mib} MiB): up to date, reused (delete it to regenerate)`,
    );
    if (!sizes.analyze) console.log("  without ANALYZE: the query planner has no statistics");
    console.log(
      "  " + Object.entries(synthetic.counts).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(", "),
    );
    const subjects = pickSubjects(synthetic.out);

    // 2. The app, pointed at it. db.server/env.server read the environment on first import.
    process.env.DATABASE_URL = `file:${synthetic.out}`;
    process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef0123456789";
    const { prisma } = await import("~/utils/db.server");
    const { utcToday } = await import("~/domain/dates");
    const route = await import("~/routes/agreements._index");

    // Same DateTime/BigInt formats as Prisma's own writes, or its filters would disagree with raw SQL.
    const today = utcToday();
    const raw = new Database(synthetic.out, { readonly: true });
    const rawCount = raw.prepare("SELECT COUNT(*) FROM Agreement WHERE endDate >= ?").pluck().get(sqliteDateTime(today.getTime()));
    const rawMax = raw.prepare("SELECT MAX(valueCents) FROM Agreement").pluck().get();
    raw.close();
    const prismaCount = await prisma.agreement.count({ where: { endDate: { gte: today } } });
    const prismaMax = (await prisma.agreement.aggregate({ _max: { valueCents: true } }))._max.valueCents;
    if (prismaCount !== rawCount || Number(prismaMax) !== rawMax) {
      console.error(`Synthetic data disagrees with Prisma: endDate >= today ${prismaCount} vs ${String(rawCount)}, max value ${String(prismaMax)} vs ${String(rawMax)}`);
      return { ok: false };
    }

    // 3. Signed-in users, through the app's own session code.
    const cookies = { EDITOR: await benchSession("EDITOR"), VIEWER: await benchSession("VIEWER") };

    // 4. The views.
    const list = views(subjects, today);
    console.log(`Busiest partner: ${subjects.partner.name} (${subjects.partner.id}); busiest centre: ${subjects.centre.name} (${subjects.centre.id})`);
    console.log(`Timing ${list.length} views of /agreements: ${warmup} warm-up + ${runs} timed calls each; budget p95 < ${budget} ms\n`);
    const rows: (string | number)[][] = [];
    let ok = true;
    for (const view of list) {
      const url = `http://bench.local/agreements${view.query ? `?${view.query}` : ""}`;
      const headers = { Cookie: cookies[view.as ?? "EDITOR"] };
      let total = 0;
      let shown = 0;
      const call = async () => {
        let result;
        try {
          result = await route.loader({ request: new Request(url, { headers }), params: {}, context: {} });
        } catch (thrown) {
          const detail = thrown instanceof Response ? `${thrown.status} ${thrown.headers.get("Location") ?? ""}` : String(thrown);
          throw new Error(`loader failed for ${url}: ${detail}`);
        }
        total = result.data.total;
        shown = result.data.rows.length;
      };
      const stats = summarize(await sample(call, { warmup, runs }));
      const pass = stats.p95 < budget;
      ok &&= pass;
      rows.push([view.name, ms(stats.median), ms(stats.p95), ms(stats.max), total, shown, pass ? "PASS" : "FAIL"]);
    }
    console.log(table(["view", "median ms", "p95 ms", "max ms", "total", "rows", `p95<${budget}`], rows, [1, 2, 3]));
    console.log("\nQueries:");
    for (const v of list) console.log(`  ${v.name.padEnd(28)} ?${v.query}${v.as ? `  (as ${v.as.toLowerCase()})` : ""}`);
    await prisma.$disconnect();
    return { ok };
  },
};

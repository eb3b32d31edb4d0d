/**
 * "On the synthetic database at 50,000 agreements with 200,000 obligations,
 * /deadlines for the next 90 days answers in under 100 ms server time, and
 * a full reminder run (deciding what is due for every user) takes under 2 s."
 *
 * Calls the real /deadlines loader with real Requests and sessions, then
 * the reminder job's decision (every open deadline, every recipient, every
 * person's offsets, against every delivery already recorded) and whole runs
 * on a copy of the database, with a mailer that accepts at once (SMTP time
 * is the mail server's, not ours).
 *
 *   npm run bench -- deadlines [--agreements 50000 --partners 1000 --units 150 --obligations 200000] [--runs 20] [--budget 100] [--run-budget 2000]
 */
import { copyFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { defaultSyntheticPath, ensureSynthetic } from "../../prisma/synthetic";
import { benchSession, intOption, ms, sample, sizeOptions, summarize, table, type BenchContext, type BenchSuite } from "./harness";

const DEFAULTS = { agreements: 50_000, partners: 1_000, units: 150 };

async function timeOnce<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export const suite: BenchSuite = {
  name: "deadlines",
  description: "/deadlines (next 90 days) and a full reminder run on 50,000 agreements with 200,000 obligations",
  async run(ctx: BenchContext) {
    const sizes = { ...sizeOptions(ctx, DEFAULTS), analyze: true };
    const obligations = intOption(ctx, "obligations", sizes.agreements * 4);
    const runs = intOption(ctx, "runs", 20);
    const budget = intOption(ctx, "budget", 100);
    const runBudget = intOption(ctx, "run-budget", 2000);
    const source = defaultSyntheticPath(sizes);
    const synthetic = await ensureSynthetic({ ...sizes, obligations, out: source });
    const mib = (statSync(synthetic.out).size / 1024 ** 2).toFixed(1);
    console.log(`Dataset ${path.relative(process.cwd(), synthetic.out)} (${mib} MiB): ${synthetic.generated ? `generated in ${(synthetic.ms.total / 1000).toFixed(1)} s` : "up to date, reused"}`);
    console.log("  " + ["Agreement", "Obligation", "User", "Watch"].map((t) => `${t} ${synthetic.counts[t]}`).join(", "));

    // A copy: the reminder runs write deliveries, which must not leak into other suites' database.
    const file = path.join(path.dirname(source), `deadlines-bench-${process.pid}.db`);
    copyFileSync(source, file);
    process.env.DATABASE_URL = `file:${file}`;
    process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef0123456789";
    const { prisma } = await import("~/utils/db.server");
    const route = await import("~/routes/deadlines._index");
    const cookies = { EDITOR: await benchSession("EDITOR"), VIEWER: await benchSession("VIEWER") };
    const owner = await prisma.user.findFirstOrThrow({ where: { email: "user2@synthetic.invalid" } });
    // "Mine" for the editor: make the benchmark editor the owner of what user2 owns.
    await prisma.agreement.updateMany({ where: { ownerId: owner.id }, data: { ownerId: (await prisma.user.findUniqueOrThrow({ where: { email: "bench-editor@synthetic.invalid" } })).id } });

    const views: { name: string; query: string; as?: "VIEWER" }[] = [
      { name: "next 90 days (default)", query: "" },
      { name: "next 30 days", query: "window=30" },
      { name: "overdue", query: "window=overdue" },
      { name: "notice deadlines only", query: "kind=NOTICE" },
      { name: "mine, next 90 days", query: "who=me" },
      { name: "next 90 days, as viewer", query: "", as: "VIEWER" },
    ];
    console.log(`\nTiming /deadlines: 3 warm-up + ${runs} timed calls per view; budget p95 < ${budget} ms\n`);
    const rows: (string | number)[][] = [];
    let ok = true;
    for (const view of views) {
      let total = 0;
      const call = async () => {
        const result = await route.loader({ request: new Request(`http://bench.local/deadlines?${view.query}`, { headers: { Cookie: cookies[view.as ?? "EDITOR"] } }), params: {}, context: {} });
        total = result.total;
      };
      const stats = summarize(await sample(call, { warmup: 3, runs }));
      const pass = view.name !== "next 90 days (default)" || stats.p95 < budget;
      ok &&= pass;
      rows.push([view.name, ms(stats.median), ms(stats.p95), ms(stats.max), total, view.name === "next 90 days (default)" ? (pass ? "PASS" : "FAIL") : "info"]);
    }
    console.log(table(["view", "median ms", "p95 ms", "max ms", "deadlines", `p95<${budget}`], rows, [1, 2, 3]));

    ok = (await reminderRuns(runBudget)) && ok;
    await prisma.$disconnect();
    rmSync(file, { force: true });
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    return { ok };
  },
};

async function reminderRuns(runBudget: number): Promise<boolean> {
  const { loadAudience } = await import("~/models/reminder-audience.server");
  const { planDue, lastFinishedRunDay } = await import("~/models/reminder-claims.server");
  const { runReminders } = await import("~/models/reminder-job.server");
  const { utcToday } = await import("~/domain/dates");
  let accepted = 0;
  const mailer = { kind: "smtp" as const, describe: "a mailer that accepts at once", send: async () => { accepted += 1; return { response: "250 OK" }; }, close: () => {} };
  const today = utcToday();
  const decide = await timeOnce(async () => {
    const audience = await loadAudience(today, 90);
    const planned = await planDue(audience, today, await lastFinishedRunDay(new Date()));
    return { deadlines: audience.rows.length, recipients: [...audience.recipients.values()].reduce((n, m) => n + m.size, 0), planned: planned.length };
  });
  const first = await timeOnce(() => runReminders({ mailer, trigger: "cli" }));
  const firstSent = accepted;
  const steady = await timeOnce(() => runReminders({ mailer, trigger: "cli" }));
  const rows = [
    ["decide what is due for every user", ms(decide.ms), `${decide.value.deadlines} open deadlines, ${decide.value.recipients} (deadline, person) pairs, ${decide.value.planned} reminders due`, decide.ms < runBudget ? "PASS" : "FAIL"],
    // Once in a database's life: every reminder of every open deadline comes due at once (info, not budgeted).
    ["first run on a fresh database (claims all, sends digests)", ms(first.ms), `${firstSent} messages: ${first.value.summary}`, "info"],
    ["next run, nothing new (the hourly case)", ms(steady.ms), `${accepted - firstSent} messages`, steady.ms < runBudget ? "PASS" : "FAIL"],
  ];
  console.log(`\nReminder runs; budget < ${runBudget} ms\n`);
  console.log(table(["run", "ms", "what", `<${runBudget}`], rows, [1]));
  return rows.every((r) => r[3] !== "FAIL");
}

/**
 * "Saving an agreement with 10 parties takes under 50 ms server time."
 *
 * Posts the real agreement form (10 parties: 2 HT units, 8 partners, with
 * contacts and signatures) to the real route actions, signed in through a
 * real session, against the synthetic database, so the save happens among
 * 20,000 agreements: validation, database checks, the transaction with its
 * parties, labels, links and audit row, and on create the check for
 * possible duplicates. Server time is the action call.
 *
 *   npm run bench -- save [--runs 50] [--budget 50]
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { defaultSyntheticPath, ensureSynthetic, SYNTHETIC_DEFAULTS } from "../../prisma/synthetic";
import { benchSession, intOption, ms, sample, summarize, table, type BenchContext, type BenchSuite } from "./harness";

const ORIGIN = "http://bench.local";

function pickParties(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const units = db.prepare("SELECT id FROM Unit WHERE kind = 'CENTRE' ORDER BY code LIMIT 2").pluck().all() as string[];
    const partners = db.prepare("SELECT id FROM Partner ORDER BY id LIMIT 8").pluck().all() as string[];
    return { units, partners };
  } finally {
    db.close();
  }
}

function agreementForm(p: ReturnType<typeof pickParties>, extra: Record<string, string>) {
  const form = new URLSearchParams({
    title: "Consortium agreement – Lombardy rare disease genomics network",
    kind: "CONSORTIUM",
    confidentiality: "INTERNAL",
    summary: "Ten-party consortium under Horizon Europe.",
    startDate: "2026-03-01",
    endDate: "2030-02-28",
    renewalType: "EXPRESS",
    noticePeriodDays: "90",
    value: "1.450.000,00",
    valueDirection: "HT_RECEIVES",
    htOwner: "Chiara Valentini",
    partnerContact: "Prof. Laura Ceriani",
    "details.governance": "General assembly and steering committee",
    "details.backgroundIp": "Listed in annex 3",
    "details.grantReference": "Horizon Europe 101057000",
    ...extra,
  });
  const refs = [...p.units.map((id) => `unit:${id}`), ...p.partners.map((id) => `partner:${id}`)];
  refs.forEach((ref, i) => {
    form.set(`parties[${i}].ref`, ref);
    form.set(`parties[${i}].role`, i === 0 ? "COORDINATOR" : "PARTICIPANT");
    form.set(`parties[${i}].contactName`, `Contact ${i}`);
    form.set(`parties[${i}].contactEmail`, `contact${i}@example.org`);
    form.set(`parties[${i}].signatureStatus`, i % 2 ? "SIGNED" : "PENDING");
    if (i % 2) form.set(`parties[${i}].signedAt`, "2026-02-20");
  });
  return form;
}

/** A title no other saved agreement resembles and a term no other overlaps. */
function uniqueAgreement(n: number) {
  const year = 3000 + n;
  return { title: `Bench consortium ${randomBytes(8).toString("hex")}`, startDate: `${year}-03-01`, endDate: `${year}-12-31` };
}

export const suite: BenchSuite = {
  name: "save",
  description: "saving an agreement with 10 parties (create and edit actions) among 20,000 agreements",
  async run(ctx: BenchContext) {
    const runs = intOption(ctx, "runs", 50);
    const warmup = intOption(ctx, "warmup", 5);
    const budget = intOption(ctx, "budget", 50);
    const sizes = { ...SYNTHETIC_DEFAULTS, analyze: true };
    const synthetic = await ensureSynthetic({ ...sizes, out: defaultSyntheticPath(sizes) });
    console.log(`Dataset ${path.relative(process.cwd(), synthetic.out)}: ${synthetic.counts.Agreement ?? "?"} agreements`);
    const parties = pickParties(synthetic.out);

    // A copy: the saves must not pile up in the dataset other suites (and the next run) read.
    const file = path.join(path.dirname(synthetic.out), `save-bench-${process.pid}.db`);
    copyFileSync(synthetic.out, file);
    process.env.DATABASE_URL = `file:${file}`;
    process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef0123456789";
    const { prisma } = await import("~/utils/db.server");
    const createRoute = await import("~/routes/agreements.new");
    const editRoute = await import("~/routes/agreements.$id_.edit");

    const cookie = await benchSession("EDITOR");
    const post = (url: string, body: URLSearchParams) =>
      new Request(`${ORIGIN}${url}`, {
        method: "POST",
        body,
        headers: { Cookie: cookie, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      });
    /** The action must answer with the redirect to the saved agreement; anything else is a failed save. */
    async function expectSaved(call: Promise<unknown>): Promise<string> {
      try {
        const result = await call;
        throw new Error(`save was refused: ${JSON.stringify((result as { data?: unknown }).data ?? result).slice(0, 400)}`);
      } catch (thrown) {
        if (thrown instanceof Response && thrown.status === 302) return thrown.headers.get("Location")!;
        throw thrown;
      }
    }

    let created = 0;
    let lastId = "";
    let lastTerms = uniqueAgreement(0);
    const create = async () => {
      // Each one its own title and term, so the duplicate check (which runs on every create) finds none.
      lastTerms = uniqueAgreement(created++);
      const location = await expectSaved(
        createRoute.action({ request: post("/agreements/new", agreementForm(parties, lastTerms)), params: {}, context: {} }),
      );
      lastId = location.split("/")[2]!.split("?")[0]!;
    };
    const createStats = summarize(await sample(create, { warmup, runs }));

    // Each edit changes the summary, so each one writes its parties, labels and an audit row.
    let version = (await prisma.agreement.findUniqueOrThrow({ where: { id: lastId }, select: { version: true } })).version;
    let edits = 0;
    const edit = async () => {
      // The same title and term as created: an edit never turns it into another agreement's duplicate.
      const form = agreementForm(parties, { ...lastTerms, version: String(version), summary: `Edited ${edits++}` });
      await expectSaved(editRoute.action({ request: post(`/agreements/${lastId}/edit`, form), params: { id: lastId }, context: {} }));
      version += 1;
    };
    const editStats = summarize(await sample(edit, { warmup, runs }));

    const stored = await prisma.agreement.findUniqueOrThrow({ where: { id: lastId }, include: { _count: { select: { parties: true } } } });
    if (stored._count.parties !== 10) throw new Error(`expected 10 parties, found ${stored._count.parties}`);
    const audits = await prisma.auditEvent.count({ where: { agreementId: lastId } });

    const rows = [
      ["create (POST /agreements/new)", ms(createStats.median), ms(createStats.p95), ms(createStats.max), createStats.p95 < budget ? "PASS" : "FAIL"],
      ["edit (POST /agreements/:id/edit)", ms(editStats.median), ms(editStats.p95), ms(editStats.max), editStats.p95 < budget ? "PASS" : "FAIL"],
    ];
    console.log(`\n${runs} timed saves each after ${warmup} warm-up; 10 parties; budget p95 < ${budget} ms`);
    console.log(table(["action", "median ms", "p95 ms", "max ms", `p95<${budget}`], rows, [1, 2, 3]));
    console.log(`\nThe last agreement has ${stored._count.parties} parties, version ${stored.version}, ${audits} audit rows.`);

    await prisma.$disconnect();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    return { ok: createStats.p95 < budget && editStats.p95 < budget };
  },
};

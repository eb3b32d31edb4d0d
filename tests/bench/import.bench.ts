/**
 * "A generated 10,000-row long-format file (about 1,000 agreements, 10
 * parties each, 2,000 distinct organisations, half of them existing): dry
 * run under 10 s, commit under 15 s, peak memory under 500 MB."
 *
 * On a copy of the synthetic database (with 1,000 partners), writes such a
 * CSV (half the organisations are partners of the register, typed in
 * capitals; the other half new), then drives the import through the app's
 * own models as the pages do: upload and read, matching, dry run, commit.
 * "Dry run" is timed from the upload to the report ready (reading,
 * matching and planning); the commit on its own. Peak memory is the
 * process's maximum resident set size.
 *
 *   npm run bench -- import [--agreements 1000 --parties 10 --organisations 2000] [--dry-budget 10000] [--commit-budget 15000] [--memory-budget 500]
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultSyntheticPath, ensureSynthetic } from "../../prisma/synthetic";
import { intOption, ms, table, type BenchContext, type BenchSuite } from "./harness";

const SIZES = { agreements: 2_000, partners: 1_000, units: 150 };

/** The register: `agreements` projects, `parties` organisations each, drawn from `organisations` names (half of them existing partners). */
function register(existing: string[], o: { agreements: number; parties: number; organisations: number }): Buffer {
  const names = Array.from({ length: o.organisations }, (_, i) =>
    i % 2 === 0 && existing.length ? existing[(i / 2) % existing.length]!.toUpperCase() : `Synthetic Organisation ${i} S.r.l.`);
  const lines = ["Grant ID;Acronym;Title;Start date;End date;Organisation name;Country;Role;EC contribution EUR"];
  let next = 0;
  for (let a = 0; a < o.agreements; a++) {
    const start = `01/${String((a % 12) + 1).padStart(2, "0")}/${2016 + (a % 8)}`;
    const end = `28/02/${2020 + (a % 8)}`;
    for (let p = 0; p < o.parties; p++) {
      const name = names[next++ % names.length]!;
      lines.push([`G-${100000 + a}`, `PRJ${a}`, `Project ${a} on synthetic biology`, start, end, name, p % 3 ? "IT" : "DE", p === 0 ? "coordinator" : "participant", `${(a * 37) % 900}.${p}00,00`].join(";"));
    }
  }
  return Buffer.from(lines.join("\r\n"), "latin1");
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

export const suite: BenchSuite = {
  name: "import",
  description: "a 10,000-row long-format register (1,000 agreements × 10 parties, 2,000 organisations, half existing): dry run, commit, memory",
  async run(ctx: BenchContext) {
    const o = { agreements: intOption(ctx, "agreements", 1_000), parties: intOption(ctx, "parties", 10), organisations: intOption(ctx, "organisations", 2_000) };
    const budgets = { dry: intOption(ctx, "dry-budget", 10_000), commit: intOption(ctx, "commit-budget", 15_000), memory: intOption(ctx, "memory-budget", 500) };
    const source = defaultSyntheticPath(SIZES);
    const synthetic = await ensureSynthetic({ ...SIZES, out: source });
    console.log(`Dataset ${path.relative(process.cwd(), synthetic.out)}: ${synthetic.generated ? "generated" : "up to date, reused"}; Partner ${synthetic.counts.Partner}`);
    const work = mkdtempSync(path.join(os.tmpdir(), "ht-import-bench-"));
    const file = path.join(work, "import.db");
    copyFileSync(source, file);
    process.env.DATABASE_URL = `file:${file}`;
    process.env.FILES_DIR = path.join(work, "files");
    process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef0123456789";
    const { prisma } = await import("~/utils/db.server");
    const imports = await import("../setup/imports");
    const { startCommit } = await import("~/models/import-commit.server");
    const { stepDone, getImportJob } = await import("~/models/import-jobs.server");
    const actor = { id: "bench", email: "bench-editor@synthetic.invalid", role: "EDITOR" } as never;
    const unitId = (await prisma.unit.findFirstOrThrow({ where: { kind: "CENTRE" }, select: { id: true } })).id;
    const existing = [...new Set((await prisma.partner.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((p) => p.name))].slice(0, o.organisations / 2);
    const bytes = register(existing, o);
    console.log(`Register: ${o.agreements * o.parties} rows, ${o.agreements} agreements, ${o.organisations} organisations (${existing.length} existing), ${(bytes.length / 1024 ** 2).toFixed(1)} MiB\n`);

    const [dryMs, dry] = await timed(() => imports.runImport(actor, "bench.csv", bytes, {
      commit: false,
      adjust: (m) => {
        m.defaults.unitId = unitId;
        m.defaults.kind = "CONSORTIUM";
      },
    }));
    const totals = JSON.parse(dry.job.totals);
    const [commitMs] = await timed(async () => {
      await startCommit(actor, dry.id);
      await stepDone(dry.id);
    });
    const done = (await getImportJob(dry.id))!;
    const peak = process.resourceUsage().maxRSS / 1024;
    const created = await prisma.agreement.count({ where: { sourceReference: { startsWith: "G-" } } });
    const pass = { dry: dryMs < budgets.dry, commit: commitMs < budgets.commit && done.status === "DONE", memory: peak < budgets.memory };
    console.log(table(["step", "measured", "budget", ""], [
      ["upload → dry run ready (read, match, plan)", `${ms(dryMs)} ms`, `${budgets.dry} ms`, pass.dry ? "PASS" : "FAIL"],
      ["commit (one transaction)", `${ms(commitMs)} ms`, `${budgets.commit} ms`, pass.commit ? "PASS" : `FAIL ${done.status} ${done.error}`],
      ["peak memory (max RSS)", `${peak.toFixed(0)} MB`, `${budgets.memory} MB`, pass.memory ? "PASS" : "FAIL"],
    ]));
    console.log(`\nDry run: ${JSON.stringify(totals.agreements)}, partners ${JSON.stringify(totals.partners)}; written: ${created} agreements`);
    await prisma.$disconnect();
    rmSync(work, { recursive: true, force: true });
    return { ok: pass.dry && pass.commit && pass.memory && created === o.agreements };
  },
};

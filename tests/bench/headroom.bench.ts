/**
 * Headroom (docs/decisions/075): how far one machine carries HT. The same
 * measurements at HT's size today and at 10x and 100x (agreements,
 * partners, documents with their text, user accounts), each scale in its
 * own process (headroom-scale.ts) on a private copy of a synthetic
 * database: the agreement list's p50/p95, the map's data cold (its index
 * rebuilt, as after any write) and warm, sequential saves per second, and
 * the backup's consistent copy and integrity check.
 *
 * Budgets (checked here, never by timed tests) hold at 1x and 10x: list p95
 * < 100 ms, warm map p95 < 200 ms, at least 20 saves a second; 100x is
 * reported, for the record.
 *
 *   npm run bench -- headroom [--scales 1,10,100] [--runs 20] [--writes 200]
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intOption, ms, table, type BenchContext, type BenchSuite } from "./harness";

/** HT's size today, roughly: the register after a few years, its partners, a document per agreement, the staff who log in. */
const HT = { agreements: 2_000, partners: 300, documents: 2_000, users: 60 };
const PARTNERS: Record<number, number> = { 1: 300, 10: 1_000, 100: 5_000 };

interface Result {
  counts: Record<string, number>;
  dbBytes: number;
  reads: Record<string, { p50: number; p95: number }>;
  savesPerSecond: number;
  mapAfterWrites: { p50: number; p95: number };
  backup: { copyMs: number; checkMs: number; integrity: string; bytes: number };
}

function runScale(scale: number, runs: number, writes: number): Result {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), "headroom-scale.ts");
  const args = [
    "--agreements", String(HT.agreements * scale), "--partners", String(PARTNERS[scale] ?? HT.partners * scale),
    "--documents", String(HT.documents * scale), "--users", String(HT.users * scale), "--runs", String(runs), "--writes", String(writes),
  ];
  const r = spawnSync(process.execPath, [...process.execArgv, child, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const line = r.stdout.split("\n").find((l) => l.startsWith("HEADROOM "));
  if (!line) throw new Error(`scale ${scale} failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice("HEADROOM ".length)) as Result;
}

export const suite: BenchSuite = {
  name: "headroom",
  description: "list, map, saves/s and backup at HT's size, 10x and 100x (docs/decisions/075)",
  async run(ctx: BenchContext) {
    const scales = (ctx.options.scales ?? "1,10,100").split(",").map(Number);
    const runs = intOption(ctx, "runs", 20);
    const writes = intOption(ctx, "writes", 200);
    const results: [number, Result][] = [];
    for (const scale of scales) {
      console.log(`scale ${scale}x: ${HT.agreements * scale} agreements ...`);
      results.push([scale, runScale(scale, runs, writes)]);
    }
    const rows = results.map(([s, r]) => [
      `${s}x`, r.counts.agreements!, r.counts.documents!, r.counts.users!, (r.dbBytes / 1024 ** 2).toFixed(0),
      `${ms(r.reads.listDefault!.p50)} / ${ms(r.reads.listDefault!.p95)}`, ms(r.reads.listActiveByEnd!.p95), ms(r.reads.listSearch!.p95), ms(r.reads.listViewer!.p95),
      ms(r.reads.mapCold!.p95), ms(r.reads.mapWarm!.p95), r.savesPerSecond.toFixed(0), (r.backup.copyMs / 1000).toFixed(1), (r.backup.checkMs / 1000).toFixed(1),
    ]);
    console.log("\n" + table(
      ["scale", "agreements", "documents", "users", "MiB", "list p50/p95", "active p95", "search p95", "viewer p95", "map cold p95", "map warm p95", "saves/s", "backup copy s", "check s"],
      rows, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
    ));
    let ok = true;
    for (const [s, r] of results) {
      if (s > 10) continue;
      const listP95 = Math.max(r.reads.listDefault!.p95, r.reads.listActiveByEnd!.p95, r.reads.listSearch!.p95, r.reads.listViewer!.p95);
      const pass = listP95 < 100 && r.reads.mapWarm!.p95 < 200 && r.savesPerSecond >= 20 && r.backup.integrity === "ok";
      console.log(`${s}x: list p95 ${ms(listP95)} < 100, map warm p95 ${ms(r.reads.mapWarm!.p95)} < 200, ${r.savesPerSecond.toFixed(0)} saves/s >= 20: ${pass ? "PASS" : "FAIL"}`);
      ok &&= pass;
    }
    return { ok };
  },
};

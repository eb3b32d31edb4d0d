/**
 * Shared pieces of the benchmark suites (tests/bench/*.bench.ts): the suite
 * shape run.ts dispatches on, timing, percentiles and a plain-text table.
 */
import os from "node:os";

export interface BenchContext {
  /** `--name value` / `--name=value` options from the command line, e.g. { agreements: "50000" }. */
  options: Record<string, string>;
}

export interface BenchSuite {
  name: string;
  description: string;
  /** Prints its own report; `ok: false` when a budget is missed (npm run bench then exits non-zero). */
  run(ctx: BenchContext): Promise<{ ok: boolean }>;
}

/** An integer option with a default; rejects anything that is not a positive integer. */
export function intOption(ctx: BenchContext, name: string, fallback: number): number {
  const raw = ctx.options[name];
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer (got ${raw})`);
  return n;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; milliseconds per run. */
export async function sample(fn: () => Promise<unknown>, { warmup = 3, runs = 30 } = {}): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return times;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(samples: number[]) {
  return {
    median: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    min: Math.min(...samples),
  };
}

export const ms = (n: number) => n.toFixed(1);

/** Columns padded to their widest cell; numbers (and cells in `right`) right-aligned. */
export function table(headers: string[], rows: (string | number)[][], right: number[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const isRight = (c: number) => right.includes(c) || rows.every((r) => typeof r[c] === "number");
  const line = (r: string[]) =>
    r.map((cell, c) => (isRight(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function machineInfo(): string {
  const cpus = os.cpus();
  const gib = (n: number) => (n / 1024 ** 3).toFixed(1);
  return [
    `CPU     ${cpus[0]?.model ?? "unknown"} × ${cpus.length} cores`,
    `Memory  ${gib(os.totalmem())} GiB total, ${gib(os.freemem())} GiB free`,
    `Node    ${process.version} on ${os.platform()} ${os.release()} (${os.arch()})`,
    `Load    ${os.loadavg().map((n) => n.toFixed(2)).join(" / ")} (1/5/15 min): other work on the machine skews absolute times`,
  ].join("\n");
}

/**
 * A "Cookie" header for a benchmark account of `role`, signed in through the
 * app's own session code. Call it after DATABASE_URL and SESSION_SECRET point
 * at the benchmark database: it imports the app on first use.
 */
export async function benchSession(role: "EDITOR" | "VIEWER"): Promise<string> {
  const { prisma } = await import("~/utils/db.server");
  const { createSession } = await import("~/utils/auth.server");
  const email = `bench-${role.toLowerCase()}@synthetic.invalid`;
  const user = await prisma.user.upsert({
    where: { email },
    create: { email, name: `Benchmark ${role.toLowerCase()}`, role, passwordHash: "!no-login" },
    update: { role, active: true },
  });
  await prisma.session.deleteMany({ where: { userId: user.id } });
  const setCookie = await createSession(user.id, new Request("http://bench.local/login"));
  return setCookie.split(";")[0]!;
}

/** The `--agreements/--partners/--units` options, with a suite's defaults. */
export function sizeOptions(ctx: BenchContext, defaults: { agreements: number; partners: number; units: number }) {
  return {
    agreements: intOption(ctx, "agreements", defaults.agreements),
    partners: intOption(ctx, "partners", defaults.partners),
    units: intOption(ctx, "units", defaults.units),
  };
}

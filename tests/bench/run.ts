/**
 * Benchmarks: `npm run bench` runs every suite, `npm run bench -- list` one.
 * Not part of `npm test`; exits non-zero when a suite misses its budget.
 *
 * A suite is a tests/bench/<name>.bench.ts module exporting `suite`
 * (see harness.ts); register it in SUITES below. The app keeps one Prisma
 * client per process, pointed at DATABASE_URL on first import, so when
 * several suites run each gets its own process (and its own database).
 *
 * Options go to the suites: `--agreements 50000`, `--runs 50`, `--no-analyze`...
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { machineInfo, type BenchSuite } from "./harness";

const SUITES: Record<string, () => Promise<BenchSuite>> = {
  list: async () => (await import("./list.bench")).suite,
  network: async () => (await import("./network.bench")).suite,
  save: async () => (await import("./save.bench")).suite,
  "map-ui": async () => (await import("./map-ui.bench")).suite,
  hostile: async () => (await import("./hostile.bench")).suite,
  search: async () => (await import("./search.bench")).suite,
  headroom: async () => (await import("./headroom.bench")).suite,
  deadlines: async () => (await import("./deadlines.bench")).suite,
  import: async () => (await import("./import.bench")).suite,
};

function parseArgs(argv: string[]) {
  const names: string[] = [];
  const options: Record<string, string> = {};
  const passOn: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (m) {
      // `--flag value`, `--flag=value`, or a bare `--flag` (followed by another option or a suite name).
      const next = argv[i + 1];
      const value = m[2] ?? (next !== undefined && !next.startsWith("--") && !(next in SUITES) ? argv[++i]! : "true");
      options[m[1]!] = value;
      passOn.push(`--${m[1]}=${value}`);
    } else names.push(arg);
  }
  return { names: [...new Set(names)], options, passOn };
}

async function main(): Promise<number> {
  const { names, options, passOn } = parseArgs(process.argv.slice(2));
  if (options.help) {
    const described = await Promise.all(Object.entries(SUITES).map(async ([n, load]) => `  ${n.padEnd(10)} ${(await load()).description}`));
    console.log(`usage: npm run bench [-- <suite>... [--option value]...]\n\nSuites:\n${described.join("\n")}`);
    return 0;
  }
  const unknown = names.filter((n) => !(n in SUITES));
  if (unknown.length) {
    console.error(`Unknown suite(s): ${unknown.join(", ")}. Known: ${Object.keys(SUITES).join(", ")}`);
    return 2;
  }
  const selected = names.length ? names : Object.keys(SUITES);
  const child = process.env.HT_BENCH_CHILD === "1";
  if (!child) console.log(`${machineInfo()}\n`);

  if (selected.length === 1) {
    const name = selected[0]!;
    const suite = await SUITES[name]!();
    console.log(`== ${suite.name}: ${suite.description}\n`);
    const { ok } = await suite.run({ options });
    console.log(`\n== ${suite.name}: ${ok ? "PASS" : "FAIL"}`);
    return ok ? 0 : 1;
  }

  // Several suites: one process each (same node flags, so tsx's loader too).
  const results: [string, boolean][] = [];
  for (const name of selected) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name, ...passOn], {
      stdio: "inherit",
      env: { ...process.env, HT_BENCH_CHILD: "1" },
    });
    results.push([name, r.status === 0]);
    console.log("");
  }
  console.log(`Summary: ${results.map(([n, ok]) => `${n} ${ok ? "PASS" : "FAIL"}`).join(", ")}`);
  return results.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);

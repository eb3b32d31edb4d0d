#!/usr/bin/env node
// Prints the closing "N passed, N failed" line of a CI run from the JSON
// reports of Vitest (test-results/vitest.json) and Playwright
// (test-results/playwright.json). Usage: node .ci/summary.mjs [exit code of npm test]
// A missing report counts as nothing; a failed run whose reports show no
// failure (a crash before or between the suites) counts as one failure, so
// the line never claims success for a red run.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const exitCode = Number(process.argv[2] ?? 0);

function read(file) {
  const full = path.join(root, file);
  if (!existsSync(full)) return null;
  try {
    return JSON.parse(readFileSync(full, "utf8"));
  } catch (error) {
    console.error(`${file}: unreadable report (${error.message})`);
    return { unreadable: true };
  }
}

let passed = 0;
let failed = 0;

const vitest = read("test-results/vitest.json");
if (vitest?.unreadable) failed += 1;
else if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  // A test file that fails to load has no failed test in it: count the file.
  for (const file of vitest.testResults ?? []) {
    const anyFailed = (file.assertionResults ?? []).some((a) => a.status === "failed");
    if (file.status === "failed" && !anyFailed) failed += 1;
  }
}

const playwright = read("test-results/playwright.json");
if (playwright?.unreadable) failed += 1;
else if (playwright) {
  const stats = playwright.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  // Global errors: the web server did not start, a spec failed to compile...
  failed += (playwright.errors ?? []).length;
}

if (exitCode !== 0 && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed`);

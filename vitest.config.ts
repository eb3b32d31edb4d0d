/// <reference types="vitest" />
// Unit and integration tests. Deliberately not built on vite.config.ts: the
// Remix Vite plugin is for the app build, not for tests; only the `~/` path
// alias is needed here.
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/unit/**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", "build/**", "tests/e2e/**"],
    environment: "node",
    // Migrates tests/.data/base.db once per run...
    globalSetup: ["./tests/setup/global-setup.ts"],
    // ...and gives every worker its own copy of it, before any app module loads.
    setupFiles: ["./tests/setup/setup-test-env.ts"],
    // Separate processes, one module graph per test file: the app's Prisma
    // client (a process-wide singleton) always points at this worker's copy.
    pool: "forks",
    isolate: true,
    // The JSON report is what .ci/summary.mjs counts.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});

import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project folder (two levels above this file). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Throw-away databases for tests; git-ignored. */
export const DATA_DIR = path.join(ROOT, "tests", ".data");
/** File name of the migrated database each run's workers copy. */
export const BASE_DB_NAME = "base.db";

/** The folder of one `vitest run`, so concurrent runs never share files. */
export const runDir = (pid: number) => path.join(DATA_DIR, `vitest-${pid}`);

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute path of this run's folder (see global-setup.ts). */
    testRunDir: string;
  }
}

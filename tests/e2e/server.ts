/**
 * Where the end-to-end server listens and what it serves, in one place for
 * playwright.config.ts and the fixtures that write test
 * data into the server's database. start-server.sh derives the same paths
 * from the same E2E_PORT.
 */
import path from "node:path";
import { DATA_DIR } from "../setup/paths";

/** E2E_PORT lets two runs on one machine (two people, two worktrees) not collide. */
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** The server's database: created, migrated and seeded afresh by start-server.sh at every start. */
export const DATABASE_FILE = path.join(DATA_DIR, `e2e-${PORT}.db`);

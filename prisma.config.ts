import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL } from "./app/config/database-url";

// Prisma does not read .env when a config file exists; without DATABASE_URL
// it would fall back to its native engine and try to download it.
if (existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL!;
    // SQLite creates the file, not its folder (prisma/data/ is not in git).
    mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});

/**
 * The environment, validated with zod at start-up (.env.example lists every
 * variable): the database URL, demo mode, the session secret, the proxy
 * setting, the folder of uploaded files.
 */
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "~/config/database-url";

const flag = z
  .enum(["0", "1", "true", "false"])
  .transform((v) => v === "1" || v === "true");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^file:/, "must be a SQLite file URL such as file:./prisma/data/app.db")
      .default(DEFAULT_DATABASE_URL),
    /** Demo mode (the default): demo accounts may exist. A real deployment sets DEMO=0. */
    DEMO: flag.default("1"),
    /** Signs the session cookie. Required outside demo mode; at least 32 characters. */
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** Set to 1 behind a reverse proxy so the client address comes from X-Forwarded-For. */
    TRUST_PROXY: flag.default("0"),
    /** Where uploaded documents are kept; by default the folder "files" beside the database. */
    FILES_DIR: z.string().min(1).optional(),
  })
  .refine((e) => e.DEMO || e.SESSION_SECRET, {
    path: ["SESSION_SECRET"],
    message: "is required when DEMO=0 (generate one with: openssl rand -base64 48)",
  });

export type Env = Omit<z.infer<typeof EnvSchema>, "FILES_DIR"> & { FILES_DIR: string };

/** "files" beside the SQLite file of `databaseUrl` (file:./prisma/data/app.db -> prisma/data/files). */
export function defaultFilesDir(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, "").split("?")[0]!;
  return path.join(path.dirname(file), "files");
}

/** Validates a set of variables; throws a message naming each wrong one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}\nSee .env.example.`);
  }
  return { ...parsed.data, FILES_DIR: parsed.data.FILES_DIR ?? defaultFilesDir(parsed.data.DATABASE_URL) };
}

let cached: Env | undefined;

/** The validated environment; fails start-up with a readable message when a variable is wrong. */
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

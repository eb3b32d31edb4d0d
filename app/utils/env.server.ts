/**
 * The environment, validated with zod at start-up (.env.example lists every
 * variable): the database URL, demo mode, the session secret, the proxy
 * setting, the folder of uploaded files, backups and their schedule, single
 * sign-on (OpenID Connect), the API's rate limit, logs and who reads /metrics.
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
    /** Where backups go; by default the folder "backups" beside the database. */
    BACKUP_DIR: z.string().min(1).optional(),
    /** When the server backs up: a cron expression (server time), or "off". Daily at 02:30 by default. */
    BACKUP_SCHEDULE: z.string().trim().min(1).default("30 2 * * *"),
    /** Retention: newest backup of each of the last N days, ISO weeks and months. */
    BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).max(365).default(7),
    BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).max(260).default(4),
    BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).max(240).default(12),
    /** Single sign-on: the OpenID provider's issuer URL (Entra ID: https://login.microsoftonline.com/<tenant>/v2.0). */
    OIDC_ISSUER: z.string().url("must be the provider's issuer URL").optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /**
     * Trust the provider's e-mail without an email_verified claim: for a
     * provider that is the institute's own directory (Entra ID, single
     * tenant), which does not send that claim.
     */
    OIDC_TRUST_EMAIL: flag.default("0"),
    /** The sign-in button's words. */
    OIDC_LABEL: z.string().trim().min(1).max(60).default("Sign in with your institute account"),
    /** A first sign-on without an account: "refuse" (ask an admin) or "request" (an inactive viewer account an admin approves). */
    OIDC_NEW_ACCOUNTS: z.enum(["refuse", "request"]).default("refuse"),
    /** Local e-mail and password log-in; 0 leaves single sign-on as the only way in. */
    PASSWORD_LOGIN: flag.default("1"),
    /** Requests per minute one API token may make. */
    API_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
    /** Reading /metrics: this bearer token; without it, only requests from the machine itself (loopback). */
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** pino's level: fatal, error, warn, info, debug, trace or silent. */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** The SMTP server reminders go through: smtp://user:pass@host:587 or smtps://...:465. Without it, in demo mode, mail goes to /admin/outbox. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
    /** The sender of every e-mail. */
    MAIL_FROM: z.string().min(3).default("HT Collaborations <no-reply@collaborations.fht.org>"),
    /** Where people reach the app: links in e-mails and calendar feeds start with it. */
    APP_URL: z.string().url("must be a URL such as https://collaborations.fht.org").default("http://localhost:3000"),
    /** Default reminder offsets, in days before a deadline; -1 is the day after (overdue). People can choose their own. */
    REMINDER_OFFSETS: z.string().regex(/^-?\d+(,-?\d+)*$/, "must be whole numbers separated by commas, e.g. 90,60,30,7,1,-1").default("90,60,30,7,1,-1"),
    /** When the server process runs the reminder job (cron syntax, UTC); it also runs once at start. */
    REMINDER_SCHEDULE: z.string().min(9).default("5 * * * *"),
    /** 0: this process runs no reminder scheduler (run `npm run reminders` from cron or systemd instead). */
    REMINDERS: flag.default("1"),
    /** The weekday of the optional weekly digest: 1 = Monday ... 7 = Sunday. */
    WEEKLY_DIGEST_DAY: z.coerce.number().int().min(1).max(7).default(1),
  })
  .refine((e) => e.DEMO || e.SESSION_SECRET, {
    path: ["SESSION_SECRET"],
    message: "is required when DEMO=0 (generate one with: openssl rand -base64 48)",
  })
  .refine((e) => !e.OIDC_ISSUER || (e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET), {
    path: ["OIDC_CLIENT_ID"],
    message: "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required with OIDC_ISSUER",
  })
  .refine((e) => e.PASSWORD_LOGIN || e.OIDC_ISSUER, {
    path: ["PASSWORD_LOGIN"],
    message: "cannot be 0 without single sign-on (OIDC_ISSUER): nobody could log in",
  });

export type Env = Omit<z.infer<typeof EnvSchema>, "FILES_DIR" | "BACKUP_DIR"> & { FILES_DIR: string; BACKUP_DIR: string };

/** "files" beside the SQLite file of `databaseUrl` (file:./prisma/data/app.db -> prisma/data/files). */
export function defaultFilesDir(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, "").split("?")[0]!;
  return path.join(path.dirname(file), "files");
}

/** "backups" beside the SQLite file of `databaseUrl`. */
export function defaultBackupDir(databaseUrl: string): string {
  return path.join(path.dirname(databaseFile(databaseUrl)), "backups");
}

/** The SQLite file of a file: URL, as an absolute path (relative ones from the working folder). */
export function databaseFile(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, "").split("?")[0]!);
}

/** Validates a set of variables; throws a message naming each wrong one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}\nSee .env.example.`);
  }
  return {
    ...parsed.data,
    FILES_DIR: parsed.data.FILES_DIR ?? defaultFilesDir(parsed.data.DATABASE_URL),
    BACKUP_DIR: parsed.data.BACKUP_DIR ?? defaultBackupDir(parsed.data.DATABASE_URL),
  };
}

let cached: Env | undefined;

/** The validated environment; fails start-up with a readable message when a variable is wrong. */
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/** Forgets the parsed environment (tests that change a variable). */
export function resetEnv() {
  cached = undefined;
}

/**
 * Logs, metrics and readiness (issue 14): the log's redaction and request
 * context; /metrics' text carrying job results and the newest backup's age,
 * size and verification; who may read /metrics; readiness failing on a
 * missing migration and an unwritable files folder.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createBackup, configuredPaths } from "~/models/backup.server";
import { listJobRuns, recordJobRun, runJob } from "~/models/jobs.server";
import { prisma } from "~/utils/db.server";
import { resetEnv } from "~/utils/env.server";
import { createLogger, loggablePath, setRequestUser, withRequestContext } from "~/utils/logger.server";
import { mayReadMetrics, metricsText, observeRequest } from "~/utils/metrics.server";
import { readiness, shippedMigrations } from "~/utils/readiness.server";
import { runRemindersJob } from "~/utils/scheduler.server";

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["BACKUP_DIR", "FILES_DIR", "METRICS_TOKEN"]) process.env[k] = saved[k];
  if (!saved.BACKUP_DIR) delete process.env.BACKUP_DIR;
  if (!saved.METRICS_TOKEN) delete process.env.METRICS_TOKEN;
  resetEnv();
});

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger("info", { write: (l: string) => void lines.push(JSON.parse(l)) }) };
}

describe("the structured log", () => {
  it("carries the request id and user id, and redacts secrets", () => {
    const { lines, log } = capture();
    withRequestContext({ requestId: "req-12345678" }, () => {
      setRequestUser("user-1", "token-9");
      log.info({ password: "hunter2-hunter2", headers: { cookie: "ht_session=abc", authorization: "Bearer htc_x" }, token: "htc_secret" }, "hello");
    });
    expect(lines[0]).toMatchObject({ reqId: "req-12345678", userId: "user-1", tokenId: "token-9", msg: "hello", password: "[redacted]", token: "[redacted]" });
    expect(JSON.stringify(lines)).not.toMatch(/hunter2|abc|htc_x|htc_secret/);
  });

  it("writes paths with sign-on codes, tokens and search words redacted", () => {
    expect(loggablePath("/auth/sso/callback?code=abc&state=def&iss=x")).toBe("/auth/sso/callback?code=%5Bredacted%5D&state=%5Bredacted%5D&iss=%5Bredacted%5D");
    expect(loggablePath("/agreements?q=Rossi+NDA&page=2")).toBe("/agreements?q=%5Bredacted%5D&page=2");
    expect(loggablePath("/agreements?status=ACTIVE")).toBe("/agreements?status=ACTIVE");
  });
});

describe("/metrics", () => {
  it("reports requests by route, job results and the newest backup", async () => {
    process.env.BACKUP_DIR = mkdtempSync(path.join(tmpdir(), "ht-metrics-backups-"));
    resetEnv();
    observeRequest("/agreements/:id", "GET", 200, 0.012);
    observeRequest("/agreements/:id", "GET", 500, 0.3);
    await recordJobRun("reminders", { ok: false, startedAt: new Date(), durationMs: 42, error: "SMTP down" });
    const before = (await metricsText()).body;
    expect(before).toContain("htc_backup_last_age_seconds +Inf");
    await runJob("backup", () => createBackup(configuredPaths()));
    const { body, contentType } = await metricsText();
    expect(contentType).toContain("text/plain");
    expect(body).toContain('http_requests_total{route="/agreements/:id",method="GET",status="200"} 1');
    expect(body).toContain('http_request_errors_total{route="/agreements/:id",method="GET"} 1');
    expect(body).toContain('htc_job_last_outcome{job="reminders"} 0');
    expect(body).toContain('htc_job_last_outcome{job="backup"} 1');
    expect(body).toMatch(/htc_job_last_success_age_seconds\{job="backup"\} \d/);
    expect(body).toContain("htc_backup_last_verified 1");
    const age = Number(/^htc_backup_last_age_seconds (\S+)$/m.exec(body)![1]);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(600);
    expect(Number(/^htc_backup_last_size_bytes (\d+)$/m.exec(body)![1])).toBeGreaterThan(0);
    expect(body).toMatch(/htc_database_size_bytes\{file="main"\} [1-9]/);
  });

  it("counts the scheduler's reminder runs in the job registry", async () => {
    const runsOf = async () => (await listJobRuns()).find((j) => j.name === "reminders")?.runs ?? 0;
    const before = await runsOf();
    await runRemindersJob("schedule");
    const after = (await listJobRuns()).find((j) => j.name === "reminders")!;
    expect(after.runs).toBe(before + 1);
    expect(after.lastOutcome).toBe("OK");
    expect((await metricsText()).body).toContain('htc_job_last_outcome{job="reminders"} 1');
  });

  it("is readable from this machine, or with the metrics token, never through a proxy without it", () => {
    expect(mayReadMetrics({}, "127.0.0.1")).toBe(true);
    expect(mayReadMetrics({}, "::1")).toBe(true);
    expect(mayReadMetrics({}, "10.0.0.5")).toBe(false);
    expect(mayReadMetrics({ "x-forwarded-for": "203.0.113.9" }, "127.0.0.1")).toBe(false);
    process.env.METRICS_TOKEN = "a-metrics-token-of-some-length";
    resetEnv();
    expect(mayReadMetrics({}, "127.0.0.1")).toBe(false);
    expect(mayReadMetrics({ authorization: "Bearer a-metrics-token-of-some-length" }, "10.0.0.5")).toBe(true);
  });
});

describe("readiness", () => {
  it("is ready with every shipped migration applied and a writable files folder", async () => {
    expect(shippedMigrations().length).toBeGreaterThanOrEqual(6);
    expect(await readiness()).toMatchObject({ ready: true, checks: { database: true, migrations: { ok: true, missing: [] }, files: true } });
    expect((await readiness(false)).ready).toBe(false);
  });

  it("is not ready when a migration is missing or the files folder cannot be written", async () => {
    const notAFolder = path.join(mkdtempSync(path.join(tmpdir(), "ht-files-")), "a-file");
    writeFileSync(notAFolder, "");
    process.env.FILES_DIR = notAFolder;
    resetEnv();
    expect((await readiness()).checks.files).toBe(false);
    const last = shippedMigrations().at(-1)!;
    await prisma.$executeRawUnsafe("DELETE FROM _prisma_migrations WHERE migration_name = ?", last);
    expect((await readiness()).checks.migrations).toEqual({ ok: false, missing: [last] });
  });
});

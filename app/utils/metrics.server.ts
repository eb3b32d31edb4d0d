/**
 * /metrics in Prometheus' text format (prom-client; docs/decisions/074):
 * requests by route, method and status with their latency, server errors,
 * requests in flight; the database's size; each background job's last run,
 * last success, duration and outcome (the job registry, app/models/jobs.server.ts:
 * backups, reminders, import steps); the newest backup's age,
 * size and verification; API requests refused by the rate limit; and
 * Node's own process metrics.
 */
import { stat } from "node:fs/promises";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { latestBackup } from "~/models/backup.server";
import { prisma } from "./db.server";
import { databaseFile, env } from "./env.server";

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: "http_requests_total", help: "HTTP requests answered, by route, method and status", labelNames: ["route", "method", "status"], registers: [registry] });
  const duration = new Histogram({
    name: "http_request_duration_seconds", help: "Time to answer, by route and method", labelNames: ["route", "method"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  const errors = new Counter({ name: "http_request_errors_total", help: "Answers with a 5xx status, by route", labelNames: ["route", "method"], registers: [registry] });
  const inFlight = new Gauge({ name: "http_requests_in_flight", help: "Requests being answered", registers: [registry] });
  const rateLimited = new Counter({ name: "htc_api_rate_limited_total", help: "API requests refused (429) by a token's rate limit", registers: [registry] });
  new Gauge({
    name: "htc_database_size_bytes", help: "The SQLite database on disk: main file and write-ahead log", labelNames: ["file"], registers: [registry],
    async collect() {
      const file = databaseFile(env().DATABASE_URL);
      this.set({ file: "main" }, (await stat(file).catch(() => null))?.size ?? 0);
      this.set({ file: "wal" }, (await stat(`${file}-wal`).catch(() => null))?.size ?? 0);
    },
  });
  registerJobGauges(registry);
  registerBackupGauges(registry);
  return { registry, requests, duration, errors, inFlight, rateLimited };
}

/** The job registry's rows, read once per scrape for all the job gauges. */
function registerJobGauges(registry: Registry) {
  const gauge = (name: string, help: string, value: (r: Awaited<ReturnType<typeof prisma.jobStatus.findMany>>[number]) => number | null) =>
    new Gauge({
      name, help, labelNames: ["job"], registers: [registry],
      async collect() {
        this.reset();
        for (const row of await prisma.jobStatus.findMany()) {
          const v = value(row);
          if (v !== null) this.set({ job: row.name }, v);
        }
      },
    });
  const seconds = (d: Date | null) => (d ? d.getTime() / 1000 : null);
  gauge("htc_job_last_run_timestamp_seconds", "When each background job last ran", (r) => seconds(r.lastRunAt));
  gauge("htc_job_last_success_timestamp_seconds", "When each background job last succeeded", (r) => seconds(r.lastSuccessAt));
  gauge("htc_job_last_success_age_seconds", "Seconds since each background job last succeeded", (r) => (r.lastSuccessAt ? (Date.now() - r.lastSuccessAt.getTime()) / 1000 : null));
  gauge("htc_job_last_duration_seconds", "How long each job's last run took", (r) => r.lastDurationMs / 1000);
  gauge("htc_job_last_outcome", "1 when each job's last run succeeded, 0 when it failed", (r) => (r.lastOutcome === "OK" ? 1 : 0));
  gauge("htc_job_runs", "Runs of each job recorded", (r) => r.runs);
  gauge("htc_job_failures", "Failed runs of each job recorded", (r) => r.failures);
}

function registerBackupGauges(registry: Registry) {
  const values = async () => {
    const latest = await latestBackup();
    // No backup at all reads as infinitely old: an alert on the age fires.
    if (!latest) return { age: Number.POSITIVE_INFINITY, bytes: 0, verified: 0 };
    return { age: (Date.now() - latest.createdAt.getTime()) / 1000, bytes: latest.bytes, verified: latest.manifest?.verified ? 1 : 0 };
  };
  const gauge = (name: string, help: string, pick: (v: Awaited<ReturnType<typeof values>>) => number) =>
    new Gauge({
      name, help, registers: [registry],
      async collect() {
        this.set(pick(await values()));
      },
    });
  gauge("htc_backup_last_age_seconds", "Seconds since the newest complete backup in BACKUP_DIR was taken (+Inf when there is none)", (v) => v.age);
  gauge("htc_backup_last_size_bytes", "Size of the newest backup (database copy and documents)", (v) => v.bytes);
  gauge("htc_backup_last_verified", "1 when the newest backup verified (integrity check, every file's SHA-256)", (v) => v.verified);
}

const state = globalThis as unknown as { __htMetrics?: ReturnType<typeof build> };
export const metrics = () => (state.__htMetrics ??= build());

export function observeRequest(route: string, method: string, status: number, seconds: number) {
  const m = metrics();
  m.requests.inc({ route, method, status: String(status) });
  m.duration.observe({ route, method }, seconds);
  if (status >= 500) m.errors.inc({ route, method });
  if (status === 429 && route.startsWith("/api/")) m.rateLimited.inc();
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/**
 * Who may read /metrics: a bearer token equal to METRICS_TOKEN when it is
 * set; otherwise only requests made on this machine (loopback) directly: a
 * request relayed by a reverse proxy (X-Forwarded-For, Forwarded) came from
 * elsewhere, even though the proxy connects from loopback.
 */
export function mayReadMetrics(headers: { authorization?: string; forwarded?: string; "x-forwarded-for"?: string }, remoteAddress: string | undefined): boolean {
  const token = env().METRICS_TOKEN;
  if (token) return headers.authorization === `Bearer ${token}`;
  if (headers.forwarded || headers["x-forwarded-for"]) return false;
  return ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(remoteAddress ?? "");
}

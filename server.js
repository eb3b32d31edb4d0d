/**
 * The production server: Express with Remix's request handler (what
 * remix-serve does), plus what the app needs in front of Remix
 * (docs/decisions/040 and 074):
 * - structured JSON logs (pino, the app's own logger: `ops`): one line per
 *   request with its request id (X-Request-Id, taken from the client when
 *   well-formed), method, path (secret query values redacted), route,
 *   status, duration and user id; never headers, cookies, tokens or bodies;
 *   every other line the app or a library prints is JSON too;
 * - request metrics by route, and /metrics (Prometheus; METRICS_TOKEN, or
 *   loopback only) and /readyz (database, migrations, files folder,
 *   draining) beside /healthz (liveness, a route of the app);
 * - every response carries `X-Content-Type-Options: nosniff`;
 * - a state-changing request from another site is answered 403 with the
 *   security headers (the app's own rule, entry.server's crossSiteRefusal);
 * - SIGTERM / SIGINT: stop accepting, answer /readyz 503, finish requests
 *   in flight (keep-alive connections closed after their response), then
 *   stop the background jobs, wait for runs in flight, close the database
 *   and exit 0 (1 if that takes over SHUTDOWN_TIMEOUT_MS, default 25 s).
 *
 *   node server.js            (PORT, default 3000, 0 for any free port; HOST optional)
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

process.env.NODE_ENV ??= "production";
const BUILD = path.resolve(process.argv[2] ?? "build/server/index.js");
const build = await import(pathToFileURL(BUILD).href);
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const { ops } = build.entry.module;
const log = ops.logger();
ops.routeConsoleToLog();
const matchRoute = ops.routeMatcher(build.routes, [`${build.publicPath}assets/`]);
const SERVER_ROUTES = new Set(["/metrics", "/readyz"]);
const routeOf = (pathname) => (SERVER_ROUTES.has(pathname) ? pathname : matchRoute(pathname));

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const REQUEST_ID = /^[\w.-]{8,128}$/;
let draining = false;

/** The refusal the app gives a cross-site mutation, or null; read from headers only, never the body. */
function refusalFor(req) {
  if (!MUTATIONS.has(req.method)) return null;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const url = new URL(req.originalUrl, `http://${req.headers.host ?? "localhost"}`);
  return build.entry.module.crossSiteRefusal(new Request(url, { method: req.method, headers }));
}

async function send(res, response) {
  res.status(response.status);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** A request id, the request's log context, its metrics and its one log line. */
function observe(req, res, next) {
  const incoming = req.headers["x-request-id"];
  const context = { requestId: typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID() };
  res.setHeader("X-Request-Id", context.requestId);
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeOf(req.path);
    ops.observeRequest(route, req.method, res.statusCode, seconds);
    if (route === "static" && res.statusCode < 400) return;
    const line = {
      reqId: context.requestId, ...(context.userId ? { userId: context.userId } : {}), ...(context.tokenId ? { tokenId: context.tokenId } : {}),
      method: req.method, path: ops.loggablePath(req.originalUrl), route, status: res.statusCode, durationMs: Math.round(seconds * 1000),
    };
    if (res.statusCode >= 500) log.error(line, "request failed");
    else log.info(line, "request");
  });
  ops.withRequestContext(context, next);
}

const app = express();
app.disable("x-powered-by");
// nosniff on every response; the app's own responses already carry it (entry.server), so add it only where missing.
// While stopping, every response closes its connection, so keep-alive clients do not hold the stop open.
app.use((_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.getHeader("X-Content-Type-Options")) res.setHeader("X-Content-Type-Options", "nosniff");
    if (draining) res.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  };
  next();
});
app.use(observe);
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.get("/metrics", (req, res, next) => {
  if (!ops.mayReadMetrics(req.headers, req.socket.remoteAddress)) {
    res.status(403).type("text/plain").send("Metrics are readable with the METRICS_TOKEN, or from this machine.");
    return;
  }
  ops.metricsText().then(({ contentType, body }) => res.status(200).type(contentType).set("Cache-Control", "no-store").send(body), next);
});
app.get("/readyz", (_req, res, next) => {
  ops.readiness(!draining).then((r) => res.status(r.ready ? 200 : 503).set("Cache-Control", "no-store").json(r), next);
});

app.use((req, res, next) => {
  const refusal = refusalFor(req);
  if (refusal) send(res, refusal).catch(next);
  else next();
});
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const onListen = () => log.info({ port: server.address().port }, `listening on http://localhost:${server.address().port}`);
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);

function stop(signal) {
  if (draining) return;
  draining = true;
  log.info({ signal }, "stopping: no new connections; finishing requests in flight");
  const timeout = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 25_000);
  setTimeout(() => {
    log.error({ timeoutMs: timeout }, "stopping took too long; exiting");
    process.exit(1);
  }, timeout).unref();
  server.close(() => {
    log.info("requests finished; stopping background jobs");
    ops.shutdown().then(() => process.exit(0), (error) => {
      log.error({ err: error }, "shutdown failed");
      process.exit(1);
    });
  });
  // Idle keep-alive connections would hold close() open; busy ones close after their response.
  server.closeIdleConnections();
}
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => stop(signal));

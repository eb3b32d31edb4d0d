/**
 * The production server: Express with Remix's request handler (what
 * remix-serve does), plus what the app needs in front of Remix:
 * - every response carries `X-Content-Type-Options: nosniff`, assets
 *   included;
 * - a state-changing request from another site is answered 403 with the
 *   security headers (the app's own rule, entry.server's crossSiteRefusal),
 *   before Remix's built-in origin check, which answers a bare 500;
 * - SIGTERM / SIGINT stop accepting connections and let requests in flight
 *   finish before the process exits.
 *
 *   node server.js            (PORT, default 3000; HOST optional)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";

process.env.NODE_ENV ??= "production";
const BUILD = path.resolve(process.argv[2] ?? "build/server/index.js");
const build = await import(pathToFileURL(BUILD).href);
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

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

const app = express();
app.disable("x-powered-by");
// nosniff on every response; the app's own responses already carry it (entry.server), so add it only where missing.
app.use((_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.getHeader("X-Content-Type-Options")) res.setHeader("X-Content-Type-Options", "nosniff");
    return writeHead.apply(this, args);
  };
  next();
});
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(morgan("tiny"));
app.use((req, res, next) => {
  const refusal = refusalFor(req);
  if (refusal) send(res, refusal).catch(next);
  else next();
});
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const onListen = () => console.log(`[server] http://localhost:${port}`);
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    console.log(`[server] ${signal}: finishing requests in flight, then stopping`);
    server.close(() => process.exit(0));
    // Idle keep-alive connections would hold close() open.
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}

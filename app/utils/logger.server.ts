/**
 * The structured log (pino, JSON lines on standard output): every line of a
 * request carries its request id and, once known, the user's id (and the
 * API token's id), through an AsyncLocalStorage the server opens per
 * request. Never logged: passwords, tokens, cookies, authorisation headers,
 * sign-on codes, search words, document contents; the redaction list below is the last
 * line of defence, the first being that nothing logs request bodies or
 * headers at all.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";

export interface RequestContext {
  requestId: string;
  userId?: string;
  tokenId?: string;
}

/** Field paths pino replaces with "[redacted]" wherever they appear. */
export const REDACTED_PATHS = [
  "password", "*.password", "currentPassword", "newPassword", "token", "*.token", "authorization", "*.authorization",
  "cookie", "*.cookie", "headers.authorization", "headers.cookie", "req.headers.authorization", "req.headers.cookie",
  "code", "*.code", "client_secret", "*.client_secret", "secret", "*.secret", "id_token", "access_token", "refresh_token",
];

/**
 * Query parameters whose values never reach a log line: sign-on codes and
 * states, tokens, and search words (q), which may name people, partners or
 * a restricted agreement's terms.
 */
const SECRET_PARAMS = /^(code|state|token|access_token|id_token|refresh_token|password|session_state|iss|q)$/i;

const store = globalThis as unknown as { __htLogContext?: AsyncLocalStorage<RequestContext>; __htLogger?: Logger };
export const requestContext = (store.__htLogContext ??= new AsyncLocalStorage<RequestContext>());

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "ht-collaborations" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      mixin() {
        const c = requestContext.getStore();
        return c ? { reqId: c.requestId, ...(c.userId ? { userId: c.userId } : {}), ...(c.tokenId ? { tokenId: c.tokenId } : {}) } : {};
      },
    },
    destination,
  );
}

function defaultLevel(): string {
  if (process.env.LOG_LEVEL) return process.env.LOG_LEVEL;
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

/** The process's logger. */
export function logger(): Logger {
  return (store.__htLogger ??= createLogger(defaultLevel()));
}

/** Replaces the process's logger (the tests that read what was logged). */
export function useLogger(next: Logger) {
  store.__htLogger = next;
}

/** Runs `fn` as one request: its log lines carry `context`. */
export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
  return requestContext.run(context, fn);
}

/** Who the current request is, once authentication knows it. */
export function setRequestUser(userId: string, tokenId?: string) {
  const c = requestContext.getStore();
  if (!c) return;
  c.userId = userId;
  if (tokenId) c.tokenId = tokenId;
}

/** A path fit for a log line: the query kept, but any secret-bearing parameter's value replaced. */
export function loggablePath(url: string): string {
  const parsed = new URL(url, "http://x");
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(key)) parsed.searchParams.set(key, "[redacted]");
  }
  const query = parsed.searchParams.toString();
  return `${parsed.pathname}${query ? `?${query}` : ""}`;
}

/**
 * Sends console.log / warn / error (the app's and its libraries') to the
 * structured log, so every line on standard output is JSON.
 */
export function routeConsoleToLog() {
  const log = logger();
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.stack ?? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  console.log = (...args: unknown[]) => log.info(text(args));
  console.info = (...args: unknown[]) => log.info(text(args));
  console.warn = (...args: unknown[]) => log.warn(text(args));
  console.error = (...args: unknown[]) => {
    const error = args.find((a): a is Error => a instanceof Error);
    if (error) log.error({ err: error }, text(args.filter((a) => a !== error)) || error.message);
    else log.error(text(args));
  };
}

/**
 * Calling the JSON API as another tool would: a request with
 * `Authorization: Bearer <token>` (no cookie, no Origin), routed to the
 * route module Remix would pick for the path, and the answer read as JSON.
 */
import { loadRoute } from "./route-files";
import { ORIGIN } from "./factories";

const ROUTES: [RegExp, string][] = [
  [/^\/api\/agreements$/, "api.agreements.ts"],
  [/^\/api\/agreements\/([^/]+)$/, "api.agreements.$id.ts"],
  [/^\/api\/partners$/, "api.partners.ts"],
  [/^\/api\/partners\/([^/]+)$/, "api.partners.$id.ts"],
  [/^\/api\/units$/, "api.units.ts"],
  [/^\/api\/units\/([^/]+)$/, "api.units.$id.ts"],
  [/^\/api\/deadlines$/, "api.deadlines.ts"],
  [/^\/api\/network$/, "api.network.ts"],
  [/^\/api\/openapi\.json$/, "api.openapi[.]json.ts"],
];

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export async function api(path: string, init: { token?: string; method?: string; json?: unknown; authorization?: string } = {}): Promise<ApiAnswer> {
  const url = new URL(path, ORIGIN);
  const found = ROUTES.find(([re]) => re.test(url.pathname));
  if (!found) throw new Error(`no API route for ${path}`);
  const [re, file] = found;
  const id = re.exec(url.pathname)![1];
  const headers = new Headers();
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  if (init.authorization) headers.set("Authorization", init.authorization);
  const method = init.method ?? "GET";
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  const request = new Request(url, { method, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) });
  const mod = await loadRoute(file);
  const fn = method === "GET" ? mod.loader : mod.action;
  let out: unknown;
  try {
    out = await fn!({ request, params: id ? { id } : {}, context: {} });
  } catch (thrown) {
    out = thrown;
  }
  if (!(out instanceof Response)) throw out;
  const text = await out.text();
  return { status: out.status, headers: out.headers, body: text ? JSON.parse(text) : null };
}

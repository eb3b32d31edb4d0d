/**
 * Calling route loaders and actions the way Remix does, and reading what
 * they answer: a thrown Response (redirect, 403, 404), data() with a status,
 * or plain data.
 */
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { request } from "./factories";

export interface Answer<T = unknown> {
  status: number;
  /** Where a redirect goes. */
  location: string | null;
  data: T;
  response: Response | null;
}

function unwrap(out: unknown): Answer {
  if (out instanceof Response) {
    return { status: out.status, location: out.headers.get("Location"), data: null, response: out };
  }
  if (out && typeof out === "object" && (out as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = out as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, location: null, data, response: null };
  }
  return { status: 200, location: null, data: out, response: null };
}

async function call(fn: LoaderFunction | ActionFunction, req: Request, params: Record<string, string>): Promise<Answer> {
  try {
    return unwrap(await fn({ request: req, params, context: {} }));
  } catch (thrown) {
    if (thrown instanceof Response) return unwrap(thrown);
    throw thrown;
  }
}

/** GET `path` through `loader` as the user of `cookie`; `params.id` is taken from the path's second segment. */
export function get<T = any>(loader: LoaderFunction, path: string, cookie?: string): Promise<Answer<T>> {
  return call(loader, request(path, { cookie }), paramsOf(path)) as Promise<Answer<T>>;
}

/** POST a form to `action` at `path`, from this site, as the user of `cookie`. */
export function post<T = any>(
  action: ActionFunction,
  path: string,
  cookie: string | undefined,
  form: Record<string, string | number>,
): Promise<Answer<T>> {
  const body = new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)]));
  return call(action, request(path, { cookie, method: "POST", body }), paramsOf(path)) as Promise<Answer<T>>;
}

function paramsOf(path: string): Record<string, string> {
  const segments = new URL(path, "http://localhost").pathname.split("/").filter(Boolean);
  return segments[1] ? { id: segments[1] } : {};
}

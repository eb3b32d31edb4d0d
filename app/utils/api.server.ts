/**
 * The JSON API's plumbing shared by the /api/* routes: reading a JSON body
 * (type and size checked before parsing), answering JSON that is never
 * cached, and turning any failure into the documented error shape (400
 * with every field's errors, the app's errors through jsonFailure, a
 * thrown Response as it is).
 */
import { ApiInputError } from "~/models/api-agreements.server";
import { apiError } from "./api-auth.server";
import { jsonFailure } from "./errors.server";

export const MAX_JSON_BYTES = 1_000_000;

export async function readJson(request: Request): Promise<unknown> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw apiError(415, "Send a JSON body (Content-Type: application/json).");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_JSON_BYTES) throw apiError(413, "This body is too large.");
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw apiError(413, "This body is too large.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw apiError(400, "The body is not valid JSON.");
  }
}

export function apiJson(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: { "Cache-Control": "private, no-store" } });
}

/** Runs an endpoint: its value as JSON, or the failure in the documented shape. */
export async function answer(fn: () => Promise<unknown>, status = 200): Promise<Response> {
  try {
    return apiJson(await fn(), status);
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof ApiInputError) {
      const [field] = Object.keys(error.fieldErrors);
      return Response.json({ ok: false, error: error.message, field: field ?? null, fieldErrors: error.fieldErrors }, { status: 400, headers: { "Cache-Control": "no-store" } });
    }
    return jsonFailure(error);
  }
}

/**
 * /api/network/layout: the map's shared arrangement. Editors and admins only.
 *
 *   POST   positions=<JSON { [nodeId]: { x, y } }>    (form) or a JSON body { "positions": {...} }
 *          saves node centres (px) into the arrangement everyone sees, merged
 *          with the positions saved before; mode=replace (or "mode": "replace")
 *          makes them the whole arrangement
 *   POST   intent=reset  (or DELETE)                  drops it: back to the computed layout
 *
 * Answers JSON: { ok: true, saved: <count sent>, total: <count in the arrangement> } /
 * { ok: true, reset: <was there one> },
 * or 400 { ok: false, error } for anything invalid. Each change is in the audit trail.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { LayoutPositionsSchema } from "~/domain/network";
import { resetMapLayout, saveMapLayout } from "~/models/map-layout.server";
import { requirePermission } from "~/utils/auth.server";
import { methodNotAllowed } from "~/utils/http.server";

const NO_STORE = { "Cache-Control": "no-store" };
/** 5,000 positions with long ids fit comfortably in this. */
const MAX_BODY = 1_000_000;

function bad(error: string) {
  return Response.json({ ok: false, error }, { status: 400, headers: NO_STORE });
}

type Body = { intent?: unknown; positions?: unknown; mode?: unknown };

async function readBody(request: Request): Promise<Body | string> {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_BODY) return "The arrangement is too large to save.";
  const text = await request.text();
  if (text.length > MAX_BODY) return "The arrangement is too large to save.";
  const type = request.headers.get("Content-Type") ?? "";
  try {
    if (type.includes("application/json")) {
      const body: unknown = text ? JSON.parse(text) : {};
      return body && typeof body === "object" ? (body as Body) : {};
    }
    const form = new URLSearchParams(text);
    const positions = form.get("positions");
    return {
      intent: form.get("intent") ?? undefined,
      mode: form.get("mode") ?? undefined,
      positions: positions === null ? undefined : JSON.parse(positions),
    };
  } catch {
    return "The positions are not valid JSON.";
  }
}

/** Nothing to read here: GET answers 405. */
export const loader = () => methodNotAllowed("POST, DELETE");

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  if (request.method === "DELETE") {
    return Response.json({ ok: true, reset: await resetMapLayout(user) }, { headers: NO_STORE });
  }
  if (request.method !== "POST") {
    return Response.json({ ok: false, error: "Use POST or DELETE." }, { status: 405, headers: { ...NO_STORE, Allow: "POST, DELETE" } });
  }
  const body = await readBody(request);
  if (typeof body === "string") return bad(body);
  if (body.intent === "reset") {
    return Response.json({ ok: true, reset: await resetMapLayout(user) }, { headers: NO_STORE });
  }
  if (body.intent !== undefined && body.intent !== "save") return bad("Unknown intent: use save or reset.");
  if (body.positions === undefined) return bad("There are no positions to save.");
  const parsed = LayoutPositionsSchema.safeParse(body.positions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return bad(issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message);
  }
  if (body.mode !== undefined && body.mode !== "merge" && body.mode !== "replace") return bad("Unknown mode: use merge or replace.");
  const result = await saveMapLayout(user, parsed.data, { replace: body.mode === "replace" });
  if ("error" in result) return bad(result.error);
  return Response.json({ ok: true, saved: result.saved, total: result.total }, { headers: NO_STORE });
}

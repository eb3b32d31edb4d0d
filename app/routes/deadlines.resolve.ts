/**
 * POST /deadlines/resolve: an agreement's own deadline dealt with (notice
 * given, renewal agreed, left to renew, signatures chased), or that record
 * undone. Posted by the inline forms of the deadline lists (fetchers):
 * answers { ok } or the refusal's message.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { utcToday } from "~/domain/dates";
import { RESOLUTION_OUTCOMES } from "~/domain/deadlines";
import { resolveDeadline, undoResolution } from "~/models/deadline-resolution.server";
import { requirePermission } from "~/utils/auth.server";
import { messageFailure } from "~/utils/errors.server";

const ResolveSchema = z.object({
  intent: z.literal("resolve"),
  agreementId: z.string().min(1).max(64),
  key: z.string().min(1).max(200),
  outcome: z.enum(RESOLUTION_OUTCOMES.values),
  resolvedOn: z.string().max(10),
  note: z.string().trim().max(1000).optional(),
});
const UndoSchema = z.object({ intent: z.literal("undo"), resolutionId: z.string().min(1).max(64) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const form = Object.fromEntries(await request.formData());
  const parsed = z.discriminatedUnion("intent", [ResolveSchema, UndoSchema]).safeParse(form);
  if (!parsed.success) return Response.json({ error: "Choose what happened and when." }, { status: 400 });
  try {
    if (parsed.data.intent === "undo") await undoResolution(user, parsed.data.resolutionId);
    else await resolveDeadline(user, parsed.data, utcToday());
  } catch (error) {
    return messageFailure(error);
  }
  // The inline forms post with a fetcher: Remix then reloads the page's data, and the deadline leaves the list.
  return { ok: true };
}

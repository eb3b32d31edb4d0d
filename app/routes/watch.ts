/**
 * POST /watch: start or stop watching an agreement or an HT unit (its
 * groups included). Anyone who may read agreements may watch; a restricted
 * agreement only by those who may read it. Posted by the Watch buttons'
 * fetchers: answers { ok, watching } or the refusal.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setWatching } from "~/models/watches.server";
import { requirePermission } from "~/utils/auth.server";
import { messageFailure } from "~/utils/errors.server";

const WatchSchema = z.union([
  z.object({ agreementId: z.string().min(1).max(64), watching: z.enum(["0", "1"]) }),
  z.object({ unitId: z.string().min(1).max(64), watching: z.enum(["0", "1"]) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const parsed = WatchSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: "Say what to watch." }, { status: 400 });
  const { watching, ...subject } = parsed.data;
  try {
    await setWatching(user, subject as { agreementId: string } | { unitId: string }, watching === "1");
  } catch (error) {
    return messageFailure(error);
  }
  return { ok: true, watching: watching === "1" };
}

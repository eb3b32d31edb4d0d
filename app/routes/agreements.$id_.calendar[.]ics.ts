/**
 * /agreements/:id/calendar.ics: "Add to calendar": an agreement's open
 * deadlines (its own and its obligations') as an .ics file. Refused, naming
 * nothing, for a restricted agreement the reader may not open.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isHiddenFrom } from "~/domain/confidentiality";
import { utcToday } from "~/domain/dates";
import { agreementCalendar } from "~/models/calendar.server";
import { requirePermission } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { invariantResponse } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const agreement = await prisma.agreement.findUnique({ where: { id: params.id ?? "" }, select: { id: true, reference: true, confidentiality: true } });
  invariantResponse(agreement, "No agreement has this id.", { status: 404 });
  invariantResponse(!isHiddenFrom(user, agreement), "This agreement is restricted: only the legal and partnership office and admins can open it.", { status: 403 });
  return new Response(await agreementCalendar(agreement.id, user, utcToday()), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${agreement.reference}-deadlines.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}

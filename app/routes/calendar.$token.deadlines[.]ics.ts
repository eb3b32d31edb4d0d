/**
 * /calendar/:token/deadlines.ics: a person's private calendar feed, for
 * Outlook, Google Calendar or Apple Calendar to subscribe to. The secret in
 * the URL is the only credential (calendar clients send no cookie): an
 * unknown, replaced or deactivated one gets 404, naming nothing.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { utcToday } from "~/domain/dates";
import { feedOwner, personalFeed } from "~/models/calendar.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const owner = await feedOwner(params.token ?? "");
  if (!owner) return new Response("No calendar feed has this address. It may have been replaced: copy the new one from your reminders page.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(await personalFeed(owner, utcToday()), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="ht-deadlines.ics"',
      "Cache-Control": "private, no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}

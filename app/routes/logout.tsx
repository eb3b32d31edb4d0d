/**
 * /logout: ends the session (POST only).
 */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { assertSameOrigin, destroySession } from "~/utils/auth.server";

/** Logging out is a POST (a link could be followed by a prefetch or a crawler). */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  throw redirect("/login", { headers: { "Set-Cookie": await destroySession(request) } });
}

export async function loader() {
  throw redirect("/");
}

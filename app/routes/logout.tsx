/**
 * /logout: ends the session (POST only). A session that began by single
 * sign-on also ends at the institute's provider (RP-initiated logout),
 * which then sends the browser back to the log-in page.
 */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { assertSameOrigin, endSession } from "~/utils/auth.server";
import { POST_LOGOUT_PATH, providerLogoutUrl } from "~/utils/sso.server";

/** Logging out is a POST (a link could be followed by a prefetch or a crawler). */
export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { cookie, ssoIdToken } = await endSession(request);
  const atProvider = await providerLogoutUrl(request, ssoIdToken);
  throw redirect(atProvider ?? (ssoIdToken ? POST_LOGOUT_PATH : "/login"), { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  throw redirect("/");
}

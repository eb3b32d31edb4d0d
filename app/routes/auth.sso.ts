/**
 * /auth/sso: starts a single sign-on (docs/decisions/071): the browser goes
 * to the institute's OpenID provider and comes back to /auth/sso/callback.
 * Public (it is how one logs in); 404 when single sign-on is not set up.
 */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { beginSignIn, ssoEnabled } from "~/utils/sso.server";

export async function loader({ request }: LoaderFunctionArgs) {
  invariantResponse(ssoEnabled(), "Single sign-on is not set up on this server.", { status: 404 });
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  if (await getUser(request)) throw redirect(safeRedirect(redirectTo));
  return beginSignIn(request, redirectTo);
}

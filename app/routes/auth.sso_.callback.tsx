/**
 * /auth/sso/callback: where the OpenID provider sends the browser back.
 * The code is exchanged once, the ID token checked, the account matched by
 * its verified e-mail (app/utils/sso.server.ts); then the person lands
 * where they were going, logged in with the role the app gives them. Any
 * other outcome is a page saying what happened and what to do: ask an
 * admin for an account, wait for approval, try again.
 */
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { createSession } from "~/utils/auth.server";
import { invariantResponse } from "~/utils/http.server";
import { completeSignIn, ssoEnabled, type SignInOutcome } from "~/utils/sso.server";

export const meta: MetaFunction = () => [{ title: "Single sign-on · HT Collaborations" }];

export async function loader({ request }: LoaderFunctionArgs) {
  invariantResponse(ssoEnabled(), "Single sign-on is not set up on this server.", { status: 404 });
  const { outcome, clearCookie } = await completeSignIn(request);
  const headers = new Headers({ "Set-Cookie": clearCookie, "Cache-Control": "no-store" });
  if (outcome.kind === "signed-in") {
    headers.append("Set-Cookie", await createSession(outcome.userId, request, { ssoIdToken: outcome.idToken }));
    throw redirect(outcome.redirectTo, { headers });
  }
  // The account outcomes are pages to read, not failures of the request; a refused answer from the provider is a bad request.
  const status = outcome.kind === "failed" ? 400 : 200;
  return data({ outcome: outcome as Exclude<SignInOutcome, { kind: "signed-in" }> }, { status, headers });
}

const MESSAGES: Record<string, { title: string; text: (email: string) => string }> = {
  "no-account": {
    title: "You have no account yet",
    text: (email) => `You signed in as ${email}, but HT Collaborations has no account for this address. Ask an administrator of HT Collaborations (the legal and partnership office) to create one; then sign in again.`,
  },
  requested: {
    title: "Your request was sent",
    text: (email) => `An account for ${email} was requested. An administrator will approve it and give it a role; then sign in again.`,
  },
  pending: { title: "Your account awaits approval", text: (email) => `The account for ${email} has not been approved yet. An administrator will approve it; then sign in again.` },
  inactive: { title: "This account is deactivated", text: (email) => `The account for ${email} is deactivated. Ask an administrator if you need access again.` },
  "other-identity": {
    title: "This account belongs to another sign-in",
    text: (email) => `The account for ${email} is linked to a different identity at the institute's provider. Ask an administrator to check the account.`,
  },
  unverified: { title: "Your e-mail could not be confirmed", text: () => "The institute's provider did not confirm your e-mail address, so no account can be matched. Ask an administrator." },
  failed: { title: "The sign-in could not be completed", text: () => "" },
};

export default function SsoOutcome() {
  const { outcome } = useLoaderData<typeof loader>();
  const message = MESSAGES[outcome.kind]!;
  const email = "email" in outcome ? outcome.email : "";
  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="sso-title">
        <h1 id="sso-title">{message.title}</h1>
        {outcome.kind === "failed" ? (
          <p>{outcome.reason} It may have expired or been used already. Start again: it takes a moment.</p>
        ) : (
          <p>{message.text(email)}</p>
        )}
        <p><Link to="/login" className="button">Back to log in</Link></p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * The error page every route shows for a thrown response (400, 403, 404,
 * 503: a sentence a person can act on and the ways forward) or an
 * unexpected error.
 */
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "That request could not be understood",
  403: "You do not have access to this page",
  404: "We could not find that page",
  503: "The service is unavailable",
};

/** Renders thrown responses (404, 403...) and unexpected errors as a page a person can act on. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const detail = typeof error.data === "string" && error.data ? error.data : error.statusText;
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-code">Error {error.status}</p>
        <h1 id="error-title">{TITLES[error.status] ?? "Something went wrong"}</h1>
        {detail ? <p>{detail}</p> : null}
        <p>
          <Link to="/agreements">Search all agreements</Link> · <Link to="/">Back to the overview</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">Unexpected error</p>
      <h1 id="error-title">Something went wrong on our side</h1>
      <p>The error has been logged. Try again, or go back to the <Link to="/">overview</Link>.</p>
    </section>
  );
}

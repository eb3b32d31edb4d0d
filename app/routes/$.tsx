/**
 * Any URL no other route claims: the 404 page with ways forward.
 */
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Any URL no other route claims: a 404 page with ways forward. */
export async function loader() {
  throw new Response("There is no page at this address. Check the link, or start from one of the pages below.", {
    status: 404,
  });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

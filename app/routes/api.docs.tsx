/**
 * /api/docs: the API's reference for people, drawn from /api/openapi.json
 * (the same document tools read): how to authenticate, each endpoint and
 * the schemas. Any logged-in account may read it.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Operation, Schemas, operationsOf } from "~/components/api-docs";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { openApiDocument } from "~/utils/openapi.server";

export const meta: MetaFunction = () => [{ title: "API reference · HT Collaborations" }];

export const handle: BreadcrumbHandle<typeof loader> = {
  breadcrumb: () => [{ label: "Your account", to: "/account" }, { label: "API reference" }],
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const doc = openApiDocument() as { components?: { schemas?: Record<string, Record<string, unknown>> } } & Record<string, unknown>;
  return { operations: operationsOf(doc), schemas: doc.components?.schemas ?? {}, rateLimit: env().API_RATE_LIMIT };
}

export default function ApiDocs() {
  const { operations, schemas, rateLimit } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>API reference</h1>
          <p className="subtitle">JSON over HTTPS for other tools: the finance system, a BI dashboard, scripts.</p>
        </div>
        <div className="header-actions">
          <a className="button button-quiet" href="/api/openapi.json">OpenAPI document (JSON)</a>
        </div>
      </header>
      <section className="card" aria-labelledby="auth-h">
        <h2 id="auth-h">Authentication</h2>
        <p>
          Create a personal access token on <Link to="/account#tokens">your account page</Link> and send it with every request:
        </p>
        <pre className="code-block" role="region" tabIndex={0} aria-label="Example request">curl -H "Authorization: Bearer htc_…" https://…/api/agreements?status=ACTIVE</pre>
        <p>
          A read-only token may only read (GET). A token sees exactly what its owner's role sees: restricted agreements stay
          hidden from viewers. Each token may make {rateLimit} requests a minute; past that the answer is <code>429</code> with{" "}
          <code>Retry-After</code>. Every use is recorded in the audit trail.
        </p>
      </section>
      {operations.map((op) => <Operation key={`${op.method} ${op.path}`} op={op} />)}
      <Schemas schemas={schemas} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * The API's reference as a page (/api/docs), drawn from the OpenAPI
 * document: each endpoint with its method, parameters, body and answers,
 * and the schemas behind them, folded.
 */
type Json = Record<string, unknown>;

export interface DocOperation {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: { name: string; in: string; type: string; description: string }[];
  body: string | null;
  responses: { status: string; description: string; schema: string | null }[];
}

function typeOf(schema: Json | undefined): string {
  if (!schema) return "";
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop()!;
  if (schema.type === "array") return `${typeOf(schema.items as Json)}[]`;
  if (Array.isArray(schema.enum)) return (schema.enum as string[]).join(" | ");
  if (Array.isArray(schema.anyOf ?? schema.oneOf)) return ((schema.anyOf ?? schema.oneOf) as Json[]).map(typeOf).join(" | ");
  return String(schema.type ?? "object");
}

/** The document's operations, in its order. */
export function operationsOf(doc: Json): DocOperation[] {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = ((op.parameters ?? []) as Json[]).map((p) => ({
        name: String(p.name), in: String(p.in), type: typeOf(p.schema as Json), description: String((p.schema as Json | undefined)?.description ?? p.description ?? ""),
      }));
      const body = ((op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined)?.["application/json"]?.schema as Json | undefined;
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, r]) => ({
        status, description: String(r.description ?? ""),
        schema: typeOf(((r.content as Record<string, Json> | undefined)?.["application/json"]?.schema) as Json | undefined) || null,
      }));
      return { method: method.toUpperCase(), path, summary: String(op.summary ?? ""), description: String(op.description ?? ""), parameters: params, body: body ? typeOf(body) : null, responses };
    }),
  );
}

function Parameters({ op }: { op: DocOperation }) {
  if (!op.parameters.length) return null;
  return (
    <div className="table-wrap">
      <table className="data-table compact">
        <caption className="visually-hidden">Parameters of {op.method} {op.path}</caption>
        <thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Type</th><th scope="col">Meaning</th></tr></thead>
        <tbody>
          {op.parameters.map((p) => (
            <tr key={`${p.in}-${p.name}`}><td><code>{p.name}</code></td><td>{p.in}</td><td><code className="wrap-code">{p.type}</code></td><td>{p.description}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Operation({ op }: { op: DocOperation }) {
  const id = `${op.method}-${op.path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <section className="card api-op" aria-labelledby={id}>
      <h2 id={id}><span className={`http-method http-${op.method.toLowerCase()}`}>{op.method}</span> <code>{op.path}</code></h2>
      <p><strong>{op.summary}</strong>{op.description ? ` — ${op.description}` : ""}</p>
      <Parameters op={op} />
      {op.body ? <p>Body (JSON): <a href={`#schema-${op.body}`}><code>{op.body}</code></a></p> : null}
      <ul className="api-responses">
        {op.responses.map((r) => (
          <li key={r.status}><code>{r.status}</code> {r.description}{r.schema ? <> · <a href={`#schema-${r.schema.replace("[]", "")}`}><code>{r.schema}</code></a></> : null}</li>
        ))}
      </ul>
    </section>
  );
}

export function Schemas({ schemas }: { schemas: Record<string, Json> }) {
  return (
    <section aria-labelledby="schemas-h">
      <h2 id="schemas-h">Schemas</h2>
      {Object.entries(schemas).map(([name, schema]) => (
        <details key={name} id={`schema-${name}`} className="card api-schema">
          <summary><code>{name}</code></summary>
          <pre className="code-block" role="region" tabIndex={0} aria-label={`The ${name} schema`}>{JSON.stringify(schema, null, 2)}</pre>
        </details>
      ))}
    </section>
  );
}

/**
 * The account page's API tokens: the form that creates one (name, scope,
 * expiry), the new token shown once with a copy button, and the list of the
 * person's tokens with their scope, expiry, last use and a revoke button.
 */
import { getFormProps, getInputProps, getSelectProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { CreateTokenSchema, TOKEN_EXPIRIES, TOKEN_SCOPES, tokenStatus } from "~/domain/api-tokens";
import { formatDay } from "~/domain/dates";
import { Field } from "./forms";
import { SubmitButton } from "./ui/submit-button";
import { useSchemaForm } from "./ui/use-schema-form";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  expiresAt: Date | string;
  lastUsedAt: Date | string | null;
  useCount: number;
  revokedAt: Date | string | null;
  createdAt: Date | string;
}

function NewToken({ token }: { token: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="notice notice-success new-token" role="status">
      <p><strong>Your new token.</strong> Copy it now: it is shown only this once, and HT Collaborations keeps only a fingerprint of it.</p>
      <div className="token-copy">
        <code className="token-value" aria-label="The new token">{token}</code>
        <button type="button" className="button button-quiet" onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true))}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}

export function CreateTokenForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useSchemaForm(CreateTokenSchema, { id: "create-token", lastResult, defaultValue: { scope: "READ", expiresInDays: "90" } });
  return (
    <Form method="post" {...getFormProps(form)} className="form-grid">
      {form.errors?.length ? <p className="notice notice-error" role="alert" id={form.errorId}>{form.errors.join(" ")}</p> : null}
      <Field field={fields.name} label="Name" hint="What will use it, e.g. Finance sync.">
        <input {...getInputProps(fields.name, { type: "text" })} autoComplete="off" />
      </Field>
      <Field field={fields.scope} label="May">
        <select {...getSelectProps(fields.scope)}>
          {TOKEN_SCOPES.values.map((s) => <option key={s} value={s}>{TOKEN_SCOPES.label(s)}</option>)}
        </select>
      </Field>
      <Field field={fields.expiresInDays} label="Expires after">
        <select {...getSelectProps(fields.expiresInDays)}>
          {TOKEN_EXPIRIES.map((d) => <option key={d} value={d}>{d === 365 ? "1 year" : `${d} days`}</option>)}
        </select>
      </Field>
      <div className="form-actions field-span">
        <SubmitButton intent="create-token" pendingLabel="Creating…">Create token</SubmitButton>
      </div>
    </Form>
  );
}

function TokenTable({ tokens, now }: { tokens: TokenRow[]; now: Date }) {
  return (
    <div className="table-wrap">
      <table className="data-table cards">
        <caption className="visually-hidden">Your API tokens</caption>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">May</th><th scope="col">Status</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {tokens.map((t) => {
            const status = tokenStatus(t, now);
            return (
              <tr key={t.id}>
                <td className="col-title" data-label="Name">{t.name} <code className="muted">{t.prefix}…</code></td>
                <td data-label="May">{TOKEN_SCOPES.label(t.scope)}</td>
                <td data-label="Status">{status === "active" ? "Active" : <span className="badge">{status === "revoked" ? "Revoked" : "Expired"}</span>}</td>
                <td data-label="Expires">{formatDay(new Date(t.expiresAt))}</td>
                <td data-label="Last used">{t.lastUsedAt ? `${formatDay(new Date(t.lastUsedAt))} (${t.useCount} use${t.useCount === 1 ? "" : "s"})` : <span className="muted">never</span>}</td>
                <td>
                  {status === "active" ? (
                    <Form method="post">
                      <input type="hidden" name="tokenId" value={t.id} />
                      <SubmitButton intent="revoke-token" fields={{ tokenId: t.id }} className="button button-quiet button-danger" pendingLabel="Revoking…" aria-label={`Revoke ${t.name}`}>Revoke</SubmitButton>
                    </Form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ApiTokens({ tokens, newToken, lastResult, now }: { tokens: TokenRow[]; newToken: string | null; lastResult?: SubmissionResult<string[]> | null; now: string }) {
  return (
    <section className="card form-card" id="tokens" aria-labelledby="tokens-h">
      <h2 id="tokens-h">API tokens</h2>
      <p className="muted">
        Personal access tokens let other tools read (or change) the register as you, through the <Link to="/api/docs">API</Link>.
        A token sees what your role sees.
      </p>
      {newToken ? <NewToken token={newToken} /> : null}
      <CreateTokenForm lastResult={lastResult} />
      {tokens.length ? <TokenTable tokens={tokens} now={new Date(now)} /> : <p className="empty-state">You have no API tokens.</p>}
    </section>
  );
}

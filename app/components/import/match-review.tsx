/**
 * The partners' review of an import, in one screen: each organisation the
 * file names, how the app matched it (by identifier, exact name, acronym,
 * a similar name, or not at all) and what it proposes; the person accepts,
 * picks another candidate or any partner, creates a new partner (naming
 * it), or creates it as a department of an existing partner. Tabs show the
 * organisations to look at first, the new ones, the matched ones, or all.
 */
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { Pagination } from "~/components/pagination";
import { PartyPicker } from "~/components/party-picker";
import { SubmitButton } from "~/components/ui/submit-button";
import { REVIEW_PAGE_SIZE } from "~/domain/import-status";
import type { PartyOption } from "~/domain/party-search";
import { PARTNER_KINDS } from "~/domain/vocabulary";

export interface ReviewRow {
  id: number; name: string; shortName: string; identifier: string; country: string; city: string; variants: string[];
  agreements: number; lines: number[]; confidence: string; needsReview: boolean; reviewed: boolean;
  decision: string; partnerId: string | null; parentId: string | null; newName: string; newKind: string;
  candidates: { partnerId: string; score: number; why: string; label: string; country: string; parent: string | null }[];
}

const CONFIDENCE: Record<string, string> = {
  identifier: "Same identifier", exact: "Same name", acronym: "By acronym", department: "A department of", fuzzy: "Similar name", none: "Not found",
};

const TABS = [
  ["review", "To review"], ["create", "New partners"], ["match", "Matched"], ["all", "All"],
] as const;

function initialChoice(o: ReviewRow): string {
  if (o.decision === "MATCH" && o.partnerId) return o.candidates.some((c) => c.partnerId === o.partnerId) ? `match:${o.partnerId}` : "match:other";
  if (o.decision === "DEPARTMENT" && o.parentId) return o.candidates.some((c) => c.partnerId === o.parentId) ? `department:${o.parentId}` : "department:other";
  return "create";
}

function ChoiceOptions({ o }: { o: ReviewRow }) {
  return (
    <>
      {o.candidates.map((c) => (
        <option key={`m${c.partnerId}`} value={`match:${c.partnerId}`}>Same as {c.label}{c.country ? ` (${c.country})` : ""} · {Math.round(c.score * 100)}%</option>
      ))}
      <option value="match:other">Another partner…</option>
      <option value="create">New partner</option>
      {o.candidates.map((c) => (
        <option key={`d${c.partnerId}`} value={`department:${c.partnerId}`}>New department of {c.label}</option>
      ))}
      <option value="department:other">New department of another partner…</option>
    </>
  );
}

function OrganisationRow({ o, i, partners, chosen }: { o: ReviewRow; i: number; partners: PartyOption[]; chosen: string | null }) {
  const [choice, setChoice] = useState(initialChoice(o));
  const base = `decisions[${i}]`;
  const id = `org-${o.id}`;
  const other = choice.endsWith(":other");
  const creates = choice === "create" || choice.startsWith("department:");
  const best = o.candidates[0];
  return (
    <tr className={o.needsReview && !o.reviewed ? "row-attention" : undefined}>
      <th scope="row" data-label="In the file">
        <strong id={`${id}-name`}>{o.name || o.identifier}</strong>
        {o.shortName ? <span className="muted"> ({o.shortName})</span> : null}
        <div className="field-hint">
          {[o.identifier, o.city, o.country].filter(Boolean).join(" · ")}
          {o.variants.length ? ` · also “${o.variants.slice(0, 3).join("”, “")}”` : ""}
          {` · ${o.agreements} agreement${o.agreements === 1 ? "" : "s"}, line ${o.lines.join(", ")}`}
        </div>
      </th>
      <td data-label="Found">
        <span className={`badge badge-match-${o.confidence}`}>{CONFIDENCE[o.confidence] ?? o.confidence}</span>
        {best ? <div className="field-hint">{best.why}</div> : null}
      </td>
      <td data-label="Import as" className="col-wide">
        <input type="hidden" name={`${base}.id`} value={o.id} />
        <label className="visually-hidden" htmlFor={`${id}-choice`}>What {o.name || o.identifier} is</label>
        <select id={`${id}-choice`} name={`${base}.choice`} value={choice} onChange={(e) => setChoice(e.target.value)} aria-describedby={`${id}-name`}>
          <ChoiceOptions o={o} />
        </select>
        {other ? (
          <div className="import-other">
            <label className="field-label" htmlFor={`${id}-other`}>{choice.startsWith("department") ? "Department of" : "Partner"}</label>
            <PartyPicker name={`${base}.other`} id={`${id}-other`} units={[]} partners={partners}
              defaultValue={o.partnerId || o.parentId ? `partner:${o.partnerId ?? o.parentId}` : undefined} />
            {chosen ? <p className="field-hint">Now: {chosen}</p> : null}
          </div>
        ) : null}
        {creates ? (
          <div className="import-new">
            <label className="field-label" htmlFor={`${id}-new`}>Name of the new partner</label>
            <input id={`${id}-new`} name={`${base}.newName`} defaultValue={o.newName} placeholder={o.name || o.identifier} maxLength={200} />
            <label className="field-label" htmlFor={`${id}-kind`}>Kind</label>
            <select id={`${id}-kind`} name={`${base}.newKind`} defaultValue={o.newKind}>
              <option value="">Guessed from the name</option>
              {PARTNER_KINDS.values.map((k) => <option key={k} value={k}>{PARTNER_KINDS.label(k)}</option>)}
            </select>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function MatchReview({ jobId, rows, total, counts, show, page, partners, error, saved }: {
  jobId: number; rows: (ReviewRow & { chosen: string | null })[]; total: number; counts: Record<string, number>;
  show: string; page: number; partners: PartyOption[]; error: string | null; saved: boolean;
}) {
  const here = `/import/${jobId}?step=partners&show=${show}&page=${page}`;
  return (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">Partners</h2>
      <p className="field-hint">
        Each organisation of the file, matched to the register's partners by identifier, name, acronym or other names (accents, capitals and legal
        forms such as S.p.A. or Fondazione ignored). Names the file spells differently are kept as other names of the partner, for the next import and
        the search.
      </p>
      <nav className="quick-views" aria-label="Which organisations">
        {TABS.map(([key, label]) => (
          <Link key={key} to={`/import/${jobId}?step=partners&show=${key}`} aria-current={show === key ? "page" : undefined}>
            {label} ({counts[key] ?? 0})
          </Link>
        ))}
      </nav>
      {error ? <p className="notice notice-error" role="alert">{error}</p> : null}
      {saved ? <p className="notice notice-success" role="status">Your choices are saved.</p> : null}
      {rows.length === 0 ? (
        <p className="empty-inline">{show === "review" ? "Nothing needs a second look: every organisation was found with certainty, or is clearly new." : "No organisation here."}</p>
      ) : null}
      <Form method="post" action={here} className="import-review">
        {rows.length ? (
          <div className="table-wrap">
            <table className="data-table cards">
              <thead><tr><th scope="col">In the file</th><th scope="col">Found</th><th scope="col">Import as</th></tr></thead>
              <tbody>{rows.map((o, i) => <OrganisationRow key={o.id} o={o} i={i} partners={partners} chosen={o.chosen} />)}</tbody>
            </table>
          </div>
        ) : null}
        <Pagination page={page} size={REVIEW_PAGE_SIZE} total={total} hrefFor={(p) => `/import/${jobId}?step=partners&show=${show}&page=${p}`} />
        {rows.length ? <p className="field-hint">Save this page's choices before you open another tab or page: they are kept with the import.</p> : null}
        <div className="form-actions">
          {rows.length ? <SubmitButton intent="decisions" className="button button-quiet" pendingLabel="Saving…">Save these choices</SubmitButton> : null}
          <SubmitButton intent="dry-run" pendingLabel="Starting…">{rows.length ? "Save and run the dry run →" : "Run the dry run →"}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

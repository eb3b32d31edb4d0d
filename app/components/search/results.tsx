/**
 * Search results grouped by type (agreements, documents, partners, HT
 * units, research lines), as the search page and the quick search box show
 * them: each result a link, with where it matched and a highlighted snippet.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { StatusBadge } from "~/components/status-badge";
import { DOCUMENT_KINDS } from "~/domain/documents";
import type { SearchResults } from "~/models/search.server";
import { MarkedText } from "./marked";

function Group({ title, count, children }: { title: string; count: ReactNode; children: ReactNode }) {
  return (
    <section className="search-group" aria-label={title}>
      <h2 className="search-group-title">{title} <span className="muted">{count}</span></h2>
      <ul className="search-hits">{children}</ul>
    </section>
  );
}

export function SearchResultGroups({ results, compact = false, onPick }: { results: SearchResults; compact?: boolean; onPick?: () => void }) {
  const { agreements, documents, partners, units, lines } = results;
  const n = compact ? 5 : Infinity;
  const total = agreements.total + documents.length + partners.length + units.length + lines.length;
  if (!total) return <p className="search-empty">Nothing matches “{results.query}”. Try fewer words, or the beginning of a word.</p>;
  return (
    <div className="search-groups">
      {agreements.hits.length ? (
        <Group title="Agreements" count={agreements.more ? "more than 1,000" : agreements.total}>
          {agreements.hits.slice(0, n).map((a) => (
            <li key={a.id}>
              <Link to={`/agreements/${a.id}`} onClick={onPick} className="search-hit">
                <span className="search-hit-title"><span className="mono">{a.reference}</span> <MarkedText value={a.title} /></span>
                <span className="search-hit-meta"><StatusBadge status={a.status} />{a.archived ? <span className="badge">Archived</span> : null} {a.where}</span>
                {a.snippet && !compact ? <span className="search-snippet"><MarkedText value={a.snippet} /></span> : null}
              </Link>
            </li>
          ))}
        </Group>
      ) : null}
      {documents.length ? (
        <Group title="Documents" count={documents.length}>
          {documents.slice(0, n).map((d) => (
            <li key={d.versionId}>
              <Link to={`/agreements/${d.agreementId}#documents`} onClick={onPick} className="search-hit">
                <span className="search-hit-title" dir="auto">{d.title}</span>
                <span className="search-hit-meta">
                  {DOCUMENT_KINDS.label(d.kind)} of <span className="mono">{d.agreementReference}</span>{d.page ? `, page ${d.page}` : ""}
                </span>
                {!compact ? <span className="search-snippet"><MarkedText value={d.snippet} /></span> : null}
              </Link>
            </li>
          ))}
        </Group>
      ) : null}
      <DirectoryGroup title="Partners" hits={partners.slice(0, n)} onPick={onPick} />
      <DirectoryGroup title="HT units" hits={units.slice(0, n)} onPick={onPick} />
      <DirectoryGroup title="Research lines" hits={lines.slice(0, n)} onPick={onPick} />
    </div>
  );
}

function DirectoryGroup({ title, hits, onPick }: { title: string; hits: SearchResults["partners"]; onPick?: () => void }) {
  if (!hits.length) return null;
  return (
    <Group title={title} count={hits.length}>
      {hits.map((h) => (
        <li key={h.id}>
          <Link to={h.href} onClick={onPick} className="search-hit">
            <span className="search-hit-title"><MarkedText value={h.name} /></span>
            {h.detail ? <span className="search-hit-meta">{h.detail}</span> : null}
          </Link>
        </li>
      ))}
    </Group>
  );
}

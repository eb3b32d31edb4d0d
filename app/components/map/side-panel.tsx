/**
 * The panel beside the map: an organisation (node) or a pair (line), its
 * numbers and the agreements behind it, from /api/network.node and
 * /api/network.edge with the map's filters. Restricted agreements a viewer
 * may not read never reach the browser: the server sends only how many were
 * left out, shown as "1 restricted agreement" (no id, link or dates).
 */
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { restrictedSummary } from "~/domain/confidentiality";
import { formatDay } from "~/domain/dates";
import { parseNodeId } from "~/domain/network";
import { AGREEMENT_KINDS, PARTNER_KINDS, UNIT_KINDS } from "~/domain/vocabulary";
import type { NetworkFilters } from "~/domain/network-filters";
import { countedWords, SINCE_MEANS } from "~/domain/network-words";
import { formatEuro, pluralize } from "~/utils/format";
import { KindLabel, RestrictedBadge, StatusBadge } from "../status-badge";
import { kindsSummary } from "./map-model";
import { CHANGE_LABELS, LIFECYCLE_LABELS } from "./palette";
import type { NetworkAgreement, NetworkEdge, NetworkEdgeDetail, NetworkNode, NetworkNodeDetail } from "./types";

type Load<T> = { state: "loading" } | { state: "error"; message: string } | { state: "done"; data: T };

/** GETs JSON for the panel; aborts when the subject changes. */
function useJson<T>(url: string | null): Load<T> {
  const [result, setResult] = useState<Load<T>>({ state: "loading" });
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    setResult({ state: "loading" });
    fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then(async (res) => {
        if (!res.ok) {
          const answer = (await res.json().catch(() => null)) as { error?: string } | null;
          throw new Error(answer?.error ?? `the server answered ${res.status}`);
        }
        setResult({ state: "done", data: (await res.json()) as T });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({ state: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [url]);
  return result;
}

/** The agreements the reader may read, then how many restricted ones were left out. */
export function AgreementList({ agreements, restricted, label }: { agreements: NetworkAgreement[]; restricted: number; label: string }) {
  if (!agreements.length && !restricted) return <p className="empty-inline">No agreements with these filters.</p>;
  return (
    <>
      {agreements.length ? <AgreementItems agreements={agreements} label={label} /> : null}
      {restricted ? (
        <p className="panel-restricted muted small">
          <RestrictedBadge /> <span>{restrictedSummary(restricted)}</span>
        </p>
      ) : null}
    </>
  );
}

function AgreementItems({ agreements, label }: { agreements: NetworkAgreement[]; label: string }) {
  return (
    <ul className="panel-agreements" aria-label={label}>
      {agreements.map((a) => (
        <li key={a.id}>
          {a.reference ? <span className="mono small muted">{a.reference}</span> : null}
          <span className="panel-agreement-title">
            <Link to={`/agreements/${a.id}`}>{a.title}</Link>
          </span>
          <span className="panel-agreement-meta">
            <KindLabel kind={a.kind} /> <StatusBadge status={a.status} />
            {a.restricted ? <> <RestrictedBadge /></> : null}
            <span className="muted small">
              {" "}
              {a.startDate ? formatDay(a.startDate) : "no start"} – {a.endDate ? formatDay(a.endDate) : "open-ended"}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function subjectPage(node: NetworkNode): string | null {
  const parsed = parseNodeId(node.id);
  if (!parsed || parsed.type === "cluster") return null;
  return parsed.type === "unit" ? `/units/${parsed.id}` : `/partners/${parsed.id}`;
}

export function NodePanel({
  node,
  query,
  neighbours,
  focused,
  expanded,
  onFocus,
  onToggleExpand,
  onClose,
  explore,
}: {
  node: NetworkNode;
  /** The map's filters as a query string (without "?"). */
  query: string;
  neighbours: NetworkNode[];
  focused: boolean;
  expanded: boolean;
  onFocus: () => void;
  onToggleExpand: () => void;
  onClose: () => void;
  /** Explore mode: start from this node, or show its neighbours not on the map yet. */
  explore?: { exploring: boolean; explored: boolean; onExplore: () => void };
}) {
  const url = `/api/network.node?${new URLSearchParams([...new URLSearchParams(query), ["id", node.id]])}`;
  const detail = useJson<NetworkNodeDetail>(url);
  const page = subjectPage(node);
  const kind =
    node.type === "unit" ? UNIT_KINDS.label(node.kind) : node.type === "cluster" ? `Group of ${PARTNER_KINDS.label(node.kind).toLowerCase()} partners` : PARTNER_KINDS.label(node.kind);
  return (
    <PanelFrame title={node.name} eyebrow={kind} onClose={onClose}>
      <dl className="panel-stats">
        <div><dt>Agreements</dt><dd>{node.agreementCount.toLocaleString("en-GB")}</dd></div>
        <div><dt>Linked to</dt><dd>{pluralize(neighbours.length, node.type === "unit" ? "partner" : "HT unit")}</dd></div>
        {node.since ? <div><dt>Since</dt><dd title={SINCE_MEANS}>{formatDay(node.since)}</dd></div> : null}
        {node.valueCents > 0 ? <div><dt>Value</dt><dd>{formatEuro(node.valueCents, { round: true })}</dd></div> : null}
        {node.type === "cluster" ? <div><dt>Partners</dt><dd>{node.memberCount ?? 0}</dd></div> : null}
      </dl>
      <div className="panel-actions">
        {node.type !== "cluster" ? (
          <button type="button" className="button button-quiet" onClick={onFocus} aria-pressed={focused}>
            {focused ? "Show the whole network" : "Focus on its neighbours"}
          </button>
        ) : null}
        {node.expandable ? (
          <button type="button" className="button button-quiet" onClick={onToggleExpand}>
            {node.type === "cluster" ? "Show its partners" : expanded ? "Hide research groups" : "Show research groups"}
          </button>
        ) : null}
        {explore && node.type !== "cluster" && !(explore.explored && !node.hiddenNeighbours) ? (
          <button type="button" className="button button-quiet" onClick={explore.onExplore}>
            {explore.exploring ? `Expand its neighbours${node.hiddenNeighbours ? ` (${node.hiddenNeighbours} more)` : ""}` : "Explore from here"}
          </button>
        ) : null}
        {page ? <Link to={page} className="button button-quiet">Open {node.type === "unit" ? "unit" : "partner"} page</Link> : null}
      </div>
      {neighbours.length ? (
        <details className="panel-neighbours">
          <summary>{node.type === "unit" ? "Partners" : "HT units"} on the map ({neighbours.length})</summary>
          <ul className="plain-list small">
            {neighbours.map((n) => <li key={n.id}>{n.name}</li>)}
          </ul>
        </details>
      ) : null}
      <h3>Agreements</h3>
      {detail.state === "loading" ? <p className="muted" role="status">Loading agreements…</p> : null}
      {detail.state === "error" ? <p className="notice notice-error">Could not load the agreements: {detail.message}</p> : null}
      {detail.state === "done" ? (
        <>
          {detail.data.total - detail.data.restricted > detail.data.agreements.length ? (
            <p className="muted small">The {detail.data.agreements.length} newest of {detail.data.total - detail.data.restricted}.</p>
          ) : null}
          <AgreementList agreements={detail.data.agreements} restricted={detail.data.restricted} label={`Agreements of ${node.name}`} />
        </>
      ) : null}
    </PanelFrame>
  );
}

/** How a line's nearest deadline is said (NetworkEdge.deadline). */
export const DEADLINE_WORDS: Record<NonNullable<NetworkEdge["deadline"]>["kind"], string> = { NOTICE: "notice to give", RENEWAL: "renewal to decide", END: "ends" };

export function EdgePanel({
  edge,
  unit,
  partner,
  query,
  filters,
  onClose,
}: {
  /** What the map counts (for the words beside "since"). */
  filters: Pick<NetworkFilters, "status">;
  edge: NetworkEdge;
  unit: NetworkNode | undefined;
  partner: NetworkNode | undefined;
  query: string;
  onClose: () => void;
}) {
  const params = new URLSearchParams(query);
  params.set("source", edge.source);
  params.set("target", edge.target);
  const detail = useJson<NetworkEdgeDetail>(`/api/network.edge?${params}`);
  return (
    <PanelFrame title={`${unit?.name ?? edge.source} – ${partner?.name ?? edge.target}`} eyebrow="Collaboration" onClose={onClose}>
      <dl className="panel-stats">
        <div><dt>Agreements</dt><dd>{edge.count}</dd></div>
        {edge.valueCents > 0 ? <div><dt>Value</dt><dd>{formatEuro(edge.valueCents, { round: true })}</dd></div> : null}
        <div><dt>Since</dt><dd>{edge.since ? formatDay(edge.since) : "–"}</dd></div>
        <div><dt>First counted</dt><dd>{edge.firstDate ? formatDay(edge.firstDate) : "–"}</dd></div>
        <div><dt>Until</dt><dd>{edge.lastDate ? formatDay(edge.lastDate) : "open-ended"}</dd></div>
        <div><dt>Status</dt><dd>{edge.change ? CHANGE_LABELS[edge.change] : LIFECYCLE_LABELS[edge.lifecycle]}</dd></div>
      </dl>
      <p className="muted small">{SINCE_MEANS}. {countedWords(filters)}.</p>
      {edge.deadline ? (
        <p className="notice notice-warning small">
          Next deadline: {DEADLINE_WORDS[edge.deadline.kind]} on {formatDay(edge.deadline.date)}
          {edge.deadline.count > 1 ? ` (${edge.deadline.count} deadlines in the next 90 days)` : ""}.
        </p>
      ) : null}
      <p className="small" title={kindsSummary(edge.kinds, false)}>
        <span className="muted">Kinds: </span>{kindsSummary(edge.kinds)}
        <span className="visually-hidden"> (main kind: {AGREEMENT_KINDS.label(edge.dominantKind)})</span>
      </p>
      <h3>Agreements between them</h3>
      {detail.state === "loading" ? <p className="muted" role="status">Loading agreements…</p> : null}
      {detail.state === "error" ? <p className="notice notice-error">Could not load the agreements: {detail.message}</p> : null}
      {detail.state === "done" ? (
        <AgreementList agreements={detail.data.agreements} restricted={detail.data.restricted} label="Agreements between the pair" />
      ) : null}
    </PanelFrame>
  );
}

function PanelFrame({
  title,
  eyebrow,
  onClose,
  children,
}: {
  title: string;
  eyebrow: string;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <aside className="map-panel" aria-labelledby="map-panel-title">
      <div className="map-panel-header">
        <div>
          <p className="eyebrow">{eyebrow}</p>
          <h2 id="map-panel-title" ref={heading} tabIndex={-1}>{title}</h2>
        </div>
        <button type="button" className="button button-quiet map-panel-close" onClick={onClose} aria-label="Close panel">
          ×
        </button>
      </div>
      {children}
    </aside>
  );
}

/**
 * /map: the collaboration map. HT units in the middle, partners around them,
 * a line per pair; with a table of the same pairs (?view=table) and a gap
 * matrix of units by partner kind (?view=matrix). Every filter lives in the
 * URL; the loader draws the network for it with the same model as
 * /api/network (app/models/network.server.ts), so the first paint needs no
 * second request and Back/Forward/reload show the same view.
 */
import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Link,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useSearchParams,
  type ShouldRevalidateFunctionArgs,
} from "@remix-run/react";
import reactFlowStyles from "@xyflow/react/dist/style.css?url";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { downloadText, downloadUrl, mapToPng, mapToSvg } from "~/components/map/export";
import { GapMatrix } from "~/components/map/gap-matrix";
import { MapFilters } from "~/components/map/map-filters";
import {
  drawnSize,
  edgesCsv,
  neighbourIndex,
  PAIR_SORTS,
  searchNodes,
  type ColourBy,
  type PairSort,
  type Positions,
} from "~/components/map/map-model";
import { NetworkCanvas, type NetworkCanvasHandle } from "~/components/map/network-canvas";
import { NetworkTable } from "~/components/map/network-table";
import { EdgePanel, NodePanel } from "~/components/map/side-panel";
import { TimeBar } from "~/components/map/time-bar";
import type { Network, NetworkNode } from "~/components/map/types";
import { formatDay, toDay, utcToday } from "~/domain/dates";
import { parseNodeId } from "~/domain/network";
import { networkSearchParams, parseNetworkFilters, type NetworkFilters } from "~/domain/network-filters";
import { can } from "~/domain/permissions";
import { AGREEMENT_KIND_SHORT, AGREEMENT_STATUSES, PARTNER_KINDS, type AgreementKind } from "~/domain/vocabulary";
import { getNetwork, getNetworkMatrix } from "~/models/network.server";
import { unitOptions } from "~/models/units.server";
import mapStyles from "~/styles/map.css?url";
import { requirePermission } from "~/utils/auth.server";
import { pluralize } from "~/utils/format";
import { withParams } from "~/utils/url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: reactFlowStyles },
  { rel: "stylesheet", href: mapStyles },
];

export const meta: MetaFunction = () => [{ title: "Collaboration map · HT Collaborations" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const timing = loaderHeaders.get("Server-Timing");
  return timing ? { "Server-Timing": timing } : new Headers();
};

const VIEWS = ["graph", "table", "matrix"] as const;
type View = (typeof VIEWS)[number];

function readView(params: URLSearchParams): View {
  const v = params.get("view");
  return (VIEWS as readonly string[]).includes(v ?? "") ? (v as View) : "graph";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const started = performance.now();
  const params = new URL(request.url).searchParams;
  const today = utcToday();
  const filters = parseNetworkFilters(params, today);
  const view = readView(params);
  const [network, matrix, units] = await Promise.all([
    // The table lists every pair: the same network, never grouped into clusters.
    getNetwork(view === "table" ? { ...filters, cluster: "none", expandCluster: [] } : filters, user, today),
    view === "matrix" ? getNetworkMatrix(filters, user, today) : null,
    unitOptions(),
  ]);
  const ms = (performance.now() - started).toFixed(1);
  return data(
    {
      network,
      matrix,
      /** The URL's filters (the table asks the network ungrouped; the form shows what the URL says). */
      filters,
      view,
      today: toDay(today),
      units: units.filter((u) => u.kind !== "GROUP" || filters.expand.length > 0 || filters.unit === u.id),
      canSaveLayout: can(user.role, "agreement:write"),
    },
    { headers: { "Server-Timing": `network;dur=${ms}` } },
  );
}

/** Switching line colours or the table's sort changes nothing on the server. */
export function shouldRevalidate({ currentUrl, nextUrl, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (currentUrl.pathname !== nextUrl.pathname || nextUrl.pathname !== "/map") return defaultShouldRevalidate;
  const strip = (u: URL) => {
    const p = new URLSearchParams(u.search);
    for (const k of ["colour", "sort", "dir"]) p.delete(k);
    p.sort();
    return p.toString();
  };
  return strip(currentUrl) === strip(nextUrl) && currentUrl.search !== nextUrl.search ? false : defaultShouldRevalidate;
}

function usePrefersReducedMotion() {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia("(prefers-reduced-motion: reduce)");
    setReduced(mq.matches);
    const on = () => setReduced(mq.matches);
    mq.addEventListener("change", on);
    return () => mq.removeEventListener("change", on);
  }, []);
  return reduced;
}

/** The filters in words: on the map's caption, the exported picture and the table's caption. */
function describeFilters(f: NetworkFilters, network: Network, unitName: string | undefined): string[] {
  const parts: string[] = [];
  parts.push(`Status: ${f.status.map((s) => AGREEMENT_STATUSES.label(s)).join(", ")}`);
  if (f.kind.length) parts.push(`Kinds: ${f.kind.map((k) => AGREEMENT_KIND_SHORT[k as AgreementKind] ?? k).join(", ")}`);
  if (f.partnerKind.length) parts.push(`Partners: ${f.partnerKind.map((k) => PARTNER_KINDS.label(k)).join(", ")}`);
  if (f.unit) parts.push(`HT unit: ${unitName ?? f.unit}`);
  if (f.minWeight > 1) parts.push(`At least ${f.minWeight} agreements per line`);
  if (f.weight === "value") parts.push("Thickness by value");
  if (f.focus) parts.push(`Focus: ${network.nodes.find((n) => n.id === f.focus)?.name ?? f.focus}`);
  return parts;
}

/** Above either, the map asks before drawing (about twice what cluster=auto ever draws ungrouped). */
const HEAVY_NODES = 800;
const HEAVY_EDGES = 3000;

type Selection = { type: "node"; id: string } | { type: "edge"; id: string } | null;

export default function MapPage() {
  const { network, matrix, view, today, units, canSaveLayout, filters: urlFilters } = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const busy = navigation.state !== "idle" && navigation.location?.pathname === "/map";
  const reducedMotion = usePrefersReducedMotion();
  const filters = network.meta.filters;
  const colourBy: ColourBy = params.get("colour") === "lifecycle" ? "lifecycle" : "kind";
  const canvas = useRef<NetworkCanvasHandle>(null);
  const shell = useRef<HTMLDivElement>(null);

  // The server's view of the filters, as a query string for the drill-downs.
  const query = useMemo(() => networkSearchParams(filters, new Date(`${today}T00:00:00Z`)).toString(), [filters, today]);
  const unitName = units.find((u) => u.id === filters.unit)?.label;
  const filterWords = describeFilters(filters, network, unitName);
  const totals = network.meta.totals;
  const counts = `${pluralize(totals.nodes, "organisation")} · ${pluralize(totals.edges, "line")} · ${pluralize(totals.agreements, "agreement")}`;
  const asOfWords = filters.asOf === today ? `today, ${formatDay(today)}` : formatDay(filters.asOf);

  // --- selection (side panel)
  const [selection, setSelection] = useState<Selection>(null);
  const returnFocus = useRef<string | null>(null);
  const nodeById = useMemo(() => new Map(network.nodes.map((n) => [n.id, n])), [network]);
  const neighbours = useMemo(() => neighbourIndex(network.edges), [network]);
  const selectedNode = selection?.type === "node" ? nodeById.get(selection.id) : undefined;
  const selectedEdge = selection?.type === "edge" ? network.edges.find((e) => e.id === selection.id) : undefined;
  const panelOpen = Boolean(selectedNode || selectedEdge);

  const openNode = useCallback((node: NetworkNode) => {
    returnFocus.current = node.id;
    setSelection({ type: "node", id: node.id });
  }, []);
  const openEdge = useCallback((id: string) => {
    returnFocus.current = null;
    setSelection({ type: "edge", id });
  }, []);
  const close = useCallback(() => {
    setSelection((current) => {
      if (current && returnFocus.current) {
        const id = returnFocus.current;
        requestAnimationFrame(() => canvas.current?.focusNode(id));
      }
      return null;
    });
  }, []);

  const toggleExpand = useCallback(
    (node: NetworkNode) => {
      const parsed = parseNodeId(node.id);
      if (!parsed) return;
      const key = parsed.type === "cluster" ? "expandCluster" : "expand";
      const current = params.getAll(key);
      const next = current.includes(parsed.id) ? current.filter((v) => v !== parsed.id) : [...current, parsed.id];
      setParams(withParams(params, { [key]: next }), { preventScrollReset: true, replace: true });
    },
    [params, setParams],
  );

  const expandClusters = useCallback(
    (nodes: NetworkNode[]) => {
      const current = params.getAll("expandCluster");
      const keys = nodes.map((n) => parseNodeId(n.id)?.id).filter((k): k is string => !!k && !current.includes(k));
      if (keys.length) setParams(withParams(params, { expandCluster: [...current, ...keys] }), { preventScrollReset: true, replace: true });
    },
    [params, setParams],
  );

  const setFocus = (nodeId: string | null) =>
    setParams(withParams(params, { focus: nodeId }), { preventScrollReset: true });

  // --- arrangement: this person's drags over the server's positions
  const [positions, setPositions] = useState<Positions>({});
  const onPositionsChange = useCallback((moved: Positions) => setPositions((p) => ({ ...p, ...moved })), []);
  const [layoutMessage, setLayoutMessage] = useState<string | null>(null);
  const moved = Object.keys(positions).length;

  async function saveLayout(intent: "save" | "reset") {
    const body: { intent: string; positions?: Record<string, { x: number; y: number }> } = { intent };
    if (intent === "save") {
      // Node centres, as the server lays them out.
      const centres: Record<string, { x: number; y: number }> = {};
      for (const n of network.nodes) {
        if (n.type === "cluster") continue;
        const p = positions[n.id];
        const half = drawnSize(n) / 2;
        centres[n.id] = p ? { x: Math.round(p.x + half), y: Math.round(p.y + half) } : { x: n.x, y: n.y };
      }
      body.positions = centres;
    }
    setLayoutMessage(intent === "save" ? "Saving the arrangement…" : "Restoring the computed layout…");
    const res = await fetch("/api/network/layout", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const answer = (await res.json().catch(() => null)) as { error?: string } | null;
      setLayoutMessage(`Could not ${intent === "save" ? "save" : "reset"} the arrangement: ${answer?.error ?? res.status}`);
      return;
    }
    setPositions({});
    setLayoutMessage(intent === "save" ? "Saved: everyone now sees this arrangement." : "The computed layout is the default again.");
    // Reload the network with the new default positions.
    revalidator.revalidate();
  }

  // A very large network (partners ungrouped at scale) takes seconds to draw
  // and pans slowly: ask first, offer the grouped map or the table instead.
  const heavy = network.nodes.length > HEAVY_NODES || network.edges.length > HEAVY_EDGES;
  const [approved, setApproved] = useState<string | null>(null);
  const networkKey = `${network.nodes.length}/${network.edges.length}/${query}`;
  const holdBack = heavy && approved !== networkKey;

  // The map is drawn in the browser only, once the size of its frame is known.
  const frame = useRef<HTMLDivElement>(null);
  const [frameSize, setFrameSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    if (frame.current) setFrameSize({ width: frame.current.clientWidth, height: frame.current.clientHeight });
  }, [view]);

  // --- full screen (the map and its panel)
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const on = () => setFullscreen(document.fullscreenElement === shell.current && shell.current !== null);
    document.addEventListener("fullscreenchange", on);
    return () => document.removeEventListener("fullscreenchange", on);
  }, []);
  const toggleFullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void shell.current?.requestFullscreen?.().catch(() => undefined);
  }, []);

  // --- search
  const [searchText, setSearchText] = useState("");
  const [searchMessage, setSearchMessage] = useState("");
  function findNode(text: string) {
    const hit = searchNodes(network.nodes, text)[0];
    if (!hit) {
      setSearchMessage(`Nothing called “${text}” on the map with these filters.`);
      return;
    }
    setSearchMessage(`Showing ${hit.name}.`);
    canvas.current?.centreOn(hit.id);
    openNode(hit);
  }

  // --- exports
  const [exporting, setExporting] = useState<string | null>(null);
  const fileBase = `ht-collaboration-map-${filters.asOf}`;
  async function exportImage(format: "png" | "svg") {
    const el = canvas.current?.element();
    if (!el) return;
    setExporting(format);
    try {
      const url = format === "png" ? await mapToPng(el) : await mapToSvg(el);
      downloadUrl(url, `${fileBase}.${format}`);
    } finally {
      setExporting(null);
    }
  }
  function exportCsv() {
    downloadText(edgesCsv(network), `${fileBase}-lines.csv`, "text/csv;charset=utf-8");
  }

  // Close the panel when its subject leaves the map.
  useEffect(() => {
    if (selection && !panelOpen) setSelection(null);
  }, [selection, panelOpen]);

  const expandedUnits = useMemo(() => filters.expand.map((id) => `unit:${id}`), [filters.expand]);
  const sort = (PAIR_SORTS as readonly string[]).includes(params.get("sort") ?? "") ? (params.get("sort") as PairSort) : "partner";
  const dir = params.get("dir") === "desc" ? "desc" : "asc";

  const caption = (
    <div>
      <strong>HT collaborations as of {asOfWords}</strong>
      {filters.compare ? <p>Compared with {formatDay(filters.compare)}: new, lapsed and unchanged lines</p> : null}
      <p>{filterWords.join(" · ")}</p>
      <p>{counts}{network.meta.clustered ? " · partners grouped by kind" : ""}</p>
    </div>
  );

  const tab = (v: View, label: string) => (
    <li>
      <Link
        to={withParams(params, { view: v === "graph" ? null : v, sort: null, dir: null })}
        aria-current={view === v ? "page" : undefined}
        preventScrollReset
      >
        {label}
      </Link>
    </li>
  );

  return (
    <div className="page page-map">
      <header className="page-header">
        <div>
          <h1>Collaboration map</h1>
          <p className="subtitle" aria-live="polite">
            {counts} as of {asOfWords}
          </p>
        </div>
        <nav aria-label="Map views">
          <ul className="map-views">
            {tab("graph", "Map")}
            {tab("table", "Table of pairs")}
            {tab("matrix", "Gaps by partner kind")}
          </ul>
        </nav>
      </header>

      <MapFilters graph={view === "graph"} filters={urlFilters} params={params} colourBy={colourBy} units={units} today={today} />
      <TimeBar
        asOf={filters.asOf}
        firstDate={network.meta.firstAgreementDate}
        today={today}
        busy={busy}
        reducedMotion={reducedMotion}
        onChange={(date) => setParams(withParams(params, { asOf: date }), { preventScrollReset: true, replace: true })}
      />

      {filters.focus ? (
        <p className="notice notice-warning map-notice" role="status">
          Showing only {network.nodes.find((n) => n.id === filters.focus)?.name ?? "one organisation"} and the organisations it works with.
          <button type="button" className="button button-quiet" onClick={() => setFocus(null)}>Show the whole network</button>
        </p>
      ) : null}

      {view === "graph" ? (
        <>
          <div className="map-toolbar">
            <form
              className="map-search"
              role="search"
              aria-label="Find on the map"
              onSubmit={(e) => {
                e.preventDefault();
                findNode(searchText);
              }}
            >
              <label className="visually-hidden" htmlFor="map-search">Find a partner or HT unit</label>
              <input
                id="map-search"
                type="search"
                list="map-search-options"
                placeholder="Find a partner or HT unit…"
                value={searchText}
                autoComplete="off"
                onChange={(e) => {
                  setSearchText(e.target.value);
                  // Picking a suggestion goes straight there.
                  if (network.nodes.some((n) => n.name === e.target.value)) findNode(e.target.value);
                }}
              />
              <datalist id="map-search-options">
                {network.nodes.map((n) => (
                  <option key={n.id} value={n.name}>{n.label !== n.name ? n.label : undefined}</option>
                ))}
              </datalist>
              <button type="submit" className="button button-quiet">Find</button>
              <span className="map-status" role="status">{searchMessage}</span>
            </form>
            <div className="map-toolbar-group" role="group" aria-label="Arrangement">
              <button type="button" className="button button-quiet" onClick={() => setPositions({})} disabled={!moved}>
                Reset arrangement
              </button>
              {canSaveLayout ? (
                <>
                  <button type="button" className="button button-quiet" onClick={() => void saveLayout("save")} disabled={!moved}>
                    Save arrangement as default
                  </button>
                  {network.meta.layout.saved ? (
                    <button type="button" className="button button-quiet" onClick={() => void saveLayout("reset")}>
                      Restore computed layout
                    </button>
                  ) : null}
                </>
              ) : null}
              {layoutMessage ? <span className="map-status" role="status">{layoutMessage}</span> : null}
            </div>
            <div className="map-toolbar-group" role="group" aria-label="Export">
              <button type="button" className="button button-quiet" onClick={() => void exportImage("png")} disabled={!!exporting}>
                {exporting === "png" ? "Preparing PNG…" : "Download PNG"}
              </button>
              <button type="button" className="button button-quiet" onClick={() => void exportImage("svg")} disabled={!!exporting}>
                {exporting === "svg" ? "Preparing SVG…" : "SVG"}
              </button>
              <button type="button" className="button button-quiet" onClick={exportCsv}>
                Lines as CSV
              </button>
            </div>
          </div>

          <div
            ref={shell}
            className={`map-shell${panelOpen ? " has-panel" : ""}`}
            onKeyDown={(e) => {
              // Escape closes the panel, from the map or from inside the panel.
              if (e.key === "Escape" && panelOpen) {
                e.preventDefault();
                close();
              }
            }}
          >
            <div ref={frame} className={`map-frame${busy ? " is-loading" : ""}`} aria-busy={busy}>
              {holdBack ? (
                <div className="empty-state map-empty" role="status">
                  <h2>A very large map</h2>
                  <p>
                    With these filters the map has {pluralize(network.nodes.length, "organisation")} and{" "}
                    {pluralize(network.edges.length, "line")}: drawing it takes several seconds and moving around it is slow.
                  </p>
                  <p className="panel-actions" style={{ justifyContent: "center" }}>
                    <Link to={withParams(params, { cluster: null, expandCluster: null })} className="button" preventScrollReset>
                      Group partners by kind
                    </Link>
                    <Link to={withParams(params, { view: "table" })} className="button button-quiet">Open the table instead</Link>
                    <button type="button" className="button button-quiet" onClick={() => setApproved(networkKey)}>
                      Draw it anyway
                    </button>
                  </p>
                </div>
              ) : network.nodes.length ? (
                frameSize ? (
                  <NetworkCanvas
                    ref={canvas}
                    network={network}
                    colourBy={colourBy}
                    positions={positions}
                    onPositionsChange={onPositionsChange}
                    expandedUnits={expandedUnits}
                    selectedId={selection?.id ?? null}
                    onOpenNode={openNode}
                    onToggleExpand={toggleExpand}
                    onExpandClusters={expandClusters}
                    onOpenEdge={openEdge}
                    onClose={close}
                    caption={caption}
                    reducedMotion={reducedMotion}
                    fullscreen={fullscreen}
                    onToggleFullscreen={toggleFullscreen}
                    width={frameSize.width}
                    height={frameSize.height}
                  />
                ) : (
                  <p className="map-placeholder" role="status">Drawing the map…</p>
                )
              ) : (
                <div className="empty-state map-empty">
                  <h2>No collaborations with these filters</h2>
                  <p>Nothing was in force on {asOfWords} for this choice. Try a later date, more statuses, or fewer filters.</p>
                  <Link to="/map" className="button">Clear filters</Link>
                </div>
              )}
            </div>
            {selectedNode ? (
              <NodePanel
                key={selectedNode.id}
                node={selectedNode}
                query={query}
                neighbours={[...(neighbours.get(selectedNode.id) ?? [])].flatMap((id) => nodeById.get(id) ?? []).sort((a, b) => a.name.localeCompare(b.name))}
                focused={filters.focus === selectedNode.id}
                expanded={filters.expand.includes(parseNodeId(selectedNode.id)?.id ?? "")}
                onFocus={() => setFocus(filters.focus === selectedNode.id ? null : selectedNode.id)}
                onToggleExpand={() => toggleExpand(selectedNode)}
                onClose={close}
              />
            ) : selectedEdge ? (
              <EdgePanel
                key={selectedEdge.id}
                edge={selectedEdge}
                unit={nodeById.get(selectedEdge.source)}
                partner={nodeById.get(selectedEdge.target)}
                query={query}
                onClose={close}
              />
            ) : null}
          </div>
          <p className="muted small">
            Drag the map to move around, scroll to zoom. Hover over an organisation to see who it works with; click it, or a
            line, for the agreements. With the keyboard: Tab to an organisation, arrow keys to the nearest one in that
            direction, Enter to open it, Escape to close. The same network is in the{" "}
            <Link to={withParams(params, { view: "table" })}>table of pairs</Link>.
          </p>
        </>
      ) : view === "table" ? (
        <NetworkTable
          network={network}
          params={params}
          sort={sort}
          dir={dir}
          caption={`Collaborations as of ${asOfWords}, one row per HT unit and partner: ${pluralize(network.edges.length, "pair")}. ${filterWords.join(". ")}.`}
        />
      ) : matrix ? (
        <GapMatrix
          matrix={matrix}
          params={params}
          caption={`Agreements and partners per HT unit and partner kind, as of ${asOfWords}. ${filterWords.join(". ")}.`}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * The map view of /map: the toolbar, the React Flow canvas in its frame
 * (for an empty network, what to try instead), the side panel for what was
 * picked, and how to use it all. The page
 * keeps the state (selection, arrangement, search) so that it survives a
 * trip to the table and back.
 */
import { Link } from "@remix-run/react";
import { useMemo, useRef, type ReactNode, type RefObject } from "react";
import { parseNodeId } from "~/domain/network";
import { withParams } from "~/utils/url";
import type { ColourBy } from "./map-model";
import type { MapSearchState } from "./map-search";
import { MapSavedViews, type SavedViewOption } from "./map-saved-views";
import { MapToolbar } from "./map-toolbar";
import { NetworkCanvas, type NetworkCanvasHandle } from "./network-canvas";
import { EdgePanel, NodePanel } from "./side-panel";
import type { Network } from "./types";
import type { Arrangement } from "./use-arrangement";
import { useMapExport } from "./use-map-export";
import { useFrameSize, useFullscreen } from "./use-map-frame";
import type { MapSelection } from "./use-map-selection";
import type { MapUrl } from "./use-map-url";

export interface MapGraphProps {
  network: Network;
  url: MapUrl;
  /** The server's view of the filters, as a query string for the drill-downs. */
  query: string;
  colourBy: ColourBy;
  caption: ReactNode;
  /** The saved views to open, the one the map came from, and whether this person may pin one for everyone. */
  savedViews: { views: SavedViewOption[]; current: { id: string; name: string } | null; canPin: boolean };
  /** Under the map: the answers to its questions (map-insights.tsx). */
  insights?: ReactNode;
  /** The filters in words, written into the exported files. */
  filterWords: string[];
  asOfWords: string;
  busy: boolean;
  reducedMotion: boolean;
  canSaveLayout: boolean;
  canvas: RefObject<NetworkCanvasHandle>;
  selection: MapSelection;
  arrangement: Arrangement;
  search: MapSearchState;
  /** Lit whatever else happens: the nodes and lines of the paths asked for. */
  pinned: Set<string>;
}

export function MapGraph(props: MapGraphProps) {
  const { network, selection } = props;
  const shell = useRef<HTMLDivElement>(null);
  const downloads = useMapExport(network, props.canvas, props.filterWords, props.query);
  return (
    <>
      <MapToolbar network={network} search={props.search} arrangement={props.arrangement} canSaveLayout={props.canSaveLayout} downloads={downloads} />
      <MapSavedViews {...props.savedViews} params={props.url.params} positions={props.arrangement.positions} />
      <div
        ref={shell}
        className={`map-shell${selection.panelOpen ? " has-panel" : ""}`}
        onKeyDown={(e) => {
          // Escape closes the panel, from the map or from inside the panel.
          if (e.key === "Escape" && selection.panelOpen) {
            e.preventDefault();
            selection.close();
          }
        }}
      >
        <MapFrame {...props} shell={shell} />
        <MapSidePanel {...props} />
      </div>
      {props.insights}
      <p className="muted small">
        Drag the map to move around, scroll to zoom. Hover over an organisation to see who it works with; click it, or a
        line, for the agreements. With the keyboard: Tab to an organisation, arrow keys to the nearest one in that
        direction, Enter to open it, Escape to close. The same network is in the{" "}
        <Link to={withParams(props.url.params, { view: "table" })}>table of pairs</Link>.
      </p>
    </>
  );
}

/** The canvas once the frame's size is known; or the question before a very large map; or what to try when empty. */
function MapFrame(props: MapGraphProps & { shell: RefObject<HTMLDivElement> }) {
  const { network, selection, arrangement, url, busy } = props;
  const frame = useRef<HTMLDivElement>(null);
  const frameSize = useFrameSize(frame);
  const { fullscreen, toggleFullscreen } = useFullscreen(props.shell);
  const expandedUnits = useMemo(() => network.meta.filters.expand.map((id) => `unit:${id}`), [network.meta.filters.expand]);
  let content: ReactNode;
  if (!network.nodes.length) content = <EmptyMap asOfWords={props.asOfWords} />;
  else if (!frameSize) content = <p className="map-placeholder" role="status">Drawing the map…</p>;
  else {
    content = (
      <NetworkCanvas
        ref={props.canvas}
        network={network}
        colourBy={props.colourBy}
        svgEdges={url.params.get("edges") === "svg"}
        pinned={props.pinned}
        positions={arrangement.positions}
        onPositionsChange={arrangement.onPositionsChange}
        expandedUnits={expandedUnits}
        selectedId={selection.selection?.id ?? null}
        onOpenNode={selection.openNode}
        onToggleExpand={url.toggleExpand}
        onExpandClusters={url.expandClusters}
        onOpenEdge={selection.openEdge}
        onClose={selection.close}
        caption={props.caption}
        reducedMotion={props.reducedMotion}
        fullscreen={fullscreen}
        onToggleFullscreen={toggleFullscreen}
        width={frameSize.width}
        height={frameSize.height}
      />
    );
  }
  return (
    <div ref={frame} className={`map-frame${busy ? " is-loading" : ""}`} aria-busy={busy}>
      {content}
    </div>
  );
}

function EmptyMap({ asOfWords }: { asOfWords: string }) {
  return (
    <div className="empty-state map-empty">
      <h2>No collaborations with these filters</h2>
      <p>Nothing was in force on {asOfWords} for this choice. Try a later date, more statuses, or fewer filters.</p>
      <Link to="/map" className="button">Clear filters</Link>
    </div>
  );
}

/** The panel for the node or line picked, if it is still on the map. */
function MapSidePanel({ network, selection, query, url }: MapGraphProps) {
  const { selectedNode: node, selectedEdge: edge, nodeById, neighbours, close } = selection;
  const filters = network.meta.filters;
  if (node) {
    const around = [...(neighbours.get(node.id) ?? [])].flatMap((id) => nodeById.get(id) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    return (
      <NodePanel
        key={node.id}
        node={node}
        query={query}
        neighbours={around}
        focused={filters.focus === node.id}
        expanded={filters.expand.includes(parseNodeId(node.id)?.id ?? "")}
        onFocus={() => url.setFocus(filters.focus === node.id ? null : node.id)}
        onToggleExpand={() => url.toggleExpand(node)}
        onClose={close}
        explore={{
          exploring: filters.explore.length > 0,
          explored: filters.explore.includes(node.id),
          onExplore: () => url.change({ explore: [...new Set([...filters.explore, node.id])], focus: null }, { replace: true }),
        }}
      />
    );
  }
  if (edge) {
    return <EdgePanel key={edge.id} edge={edge} unit={nodeById.get(edge.source)} partner={nodeById.get(edge.target)} query={query} filters={filters} onClose={close} />;
  }
  return null;
}

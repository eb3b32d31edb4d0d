/**
 * The bar above the map: find, the arrangement (reset this person's drags;
 * editors save it for everyone or restore the computed layout), and the
 * downloads (PNG, SVG, the lines as CSV or Excel, the network as GEXF or GraphML).
 */
import type { Arrangement } from "./use-arrangement";
import type { MapExport } from "./use-map-export";
import { MapSearch, type MapSearchState } from "./map-search";
import type { Network } from "./types";

export function MapToolbar(props: {
  network: Network;
  search: MapSearchState;
  arrangement: Arrangement;
  canSaveLayout: boolean;
  downloads: MapExport;
}) {
  return (
    <div className="map-toolbar">
      <MapSearch network={props.network} search={props.search} />
      <ArrangementButtons arrangement={props.arrangement} canSave={props.canSaveLayout} saved={props.network.meta.layout.saved} />
      <ExportButtons downloads={props.downloads} />
    </div>
  );
}

function ArrangementButtons({ arrangement, canSave, saved }: { arrangement: Arrangement; canSave: boolean; saved: boolean }) {
  const { moved, message } = arrangement;
  return (
    <div className="map-toolbar-group" role="group" aria-label="Arrangement">
      <button type="button" className="button button-quiet" onClick={arrangement.forget} disabled={!moved}>
        Reset arrangement
      </button>
      {canSave ? (
        <>
          <button type="button" className="button button-quiet" onClick={() => void arrangement.save()} disabled={!moved}>
            Save arrangement as default
          </button>
          {saved ? (
            <button type="button" className="button button-quiet" onClick={() => void arrangement.restoreComputed()}>
              Restore computed layout
            </button>
          ) : null}
        </>
      ) : null}
      {message ? <span className="map-status" role="status">{message}</span> : null}
    </div>
  );
}

function ExportButtons({ downloads }: { downloads: MapExport }) {
  const { exporting } = downloads;
  return (
    <div className="map-toolbar-group" role="group" aria-label="Export">
      <button type="button" className="button button-quiet" onClick={() => void downloads.exportImage("png")} disabled={!!exporting}>
        {exporting === "png" ? "Preparing PNG…" : "Download PNG"}
      </button>
      <button type="button" className="button button-quiet" onClick={() => void downloads.exportImage("svg")} disabled={!!exporting}>
        {exporting === "svg" ? "Preparing SVG…" : "SVG"}
      </button>
      <button type="button" className="button button-quiet" onClick={downloads.exportCsv}>
        Lines as CSV
      </button>
      <a className="button button-quiet" href={downloads.xlsxHref} download>Excel</a>
      <button type="button" className="button button-quiet" onClick={() => downloads.exportGraph("gexf")} title="For Gephi">
        GEXF
      </button>
      <button type="button" className="button button-quiet" onClick={() => downloads.exportGraph("graphml")} title="For Cytoscape and yEd">
        GraphML
      </button>
    </div>
  );
}

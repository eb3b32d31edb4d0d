/**
 * The map's downloads: a PNG or SVG picture of the current view (export.ts)
 * the lines as CSV (map-model.ts) or as .xlsx from the server
 * (/api/network.xlsx, with the map's filters), and the network as GEXF or
 * GraphML (app/domain/network-graph-files.ts), named after the "as of"
 * date, with the filters written inside.
 */
import { useState, type RefObject } from "react";
import { networkGexf, networkGraphml } from "~/domain/network-graph-files";
import { downloadText, downloadUrl, mapToPng, mapToSvg } from "./export";
import { edgesCsv } from "./map-model";
import type { NetworkCanvasHandle } from "./network-canvas";
import type { Network } from "./types";

export interface MapExport {
  /** The picture being prepared, if any. */
  exporting: "png" | "svg" | null;
  exportImage: (format: "png" | "svg") => Promise<void>;
  exportCsv: () => void;
  exportGraph: (format: "gexf" | "graphml") => void;
  /** The lines as an Excel workbook, for the same filters. */
  xlsxHref: string;
}

export function useMapExport(network: Network, canvas: RefObject<NetworkCanvasHandle>, filterWords: string[], query = ""): MapExport {
  const [exporting, setExporting] = useState<"png" | "svg" | null>(null);
  const fileBase = `ht-collaboration-map-${network.meta.filters.asOf}`;

  async function exportImage(format: "png" | "svg") {
    const element = canvas.current?.element();
    if (!element) return;
    setExporting(format);
    try {
      const url = format === "png" ? await mapToPng(element) : await mapToSvg(element);
      downloadUrl(url, `${fileBase}.${format}`);
    } finally {
      setExporting(null);
    }
  }

  function exportCsv() {
    downloadText(edgesCsv(network), `${fileBase}-lines.csv`, "text/csv;charset=utf-8");
  }

  function exportGraph(format: "gexf" | "graphml") {
    const file = format === "gexf" ? networkGexf(network, filterWords) : networkGraphml(network, filterWords);
    downloadText(file, `${fileBase}.${format}`, format === "gexf" ? "application/gexf+xml" : "application/graphml+xml");
  }

  return { exporting, exportImage, exportCsv, exportGraph, xlsxHref: `/api/network.xlsx${query ? `?${query}` : ""}` };
}

/**
 * The lines of the collaboration map as an .xlsx (docs/decisions/065): the
 * network built for its reader (app/models/network.server.ts: viewers never
 * get a line or partner known only through restricted agreements), one row
 * per line with the same columns as the map's CSV, real numbers and dates.
 */
import type { Reader } from "~/domain/confidentiality";
import type { NetworkFilters } from "~/domain/network-filters";
import { AGREEMENT_KINDS, PARTNER_KINDS, UNIT_KINDS } from "~/domain/vocabulary";
import { kindsSummary, pairRows, sortPairs } from "~/components/map/map-model";
import { getNetwork } from "./network.server";
import { buildWorkbook, type SheetColumn } from "./spreadsheet.server";

const COLUMNS: SheetColumn[] = [
  { header: "HT unit", type: "text" }, { header: "HT unit kind", type: "text" }, { header: "Partner", type: "text" },
  { header: "Partner kind", type: "text" }, { header: "Agreements", type: "number" }, { header: "Value (EUR)", type: "euro" },
  { header: "Kinds", type: "text", max: 70 }, { header: "Dominant kind", type: "text" }, { header: "Lifecycle", type: "text" },
  { header: "First agreement", type: "date" }, { header: "Latest agreement", type: "date" }, { header: "Change", type: "text" },
];

const day = (d: string | null) => (d ? new Date(`${d.slice(0, 10)}T00:00:00Z`) : null);

export async function networkLinesXlsx(filters: NetworkFilters, reader: Reader): Promise<Buffer> {
  const network = await getNetwork(filters, reader);
  const rows = sortPairs(pairRows(network), "unit", "asc").map(({ unit, partner, edge }) => [
    unit.name, unit.type === "unit" ? UNIT_KINDS.label(unit.kind) : unit.type, partner.name,
    partner.type === "cluster" ? `Group of ${partner.memberCount ?? 0} partners` : PARTNER_KINDS.label(partner.kind),
    edge.count, edge.valueCents / 100, kindsSummary(edge.kinds, false), AGREEMENT_KINDS.label(edge.dominantKind), edge.lifecycle,
    day(edge.firstDate), day(edge.lastDate), edge.change ?? "",
  ]);
  return buildWorkbook("Lines", COLUMNS, rows);
}

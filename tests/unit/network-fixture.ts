/**
 * Hand-made universes for the collaboration map's pure tests: units,
 * partners and agreements as the index reads them from the database, and
 * the readers who look at them. No database, no .server module.
 */
import type { Reader } from "~/domain/confidentiality";
import type { NetworkEdge } from "~/domain/network";
import { buildNetwork } from "~/domain/network-build";
import { parseNetworkFilters, type NetworkFilters } from "~/domain/network-filters";
import { buildIndex, type AgreementRow, type PartnerRow, type UnitRow } from "~/domain/network-index";

export const TODAY = new Date("2026-06-15T00:00:00Z");

/** May read restricted agreements; and may not. */
export const EDITOR: Reader = { role: "EDITOR" };
export const VIEWER: Reader = { role: "VIEWER" };

export const unit = (id: string, kind = "CENTRE", parentId: string | null = null, code = id.toUpperCase()): UnitRow => ({
  id, code, name: `${code} full name`, kind, parentId,
});

export const partner = (id: string, kind = "UNIVERSITY", parentId: string | null = null, acronym: string | null = null): PartnerRow => ({
  id, name: `Partner ${id}`, acronym, kind, parentId,
});

let n = 0;
export function agreement(fields: {
  units: string[];
  partners: string[];
  id?: string;
  kind?: string;
  status?: string;
  start?: string | null;
  end?: string | null;
  signature?: string | null;
  endedOn?: string | null;
  value?: number | null;
  restricted?: boolean;
}): AgreementRow {
  n += 1;
  const day = (s: string | null | undefined) => (s ? new Date(`${s}T00:00:00Z`) : null);
  return {
    id: fields.id ?? `a${String(n).padStart(5, "0")}`,
    kind: fields.kind ?? "RESEARCH_COLLABORATION",
    status: fields.status ?? "ACTIVE",
    signatureDate: day(fields.signature === undefined ? (fields.start === undefined ? "2024-01-01" : fields.start) : fields.signature),
    startDate: day(fields.start === undefined ? "2024-01-01" : fields.start),
    endDate: day(fields.end === undefined ? "2028-12-31" : fields.end),
    valueCents: fields.value === undefined || fields.value === null ? null : BigInt(fields.value),
    confidentiality: fields.restricted ? "RESTRICTED" : "INTERNAL",
    endedOn: fields.endedOn ?? null,
    units: fields.units.join(",") || null,
    partners: fields.partners.join(",") || null,
  };
}

export const filters = (query = ""): NetworkFilters => parseNetworkFilters(new URLSearchParams(query), TODAY);

/** The network for `query` as `reader` sees it (an editor unless told). */
export function network(units: UnitRow[], partners: PartnerRow[], agreements: AgreementRow[], query = "", reader: Reader = EDITOR) {
  const index = buildIndex(units, partners, agreements);
  return { index, ...buildNetwork(index, filters(query), { reader, today: TODAY }).network };
}

/** The line from unit `unitId` to partner (or cluster key) `partnerId`. */
export const edge = (network: { edges: NetworkEdge[] }, unitId: string, partnerId: string) =>
  network.edges.find((e) => e.source === `unit:${unitId}` && (e.target === `partner:${partnerId}` || e.target === `cluster:${partnerId}`));

/**
 * Hand-made universes for the collaboration map's pure tests: units,
 * partners and agreements as the index reads them from the database.
 */
import type { NetworkEdge } from "~/domain/network";
import { parseNetworkFilters, type NetworkFilters } from "~/domain/network-filters";
import { buildIndex, buildNetwork } from "~/models/network.server";

export const TODAY = new Date("2026-06-15T00:00:00Z");

type UnitRow = Parameters<typeof buildIndex>[0][number];
type PartnerRow = Parameters<typeof buildIndex>[1][number];
type AgreementRow = Parameters<typeof buildIndex>[2][number];

export const unit = (id: string, kind = "CENTRE", parentId: string | null = null, code = id.toUpperCase()): UnitRow => ({
  id, code, name: `${code} full name`, kind, parentId,
});

export const partner = (id: string, kind = "UNIVERSITY", parentId: string | null = null, acronym: string | null = null): PartnerRow => ({
  id, name: `Partner ${id}`, acronym, kind, parentId,
});

let n = 0;
export function agreement(o: {
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
    id: o.id ?? `a${String(n).padStart(5, "0")}`,
    kind: o.kind ?? "RESEARCH_COLLABORATION",
    status: o.status ?? "ACTIVE",
    signatureDate: day(o.signature === undefined ? (o.start === undefined ? "2024-01-01" : o.start) : o.signature),
    startDate: day(o.start === undefined ? "2024-01-01" : o.start),
    endDate: day(o.end === undefined ? "2028-12-31" : o.end),
    valueCents: o.value === undefined || o.value === null ? null : BigInt(o.value),
    confidentiality: o.restricted ? "RESTRICTED" : "INTERNAL",
    endedOn: o.endedOn ?? null,
    units: o.units.join(",") || null,
    partners: o.partners.join(",") || null,
  };
}

export const filters = (query = ""): NetworkFilters => parseNetworkFilters(new URLSearchParams(query), TODAY);

export function network(units: UnitRow[], partners: PartnerRow[], agreements: AgreementRow[], query = "") {
  const ix = buildIndex(units, partners, agreements);
  return { ix, ...buildNetwork(ix, filters(query), TODAY).network };
}

export const edge = (net: { edges: NetworkEdge[] }, u: string, p: string) =>
  net.edges.find((e) => e.source === `unit:${u}` && (e.target === `partner:${p}` || e.target === `cluster:${p}`));

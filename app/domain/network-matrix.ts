/**
 * The gap matrix (/api/network.matrix): HT units by partner kind for the
 * map's filters, zeros included, so the view shows where there are no
 * collaborations at all. Always the same network as the graph for the same
 * reader (built by buildNetwork, unclustered, without compare's lapsed
 * lines). Pure: no database.
 */
import type { NetworkMatrix } from "./network";
import { buildNetwork, type BuildOptions } from "./network-build";
import type { NetworkFilters } from "./network-filters";
import type { NetworkIndex } from "./network-index";
import { PARTNER_KINDS } from "./vocabulary";

export function buildMatrix(index: NetworkIndex, filters: NetworkFilters, options: Omit<BuildOptions, "saved">): NetworkMatrix {
  const { network, agreementsOf } = buildNetwork(index, { ...filters, cluster: "none", compare: undefined, expandCluster: [], whatIf: undefined }, options);
  const partnerKinds: string[] = filters.partnerKind.length ? [...filters.partnerKind] : [...PARTNER_KINDS.values];
  const units = network.nodes
    .filter((node) => node.type === "unit")
    .map((node) => ({ id: node.id, label: node.label, name: node.name, kind: node.kind, ...(node.parentId ? { parentId: node.parentId } : {}) }));
  const kindOf = new Map(network.nodes.filter((node) => node.type === "partner").map((node) => [node.id, node.kind]));
  const cellAgreements = new Map<string, Set<number>>();
  const cellPartners = new Map<string, Set<string>>();
  for (const edge of network.edges) {
    const kind = kindOf.get(edge.target);
    if (!kind) continue;
    const key = `${edge.source}\u0000${kind}`;
    let agreements = cellAgreements.get(key);
    if (!agreements) cellAgreements.set(key, (agreements = new Set()));
    for (const position of agreementsOf(edge.id)!) agreements.add(position);
    let partners = cellPartners.get(key);
    if (!partners) cellPartners.set(key, (partners = new Set()));
    partners.add(edge.target);
  }
  const cells = units.flatMap((unit) =>
    partnerKinds.map((kind) => {
      const key = `${unit.id}\u0000${kind}`;
      return { unitId: unit.id, partnerKind: kind, agreements: cellAgreements.get(key)?.size ?? 0, partners: cellPartners.get(key)?.size ?? 0 };
    }),
  );
  return { units, partnerKinds, cells, meta: { asOf: filters.asOf, ...(filters.compare ? { compare: filters.compare } : {}), filters, totals: network.meta.totals } };
}

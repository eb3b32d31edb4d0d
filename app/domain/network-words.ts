/**
 * The map's headline words, written in one place from the network's meta
 * alone, so that the default view, compare mode, the table of pairs and the
 * gap matrix say the same numbers for the same filters
 * (tests/unit/network-totals.test.ts), and so that every "since" answer says
 * which agreements it reads. Pure: shared by browser and server.
 */
import { AGREEMENT_STATUSES } from "./vocabulary";
import type { NetworkMeta } from "./network";
import type { NetworkFilters } from "./network-filters";

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;

/** "12 organisations · 20 lines · 31 agreements": the headline of every view. */
export function totalsWords(totals: NetworkMeta["totals"]): string {
  return `${plural(totals.nodes, "organisation")} · ${plural(totals.edges, "line")} · ${plural(totals.agreements, "agreement")}`;
}

/** What "since" reads: every signed agreement, whatever its status and whatever the status filter. */
export const SINCE_MEANS = "Since: the first signed agreement of the pair, any status (expired and terminated included), whatever the status filter";

/** Which agreements the counts read: "Counting Active agreements in force on 1 Dec 2026". */
export function countedWords(filters: Pick<NetworkFilters, "status">): string {
  const statuses = filters.status.map((s) => AGREEMENT_STATUSES.label(s));
  return `Counting ${statuses.join(", ")} agreements`;
}

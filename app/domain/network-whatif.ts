/**
 * "What if a framework ends?" on the collaboration map: the agreements a
 * scenario ends (a framework agreement with the agreements that implement
 * or amend it, and theirs in turn; or everything in force on the map's day
 * whose end date falls in the next N months, with what hangs on it), and
 * what that does to the lines on the map: a line whose agreements all end
 * vanishes, one that keeps some thins (network-build.ts marks them,
 * NetworkEdge.whatIf). A restricted framework is no scenario for a reader
 * who may not read it. Pure.
 */
import type { NetworkEdge, NetworkMeta, NetworkNode } from "./network";
import { whatIfMonths } from "./network-filters";
import type { NetworkIndex } from "./network-index";

export interface Scenario {
  /** 1 for each agreement (index position) the scenario ends. */
  ends: Uint8Array;
  /** The framework picked (its position), or the months of "everything ending". */
  framework: number | null;
  months: number | null;
}

const positions = new WeakMap<NetworkIndex, Map<string, number>>();

/** An agreement's position in the index by id. */
export function agreementPosition(index: NetworkIndex, id: string): number | undefined {
  let map = positions.get(index);
  if (!map) positions.set(index, (map = new Map(index.agreements.map((a, i) => [a.id, i]))));
  return map.get(id);
}

/** The agreements that end with `start`: itself, what implements or amends it, and so on down. */
function withDependants(index: NetworkIndex, start: number[], ends: Uint8Array) {
  const stack = [...start];
  while (stack.length) {
    const at = stack.pop()!;
    if (ends[at]) continue;
    ends[at] = 1;
    stack.push(...index.children[at]!);
  }
}

/** The day `months` calendar months after `day` (day numbers, UTC; the month's last day when it is shorter). */
export function addMonthsDay(day: number, months: number): number {
  const date = new Date(day * 86_400_000);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return Math.floor(target.getTime() / 86_400_000);
}

/** The scenario of `whatIf` (filters.whatIf) on `asOfDay`, as `hideRestricted` allows; null for none or an unknown or unreadable framework. */
export function whatIfScenario(index: NetworkIndex, whatIf: string | undefined, asOfDay: number, hideRestricted: boolean): Scenario | null {
  const months = whatIfMonths(whatIf);
  if (months === undefined) return null;
  const ends = new Uint8Array(index.agreements.length);
  if (months !== null) {
    const until = addMonthsDay(asOfDay, months);
    const ending: number[] = [];
    index.agreements.forEach((a, i) => {
      if (a.from <= asOfDay && asOfDay <= a.to && a.end !== null && a.end <= until) ending.push(i);
    });
    withDependants(index, ending, ends);
    return { ends, framework: null, months };
  }
  const framework = agreementPosition(index, whatIf!);
  if (framework === undefined) return null;
  const agreement = index.agreements[framework]!;
  if (hideRestricted && agreement.restricted) return null;
  withDependants(index, [framework], ends);
  return { ends, framework, months: null };
}

/** What the scenario does to the map, for its summary: lines that vanish or thin, nodes left without a line. */
export function whatIfSummary(nodes: NetworkNode[], edges: NetworkEdge[], ended: number): NonNullable<NetworkMeta["whatIf"]>["effect"] {
  const vanish = edges.filter((e) => e.whatIf && e.whatIf.removed >= e.count);
  const thin = edges.filter((e) => e.whatIf && e.whatIf.removed > 0 && e.whatIf.removed < e.count);
  const keeps = new Set<string>();
  for (const e of edges) {
    if (!e.whatIf || e.whatIf.removed < e.count) {
      keeps.add(e.source);
      keeps.add(e.target);
    }
  }
  const touched = new Set([...vanish, ...thin].flatMap((e) => [e.source, e.target]));
  const left = nodes.filter((n) => touched.has(n.id) && !keeps.has(n.id) && n.type !== "unit").map((n) => n.id);
  const thinner = nodes.filter((n) => touched.has(n.id) && keeps.has(n.id) && n.type !== "unit").map((n) => n.id);
  return { agreements: ended, vanish: vanish.length, thin: thin.length, partnersLost: left, partnersThinner: thinner };
}

/**
 * The map's URL is its state (docs/decisions/016-map-url-is-the-state.md): every filter, the
 * date, the view, opened centres and clusters and the focus are search
 * parameters. Changes keep the scroll position; opening things and moving
 * the date replace the history entry, a new focus adds one.
 */
import { useSearchParams } from "@remix-run/react";
import { useCallback } from "react";
import { parseNodeId } from "~/domain/network";
import { withParams } from "~/utils/url";
import type { NetworkNode } from "./types";

type Changes = Parameters<typeof withParams>[1];

export interface MapUrl {
  params: URLSearchParams;
  change: (changes: Changes, options?: { replace?: boolean }) => void;
  /** Shows or hides a centre's research groups, or a cluster's partners. */
  toggleExpand: (node: NetworkNode) => void;
  /** Opens clusters (zooming in on them). */
  expandClusters: (nodes: NetworkNode[]) => void;
  setFocus: (nodeId: string | null) => void;
  /** null: today. */
  setAsOf: (date: string | null) => void;
}

export function useMapUrl(): MapUrl {
  const [params, setParams] = useSearchParams();
  const change = useCallback(
    (changes: Changes, options: { replace?: boolean } = {}) =>
      setParams(withParams(params, changes), { preventScrollReset: true, ...options }),
    [params, setParams],
  );
  const toggleExpand = useCallback(
    (node: NetworkNode) => {
      const parsed = parseNodeId(node.id);
      if (!parsed) return;
      const key = parsed.type === "cluster" ? "expandCluster" : "expand";
      const current = params.getAll(key);
      const next = current.includes(parsed.id) ? current.filter((v) => v !== parsed.id) : [...current, parsed.id];
      change({ [key]: next }, { replace: true });
    },
    [params, change],
  );
  const expandClusters = useCallback(
    (nodes: NetworkNode[]) => {
      const current = params.getAll("expandCluster");
      const keys = nodes.map((n) => parseNodeId(n.id)?.id).filter((k): k is string => !!k && !current.includes(k));
      if (keys.length) change({ expandCluster: [...current, ...keys] }, { replace: true });
    },
    [params, change],
  );
  return {
    params,
    change,
    toggleExpand,
    expandClusters,
    setFocus: (nodeId) => change({ focus: nodeId }),
    setAsOf: (date) => change({ asOf: date }, { replace: true }),
  };
}

/** The map's data: the /api/network contract (app/domain/network.ts), re-exported for the components. */
export type {
  EdgeChange,
  EdgeLifecycle as Lifecycle,
  Network,
  NetworkAgreement,
  NetworkEdgeDetail,
  NetworkEdge,
  NetworkMatrix,
  NetworkMeta,
  NetworkNode,
  NetworkNodeDetail,
  NetworkNodeType,
} from "~/domain/network";

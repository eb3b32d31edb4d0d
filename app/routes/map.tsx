/**
 * /map: the collaboration map. HT units in the middle, partners around them,
 * a line per pair; with a table of the same pairs (?view=table) and a gap
 * matrix of units by partner kind (?view=matrix). Every filter lives in the
 * URL; the loader draws the network for it, for the person asking, with the
 * same model as /api/network (app/models/network.server.ts), so the first
 * paint needs no second request and Back/Forward/reload show the same view.
 * The page's parts are in app/components/map/.
 */
import { data, redirect, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useNavigation, type ShouldRevalidateFunctionArgs } from "@remix-run/react";
import reactFlowStyles from "@xyflow/react/dist/style.css?url";
import { useEffect, useMemo, useRef } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { GapMatrix } from "~/components/map/gap-matrix";
import { MapFilters } from "~/components/map/map-filters";
import { MapGraph } from "~/components/map/map-graph";
import { MapInsights } from "~/components/map/map-insights";
import { MapQuestions, pathIds } from "~/components/map/map-questions";
import { ExploreNotice, FocusNotice, MAP_VIEWS, MapCaption, MapHeader, type MapView } from "~/components/map/map-header";
import { describeFilters, PAIR_SORTS, type ColourBy, type PairSort } from "~/components/map/map-model";
import { useMapSearch } from "~/components/map/map-search";
import type { NetworkCanvasHandle } from "~/components/map/network-canvas";
import { NetworkTable } from "~/components/map/network-table";
import { TimeBar } from "~/components/map/time-bar";
import { useArrangement } from "~/components/map/use-arrangement";
import { usePrefersReducedMotion } from "~/components/map/use-map-frame";
import { useMapSelection } from "~/components/map/use-map-selection";
import { useMapUrl } from "~/components/map/use-map-url";
import { formatDay, toDay, utcToday } from "~/domain/dates";
import { networkSearchParams, parseNetworkFilters } from "~/domain/network-filters";
import { packNetwork, unpackNetwork } from "~/domain/network-wire";
import { can } from "~/domain/permissions";
import { frameworkOptions, getMapAnswers, getNetworkMatrix } from "~/models/network.server";
import { getMapView as getSavedMapView, listMapViews } from "~/models/map-views.server";
import { unitOptions } from "~/models/units.server";
import mapStyles from "~/styles/map.css?url";
import { requirePermission } from "~/utils/auth.server";
import { pluralize } from "~/utils/format";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: reactFlowStyles },
  { rel: "stylesheet", href: mapStyles },
];

export const meta: MetaFunction = () => [{ title: "Collaboration map · HT Collaborations" }];

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const timing = loaderHeaders.get("Server-Timing");
  return timing ? { "Server-Timing": timing } : new Headers();
};

function readView(params: URLSearchParams): MapView {
  const view = params.get("view");
  return (MAP_VIEWS as readonly string[]).includes(view ?? "") ? (view as MapView) : "graph";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const started = performance.now();
  const params = new URL(request.url).searchParams;
  const today = utcToday();
  const filters = parseNetworkFilters(params, today);
  const view = readView(params);
  const savedViewId = params.get("savedView");
  const [{ network, whatIf }, matrix, units, frameworks, views, savedView] = await Promise.all([
    // The table lists every pair: the same network, never grouped into clusters.
    getMapAnswers(view === "table" ? { ...filters, cluster: "none", expandCluster: [] } : filters, user, today),
    view === "matrix" ? getNetworkMatrix(filters, user, today) : null,
    unitOptions(),
    view === "graph" ? frameworkOptions(user) : [],
    listMapViews(user),
    savedViewId ? getSavedMapView(savedViewId, user) : null,
  ]);
  if (filters.whatIf && network.meta.whatIf?.found === false) {
    // A framework that is not there, or that the reader may not read: the same answer, the map without the question.
    const without = new URLSearchParams(params);
    without.delete("whatIf");
    throw redirect(`/map${without.size ? `?${without}` : ""}`);
  }
  const ms = (performance.now() - started).toFixed(1);
  return data(
    {
      /** The network, packed into one string (app/domain/network-wire.ts): a whole network crosses as one JSON value. */
      network: packNetwork(network),
      /** What-if mode: the agreements the scenario ends that the reader may read, and how many restricted ones. */
      whatIf,
      frameworks,
      /** Saved views the reader may open (theirs and the pinned ones), and the one the map was opened from. */
      views: views.map((v) => ({ id: v.id, name: v.name, pinned: v.pinned })),
      savedView: savedView ? { id: savedView.id, name: savedView.name, positions: savedView.positions } : null,
      matrix,
      /** The URL's filters (the table asks the network ungrouped; the form shows what the URL says). */
      filters,
      view,
      today: toDay(today),
      units: units.filter((u) => u.kind !== "GROUP" || filters.expand.length > 0 || filters.unit === u.id),
      canSaveLayout: can(user.role, "agreement:write"),
    },
    { headers: { "Server-Timing": `network;dur=${ms}` } },
  );
}

/** Switching line colours or the table's sort changes nothing on the server. */
export function shouldRevalidate({ currentUrl, nextUrl, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (currentUrl.pathname !== nextUrl.pathname || nextUrl.pathname !== "/map") return defaultShouldRevalidate;
  const strip = (url: URL) => {
    const params = new URLSearchParams(url.search);
    for (const key of ["colour", "sort", "dir"]) params.delete(key);
    params.sort();
    return params.toString();
  };
  return strip(currentUrl) === strip(nextUrl) && currentUrl.search !== nextUrl.search ? false : defaultShouldRevalidate;
}

export default function MapPage() {
  const { network: packed, whatIf, frameworks, views, savedView, matrix, view, today, units, canSaveLayout, filters: urlFilters } = useLoaderData<typeof loader>();
  const network = useMemo(() => unpackNetwork(packed), [packed]);
  const url = useMapUrl();
  const { params } = url;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.location?.pathname === "/map";
  const reducedMotion = usePrefersReducedMotion();
  const filters = network.meta.filters;
  const canvas = useRef<NetworkCanvasHandle>(null);
  const selection = useMapSelection(network, canvas);
  const arrangement = useArrangement(network, savedView);
  const search = useMapSearch(network, canvas, selection.openNode);
  // The server's view of the filters, as a query string for the drill-downs.
  const query = useMemo(() => networkSearchParams(filters, new Date(`${today}T00:00:00Z`)).toString(), [filters, today]);
  const pinned = useMemo(() => pathIds(network), [network]);
  usePhoneFirstView(view, params, url.change);

  const filterWords = describeFilters(filters, network, units.find((u) => u.id === filters.unit)?.label);
  const asOfWords = filters.asOf === today ? `today, ${formatDay(today)}` : formatDay(filters.asOf);
  const colourBy: ColourBy = params.get("colour") === "lifecycle" ? "lifecycle" : "kind";
  const sort = (PAIR_SORTS as readonly string[]).includes(params.get("sort") ?? "") ? (params.get("sort") as PairSort) : "partner";

  return (
    <div className="page page-map">
      <MapHeader network={network} view={view} params={params} asOfWords={asOfWords} />
      <MapFilters graph={view === "graph"} filters={urlFilters} params={params} colourBy={colourBy} units={units} today={today} />
      <TimeBar asOf={filters.asOf} firstDate={network.meta.firstAgreementDate} today={today} busy={busy} reducedMotion={reducedMotion} onChange={url.setAsOf} />
      {filters.focus ? <FocusNotice network={network} onShowAll={() => url.setFocus(null)} /> : null}
      {filters.explore.length ? <ExploreNotice network={network} onShowAll={() => url.change({ explore: null })} /> : null}
      {view === "graph" ? <MapQuestions network={network} url={url} frameworks={frameworks} /> : null}
      {view === "graph" ? (
        <MapGraph
          {...{ network, url, query, colourBy, asOfWords, busy, reducedMotion, canSaveLayout, canvas, selection, arrangement, search, pinned, filterWords }}
          savedViews={{ views, current: savedView, canPin: canSaveLayout }}
          caption={<MapCaption network={network} asOfWords={asOfWords} filterWords={filterWords} />}
          insights={<MapInsights network={network} whatIf={whatIf} frameworkLabel={frameworks.find((f) => f.id === filters.whatIf)?.label ?? null} />}
        />
      ) : view === "table" ? (
        <NetworkTable
          network={network}
          params={params}
          sort={sort}
          direction={params.get("dir") === "desc" ? "desc" : "asc"}
          caption={`Collaborations as of ${asOfWords}, one row per HT unit and partner: ${pluralize(network.edges.length, "pair")}. ${filterWords.join(". ")}.`}
        />
      ) : matrix ? (
        <GapMatrix
          matrix={matrix}
          params={params}
          caption={`Agreements and partners per HT unit and partner kind, as of ${asOfWords}. ${filterWords.join(". ")}.`}
        />
      ) : null}
    </div>
  );
}

/**
 * On a phone the table of pairs is the first view (the map is one tap away,
 * in the view tabs): a visit to /map without a chosen view moves to it once.
 */
function usePhoneFirstView(view: MapView, params: URLSearchParams, change: (changes: Record<string, string | null>, options?: { replace?: boolean }) => void) {
  const asked = params.has("view");
  useEffect(() => {
    if (view !== "graph" || asked || !window.matchMedia("(max-width: 720px)").matches) return;
    change({ view: "table" }, { replace: true });
    // Only on arrival: a tap on "Map" sets view=graph and stays there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

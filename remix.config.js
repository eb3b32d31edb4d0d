// The one place Remix's options live; vite.config.ts hands them to the Remix
// Vite plugin. Every v3 future flag is on but lazy route discovery, so the
// upgrade to React Router 7 is a rename, not a rewrite. Lazy discovery watches
// the whole document with a MutationObserver and searches every added element
// for links: the map adds a thousand nodes at once, and that search took
// 150 ms of its first second. The route manifest is sent whole instead
// (React Router 7's `routeDiscovery: { mode: "initial" }`);
// docs/decisions/091-map-network-on-the-wire.md.

/** @type {import("@remix-run/dev").VitePluginConfig} */
export default {
  ignoredRouteFiles: ["**/*.css", "**/*.test.{ts,tsx}", "**/*.server.ts"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};

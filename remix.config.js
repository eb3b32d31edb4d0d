// The one place Remix's options live; vite.config.ts hands them to the Remix
// Vite plugin. Every v3 future flag is on, so the upgrade to React Router 7 is
// a rename, not a rewrite.

/** @type {import("@remix-run/dev").VitePluginConfig} */
export default {
  ignoredRouteFiles: ["**/*.css", "**/*.test.{ts,tsx}", "**/*.server.ts"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};

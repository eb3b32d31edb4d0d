import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [remix(remixConfig), tsconfigPaths()],
  server: { port: 3000 },
  // The dev server's dependency scan follows route modules into server-only code;
  // argon2's browser entry points at a WebAssembly build that is not installed.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  build: { target: "es2022" },
});

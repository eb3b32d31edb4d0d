/**
 * Types for React 18's Web Streams renderer entry point (the build that
 * entry.server.tsx uses; see app/utils/render.server.tsx), which
 * @types/react-dom declares only under "react-dom/server".
 */
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}

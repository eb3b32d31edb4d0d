/**
 * /api/openapi.json: the API's OpenAPI 3.0 document, generated from the
 * server's own zod schemas (app/utils/openapi.server.ts). Public: it
 * describes the API's shape, never any data.
 */
import { openApiDocument } from "~/utils/openapi.server";

export function loader() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

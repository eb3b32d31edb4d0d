/**
 * /healthz: liveness with a database round trip, for the process manager
 * and the load balancer. Public.
 */
import { prisma } from "~/utils/db.server";

/** Liveness with a database round trip: 200 when SQLite answers, 503 when it does not. */
export async function loader() {
  try {
    await prisma.$queryRawUnsafe("SELECT 1 FROM Agreement LIMIT 1");
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database unreachable", error);
    return Response.json({ status: "unavailable", reason: "database" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}

/** /healthz must tell a load balancer the truth when the database cannot be reached. */
import { expect, it } from "vitest";
import { consoleError } from "../setup/setup-test-env";

process.env.DATABASE_URL = "file:/nonexistent-directory/for-sure/app.db";

it("answers 503 when the database is unreachable", async () => {
  consoleError.mockImplementation(() => {});
  const { loader } = await import("~/routes/healthz");
  const res = await loader();
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ status: "unavailable", reason: "database" });
  expect(consoleError).toHaveBeenCalled();
});

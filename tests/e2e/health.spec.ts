import { expect, test } from "./fixtures";

test("the health check reports the app and its database as up", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body: unknown = await response.json();
  expect(body).toMatchObject({ status: "ok" });
});

/**
 * What the server answers requests no page sends: a cross-site form post is
 * refused with a 403 page carrying the security headers (not Remix's bare
 * 500), every response carries nosniff, pages are never cached, and methods
 * or bodies a route does not take get a 4xx.
 */
import { expect, test } from "./fixtures";

test("a form posted from another site is refused with a 403 page and the security headers", async ({ request }) => {
  const res = await request.post("/login", {
    headers: { Origin: "http://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
    data: "email=admin%40demo.test&password=x",
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  expect(await res.text()).toContain("This request was refused");
  expect(res.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
});

test("every response says nosniff, and pages are private and never stored", async ({ request }) => {
  for (const path of ["/login", "/healthz", "/favicon.svg", "/api/partners"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
  }
  const page = await request.get("/login");
  expect(page.headers()["cache-control"]).toBe("private, no-store");
});

test("a method or a body a route does not take is a 4xx, never a 500", async ({ request }) => {
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const cases = [
    request.delete("/login", { headers: { Origin: origin }, maxRedirects: 0 }),
    request.get("/api/partners"),
    request.post("/login", { headers: { Origin: origin, "Content-Type": "application/json" }, data: '{"email":"x"}' }),
    request.post("/login", { headers: { Origin: origin, "Content-Type": "text/plain" }, data: "email=x" }),
    request.post("/login", { headers: { Origin: origin, "Content-Type": "multipart/form-data; boundary=zz" }, data: "--zz\r\nbroken" }),
  ];
  for (const res of await Promise.all(cases)) {
    expect(res.status(), res.url()).toBeGreaterThanOrEqual(400);
    expect(res.status(), res.url()).toBeLessThan(500);
  }
});

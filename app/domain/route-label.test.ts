/** Route labels for metrics: the most specific pattern wins, ids never become labels. */
import { describe, expect, it } from "vitest";
import { routeMatcher } from "./route-label";

const routes = {
  root: { id: "root", path: "" },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true },
  "routes/agreements._index": { id: "routes/agreements._index", parentId: "root", path: "agreements", index: true },
  "routes/agreements.new": { id: "routes/agreements.new", parentId: "root", path: "agreements/new" },
  "routes/agreements.$id": { id: "routes/agreements.$id", parentId: "root", path: "agreements/:id" },
  "routes/api.network": { id: "routes/api.network", parentId: "root", path: "api/network" },
  "routes/api.network.layout": { id: "routes/api.network.layout", parentId: "routes/api.network", path: "layout" },
  "routes/$": { id: "routes/$", parentId: "root", path: "*" },
};

describe("route labels", () => {
  const label = routeMatcher(routes);
  it("names each request by its route's pattern", () => {
    expect(label("/")).toBe("/");
    expect(label("/agreements")).toBe("/agreements");
    expect(label("/agreements/new")).toBe("/agreements/new");
    expect(label("/agreements/cm3x0abcdefghijklmnopqrst")).toBe("/agreements/:id");
    expect(label("/api/network/layout")).toBe("/api/network/layout");
    expect(label("/no/such/page")).toBe("/*");
    expect(label("/assets/app-123.js")).toBe("static");
  });
});

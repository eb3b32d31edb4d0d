/**
 * The app's route modules as Remix sees them, for tests that walk every
 * route (the permission matrix, the confidentiality walk): the files, their
 * modules, and the params Remix would pass for a URL.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ActionFunction, LoaderFunction } from "@remix-run/node";

const routesDir = path.resolve("app/routes");

/** Every route file (not tests, not server-only helpers). */
export const routeFiles = readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f) && !/\.(test|server)\.tsx?$/.test(f));

export async function loadRoute(file: string) {
  return (await import(file === "root.tsx" ? "~/root" : `~/routes/${file.replace(/\.tsx?$/, "")}`)) as {
    loader?: LoaderFunction;
    action?: ActionFunction;
  };
}

/** The route params Remix would pass: "agreements.$id_.edit.tsx" + "/agreements/42/edit" -> { id: "42" }. */
export function paramsFor(file: string, url: string): Record<string, string> {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== "_index" && s !== "root");
  const parts = new URL(url, "http://x").pathname.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  segments.forEach((segment, i) => {
    const name = segment.replace(/_$/, "");
    if (name === "$") params["*"] = parts.slice(i).join("/");
    else if (name.startsWith("$")) params[name.slice(1)] = parts[i] ?? "";
  });
  return params;
}

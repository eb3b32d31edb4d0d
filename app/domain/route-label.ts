/**
 * Which route a request path belongs to, as a label for metrics
 * (http_requests_total{route="/agreements/:id"}): the app's route table
 * (Remix's build.routes: id, parentId, path) compiled once into patterns,
 * the most specific first. Static files are "static"; anything else
 * "unmatched", so a scan of random URLs cannot blow up the label set.
 */
export interface RouteEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
}

interface Pattern {
  label: string;
  regex: RegExp;
  score: number;
}

function fullPath(id: string, routes: Record<string, RouteEntry | undefined>): string {
  const parts: string[] = [];
  for (let r = routes[id]; r; r = r.parentId ? routes[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  return `/${parts.join("/")}`.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
}

function compile(path: string): Pattern {
  const segments = path.split("/").filter(Boolean);
  let score = 0;
  const body = segments
    .map((s) => {
      if (s === "*") {
        score -= 1000;
        return "(?:/.*)?";
      }
      if (s.startsWith(":")) {
        score += 1;
        return "/[^/]+";
      }
      score += 10;
      return `/${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
    })
    .join("");
  return { label: path, regex: new RegExp(`^${body || "/"}$`), score: score * 100 + segments.length };
}

export function routeMatcher(routes: Record<string, RouteEntry | undefined>, staticPrefixes: string[] = ["/assets/"]) {
  const paths = new Set(Object.keys(routes).filter((id) => id !== "root").map((id) => fullPath(id, routes)));
  const patterns = [...paths].map(compile).sort((a, b) => b.score - a.score);
  return (pathname: string): string => {
    if (staticPrefixes.some((p) => pathname.startsWith(p)) || /\.(css|js|svg|png|ico|woff2?|map)$/.test(pathname)) return "static";
    const clean = pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname;
    return patterns.find((p) => p.regex.test(clean))?.label ?? "unmatched";
  };
}

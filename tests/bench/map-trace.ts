/**
 * Where the map's time goes (`npm run bench -- map-ui --trace <dir>`): one
 * more load and pan of each scenario under a Chromium performance trace,
 * saved to <dir> (open it in DevTools' Performance panel) and summed up:
 * busy time per thread, the main thread's time by kind of work (script,
 * style, layout, paint...) and the JavaScript functions with the most
 * self time (from the trace's CPU profile samples).
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "v8.execute",
  "disabled-by-default-v8.cpu_profiler",
  "blink.user_timing",
  "toplevel",
  "loading",
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: { name?: string; data?: ProfileData & Record<string, unknown> };
}

interface ProfileData {
  cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples?: number[] };
  timeDeltas?: number[];
}

/** Main-thread work by kind: the trace events DevTools shows as script, style, layout, paint. */
const KINDS: Record<string, string> = {
  FunctionCall: "script (FunctionCall)",
  EvaluateScript: "script (EvaluateScript)",
  "v8.compile": "compile",
  "V8.CompileCode": "compile",
  ParseHTML: "parse HTML",
  ParseAuthorStyleSheet: "parse CSS",
  UpdateLayoutTree: "style recalc",
  Layout: "layout",
  PrePaint: "pre-paint",
  Paint: "paint",
  Layerize: "layerize",
  "MinorGC": "GC",
  "MajorGC": "GC",
  "V8.GC_SCAVENGER": "GC",
  "V8.GC_MARK_COMPACTOR": "GC",
  HitTest: "hit test",
  FireAnimationFrame: "rAF callbacks",
  EventDispatch: "event dispatch",
  TimerFire: "timers",
  "ResizeObserver::BroadcastObservations": "ResizeObserver",
  "Document::updateStyleAndLayout": "forced style+layout (total)",
};

function threads(events: TraceEvent[]) {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args?.name ?? "?");
  return names;
}

function busyByThread(events: TraceEvent[], names: Map<string, string>) {
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== "X" || !e.dur || (e.name !== "ThreadControllerImpl::RunTask" && e.name !== "RunTask")) continue;
    const name = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
    busy.set(name, (busy.get(name) ?? 0) + e.dur / 1000);
  }
  return [...busy].sort((a, b) => b[1] - a[1]).slice(0, 8);
}

function byKind(events: TraceEvent[], main: string | undefined) {
  const totals = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (e.ph !== "X" || !e.dur || `${e.pid}:${e.tid}` !== main) continue;
    const kind = KINDS[e.name];
    if (!kind) continue;
    const t = totals.get(kind) ?? { ms: 0, n: 0 };
    t.ms += e.dur / 1000;
    t.n++;
    totals.set(kind, t);
  }
  return [...totals].sort((a, b) => b[1].ms - a[1].ms);
}

/** Self time per JavaScript function, from the sampling profiler's chunks in the trace. */
function selfTimes(events: TraceEvent[]) {
  const frames = new Map<string, { fn: string; url: string; line: number }>();
  const self = new Map<string, number>();
  for (const e of events) {
    if (e.name !== "ProfileChunk") continue;
    const data = e.args?.data;
    const key = (id: number) => `${e.pid}:${e.id}:${id}`;
    for (const n of data?.cpuProfile?.nodes ?? []) frames.set(key(n.id), { fn: n.callFrame.functionName || "(anonymous)", url: n.callFrame.url, line: n.callFrame.lineNumber });
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.forEach((id, i) => self.set(key(id), (self.get(key(id)) ?? 0) + (deltas[i] ?? 0) / 1000));
  }
  const byFunction = new Map<string, number>();
  for (const [k, ms] of self) {
    const f = frames.get(k);
    if (!f) continue;
    const where = f.url ? `${f.url.split("/").at(-1)}:${f.line + 1}` : "";
    const name = `${f.fn} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  return [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25);
}

/** The renderer main thread that ran most script (the page's). */
function mainThread(events: TraceEvent[], names: Map<string, string>) {
  const script = new Map<string, number>();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ph === "X" && e.dur && names.get(k) === "CrRendererMain" && (e.name === "FunctionCall" || e.name === "EvaluateScript")) script.set(k, (script.get(k) ?? 0) + e.dur);
  }
  return [...script].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export function summarizeTrace(json: string): string {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const names = threads(events);
  const main = mainThread(events, names);
  const lines = ["  busy per thread (ms):", ...busyByThread(events, names).map(([t, ms]) => `    ${t.padEnd(34)} ${ms.toFixed(0)}`)];
  lines.push("  main thread by kind (ms, nested kinds overlap):");
  for (const [kind, t] of byKind(events, main)) lines.push(`    ${kind.padEnd(34)} ${t.ms.toFixed(0).padStart(6)}  ×${t.n}`);
  lines.push("  JavaScript self time (ms):");
  for (const [fn, ms] of selfTimes(events)) lines.push(`    ${ms.toFixed(0).padStart(6)}  ${fn}`);
  return lines.join("\n");
}

/** Runs `work` on `page` under a trace; writes it to `file` and returns the summary. */
export async function traced(browser: Browser, page: Page, file: string, work: () => Promise<unknown>): Promise<string> {
  await browser.startTracing(page, { categories: CATEGORIES, screenshots: false });
  try {
    await work();
  } finally {
    writeFileSync(file, await browser.stopTracing());
  }
  return summarizeTrace(readFileSync(file, "utf8"));
}

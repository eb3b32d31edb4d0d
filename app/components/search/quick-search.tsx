/**
 * The search box in the top bar: "/" or Ctrl-K (⌘K) puts the cursor in it;
 * typing shows the best results grouped by type as you type (the /search
 * route's data); Enter opens the full results; arrow keys move through the
 * results and Escape closes them. Works without JavaScript as a plain GET
 * form to /search.
 */
import { Form, useFetcher, useLocation, useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { loader as searchLoader } from "~/routes/search";
import { SearchResultGroups } from "./results";

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** Focuses the box on "/" (outside other fields) and Ctrl-K / ⌘K anywhere. */
function useShortcut(input: React.RefObject<HTMLInputElement>) {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const k = e.key.toLowerCase() === "k" && (e.ctrlKey || e.metaKey);
      if (k || (e.key === "/" && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [input]);
}

export function QuickSearch() {
  const fetcher = useFetcher<typeof searchLoader>();
  const navigate = useNavigate();
  const location = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useShortcut(input);
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (value: string) => {
    setQuery(value);
    clearTimeout(timer.current);
    if (value.trim().length < 2) return setOpen(false);
    timer.current = setTimeout(() => {
      fetcher.load(`/search?${new URLSearchParams({ q: value, compact: "1" })}`);
      setOpen(true);
    }, 180);
  };
  const links = () => [...(panel.current?.querySelectorAll<HTMLAnchorElement>("a.search-hit") ?? [])];
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      setOpen(false);
      input.current?.focus();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const all = links();
      if (!all.length) return;
      e.preventDefault();
      const at = all.indexOf(document.activeElement as HTMLAnchorElement);
      const next = e.key === "ArrowDown" ? Math.min(all.length - 1, at + 1) : at - 1;
      if (next < 0) input.current?.focus();
      else all[next]!.focus();
    }
  };
  const results = fetcher.data;
  return (
    <div className="quick-search" onKeyDown={onKeyDown} onBlur={(e) => { if (!e.currentTarget.contains(e.relatedTarget as Node)) setOpen(false); }}>
      <Form method="get" action="/search" role="search" onSubmit={(e) => { e.preventDefault(); if (query.trim()) navigate(`/search?${new URLSearchParams({ q: query })}`); }}>
        <label htmlFor="quick-search" className="visually-hidden">Search everything</label>
        <input
          ref={input} id="quick-search" type="search" name="q" value={query} autoComplete="off"
          role="combobox" aria-autocomplete="list" aria-haspopup="listbox"
          placeholder="Search…  /" aria-keyshortcuts="/ Control+K" aria-expanded={open} aria-controls="quick-search-results"
          onChange={(e) => onChange(e.currentTarget.value)} onFocus={() => { if (results && query.trim().length >= 2) setOpen(true); }}
        />
      </Form>
      {open && results ? (
        <div ref={panel} id="quick-search-results" className="quick-search-panel" aria-live="polite">
          {fetcher.state === "loading" ? <p className="muted search-loading">Searching…</p> : null}
          <SearchResultGroups results={results} compact onPick={() => setOpen(false)} />
          <a className="quick-search-all search-hit" href={`/search?${new URLSearchParams({ q: query })}`}
            onClick={(e) => { e.preventDefault(); navigate(`/search?${new URLSearchParams({ q: query })}`); }}>
            All results for “{query}”
          </a>
        </div>
      ) : null}
    </div>
  );
}

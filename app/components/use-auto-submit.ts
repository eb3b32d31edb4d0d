/**
 * A filter form that drives the URL: each change is submitted at once (typed
 * text and numbers after a pause) as a GET to the page itself, empty fields
 * left out. The form keeps its own state while it does so (focus stays where
 * the user is, an open drop-down stays open); it is rebuilt (a new
 * `revision`, used as the form's key) only when the URL changes some other
 * way: a link, Back, "Clear filters", the map's date slider.
 *
 * That is decided while rendering, so the rebuilt form comes in the same
 * commit as the new URL: a change can never land in a form about to be
 * replaced (whose stale defaults would then be submitted next).
 */
import { useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";

export interface AutoSubmitOptions {
  /** Milliseconds to wait after a change of this field (0: at once). */
  delay?: (field: HTMLInputElement) => number;
  /** Whether this change replaces the history entry instead of adding one. */
  replace?: (field: HTMLInputElement) => boolean;
  /** Drops or rewrites parameters that say the default (kept out of the URL). */
  tidy?: (params: URLSearchParams) => URLSearchParams;
}

export function useAutoSubmit(options: AutoSubmitOptions = {}): { revision: number; onChange: (event: FormEvent<HTMLFormElement>) => void } {
  const submit = useSubmit();
  const location = useLocation();
  /** The search the form itself asked for, until the URL shows it. */
  const expected = useRef<string | null>(null);
  const builtFor = useRef(location.search);
  const revision = useRef(0);
  if (builtFor.current !== location.search) {
    if (expected.current !== location.search) revision.current += 1;
    expected.current = null;
    builtFor.current = location.search;
  }

  const debounce = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(debounce.current), []);

  function onChange(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const field = event.target as HTMLInputElement;
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => {
      let next = new URLSearchParams();
      for (const [key, value] of new FormData(form)) if (typeof value === "string" && value !== "") next.append(key, value);
      if (options.tidy) next = options.tidy(next);
      expected.current = next.toString() ? `?${next}` : "";
      submit(next, { method: "get", action: location.pathname, replace: options.replace?.(field) ?? false, preventScrollReset: true });
    }, options.delay?.(field) ?? 0);
  }
  return { revision: revision.current, onChange };
}

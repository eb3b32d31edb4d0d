/**
 * False until the browser first has nothing else to do after the page
 * appeared (or `timeout` ms have passed), then true. For parts of a page
 * that are long to build and not needed in its first second: the map's
 * pickers over a thousand organisations are filled in then, not while the
 * map is being drawn. On the server, and in the first render, false.
 */
import { useEffect, useState } from "react";

export function useIdle(timeout = 1500): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback !== "function") {
      const timer = setTimeout(() => setIdle(true), 0);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(() => setIdle(true), { timeout });
    return () => cancelIdleCallback(handle);
  }, [timeout]);
  return idle;
}

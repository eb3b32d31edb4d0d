/**
 * A text with the parts a search matched highlighted (<mark>), from the
 * ranges the server computed (app/domain/search-text.ts). React escapes
 * the text: nothing in it is ever read as HTML.
 */
import type { Marked } from "~/domain/search-text";

export function MarkedText({ value }: { value: Marked }) {
  const parts: JSX.Element[] = [];
  let at = 0;
  value.marks.forEach(([start, end], i) => {
    if (start > at) parts.push(<span key={`t${i}`}>{value.text.slice(at, start)}</span>);
    parts.push(<mark key={`m${i}`}>{value.text.slice(start, end)}</mark>);
    at = end;
  });
  if (at < value.text.length) parts.push(<span key="rest">{value.text.slice(at)}</span>);
  return <>{parts}</>;
}

/**
 * What every chart of the overview shares: a figure with its title and a
 * one-sentence summary (the picture's text alternative), the picture, and
 * the same numbers as a table behind "Show as a table" (for screen readers,
 * for copying, for reading exact values).
 */
import type { ReactNode } from "react";

export function ChartFrame({
  id, title, summary, table, children,
}: {
  id: string;
  title: string;
  /** What the picture shows, in a sentence (its accessible name is the title, this its description). */
  summary: string;
  table: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        <p className="muted small" id={`${id}-summary`}>{summary}</p>
      </figcaption>
      <div className="chart-picture" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
        {children}
      </div>
      <details className="chart-table">
        <summary>Show as a table</summary>
        {table}
      </details>
    </figure>
  );
}

/** Twelve colours told apart on white, in the order of the kinds. */
export const SERIES_COLOURS = [
  "#0b4f6c", "#d1495b", "#edae49", "#00798c", "#6a4c93", "#8ac926", "#ff7f50", "#1982c4", "#8d6e63", "#f15bb5", "#4d5b69", "#2a9d8f",
];

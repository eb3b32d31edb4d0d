/**
 * Possible duplicates of the agreement being saved (found by the server:
 * same kind, same parties and an overlapping term, or a very similar
 * title): each with a link to open it in a new tab, and "Save anyway",
 * which saves this form acknowledging exactly these.
 */
import { useEffect, useRef } from "react";
import { ACKNOWLEDGED_DUPLICATES, type PossibleDuplicate } from "~/domain/agreement-schema";
import { formatDay } from "~/domain/dates";
import { StatusBadge } from "./status-badge";

export function DuplicatesPanel({ duplicates, submitLabel }: { duplicates: PossibleDuplicate[]; submitLabel: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [duplicates]);
  const one = duplicates.length === 1;
  return (
    <section className="notice notice-warning duplicates" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title" tabIndex={-1} ref={heading}>
        {one ? "This may already be recorded" : `This may already be recorded ${duplicates.length} times`}
      </h2>
      <p>Nothing was saved. Check {one ? "this agreement" : "these agreements"} first:</p>
      <ul className="duplicate-list">
        {duplicates.map((d) => (
          <li key={d.id}>
            <a href={`/agreements/${d.id}`} target="_blank" rel="noreferrer">
              <span className="mono">{d.reference}</span> {d.title}
            </a>{" "}
            <StatusBadge status={d.status} />
            <span className="duplicate-meta">
              {d.partnersLabel || "no parties yet"} · {d.startDate ? formatDay(d.startDate) : "no start"} to {d.endDate ? formatDay(d.endDate) : "no end"} · {d.reason}
            </span>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="submit" className="button" name={ACKNOWLEDGED_DUPLICATES} value={duplicates.map((d) => d.id).join(",")}>
          Save anyway
        </button>
        <span className="muted">or change the agreement below and “{submitLabel}” again.</span>
      </div>
    </section>
  );
}

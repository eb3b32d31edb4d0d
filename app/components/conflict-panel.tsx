/**
 * The one view of an edit conflict (docs/decisions/009), for agreements,
 * partners and units alike: both versions side by side, field by field, and
 * an explicit choice: re-apply my changes on top of the version saved
 * meanwhile, or discard mine and load the current one. Nothing is saved
 * over someone else's work without that click.
 */
import { useState } from "react";
import type { ConflictView } from "~/domain/errors";

/**
 * The version a form saves on top of: the one it was loaded with, until the
 * person has seen a conflict and chosen "re-apply". (The loader re-runs
 * after a conflict and reports the newer version; the form must not pick it
 * up silently.)
 */
export function useConflictVersion(loadedVersion: number, conflict: ConflictView | null | undefined) {
  const [startedFrom] = useState(loadedVersion);
  const [reapplied, setReapplied] = useState<number | null>(null);
  const open = Boolean(conflict && reapplied !== conflict.version);
  return {
    version: reapplied ?? startedFrom,
    /** The panel is showing (a conflict not yet resolved). */
    open,
    /** The person chose to save over the newer version. */
    reapplied: Boolean(conflict && reapplied === conflict.version),
    reapply: () => conflict && setReapplied(conflict.version),
  };
}

export function ConflictPanel({
  subject,
  conflict,
  onReapply,
  reloadHref,
}: {
  /** "agreement", "partner", "unit". */
  subject: string;
  conflict: ConflictView;
  onReapply: () => void;
  reloadHref: string;
}) {
  return (
    <section className="card conflict" aria-labelledby="conflict-title" role="alert">
      <h2 id="conflict-title">Someone else saved this {subject} while you were editing it.</h2>
      <p>
        Nothing of yours was saved and nothing of theirs was overwritten. Compare the two versions, then either
        re-apply your changes on top of theirs, or discard yours and start from the current version.
      </p>
      {conflict.rows.length ? (
        <div className="table-wrap">
          <table className="data-table conflict-table">
            <caption className="visually-hidden">Fields that differ between your version and the saved one</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Your version</th>
                <th scope="col">Saved meanwhile</th>
              </tr>
            </thead>
            <tbody>
              {conflict.rows.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{row.label}</th>
                  <td><ins>{row.mine || "—"}</ins></td>
                  <td>{row.theirs || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">Your version and the saved one are the same.</p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onReapply}>Re-apply my changes</button>
        <a href={reloadHref} className="button button-quiet">Discard mine, load the current version</a>
      </div>
    </section>
  );
}

/** Shown once the person chose to re-apply: the next save goes over the newer version. */
export function ReappliedNotice() {
  return (
    <p className="notice notice-warning" role="status">
      Your changes are kept below and will be saved over the newer version when you save.
    </p>
  );
}

/**
 * "Columns": which of the agreement list's optional columns show. The
 * choice applies at once and is remembered in a cookie (app/domain/list-columns.ts),
 * so the next visit, on any page of the list, shows the same columns.
 */
import { useState } from "react";
import { COLUMN_LABELS, columnsCookie, OPTIONAL_COLUMNS, type OptionalColumn } from "~/domain/list-columns";
import { Disclosure } from "./multi-select";

export function useHiddenColumns(initial: readonly OptionalColumn[]) {
  const [hidden, setHidden] = useState<OptionalColumn[]>([...initial]);
  const toggle = (column: OptionalColumn, shown: boolean) => {
    const next = shown ? hidden.filter((c) => c !== column) : [...hidden, column];
    setHidden(next);
    document.cookie = columnsCookie(next);
  };
  return { hidden, toggle };
}

export function ColumnChooser({ hidden, onToggle }: { hidden: OptionalColumn[]; onToggle: (column: OptionalColumn, shown: boolean) => void }) {
  const shown = OPTIONAL_COLUMNS.length - hidden.length;
  return (
    <Disclosure className="column-chooser" label="Columns" value={`${shown + 3} of ${OPTIONAL_COLUMNS.length + 3} shown`}>
      <fieldset aria-label="Columns to show">
        <p className="field-hint">Reference, title and status always show.</p>
        {OPTIONAL_COLUMNS.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={!hidden.includes(c)} onChange={(e) => onToggle(c, e.target.checked)} />
            {COLUMN_LABELS[c]}
          </label>
        ))}
      </fieldset>
    </Disclosure>
  );
}

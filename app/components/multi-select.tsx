/**
 * A multi-choice filter as a disclosure of checkboxes: repeated name=value
 * parameters, usable without JavaScript and by keyboard.
 */
import { useId } from "react";

/** A vocabulary (app/domain/vocabulary.ts) as the options of a MultiSelect. */
export const vocabularyOptions = (vocabulary: { values: readonly string[]; label: (k: string) => string }) =>
  vocabulary.values.map((value) => ({ value, label: vocabulary.label(value) }));

/**
 * A disclosure with a checkbox per option: submits repeated `name=value`
 * parameters, works without JavaScript and with the keyboard.
 */
export function MultiSelect({
  name,
  label,
  options,
  selected,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  selected: string[];
}) {
  const id = useId();
  const chosen = options.filter((o) => selected.includes(o.value));
  const summary = chosen.length === 0 ? "Any" : chosen.length <= 2 ? chosen.map((o) => o.label).join(", ") : `${chosen.length} selected`;
  return (
    <details className="multi-select">
      <summary>
        <span className="field-label" id={`${id}-label`}>{label}</span>
        <span className="multi-select-value">{summary}</span>
      </summary>
      <fieldset aria-labelledby={`${id}-label`}>
        {options.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

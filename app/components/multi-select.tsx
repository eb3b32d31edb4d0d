/**
 * A multi-choice filter as a disclosure of checkboxes: repeated name=value
 * parameters, usable without JavaScript and by keyboard. Escape, or a click
 * outside, closes it and gives the focus back to its button.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from "react";

/** A vocabulary (app/domain/vocabulary.ts) as the options of a MultiSelect. */
export const vocabularyOptions = (vocabulary: { values: readonly string[]; label: (k: string) => string }) =>
  vocabulary.values.map((value) => ({ value, label: vocabulary.label(value) }));

/** A <details> that closes on Escape (focus back on its summary) and on a click outside it: its ref and key handler. */
export function useDisclosure() {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key !== "Escape" || !ref.current?.open) return;
    event.preventDefault();
    event.stopPropagation();
    ref.current.open = false;
    ref.current.querySelector("summary")?.focus();
  };
  return { ref, onKeyDown };
}

/** A <details> drop-down that closes on Escape (focus back on its summary) and on a click outside it. */
export function Disclosure({ className, label, value, children }: { className: string; label: string; value: string; children: ReactNode }) {
  const id = useId();
  const { ref, onKeyDown } = useDisclosure();
  return (
    <details className={`multi-select ${className}`} ref={ref} onKeyDown={onKeyDown}>
      <summary aria-describedby={`${id}-value`}>
        <span className="field-label" id={`${id}-label`}>{label}</span>
        <span className="multi-select-value" id={`${id}-value`}>{value}</span>
      </summary>
      {children}
    </details>
  );
}

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
  const chosen = options.filter((o) => selected.includes(o.value));
  const summary = chosen.length === 0 ? "Any" : chosen.length <= 2 ? chosen.map((o) => o.label).join(", ") : `${chosen.length} selected`;
  return (
    <Disclosure className="multi-select-filter" label={label} value={summary}>
      <fieldset aria-label={label}>
        {options.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </fieldset>
    </Disclosure>
  );
}

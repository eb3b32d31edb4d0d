/**
 * The party box of the agreement form: a combobox (WAI-ARIA 1.2 pattern)
 * that searches HT units and partners as one types, ranked by
 * app/domain/party-search.ts (an organisation before its departments,
 * acronyms, Italian and English names, accents ignored). Arrow keys move
 * through the matches, Enter chooses, Escape closes the list (and, closed,
 * puts back the party chosen before). The chosen party is posted by a
 * hidden input under the field's name.
 *
 * Without JavaScript (and before the page has hydrated) it is a plain
 * <select> with every party, so the form works either way.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { rankParties, type PartyOption } from "~/domain/party-search";

interface PickerProps {
  /** The form field's name ("parties[2].ref") and the id its label points at. */
  name: string;
  id: string;
  defaultValue?: string;
  units: PartyOption[];
  partners: PartyOption[];
  invalid?: boolean;
  describedBy?: string;
}

export function PartyPicker(props: PickerProps) {
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  if (!enhanced) return <PlainSelect {...props} />;
  return <Combobox {...props} />;
}

function PlainSelect({ name, id, defaultValue, units, partners, invalid, describedBy }: PickerProps) {
  return (
    <select name={name} id={id} defaultValue={defaultValue ?? ""} aria-invalid={invalid || undefined} aria-describedby={describedBy}>
      <option value="">Choose an HT unit or partner…</option>
      <optgroup label="HT units">{units.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</optgroup>
      <optgroup label="Partners">{partners.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</optgroup>
    </select>
  );
}

const sideOf = (o: PartyOption) => (o.value.startsWith("unit:") ? "HT unit" : o.depth > 0 ? `Part of ${o.parent ?? "a partner"}` : "Partner");

function useCombobox({ name, defaultValue, units, partners }: PickerProps) {
  const all = useMemo(() => [...units, ...partners], [units, partners]);
  const labelOf = (value: string) => all.find((o) => o.value === value)?.label ?? "";
  const [value, setValue] = useState(defaultValue ?? "");
  const [query, setQuery] = useState(() => labelOf(defaultValue ?? ""));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const hidden = useRef<HTMLInputElement>(null);
  // A typed query that is the chosen party's label shows every match again when reopened.
  const matches = useMemo(() => rankParties(query === labelOf(value) ? "" : query, all, 50), [query, value, all]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    // Tell the form library the field changed (a hidden input fires no input event of its own).
    hidden.current?.dispatchEvent(new Event("input", { bubbles: true }));
  }, [value]);
  useEffect(() => {
    // A party added elsewhere (the inline partner form) arrives as a new default.
    if (defaultValue && defaultValue !== value && !value) {
      setValue(defaultValue);
      setQuery(labelOf(defaultValue));
    }
  }, [defaultValue, all]); // eslint-disable-line react-hooks/exhaustive-deps
  const choose = (option: PartyOption | undefined) => {
    if (!option) return;
    setValue(option.value);
    setQuery(option.label);
    setOpen(false);
  };
  const revert = () => {
    setOpen(false);
    if (!query.trim()) setValue("");
    else setQuery(labelOf(value));
  };
  return { name, value, query, setQuery, open, setOpen, active, setActive, matches, choose, revert, hidden };
}

function Combobox(props: PickerProps) {
  const c = useCombobox(props);
  const listId = useId();
  const optionId = (i: number) => `${listId}-${i}`;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!c.open) return c.setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      c.setActive((i) => (i + step + c.matches.length) % Math.max(c.matches.length, 1));
    } else if (event.key === "Enter" && c.open) {
      event.preventDefault();
      c.choose(c.matches[c.active]);
    } else if (event.key === "Escape") {
      if (c.open) event.stopPropagation();
      event.preventDefault();
      c.revert();
    }
  };
  return (
    <div className="party-picker">
      <input type="hidden" name={c.name} value={c.value} ref={c.hidden} />
      <input
        id={props.id}
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder="Type a name or acronym…"
        aria-autocomplete="list"
        aria-expanded={c.open}
        aria-controls={listId}
        aria-activedescendant={c.open && c.matches[c.active] ? optionId(c.active) : undefined}
        aria-invalid={props.invalid || undefined}
        aria-describedby={props.describedBy}
        value={c.query}
        onChange={(e) => {
          c.setQuery(e.target.value);
          c.setOpen(true);
          c.setActive(0);
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => c.setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => c.revert()}
      />
      {c.open ? (
        <ul id={listId} role="listbox" className="party-options" aria-label="Matching HT units and partners">
          {c.matches.length ? (
            c.matches.map((o, i) => (
              <li
                key={o.value}
                id={optionId(i)}
                role="option"
                aria-selected={i === c.active}
                className={i === c.active ? "party-option is-active" : "party-option"}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => c.setActive(i)}
                onClick={() => c.choose(o)}
              >
                <span className="party-option-name">{o.label}</span>
                <span className="party-option-side">{sideOf(o)}</span>
              </li>
            ))
          ) : (
            <li className="party-option party-option-none" role="option" aria-selected={false} aria-disabled="true">
              No HT unit or partner matches “{c.query}”
            </li>
          )}
        </ul>
      ) : null}
    </div>
  );
}

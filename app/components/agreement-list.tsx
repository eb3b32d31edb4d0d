/**
 * The agreement list's two halves: the filter form (every filter in the
 * URL, applied as it changes; typing waits for a pause; on a phone folded
 * behind a "Filters" button, the search box staying out) and the results
 * (sortable table with the columns the person chose, pagination, rows per
 * page, the empty state). A skip link after the search box jumps to the
 * results.
 */
import { Form, Link, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { PAGE_SIZES, type AgreementFilters } from "~/domain/agreement-filters";
import type { OptionalColumn } from "~/domain/list-columns";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, PARTNER_KINDS } from "~/domain/vocabulary";
import { withParams } from "~/utils/url";
import { AgreementTable, type AgreementTableRow } from "./agreement-table";
import { ColumnChooser, useHiddenColumns } from "./column-chooser";
import { MultiSelect, vocabularyOptions } from "./multi-select";
import { useAutoSubmit, type AutoSubmitOptions } from "./use-auto-submit";
import { Pagination } from "./pagination";

type Option = { id: string; label: string };
/** The filters as the page has them: dates as YYYY-MM-DD. */
type ShownFilters = Omit<AgreementFilters, "endFrom" | "endTo" | "noticeFrom" | "noticeTo"> & {
  endFrom?: string; endTo?: string; noticeFrom?: string; noticeTo?: string;
};

/** Typed search words wait for a pause and replace the history entry; choices apply at once. */
const LIST_FORM: AutoSubmitOptions = {
  delay: (field) => (field.type === "search" ? 300 : 0),
  replace: (field) => field.type === "search",
};

export function AgreementListFilters({
  filters,
  filtered,
  units,
  partners,
}: {
  filters: ShownFilters;
  filtered: boolean;
  units: Option[];
  partners: Option[];
}) {
  const { revision, onChange } = useAutoSubmit(LIST_FORM);
  const [open, setOpen] = useState(false);
  const active = [
    filters.status.length, filters.kind.length, filters.partnerKind.length, filters.unit, filters.partner, filters.endFrom, filters.endTo,
    filters.noticeFrom, filters.noticeTo,
  ]
    .filter(Boolean).length;
  return (
    <Form method="get" className={open ? "filters is-open" : "filters"} onChange={onChange} role="search" aria-label="Filter agreements" key={revision}>
      <label className="field field-wide">
        <span className="field-label">Search</span>
        <input
          type="search"
          name="q"
          defaultValue={filters.q}
          placeholder="Reference, title, partner, summary…"
          autoComplete="off"
        />
      </label>
      <a href="#results" className="skip-inline">Skip to the results</a>
      <button type="button" className="button button-quiet filters-toggle" aria-expanded={open} aria-controls="more-filters" onClick={() => setOpen(!open)}>
        Filters{active ? ` (${active})` : ""}
      </button>
      <div className="more-filters" id="more-filters">
      <MultiSelect name="status" label="Status" options={vocabularyOptions(AGREEMENT_STATUSES)} selected={filters.status} />
      <MultiSelect name="kind" label="Kind" options={vocabularyOptions(AGREEMENT_KINDS)} selected={filters.kind} />
      <ChoiceField name="unit" label="HT unit" none="Any unit" options={units} value={filters.unit} />
      <ChoiceField name="partner" label="Partner" none="Any partner" options={partners} value={filters.partner} />
      <MultiSelect name="partnerKind" label="Partner kind" options={vocabularyOptions(PARTNER_KINDS)} selected={filters.partnerKind} />
      <DayField name="endFrom" label="Ends from" value={filters.endFrom} />
      <DayField name="endTo" label="Ends by" value={filters.endTo} />
      <DayField name="noticeFrom" label="Notice deadline from" value={filters.noticeFrom} />
      <DayField name="noticeTo" label="Notice deadline by" value={filters.noticeTo} />
      </div>
      {filters.archived ? <input type="hidden" name="archived" value={filters.archived} /> : null}
      <input type="hidden" name="sort" value={filters.sort} />
      <input type="hidden" name="dir" value={filters.dir} />
      <input type="hidden" name="size" value={filters.size} />
      <div className="filter-actions">
        <button type="submit" className="button">Apply</button>
        {filtered ? <Link to="/agreements" className="button button-quiet">Clear filters</Link> : null}
      </div>
    </Form>
  );
}

function DayField({ name, label, value }: { name: string; label: string; value: string | undefined }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input type="date" name={name} defaultValue={value ?? ""} />
    </label>
  );
}

function ChoiceField({ name, label, none, options, value }: { name: string; label: string; none: string; options: Option[]; value: string | undefined }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{none}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>{o.label}</option>
        ))}
      </select>
    </label>
  );
}

export function AgreementResults({
  rows,
  total,
  filters,
  filtered,
  hiddenColumns,
}: {
  rows: AgreementTableRow[];
  total: number;
  filters: ShownFilters;
  filtered: boolean;
  hiddenColumns: OptionalColumn[];
}) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const searching = navigation.location?.pathname === "/agreements";
  const columns = useHiddenColumns(hiddenColumns);
  return (
    <div className={searching ? "results is-loading" : "results"} aria-busy={searching}>
      {rows.length ? (
        <>
          <div className="results-tools">
            <ColumnChooser hidden={columns.hidden} onToggle={columns.toggle} />
          </div>
          <AgreementTable
            id="results"
            rows={rows}
            hide={columns.hidden}
            caption={filters.archived === "only" ? "Archived agreements" : "Agreements matching the filters"}
            sort={{
              column: filters.sort,
              dir: filters.dir,
              hrefFor: (sort, dir) => withParams(params, { sort, dir, page: null }),
            }}
          />
          <div className="table-footer">
            <Pagination page={filters.page} size={filters.size} total={total} hrefFor={(page) => withParams(params, { page })} />
            <label className="field field-inline">
              <span className="field-label">Rows per page</span>
              <select
                value={filters.size}
                onChange={(e) => navigate(withParams(params, { size: e.target.value, page: null }), { preventScrollReset: true })}
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>{n}</option>
                ))}
              </select>
            </label>
          </div>
        </>
      ) : (
        <div className="empty-state" id="results" tabIndex={-1}>
          <h2>No agreements found</h2>
          <p>{filtered ? "Nothing matches these filters. Try fewer filters or another search." : "No agreements have been recorded yet."}</p>
          {filtered ? <Link to="/agreements" className="button">Clear filters</Link> : null}
        </div>
      )}
    </div>
  );
}

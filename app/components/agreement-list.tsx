/**
 * The agreement list's two halves: the filter form (every filter in the
 * URL, applied as it changes; typing waits for a pause) and the results
 * (sortable table, pagination, rows per page, the empty state).
 */
import { Form, Link, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { PAGE_SIZES, type AgreementFilters } from "~/domain/agreement-filters";
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, PARTNER_KINDS } from "~/domain/vocabulary";
import { withParams } from "~/utils/url";
import { AgreementTable, type AgreementTableRow } from "./agreement-table";
import { MultiSelect, vocabularyOptions } from "./multi-select";
import { Pagination } from "./pagination";

type Option = { id: string; label: string };
/** The filters as the page has them: dates as YYYY-MM-DD. */
type ShownFilters = Omit<AgreementFilters, "endFrom" | "endTo" | "noticeFrom" | "noticeTo"> & {
  endFrom?: string; endTo?: string; noticeFrom?: string; noticeTo?: string;
};

/** Submits the form as its fields change: at once for choices, after a pause for typing. */
function useAutoSubmit() {
  const submit = useSubmit();
  const debounce = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(debounce.current), []);
  return (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const isText = (event.target as HTMLElement).getAttribute("type") === "search";
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => submit(form, { replace: isText, preventScrollReset: true }), isText ? 300 : 0);
  };
}

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
  const [params] = useSearchParams();
  const onChange = useAutoSubmit();
  return (
    <Form method="get" className="filters" onChange={onChange} role="search" aria-label="Filter agreements" key={params.toString()}>
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
      <MultiSelect name="status" label="Status" options={vocabularyOptions(AGREEMENT_STATUSES)} selected={filters.status} />
      <MultiSelect name="kind" label="Kind" options={vocabularyOptions(AGREEMENT_KINDS)} selected={filters.kind} />
      <label className="field">
        <span className="field-label">HT unit</span>
        <select name="unit" defaultValue={filters.unit ?? ""}>
          <option value="">Any unit</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>{u.label}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Partner</span>
        <select name="partner" defaultValue={filters.partner ?? ""}>
          <option value="">Any partner</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>{p.label}</option>
          ))}
        </select>
      </label>
      <MultiSelect name="partnerKind" label="Partner kind" options={vocabularyOptions(PARTNER_KINDS)} selected={filters.partnerKind} />
      <label className="field">
        <span className="field-label">Ends from</span>
        <input type="date" name="endFrom" defaultValue={filters.endFrom ?? ""} />
      </label>
      <label className="field">
        <span className="field-label">Ends by</span>
        <input type="date" name="endTo" defaultValue={filters.endTo ?? ""} />
      </label>
      <label className="field">
        <span className="field-label">Notice deadline from</span>
        <input type="date" name="noticeFrom" defaultValue={filters.noticeFrom ?? ""} />
      </label>
      <label className="field">
        <span className="field-label">Notice deadline by</span>
        <input type="date" name="noticeTo" defaultValue={filters.noticeTo ?? ""} />
      </label>
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

export function AgreementResults({
  rows,
  total,
  filters,
  filtered,
}: {
  rows: AgreementTableRow[];
  total: number;
  filters: ShownFilters;
  filtered: boolean;
}) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const searching = navigation.location?.pathname === "/agreements";
  return (
    <div className={searching ? "results is-loading" : "results"} aria-busy={searching}>
      {rows.length ? (
        <>
          <AgreementTable
            rows={rows}
            caption="Agreements matching the filters"
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
        <div className="empty-state">
          <h2>No agreements found</h2>
          <p>{filtered ? "Nothing matches these filters. Try fewer filters or another search." : "No agreements have been recorded yet."}</p>
          {filtered ? <Link to="/agreements" className="button">Clear filters</Link> : null}
        </div>
      )}
    </div>
  );
}

/**
 * The overview's charts, each with its table behind it: agreements by
 * status, agreements started per year by kind, agreements starting and
 * ending per quarter, and the value of agreements by HT centre.
 */
import { AGREEMENT_KIND_SHORT, AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKind } from "~/domain/vocabulary";
import { formatEuro } from "~/utils/format";
import { BarChart } from "./charts/bar-chart";
import { ChartFrame } from "./charts/chart-frame";
import { PairedColumns, StackedColumns } from "./charts/column-chart";

export interface OverviewChartData {
  byYear: { year: string; counts: Partial<Record<AgreementKind, number>> }[];
  kinds: AgreementKind[];
  quarters: { quarter: string; starting: number; ending: number }[];
  currentQuarter: string;
  valueByCentre: { id: string; name: string; cents: number }[];
}

const STATUS_COLOURS: Record<string, string> = {
  DRAFT: "#5f6f7a", NEGOTIATION: "#0d5a94", LEGAL_REVIEW: "#5b2d9c", AWAITING_SIGNATURE: "#8a5300",
  ACTIVE: "#1a6e45", EXPIRED: "#8e2a21", TERMINATED: "#8b1a1a", SUPERSEDED: "#555555",
};

function SimpleTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="data-table compact">
      <caption className="visually-hidden">{caption}</caption>
      <thead><tr>{head.map((h, i) => <th key={h} scope="col" className={i ? "col-num" : undefined}>{h}</th>)}</tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>{r.map((c, i) => (i ? <td key={i} className="col-num">{c}</td> : <th key={i} scope="row">{c}</th>))}</tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatusChart({ counts }: { counts: Record<string, number> }) {
  const bars = AGREEMENT_STATUSES.values.map((s) => ({ key: s, label: AGREEMENT_STATUSES.label(s), value: counts[s] ?? 0, colour: STATUS_COLOURS[s] }));
  const top = [...bars].sort((a, b) => b.value - a.value)[0];
  return (
    <ChartFrame id="chart-status" title="Agreements by status" summary={`Most agreements are ${top?.label.toLowerCase()} (${top?.value.toLocaleString("en-GB")}).`}
      table={<SimpleTable caption="Agreements by status" head={["Status", "Agreements"]} rows={bars.map((b) => [b.label, b.value])} />}>
      <BarChart bars={bars} />
    </ChartFrame>
  );
}

export function OverviewCharts({ data }: { data: OverviewChartData }) {
  const started = data.byYear.map((y) => ({ key: y.year, values: y.counts as Record<string, number> }));
  const totalByYear = data.byYear.map((y) => Object.values(y.counts).reduce((a, b) => a + (b ?? 0), 0));
  const busiest = data.byYear[totalByYear.indexOf(Math.max(...totalByYear))]?.year;
  const now = data.quarters.find((q) => q.quarter === data.currentQuarter);
  const totalValue = data.valueByCentre.reduce((a, c) => a + c.cents, 0);
  return (
    <div className="chart-grid">
      <ChartFrame id="chart-kind-year" title="Agreements started per year, by kind"
        summary={`${data.byYear[0]?.year}–${data.byYear.at(-1)?.year}; the busiest year was ${busiest}.`}
        table={<SimpleTable caption="Agreements started per year, by kind" head={["Year", ...data.kinds.map((k) => AGREEMENT_KIND_SHORT[k]), "All"]}
          rows={data.byYear.map((y, i) => [y.year, ...data.kinds.map((k) => y.counts[k] ?? 0), totalByYear[i]!])} />}>
        <StackedColumns categories={started} series={data.kinds.map((k) => ({ key: k, label: AGREEMENT_KIND_SHORT[k] ?? AGREEMENT_KINDS.label(k) }))} />
      </ChartFrame>
      <ChartFrame id="chart-quarters" title="Starting and ending per quarter"
        summary={`The last eight quarters and the next four; this quarter ${now?.starting ?? 0} start and ${now?.ending ?? 0} end.`}
        table={<SimpleTable caption="Agreements starting and ending per quarter" head={["Quarter", "Starting", "Ending"]}
          rows={data.quarters.map((q) => [q.quarter, q.starting, q.ending])} />}>
        <PairedColumns rows={data.quarters.map((q) => ({ key: q.quarter, up: q.starting, down: q.ending }))} current={data.currentQuarter} />
      </ChartFrame>
      <ChartFrame id="chart-value" title="Value by HT centre"
        summary={data.valueByCentre.length ? `${formatEuro(totalValue, { round: true })} in all; ${data.valueByCentre[0]!.name} leads.` : "No agreement records a value yet."}
        table={<SimpleTable caption="Value of agreements by HT centre" head={["Centre", "Value"]}
          rows={data.valueByCentre.map((c) => [c.name, formatEuro(c.cents, { round: true })])} />}>
        <BarChart bars={data.valueByCentre.map((c) => ({ key: c.id, label: c.name, value: c.cents }))} format={(n) => formatEuro(n, { round: true })} />
      </ChartFrame>
    </div>
  );
}

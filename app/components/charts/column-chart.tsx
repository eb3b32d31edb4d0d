/**
 * Columns over time: stacked by series (agreements started per year, by
 * kind) with d3's stack, or paired above and below a baseline (agreements
 * starting and ending per quarter). Plain SVG on d3 scales, with a legend.
 */
import { scaleBand, scaleLinear } from "d3-scale";
import { stack } from "d3-shape";
import { SERIES_COLOURS } from "./chart-frame";

const W = 620;
const H = 230;
const M = { top: 10, right: 8, bottom: 28, left: 36 };

function Axis({ max, y }: { max: number; y: (n: number) => number }) {
  const ticks = scaleLinear().domain([0, max]).nice().ticks(4);
  return (
    <g className="chart-axis">
      {ticks.map((t) => (
        <g key={t} transform={`translate(0, ${y(t)})`}>
          <line x1={M.left} x2={W - M.right} className="chart-grid" />
          <text x={M.left - 6} dy="0.35em" textAnchor="end">{t}</text>
        </g>
      ))}
    </g>
  );
}

export function StackedColumns({ categories, series }: {
  categories: { key: string; values: Record<string, number> }[];
  series: { key: string; label: string }[];
}) {
  const x = scaleBand().domain(categories.map((c) => c.key)).range([M.left, W - M.right]).padding(0.25);
  const stacked = stack<{ key: string; values: Record<string, number> }>().keys(series.map((s) => s.key)).value((d, k) => d.values[k] ?? 0)(categories);
  const max = Math.max(1, ...categories.map((c) => Object.values(c.values).reduce((a, b) => a + b, 0)));
  const y = scaleLinear().domain([0, max]).nice().range([H - M.bottom, M.top]);
  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} className="column-chart" aria-hidden="true" focusable="false">
        <Axis max={max} y={y} />
        {stacked.map((layer, i) => (
          <g key={layer.key} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}>
            {layer.map((d) => (
              <rect key={d.data.key} x={x(d.data.key)} y={y(d[1])} width={x.bandwidth()} height={Math.max(0, y(d[0]) - y(d[1]))} />
            ))}
          </g>
        ))}
        {categories.map((c) => (
          <text key={c.key} x={(x(c.key) ?? 0) + x.bandwidth() / 2} y={H - 8} textAnchor="middle" className="chart-label">{c.key}</text>
        ))}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.key}><span className="legend-swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} />{s.label}</li>
        ))}
      </ul>
    </>
  );
}

export function PairedColumns({ rows, current }: { rows: { key: string; up: number; down: number }[]; current: string }) {
  const x = scaleBand().domain(rows.map((r) => r.key)).range([M.left, W - M.right]).padding(0.2);
  const max = Math.max(1, ...rows.flatMap((r) => [r.up, r.down]));
  const y = scaleLinear().domain([0, max]).nice().range([H - M.bottom, M.top]);
  const half = x.bandwidth() / 2;
  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} className="column-chart" aria-hidden="true" focusable="false">
        <Axis max={max} y={y} />
        {rows.map((r) => (
          <g key={r.key} transform={`translate(${x(r.key)}, 0)`}>
            {r.key === current ? <rect x={-3} y={M.top} width={x.bandwidth() + 6} height={H - M.bottom - M.top} className="chart-now" /> : null}
            <rect x={0} y={y(r.up)} width={half - 1} height={y(0) - y(r.up)} fill="#1a6e45" />
            <rect x={half + 1} y={y(r.down)} width={half - 1} height={y(0) - y(r.down)} fill="#b3261e" />
            <text x={x.bandwidth() / 2} y={H - 8} textAnchor="middle" className="chart-label chart-label-small">{r.key.replace(" ", "\u00a0")}</text>
          </g>
        ))}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        <li><span className="legend-swatch" style={{ background: "#1a6e45" }} />Starting</li>
        <li><span className="legend-swatch" style={{ background: "#b3261e" }} />Ending</li>
        <li><span className="legend-swatch chart-now-swatch" />This quarter</li>
      </ul>
    </>
  );
}

/**
 * Horizontal bars, one per row (agreements by status, value by centre):
 * plain SVG on a d3 linear scale, each bar labelled with its value.
 */
import { scaleLinear } from "d3-scale";

export interface Bar { key: string; label: string; value: number; colour?: string }

export function BarChart({ bars, format = (n) => n.toLocaleString("en-GB") }: { bars: Bar[]; format?: (n: number) => string }) {
  const width = 560;
  const labelWidth = 190;
  const row = 26;
  const x = scaleLinear().domain([0, Math.max(1, ...bars.map((b) => b.value))]).range([0, width - labelWidth - 90]);
  return (
    <svg viewBox={`0 0 ${width} ${bars.length * row + 4}`} className="bar-chart" aria-hidden="true" focusable="false">
      {bars.map((b, i) => (
        <g key={b.key} transform={`translate(0, ${i * row + 2})`}>
          <text x={labelWidth - 8} y={row / 2} dy="0.35em" textAnchor="end" className="chart-label">{b.label}</text>
          <rect x={labelWidth} y={4} width={Math.max(b.value ? 2 : 0, x(b.value))} height={row - 8} rx={3} fill={b.colour ?? "#0b4f6c"} />
          <text x={labelWidth + x(b.value) + 6} y={row / 2} dy="0.35em" className="chart-value">{format(b.value)}</text>
        </g>
      ))}
    </svg>
  );
}

import { ChartFrame } from "./chart-frame";
import { Legend, LegendItem } from "./legend";
import type { OutcomePlotRow } from "./outcome-plot";
import { OutcomePlot } from "./plots";

/** Series differ by colour and are named in the legend; every bar carries its value as text, and the table under the chart every number: never colour alone. */
const SERIES_STYLES = [
  { fill: "#93c5fd", stroke: "#1d4ed8" },
  { fill: "#fcd34d", stroke: "#92400e" },
  { fill: "#c4b5fd", stroke: "#5b21b6" },
  { fill: "#86efac", stroke: "#166534" },
  { fill: "#fda4af", stroke: "#9f1239" },
  { fill: "#cbd5e1", stroke: "#334155" },
] as const;

export type OutcomeChartSeries = { key: string; label: string };
/** One category (x) with a value per series; null: suppressed or not measured (no bar). */
export type OutcomeChartRow = OutcomePlotRow;

/**
 * A grouped bar chart of outcome figures (the Outcomes page), rendered on the
 * server but for its drawing (outcome-plot.tsx, loaded lazily when the chart
 * comes near the viewport, after the page is idle: Recharts is not part of the
 * page's first load). The data table under it, rendered by the page, holds
 * every number, "<5" cells included.
 */
export function OutcomeBarChart({
  label,
  series,
  rows,
  unit,
  height = 240,
}: {
  label: string;
  series: OutcomeChartSeries[];
  rows: OutcomeChartRow[];
  unit: "%" | "days" | "episodes";
  height?: number;
}) {
  const styled = series.map((s, i) => ({ ...s, ...SERIES_STYLES[i % SERIES_STYLES.length]! }));
  return (
    <div>
      {styled.length > 1 ? (
        <Legend>
          {styled.map((s) => (
            <LegendItem
              key={s.key}
              swatch={<span className="inline-block h-3 w-3 border" style={{ background: s.fill, borderColor: s.stroke }} />}
            >
              {s.label}
            </LegendItem>
          ))}
        </Legend>
      ) : null}
      <ChartFrame label={label} height={height}>
        <OutcomePlot series={styled} rows={rows} unit={unit} />
      </ChartFrame>
    </div>
  );
}

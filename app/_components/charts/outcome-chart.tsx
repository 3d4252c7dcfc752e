"use client";

import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame } from "./chart-frame";
import { COLOURS } from "./format";
import { Legend, LegendItem } from "./legend";

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
export type OutcomeChartRow = { category: string } & Record<string, number | string | null>;

/**
 * A grouped bar chart of outcome figures (the Outcomes page): the data table
 * under it, rendered by the page, holds every number, "<5" cells included.
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
  const suffix = unit === "%" ? "%" : unit === "days" ? " d" : "";
  return (
    <div>
      {series.length > 1 ? (
        <Legend>
          {series.map((s, i) => {
            const style = SERIES_STYLES[i % SERIES_STYLES.length]!;
            return (
              <LegendItem
                key={s.key}
                swatch={<span className="inline-block h-3 w-3 border" style={{ background: style.fill, borderColor: style.stroke }} />}
              >
                {s.label}
              </LegendItem>
            );
          })}
        </Legend>
      ) : null}
      <ChartFrame label={label} height={height}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 18, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid stroke={COLOURS.grid} vertical={false} />
            <XAxis dataKey="category" tick={{ fontSize: 11, fill: COLOURS.axis }} interval={0} />
            <YAxis
              tick={{ fontSize: 11, fill: COLOURS.axis }}
              domain={unit === "%" ? [0, 100] : [0, "auto"]}
              unit={suffix}
              width={44}
              allowDecimals={false}
            />
            <Tooltip formatter={(v) => (v === null || v === undefined ? "<5 or none" : `${String(v)}${suffix}`)} />
            {series.map((s, i) => {
              const style = SERIES_STYLES[i % SERIES_STYLES.length]!;
              return (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={style.fill} stroke={style.stroke} isAnimationActive={false}>
                  <LabelList
                    dataKey={s.key}
                    position="top"
                    fontSize={10}
                    fill={COLOURS.axis}
                    formatter={(v) => (v === null || v === undefined ? "" : `${String(v)}${suffix}`)}
                  />
                </Bar>
              );
            })}
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
    </div>
  );
}

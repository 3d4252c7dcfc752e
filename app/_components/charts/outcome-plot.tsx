"use client";

import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFrameSize } from "./frame-size";
import { COLOURS } from "./format";

/**
 * The drawing of an outcome bar chart (Recharts), loaded by the browser only
 * when the chart comes near the viewport and the page is idle (plots.tsx,
 * chart-frame.tsx). Its legend is rendered on the server by outcome-chart.tsx
 * and its numbers by the page's table.
 */

export type OutcomePlotSeries = { key: string; label: string; fill: string; stroke: string };
/** One category (x) with a value per series; null: suppressed or not measured (no bar). */
export type OutcomePlotRow = { category: string } & Record<string, number | string | null>;

export type OutcomePlotProps = {
  series: OutcomePlotSeries[];
  rows: OutcomePlotRow[];
  unit: "%" | "days" | "episodes";
};

export default function OutcomePlot({ series, rows, unit }: OutcomePlotProps) {
  const frame = useFrameSize({ width: 640, height: 240 });
  const suffix = unit === "%" ? "%" : unit === "days" ? " d" : "";
  const valueText = (v: unknown) => (v === null || v === undefined ? "" : `${String(v)}${suffix}`);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={frame}>
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
        <Tooltip formatter={(v) => valueText(v) || "<5 or none"} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.fill} stroke={s.stroke} isAnimationActive={false}>
            <LabelList dataKey={s.key} position="top" fontSize={10} fill={COLOURS.axis} formatter={valueText} />
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

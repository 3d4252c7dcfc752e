"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrainingDetailWeek } from "@/lib/clinical/training-detail";
import { formatPace } from "@/lib/format";
import { COLOURS, formatDate, shortDate } from "./format";

/**
 * The drawing of one of the small charts of descent, pace and cadence per week
 * (Recharts), loaded by the browser only when it comes near the viewport
 * (plots.tsx); training-detail-chart.tsx renders the rest on the server.
 */

/** How the values are written: metres, min:ss per km, or whole numbers. */
export type DetailFormat = "metres" | "pace" | "whole";

const FORMATS: Record<DetailFormat, (v: number) => string> = {
  metres: (v) => `${Math.round(v)} m`,
  pace: (v) => formatPace(v),
  whole: (v) => `${Math.round(v)}`,
};

export type TrainingDetailPlotProps = {
  weeks: TrainingDetailWeek[];
  dataKey: keyof TrainingDetailWeek;
  kind: "bar" | "line";
  unit: string;
  format: DetailFormat;
  reversed?: boolean;
};

export default function TrainingDetailPlot({ weeks, dataKey, kind, unit, format: formatKey, reversed }: TrainingDetailPlotProps) {
  const format = FORMATS[formatKey];
  const common = (
    <>
      <CartesianGrid stroke={COLOURS.grid} vertical={false} />
      <XAxis
        dataKey="weekStart"
        tickFormatter={(d: string) => shortDate(d)}
        stroke={COLOURS.axis}
        tick={{ fontSize: 10 }}
        minTickGap={16}
      />
      <YAxis
        stroke={COLOURS.axis}
        tick={{ fontSize: 10 }}
        width={48}
        reversed={reversed}
        domain={kind === "bar" ? [0, "auto"] : ["auto", "auto"]}
        tickFormatter={(v: number) => format(v)}
      />
      <Tooltip
        isAnimationActive={false}
        content={(p) => {
          const row = p.active ? (p.payload?.[0]?.payload as TrainingDetailWeek | undefined) : undefined;
          const v = row?.[dataKey];
          return row ? (
            <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow">
              Week of {formatDate(row.weekStart)}: {typeof v === "number" ? `${format(v)} ${unit}` : "not recorded"}
            </div>
          ) : null;
        }}
      />
    </>
  );
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 300, height: 150 }}>
      {kind === "bar" ? (
        <BarChart data={weeks} margin={{ top: 6, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          {common}
          <Bar dataKey={dataKey} fill={COLOURS.bar} stroke={COLOURS.barStroke} strokeWidth={0.5} isAnimationActive={false} />
        </BarChart>
      ) : (
        <LineChart data={weeks} margin={{ top: 6, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          {common}
          <Line dataKey={dataKey} stroke={COLOURS.line} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}

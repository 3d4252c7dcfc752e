"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFrameSize } from "./frame-size";
import { fromDayNumber } from "@/lib/clinical/dates";
import { formatPace } from "@/lib/format";
import { COLOURS, formatDate, shortDate } from "./format";

/**
 * The drawing of one of the small charts of descent, pace and cadence per week
 * (Recharts), loaded by the browser only when it comes near the viewport
 * (plots.tsx); training-detail-chart.tsx renders the rest on the server and
 * gives each plot only its own values.
 */

/** How the values are written: metres, min:ss per km, or whole numbers. */
export type DetailFormat = "metres" | "pace" | "whole";

const FORMATS: Record<DetailFormat, (v: number) => string> = {
  metres: (v) => `${Math.round(v)} m`,
  pace: (v) => formatPace(v),
  whole: (v) => `${Math.round(v)}`,
};

export type TrainingDetailPlotProps = {
  /** The Mondays (day numbers) of the weeks: one array shared by the three plots, sent once in the page's payload. */
  weeks: readonly number[];
  /** The value of each week, null where none of its runs recorded it. */
  values: readonly (number | null)[];
  kind: "bar" | "line";
  unit: string;
  format: DetailFormat;
  reversed?: boolean;
};

type Row = { x: number; v: number | null };

export default function TrainingDetailPlot({ weeks, values, kind, unit, format: formatKey, reversed }: TrainingDetailPlotProps) {
  const frame = useFrameSize({ width: 300, height: 150 });
  const format = FORMATS[formatKey];
  const rows: Row[] = weeks.map((x, i) => ({ x, v: values[i] ?? null }));
  const common = (
    <>
      <CartesianGrid stroke={COLOURS.grid} vertical={false} />
      <XAxis
        dataKey="x"
        tickFormatter={(d: number) => shortDate(fromDayNumber(d))}
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
          const row = p.active ? (p.payload?.[0]?.payload as Row | undefined) : undefined;
          const v = row?.v;
          return row ? (
            <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow">
              Week of {formatDate(fromDayNumber(row.x))}: {typeof v === "number" ? `${format(v)} ${unit}` : "not recorded"}
            </div>
          ) : null;
        }}
      />
    </>
  );
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={frame}>
      {kind === "bar" ? (
        <BarChart data={rows} margin={{ top: 6, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          {common}
          <Bar dataKey="v" fill={COLOURS.bar} stroke={COLOURS.barStroke} strokeWidth={0.5} isAnimationActive={false} />
        </BarChart>
      ) : (
        <LineChart data={rows} margin={{ top: 6, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          {common}
          <Line dataKey="v" stroke={COLOURS.line} strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        </LineChart>
      )}
    </ResponsiveContainer>
  );
}

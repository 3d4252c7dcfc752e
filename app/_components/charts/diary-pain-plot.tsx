"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFrameSize } from "./frame-size";
import { fromDayNumber } from "@/lib/clinical/dates";
import { formatDate } from "@/lib/format";
import { shortDate } from "./format";
import { DIARY_VALUES } from "./plot-data";

/**
 * The drawing of the diary pain chart (Recharts), loaded by the browser only
 * when it comes near the viewport (plots.tsx); diary-pain-chart.tsx renders
 * the rest, the table included, on the server, and gives this the numbers
 * only.
 */

const SERIES = [
  { key: "during", name: "During the run (diary)", colour: "#b91c1c", dash: undefined, shape: "circle" },
  { key: "after", name: "Right after (diary)", colour: "#c2410c", dash: "6 3", shape: "square" },
  { key: "morning", name: "Next morning (diary)", colour: "#6d28d9", dash: "2 3", shape: "triangle" },
  { key: "clinic", name: "During running (clinic, signed)", colour: "#0f172a", dash: "1 0", shape: "diamond" },
] as const;

const STAGE_NAME = "Return-to-run stage (right axis)";

/**
 * `days`: one per day charted, [day number, then the DIARY_VALUES of the day, null where none];
 * `topStage`: the highest stage of the plan's decisions (null: no plan, no stage axis).
 */
export type DiaryPainPlotProps = { days: (number | null)[][]; topStage: number | null };

type Row = { x: number } & Partial<Record<(typeof DIARY_VALUES)[number], number>>;

export default function DiaryPainPlot({ days, topStage }: DiaryPainPlotProps) {
  const frame = useFrameSize({ width: 640, height: 200 });
  const rows = days.map(([x, ...values]) => {
    const row: Row = { x: x as number };
    DIARY_VALUES.forEach((key, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) row[key] = v;
    });
    return row;
  });
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={frame}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey="x" tickFormatter={(d: number) => shortDate(fromDayNumber(d))} fontSize={11} />
        <YAxis yAxisId="pain" domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} fontSize={11} width={28} />
        {topStage !== null ? (
          <YAxis
            yAxisId="stage"
            orientation="right"
            domain={[0, topStage]}
            allowDecimals={false}
            fontSize={11}
            width={28}
            label={{ value: "Stage", angle: 90, fontSize: 11 }}
          />
        ) : null}
        <Tooltip
          labelFormatter={(d) => formatDate(fromDayNumber(Number(d)))}
          formatter={(v, name) => (name === STAGE_NAME ? `stage ${String(v)}` : `${String(v)} / 10`)}
        />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {SERIES.map((s) => (
          <Line
            key={s.key}
            yAxisId="pain"
            dataKey={s.key}
            name={s.name}
            stroke={s.colour}
            strokeDasharray={s.dash}
            dot={{ r: 3 }}
            legendType={s.shape}
            connectNulls
            isAnimationActive={false}
          />
        ))}
        {topStage !== null ? (
          <Line
            yAxisId="stage"
            dataKey="stage"
            name={STAGE_NAME}
            type="stepAfter"
            stroke="#0369a1"
            strokeWidth={2}
            strokeDasharray="8 2 2 2"
            dot={false}
            legendType="rect"
            connectNulls
            isAnimationActive={false}
          />
        ) : null}
      </LineChart>
    </ResponsiveContainer>
  );
}

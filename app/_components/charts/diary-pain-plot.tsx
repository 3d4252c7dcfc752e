"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDate } from "@/lib/format";
import { shortDate } from "./format";

/**
 * The drawing of the diary pain chart (Recharts), loaded by the browser only
 * when it comes near the viewport (plots.tsx); diary-pain-chart.tsx renders
 * the rest, the table included, on the server.
 */

export type DiaryPainRow = { date: string; during?: number; after?: number; morning?: number; clinic?: number };

const SERIES = [
  { key: "during", name: "During the run (diary)", colour: "#b91c1c", dash: undefined, shape: "circle" },
  { key: "after", name: "Right after (diary)", colour: "#c2410c", dash: "6 3", shape: "square" },
  { key: "morning", name: "Next morning (diary)", colour: "#6d28d9", dash: "2 3", shape: "triangle" },
  { key: "clinic", name: "During running (clinic, signed)", colour: "#0f172a", dash: "1 0", shape: "diamond" },
] as const;

export type DiaryPainPlotProps = { rows: DiaryPainRow[] };

export default function DiaryPainPlot({ rows }: DiaryPainPlotProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" />
        <XAxis dataKey="date" tickFormatter={shortDate} fontSize={11} />
        <YAxis domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} fontSize={11} width={28} />
        <Tooltip labelFormatter={(d) => formatDate(String(d))} formatter={(v) => `${String(v)} / 10`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {SERIES.map((s) => (
          <Line
            key={s.key}
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
      </LineChart>
    </ResponsiveContainer>
  );
}

"use client";

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useFrameSize } from "./frame-size";
import { dayNumber, fromDayNumber } from "@/lib/clinical/dates";
import { EVENT_COLOUR, EVENT_DASH, EventMarker, markDrawOrder } from "./event-marker";
import { EVENT_SYMBOL, type EventMark } from "./event-kinds";
import { COLOURS, dayTickLabel, formatAcwr, formatDate, formatKmValue } from "./format";

/**
 * The drawing of the training chart (Recharts), loaded by the browser only
 * when the chart comes near the viewport (plots.tsx). The numbers, ticks and
 * texts come worked out from the server (training-chart.tsx
 * `trainingPlotProps`): the page's payload carries what is drawn, not the
 * series.
 */

/** A white outline behind label text, readable over the bars. */
const HALO = { stroke: "#ffffff", strokeWidth: 3, paintOrder: "stroke" } as const;

export type TrainingPlotProps = {
  /** One per week: [day number of its Monday, km, ACWR or null, runs, longest run km]. */
  weeks: [number, number, number | null, number, number][];
  /** The day the last week's ACWR is computed at (today, or its Sunday); every other week's is its Sunday. */
  lastAcwrDay: number;
  /** Each single-run spike in words, with the Monday (day number) of its week. */
  spikes: [number, string][];
  /** Marks of the events, each on the week that holds it. */
  marks: EventMark[];
  /** Ticks of the week axis (day numbers of Mondays), and whether they name months. */
  ticks: number[];
  monthTicks: boolean;
  /** The top of the ACWR axis. */
  acwrTop: number;
  /** The label of the ACWR band (ACWR_BAND_LABEL). */
  bandLabel: string;
};

interface Row {
  x: number;
  km: number;
  acwr: number | null;
  runs: number;
  longestKm: number;
  spikeTexts: string[];
  /** Number of spikes in the week (the marker above the bar), 0 for none. */
  spikeCount: number;
}

function rowsOf({ weeks, spikes }: Pick<TrainingPlotProps, "weeks" | "spikes">): Row[] {
  return weeks.map(([x, km, acwr, runs, longestKm]) => {
    const spikeTexts = spikes.filter(([week]) => week === x).map(([, text]) => text);
    return { x, km, acwr, runs, longestKm, spikeTexts, spikeCount: spikeTexts.length };
  });
}

// eslint-disable-next-line max-lines-per-function -- one recharts composition (axes, series, reference lines)
export default function TrainingPlot(props: TrainingPlotProps) {
  const frame = useFrameSize({ width: 640, height: 280 });
  const { marks, ticks, monthTicks, acwrTop, bandLabel, lastAcwrDay } = props;
  const rows = rowsOf(props);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={frame}>
      <ComposedChart data={rows} margin={{ top: 18, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false} barCategoryGap="15%">
        <CartesianGrid stroke={COLOURS.grid} vertical={false} yAxisId="km" />
        <ReferenceArea
          yAxisId="acwr"
          y1={0.8}
          y2={1.3}
          fill={COLOURS.acwrBand}
          fillOpacity={0.55}
          stroke={COLOURS.acwrBandStroke}
          strokeDasharray="3 3"
          zIndex={350}
          label={{ value: bandLabel, position: "insideBottomLeft", fontSize: 10, fill: "#065f46", ...HALO }}
        />
        <ReferenceLine
          yAxisId="acwr"
          y={1.5}
          stroke={COLOURS.acwrWarning}
          strokeDasharray="6 4"
          label={{ value: "ACWR 1.5", position: "insideTopRight", fontSize: 10, fill: COLOURS.acwrWarning, ...HALO }}
        />
        <XAxis
          dataKey="x"
          ticks={ticks}
          interval={0}
          tickFormatter={(d: number) => dayTickLabel(d, monthTicks)}
          stroke={COLOURS.axis}
          tick={{ fontSize: 11 }}
        />
        <YAxis
          yAxisId="km"
          stroke={COLOURS.axis}
          tick={{ fontSize: 11 }}
          width={54}
          allowDecimals={false}
          tickFormatter={(v: number) => `${v} km`}
        />
        <YAxis
          yAxisId="acwr"
          orientation="right"
          domain={[0, acwrTop]}
          stroke={COLOURS.acwr}
          tick={{ fontSize: 11 }}
          width={34}
          tickFormatter={(v: number) => v.toFixed(1)}
        />
        {markDrawOrder(marks).map((m) => (
          <ReferenceLine
            key={`${m.date}-${m.kind}`}
            yAxisId="km"
            x={dayNumber(m.date)}
            stroke={EVENT_COLOUR[m.kind]}
            strokeDasharray={EVENT_DASH[m.kind]}
            strokeWidth={m.kind === "red_flag" ? 1.5 : 1}
            label={(props: { viewBox?: { x?: number; y?: number; width?: number } }) => (
              <EventMarker mark={m} viewBox={{ x: (props.viewBox?.x ?? 0) + (props.viewBox?.width ?? 0) / 2, y: props.viewBox?.y ?? 0 }} />
            )}
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          content={(p) => {
            const row = p.active ? (p.payload?.[0]?.payload as Row | undefined) : undefined;
            if (!row) return null;
            const weekStart = fromDayNumber(row.x);
            const weekMarksOfRow = marks.filter((m) => m.date === weekStart);
            return (
              <div className="max-w-72 rounded border border-slate-300 bg-white px-2 py-1.5 text-xs text-slate-800 shadow">
                <p className="font-semibold">Week of {formatDate(weekStart)}</p>
                <p>
                  Distance: {formatKmValue(row.km)} ({row.runs} run{row.runs === 1 ? "" : "s"}
                  {row.runs ? `, longest ${formatKmValue(row.longestKm)}` : ""})
                </p>
                <p>
                  ACWR on {formatDate(fromDayNumber(Math.min(row.x + 6, lastAcwrDay)))}: {formatAcwr(row.acwr)}
                  {row.acwr !== null && row.acwr > 1.5 ? " (above 1.5)" : ""}
                </p>
                {row.spikeTexts.map((text, i) => (
                  <p key={`s-${i}`} className="text-orange-900">
                    ▲ Spike {text}
                  </p>
                ))}
                {weekMarksOfRow.flatMap((m) =>
                  m.labels.map((l, i) => (
                    <p key={`${m.kind}-${i}`} className={m.kind === "red_flag" ? "font-medium text-red-900" : "text-slate-600"}>
                      {EVENT_SYMBOL[m.kind]} {l}
                    </p>
                  )),
                )}
              </div>
            );
          }}
        />
        <Bar
          yAxisId="km"
          dataKey="km"
          name="Weekly distance (km)"
          fill={COLOURS.bar}
          stroke={COLOURS.barStroke}
          strokeWidth={0.5}
          isAnimationActive={false}
        >
          <LabelList
            dataKey="spikeCount"
            content={(l: { x?: number | string; y?: number | string; width?: number | string; index?: number }) => {
              const row = l.index === undefined ? undefined : rows[l.index];
              if (!row || row.spikeCount === 0) return <g />;
              const x = Number(l.x ?? 0) + Number(l.width ?? 0) / 2;
              const y = Number(l.y ?? 0) - 3;
              return (
                <g>
                  <title>{`Week of ${formatDate(fromDayNumber(row.x))}: ${row.spikeTexts.map((text) => `spike ${text}`).join("; ")}`}</title>
                  <path d={`M${x},${y - 8} L${x + 4.5},${y} L${x - 4.5},${y} Z`} fill={COLOURS.spike} stroke="#ffffff" strokeWidth={0.75} />
                </g>
              );
            }}
          />
        </Bar>
        <Line
          yAxisId="acwr"
          type="linear"
          dataKey="acwr"
          name="ACWR"
          stroke={COLOURS.acwr}
          strokeWidth={2}
          dot={rows.length <= 26 ? { r: 2.5, fill: COLOURS.acwr } : false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFrameSize } from "./frame-size";
import { dayNumber, fromDayNumber } from "@/lib/clinical/dates";
import type { MeasureUnit } from "@/lib/clinical/timeline";
import type { PainCompanion } from "@/lib/domain/measures";
import { EVENT_COLOUR, EVENT_DASH, EventMarker, markDrawOrder } from "./event-marker";
import { EVENT_SYMBOL, type EventMark } from "./event-kinds";
import { COLOURS, dayTickLabel, formatDate, formatMeasureValue, timeTicks, valueTicks } from "./format";
import { COMPANION_STYLE, MarkerShape, type Marker } from "./line-styles";

/**
 * The drawing of a measure chart (Recharts), loaded by the browser only when
 * the chart comes near the viewport (plots.tsx, chart-frame.tsx). Everything
 * else of the chart, its table and legend included, is rendered on the server
 * by measure-chart.tsx, which works out the few numbers drawn here
 * (`measurePlotProps`): the page's payload carries them, not the series.
 */

/** The kind of a point's assessment, as one letter: intake, follow-up, or not known. */
export type PlotKind = "i" | "f" | "-";

export type MeasurePlotProps = {
  label: string;
  unit: MeasureUnit;
  /** The companion series drawn beside the measure (pain: worst of the week, during running), with their names. */
  companions: [PainCompanion, string][];
  /** One point per assessment, by day: [day number, score or null, then each companion's score or null]. */
  points: (number | null)[][];
  /** The kind of each point's assessment, one letter per point. */
  kinds: string;
  domain: [number, number];
  baseline: number | null;
  /** The band of important change: [from day, to day, low, high] per stretch judged alike. */
  band: [number, number, number, number][];
  /** The marks of the time axis: the same array for every chart of an episode (sent once in the page's payload). */
  marks: readonly EventMark[];
  minDay: number;
  maxDay: number;
};

interface Row {
  x: number;
  value: number | undefined;
  kind: PlotKind;
  /** Companion values by key (pain: worst of the week, during running). */
  companions: Partial<Record<PainCompanion, number>>;
}

/** recharts calls a function `dot` with the point's position; points without a value get no marker. */
function dotOf(marker: Marker, colour: string) {
  function Dot(props: { cx?: number; cy?: number; index?: number; value?: unknown }) {
    if (props.cx === undefined || props.cy === undefined || props.value === undefined || props.value === null)
      return <g key={`none-${props.index}`} />;
    return <MarkerShape key={`${marker}-${props.index}`} marker={marker} cx={props.cx} cy={props.cy} colour={colour} />;
  }
  return Dot;
}

const KIND_LABEL: Record<PlotKind, string> = { i: "Intake", f: "Follow-up", "-": "" };

function rowsOf({ points, kinds, companions }: Pick<MeasurePlotProps, "points" | "kinds" | "companions">): Row[] {
  return points.map(([x, value, ...rest], i) => {
    const row: Row = { x: x as number, value: value ?? undefined, kind: (kinds[i] ?? "-") as PlotKind, companions: {} };
    companions.forEach(([key], c) => {
      const v = rest[c];
      if (v !== null && v !== undefined) row.companions[key] = v;
    });
    return row;
  });
}

// eslint-disable-next-line max-lines-per-function -- one recharts composition (axes, series, reference lines)
export default function MeasurePlot(props: MeasurePlotProps) {
  const frame = useFrameSize({ width: 320, height: 200 });
  const { label, unit, companions, domain, baseline, band, marks, minDay, maxDay } = props;
  const rows = rowsOf(props);
  const firstScored = rows.find((r) => r.value !== undefined)?.x;
  const { ticks, monthTicks } = timeTicks(minDay, maxDay, 5);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={frame}>
      <LineChart data={rows} margin={{ top: 16, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={COLOURS.grid} vertical={false} />
        {band.map(([x1, x2, low, high]) => (
          <ReferenceArea
            key={`${x1}-${low}-${high}`}
            x1={x1}
            x2={x2}
            y1={low}
            y2={high}
            fill={COLOURS.band}
            fillOpacity={0.9}
            stroke={COLOURS.bandStroke}
            strokeDasharray="3 3"
            ifOverflow="hidden"
          />
        ))}
        {baseline !== null ? <ReferenceLine y={baseline} stroke={COLOURS.baseline} strokeDasharray="5 4" /> : null}
        <XAxis
          type="number"
          dataKey="x"
          domain={[minDay, maxDay]}
          ticks={ticks}
          tickFormatter={(d: number) => dayTickLabel(d, monthTicks)}
          padding={{ left: 14, right: 14 }}
          stroke={COLOURS.axis}
          tick={{ fontSize: 11 }}
          allowDataOverflow
        />
        <YAxis domain={domain} ticks={valueTicks(domain)} width={34} stroke={COLOURS.axis} tick={{ fontSize: 11 }} allowDecimals={false} />
        {markDrawOrder(marks).map((m) => (
          <ReferenceLine
            key={`${m.date}-${m.kind}`}
            x={dayNumber(m.date)}
            stroke={EVENT_COLOUR[m.kind]}
            strokeDasharray={EVENT_DASH[m.kind]}
            strokeWidth={m.kind === "red_flag" ? 1.5 : 1}
            ifOverflow="hidden"
            label={(p: { viewBox?: { x?: number; y?: number } }) => <EventMarker mark={m} viewBox={p.viewBox} />}
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          content={(p) => {
            const row = p.active ? (p.payload?.[0]?.payload as Row | undefined) : undefined;
            if (!row) return null;
            const date = fromDayNumber(row.x);
            const dayMarks = marks.filter((m) => m.date === date);
            return (
              <div className="max-w-64 rounded border border-slate-300 bg-white px-2 py-1.5 text-xs text-slate-800 shadow">
                <p className="font-semibold">
                  {formatDate(date)}
                  {row.kind !== "-" ? ` · ${KIND_LABEL[row.kind]}` : ""}
                </p>
                <p>
                  {label}: {formatMeasureValue(row.value, unit)}
                  {baseline !== null && row.value !== undefined && row.x !== firstScored
                    ? ` (baseline ${formatMeasureValue(baseline, unit)})`
                    : ""}
                </p>
                {companions.map(([key, name]) => (
                  <p key={key}>
                    {name}: {formatMeasureValue(row.companions[key], unit)}
                  </p>
                ))}
                {dayMarks.flatMap((m) =>
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
        {companions.map(([key, name]) => (
          <Line
            key={key}
            type="linear"
            dataKey={(r: Row) => r.companions[key]}
            name={name}
            stroke={COMPANION_STYLE[key].stroke}
            strokeDasharray={COMPANION_STYLE[key].dash}
            strokeWidth={1.5}
            dot={dotOf(COMPANION_STYLE[key].marker, COMPANION_STYLE[key].stroke)}
            activeDot={{ r: 4 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
        <Line
          type="linear"
          dataKey="value"
          name={label}
          stroke={COLOURS.line}
          strokeWidth={2}
          dot={{ r: 3, fill: COLOURS.lineDot, stroke: COLOURS.lineDot }}
          activeDot={{ r: 5 }}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dayNumber } from "@/lib/clinical/dates";
import type { MeasurePoint, MeasureSeries } from "@/lib/clinical/timeline";
import type { PainCompanion } from "@/lib/domain/measures";
import { EVENT_COLOUR, EVENT_DASH, EventMarker, markDrawOrder } from "./event-marker";
import { EVENT_SYMBOL, type EventMark } from "./event-kinds";
import { bandSegments, COLOURS, dayTickLabel, formatDate, formatMeasureValue, timeTicks, valueTicks } from "./format";
import { COMPANION_STYLE, MarkerShape, type Marker } from "./line-styles";
import type { AssessmentKind } from "./types";

/**
 * The drawing of a measure chart (Recharts), loaded by the browser only when
 * the chart comes near the viewport (plots.tsx, chart-frame.tsx). Everything
 * else of the chart, its table and legend included, is rendered on the server
 * by measure-chart.tsx.
 */

interface Row {
  x: number;
  value?: number;
  date: string;
  kind?: AssessmentKind;
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

const KIND_LABEL: Record<AssessmentKind, string> = { intake: "Intake", follow_up: "Follow-up" };

export type MeasurePlotProps = {
  series: MeasureSeries;
  marks: EventMark[];
  kinds: Record<string, AssessmentKind>;
  minDay: number;
  maxDay: number;
};

// eslint-disable-next-line max-lines-per-function -- one recharts composition (axes, series, reference lines)
export default function MeasurePlot({ series, marks, kinds, minDay, maxDay }: MeasurePlotProps) {
  const { unit, band, baseline } = series;
  // One row per assessment, holding the value of each line drawn for it.
  const byAssessment = new Map<string, Row>();
  const rowOf = (p: MeasurePoint): Row => {
    let row = byAssessment.get(p.assessmentId);
    if (!row) {
      const kind = kinds[p.assessmentId];
      row = { x: dayNumber(p.date), date: p.date, companions: {}, ...(kind ? { kind } : {}) };
      byAssessment.set(p.assessmentId, row);
    }
    return row;
  };
  for (const p of series.points) rowOf(p).value = p.value;
  for (const c of series.companions) for (const p of c.points) rowOf(p).companions[c.key] = p.value;
  const rows = [...byAssessment.values()].sort((a, b) => a.x - b.x);
  const { ticks, monthTicks } = timeTicks(minDay, maxDay, 5);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 200 }}>
      <LineChart data={rows} margin={{ top: 16, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={COLOURS.grid} vertical={false} />
        {band
          ? bandSegments(series, minDay, maxDay).map((b) => (
              <ReferenceArea
                key={`${b.x1}-${b.low}-${b.high}`}
                x1={b.x1}
                x2={b.x2}
                y1={b.low}
                y2={b.high}
                fill={COLOURS.band}
                fillOpacity={0.9}
                stroke={COLOURS.bandStroke}
                strokeDasharray="3 3"
                ifOverflow="hidden"
              />
            ))
          : null}
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
        <YAxis
          domain={series.domain}
          ticks={valueTicks(series.domain)}
          width={34}
          stroke={COLOURS.axis}
          tick={{ fontSize: 11 }}
          allowDecimals={false}
        />
        {markDrawOrder(marks).map((m) => (
          <ReferenceLine
            key={`${m.date}-${m.kind}`}
            x={dayNumber(m.date)}
            stroke={EVENT_COLOUR[m.kind]}
            strokeDasharray={EVENT_DASH[m.kind]}
            strokeWidth={m.kind === "red_flag" ? 1.5 : 1}
            ifOverflow="hidden"
            label={(props: { viewBox?: { x?: number; y?: number } }) => <EventMarker mark={m} viewBox={props.viewBox} />}
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          content={(props) => {
            const row = props.active ? (props.payload?.[0]?.payload as Row | undefined) : undefined;
            if (!row) return null;
            const dayMarks = marks.filter((m) => m.date === row.date);
            return (
              <div className="max-w-64 rounded border border-slate-300 bg-white px-2 py-1.5 text-xs text-slate-800 shadow">
                <p className="font-semibold">
                  {formatDate(row.date)}
                  {row.kind ? ` · ${KIND_LABEL[row.kind]}` : ""}
                </p>
                <p>
                  {series.label}: {formatMeasureValue(row.value, unit)}
                  {baseline !== null && row.value !== undefined && row.date !== series.points[0]?.date
                    ? ` (baseline ${formatMeasureValue(baseline, unit)})`
                    : ""}
                </p>
                {series.companions.map((c) => (
                  <p key={c.key}>
                    {c.label}: {formatMeasureValue(row.companions[c.key], unit)}
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
        {series.companions.map((c) => (
          <Line
            key={c.key}
            type="linear"
            dataKey={(r: Row) => r.companions[c.key]}
            name={c.label}
            stroke={COMPANION_STYLE[c.key].stroke}
            strokeDasharray={COMPANION_STYLE[c.key].dash}
            strokeWidth={1.5}
            dot={dotOf(COMPANION_STYLE[c.key].marker, COMPANION_STYLE[c.key].stroke)}
            activeDot={{ r: 4 }}
            connectNulls
            isAnimationActive={false}
          />
        ))}
        <Line
          type="linear"
          dataKey="value"
          name={series.label}
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

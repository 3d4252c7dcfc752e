"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dayNumber } from "@/lib/clinical/dates";
import type { MeasurePoint, MeasureSeries } from "@/lib/clinical/timeline";
import type { PainCompanion } from "@/lib/domain/measures";
import { ChartFrame } from "./chart-frame";
import { MeasureTable } from "./data-tables";
import { EVENT_COLOUR, EVENT_DASH, EventMarker, markDrawOrder } from "./event-marker";
import { EVENT_KIND_LABEL, EVENT_SYMBOL, groupEvents, type EventMark } from "./events";
import {
  bandSegments,
  judgedAsNow,
  COLOURS,
  dayTickLabel,
  formatDate,
  formatMeasureValue,
  judgedWithText,
  measureTitle,
  timeTicks,
  valueTicks,
} from "./format";
import { Legend, LegendItem } from "./legend";
import { measureSummary } from "./summary";
import type { AssessmentKind, TimelineEvent } from "./types";

export interface MeasureChartProps {
  series: MeasureSeries;
  /** Red flags, signing and other events to mark (those outside the time axis are left out). */
  events?: TimelineEvent[];
  /** Intake / follow-up of each assessment by id, for the tooltip and the table. */
  kinds?: Record<string, AssessmentKind>;
  /** The time axis (`YYYY-MM-DD`), shared by the charts of a patient; default: the points and events. */
  from?: string;
  to?: string;
  /** Height of the chart in pixels (default 200). */
  height?: number;
  /** Id of the chart's heading. */
  id?: string;
  /** Level of the chart's heading (default 3). */
  headingLevel?: 3 | 4;
}

interface Row {
  x: number;
  value?: number;
  date: string;
  kind?: AssessmentKind;
  /** Companion values by key (pain: worst of the week, during running). */
  companions: Partial<Record<PainCompanion, number>>;
}

/** How each line is drawn: colour, dash and marker differ, so no line is told by colour alone. */
type Marker = "circle" | "square" | "triangle";
const MAIN_STYLE = { stroke: COLOURS.line, dash: undefined, marker: "circle" as Marker };
const COMPANION_STYLE: Record<PainCompanion, { stroke: string; dash: string; marker: Marker }> = {
  painWorstWeek: { stroke: COLOURS.painWorstWeek, dash: "6 3", marker: "square" },
  painDuringRun: { stroke: COLOURS.painDuringRun, dash: "2 3", marker: "triangle" },
};

function MarkerShape({ marker, cx, cy, colour, size = 3.5 }: { marker: Marker; cx: number; cy: number; colour: string; size?: number }) {
  if (marker === "square")
    return <rect x={cx - size} y={cy - size} width={size * 2} height={size * 2} fill="white" stroke={colour} strokeWidth={1.5} />;
  if (marker === "triangle")
    return (
      <path
        d={`M${cx},${cy - size - 0.5} L${cx + size + 0.5},${cy + size} L${cx - size - 0.5},${cy + size} Z`}
        fill={colour}
        stroke={colour}
      />
    );
  return <circle cx={cx} cy={cy} r={size - 0.5} fill={colour} stroke={colour} />;
}

/** A legend swatch: a short stretch of the line with its marker. */
function LineSwatch({ stroke, dash, marker }: { stroke: string; dash: string | undefined; marker: Marker }) {
  return (
    <svg width="24" height="10" viewBox="0 0 24 10">
      <line x1="0" y1="5" x2="24" y2="5" stroke={stroke} strokeWidth="2" strokeDasharray={dash} />
      <MarkerShape marker={marker} cx={12} cy={5} colour={stroke} size={3} />
    </svg>
  );
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

/**
 * One outcome measure over time: its scores, the band of the important change
 * around the baseline (each score in the band it was judged with when signed), and vertical marks for red flags and signing. With
 * fewer than two scores a sentence replaces the chart. The data table is
 * under the chart.
 */
export function MeasureChart({ series, events = [], kinds = {}, from, to, height = 200, id, headingLevel = 3 }: MeasureChartProps) {
  const Heading = headingLevel === 4 ? "h4" : "h3";
  const { points, unit, band, baseline } = series;
  const pointDays = points.map((p) => dayNumber(p.date));
  const minDay = from ? dayNumber(from) : Math.min(...pointDays, ...events.map((e) => dayNumber(e.date)));
  const maxDay = to ? dayNumber(to) : Math.max(...pointDays, ...events.map((e) => dayNumber(e.date)));
  const marks = groupEvents(events.filter((e) => dayNumber(e.date) >= minDay && dayNumber(e.date) <= maxDay));
  const title = measureTitle(series);
  const first = points[0];
  const companions = series.companions;
  const drawn = Math.max(points.length, ...companions.map((c) => c.points.length)) >= 2;

  return (
    <figure className="min-w-0 rounded-md border border-slate-200 bg-white p-3">
      <figcaption>
        <Heading id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </Heading>
        {drawn ? (
          <Legend>
            {companions.length ? (
              <>
                <LegendItem swatch={<LineSwatch {...MAIN_STYLE} />}>{series.label}</LegendItem>
                {companions.map((c) => (
                  <LegendItem key={c.key} swatch={<LineSwatch {...COMPANION_STYLE[c.key]} />}>
                    {c.label}
                  </LegendItem>
                ))}
              </>
            ) : null}
            {band ? (
              <LegendItem swatch={<span className="inline-block h-3 w-4 rounded-sm border border-dashed border-sky-300 bg-sky-100" />}>
                Important change around baseline ({formatMeasureValue(baseline, unit)} ± {series.importantChange}
                {judgedAsNow(series) ? "" : `; ${judgedWithText(series)}`})
              </LegendItem>
            ) : null}
            <LegendItem swatch={<span className="inline-block w-4 border-t-2 border-dashed border-slate-500" />}>Baseline</LegendItem>
            <MarkLegend marks={marks} />
          </Legend>
        ) : null}
      </figcaption>

      {points.length === 0 && companions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No {series.label} scores recorded yet.</p>
      ) : !drawn && first ? (
        <p className="mt-2 text-sm text-slate-700">
          One score so far: {formatMeasureValue(first.value, unit)} on {formatDate(first.date)}
          {kinds[first.assessmentId] ? ` (${KIND_LABEL[kinds[first.assessmentId] as AssessmentKind].toLowerCase()})` : ""}. The chart
          appears from the second signed assessment.
        </p>
      ) : !drawn ? (
        <p className="mt-2 text-sm text-slate-700">The chart appears from the second signed assessment.</p>
      ) : (
        <ChartFrame label={measureSummary(series, marks)} height={height}>
          <MeasureLineChart series={series} marks={marks} kinds={kinds} minDay={minDay} maxDay={maxDay} />
        </ChartFrame>
      )}

      {points.length > 0 || companions.length > 0 ? <MeasureTable series={series} marks={marks} kinds={kinds} /> : null}
    </figure>
  );
}

function MarkLegend({ marks }: { marks: readonly EventMark[] }) {
  const kinds = (["red_flag", "signed", "other"] as const).filter((k) => marks.some((m) => m.kind === k));
  return (
    <>
      {kinds.map((k) => (
        <LegendItem
          key={k}
          swatch={
            <span aria-hidden="true" style={{ color: EVENT_COLOUR[k] }} className="font-bold">
              {EVENT_SYMBOL[k]}
            </span>
          }
        >
          {EVENT_KIND_LABEL[k]}
        </LegendItem>
      ))}
    </>
  );
}

// eslint-disable-next-line max-lines-per-function -- one recharts composition (axes, series, reference lines)
function MeasureLineChart({
  series,
  marks,
  kinds,
  minDay,
  maxDay,
}: {
  series: MeasureSeries;
  marks: EventMark[];
  kinds: Record<string, AssessmentKind>;
  minDay: number;
  maxDay: number;
}) {
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

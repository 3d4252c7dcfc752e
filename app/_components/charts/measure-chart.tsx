"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dayNumber } from "@/lib/clinical/dates";
import type { MeasureSeries } from "@/lib/clinical/timeline";
import { ChartFrame } from "./chart-frame";
import { MeasureTable } from "./data-tables";
import { EVENT_COLOUR, EVENT_DASH, EventMarker } from "./event-marker";
import { EVENT_KIND_LABEL, EVENT_SYMBOL, groupEvents, type EventMark } from "./events";
import { COLOURS, dayTickLabel, formatDate, formatMeasureValue, measureTitle, timeTicks, valueTicks } from "./format";
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
  value: number;
  date: string;
  kind?: AssessmentKind;
}

const KIND_LABEL: Record<AssessmentKind, string> = { intake: "Intake", follow_up: "Follow-up" };

/**
 * One outcome measure over time: its scores, the band of the important change
 * around the baseline, and vertical marks for red flags and signing. With
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

  return (
    <figure className="min-w-0 rounded-md border border-slate-200 bg-white p-3">
      <figcaption>
        <Heading id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </Heading>
        {points.length >= 2 ? (
          <Legend>
            {band ? (
              <LegendItem swatch={<span className="inline-block h-3 w-4 rounded-sm border border-dashed border-sky-300 bg-sky-100" />}>
                Important change around baseline ({formatMeasureValue(baseline, unit)} ± {series.importantChange})
              </LegendItem>
            ) : null}
            <LegendItem swatch={<span className="inline-block w-4 border-t-2 border-dashed border-slate-500" />}>Baseline</LegendItem>
            <MarkLegend marks={marks} />
          </Legend>
        ) : null}
      </figcaption>

      {points.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No {series.label} scores recorded yet.</p>
      ) : points.length === 1 && first ? (
        <p className="mt-2 text-sm text-slate-700">
          One score so far: {formatMeasureValue(first.value, unit)} on {formatDate(first.date)}
          {kinds[first.assessmentId] ? ` (${KIND_LABEL[kinds[first.assessmentId] as AssessmentKind].toLowerCase()})` : ""}. The chart
          appears from the second signed assessment.
        </p>
      ) : (
        <ChartFrame label={measureSummary(series, marks)} height={height}>
          <MeasureLineChart series={series} marks={marks} kinds={kinds} minDay={minDay} maxDay={maxDay} />
        </ChartFrame>
      )}

      {points.length > 0 ? <MeasureTable series={series} marks={marks} kinds={kinds} /> : null}
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
  const rows: Row[] = series.points.map((p) => {
    const kind = kinds[p.assessmentId];
    return { x: dayNumber(p.date), value: p.value, date: p.date, ...(kind ? { kind } : {}) };
  });
  const { ticks, monthTicks } = timeTicks(minDay, maxDay, 5);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 200 }}>
      <LineChart data={rows} margin={{ top: 16, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={COLOURS.grid} vertical={false} />
        {band ? (
          <ReferenceArea
            y1={band.low}
            y2={band.high}
            fill={COLOURS.band}
            fillOpacity={0.9}
            stroke={COLOURS.bandStroke}
            strokeDasharray="3 3"
            ifOverflow="hidden"
          />
        ) : null}
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
        {marks.map((m) => (
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
                  {baseline !== null && row.date !== series.points[0]?.date ? ` (baseline ${formatMeasureValue(baseline, unit)})` : ""}
                </p>
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
        <Line
          type="linear"
          dataKey="value"
          name={series.label}
          stroke={COLOURS.line}
          strokeWidth={2}
          dot={{ r: 3, fill: COLOURS.lineDot, stroke: COLOURS.lineDot }}
          activeDot={{ r: 5 }}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

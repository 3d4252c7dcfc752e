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
import type { Spike } from "@/lib/clinical";
import { weekStartOf, type TrainingSeries, type TrainingWeek } from "@/lib/clinical/timeline";
import { ChartFrame } from "./chart-frame";
import { TrainingTable } from "./data-tables";
import { EVENT_COLOUR, EVENT_DASH, EventMarker, markDrawOrder } from "./event-marker";
import { EVENT_KIND_LABEL, EVENT_SYMBOL, groupEvents, type EventMark } from "./events";
import { COLOURS, formatAcwr, formatDate, formatKmValue, monthLabel, shortDate } from "./format";
import { Legend, LegendItem } from "./legend";
import { spikeText, trainingSummary } from "./summary";
import type { TimelineEvent } from "./types";

/** A white outline behind label text, readable over the bars. */
const HALO = { stroke: "#ffffff", strokeWidth: 3, paintOrder: "stroke" } as const;

export const ACWR_BAND_LABEL = "0.8-1.3 (weak evidence: Lolli 2019, Impellizzeri 2020)";

export interface TrainingChartProps {
  series: TrainingSeries;
  /** Red flags, signing and other events, marked on the week that holds them. */
  events?: TimelineEvent[];
  /** The clinic's spike threshold, for the explanations (default 10). */
  spikePct?: number;
  /** Height of the chart in pixels (default 280). */
  height?: number;
  /** Id of the chart's heading. */
  id?: string;
}

interface Row extends TrainingWeek {
  spikes: Spike[];
  /** Number of spikes in the week (the marker above the bar), 0 for none. */
  spikeCount: number;
}

/** Marks of the same kind in one week, drawn on that week's bar; their labels carry the exact dates. */
function weekMarks(marks: readonly EventMark[], weeks: ReadonlySet<string>): EventMark[] {
  const events: TimelineEvent[] = [];
  for (const m of marks) {
    const week = weekStartOf(m.date);
    if (!weeks.has(week)) continue;
    for (const label of m.labels) {
      events.push({ date: week, kind: m.kind, label: `${formatDate(m.date)}: ${label}`, ...(m.urgency ? { urgency: m.urgency } : {}) });
    }
  }
  return groupEvents(events);
}

/**
 * Ticks of the week axis, at most `max`: every k-th week ("3 Nov") for up to
 * half a year, else the first week starting in every k-th month ("Nov 2026").
 */
export function weekTicks(weekStarts: readonly string[], max = 8): { ticks: string[]; monthTicks: boolean } {
  if (weekStarts.length <= 26) {
    const step = Math.max(1, Math.ceil(weekStarts.length / max));
    return { ticks: weekStarts.filter((_, i) => i % step === 0), monthTicks: false };
  }
  const firsts = weekStarts.filter((w, i) => i === 0 || w.slice(0, 7) !== (weekStarts[i - 1] as string).slice(0, 7));
  const steps = [1, 2, 3, 6, 12, 24, 60];
  const step = steps.find((s) => Math.ceil(firsts.length / s) <= max) ?? Math.ceil(firsts.length / max);
  const ticks = firsts.filter((w) => (Number(w.slice(0, 4)) * 12 + Number(w.slice(5, 7)) - 1) % step === 0);
  return { ticks: ticks.length ? ticks : firsts.slice(0, 1), monthTicks: true };
}

/**
 * Weekly distance (bars, km) with the ACWR (line, right axis), its 0.8-1.3
 * band labelled as weak evidence, a dashed line at 1.5, weeks holding a
 * single-run spike marked with a triangle, and vertical marks for red flags
 * and signing. The data table is under the chart.
 */
export function TrainingChart({ series, events = [], spikePct = 10, height = 280, id }: TrainingChartProps) {
  const weeks = new Set(series.weeks.map((w) => w.weekStart));
  const marks = groupEvents(events.filter((e) => weeks.has(weekStartOf(e.date))));
  const first = series.weeks[0];
  return (
    <figure className="min-w-0 rounded-md border border-slate-200 bg-white p-3">
      <figcaption>
        <h3 id={id} className="text-sm font-semibold text-slate-900">
          Weekly distance (km) and acute:chronic workload ratio (ACWR)
        </h3>
        {series.weeks.length >= 2 ? (
          <Legend>
            <LegendItem swatch={<span className="inline-block h-3 w-3 rounded-sm border border-blue-600 bg-blue-300" />}>
              Weekly distance (km, left axis)
            </LegendItem>
            <LegendItem swatch={<span className="inline-block w-4 border-t-2 border-indigo-700" />}>ACWR (right axis)</LegendItem>
            <LegendItem swatch={<span className="inline-block h-3 w-4 rounded-sm border border-emerald-300 bg-emerald-100" />}>
              ACWR {ACWR_BAND_LABEL}
            </LegendItem>
            <LegendItem swatch={<span className="inline-block w-4 border-t-2 border-dashed border-amber-700" />}>ACWR 1.5</LegendItem>
            <LegendItem swatch={<span className="font-bold text-orange-700">▲</span>}>Week with a single-run spike</LegendItem>
            {(["red_flag", "signed", "other"] as const)
              .filter((k) => marks.some((m) => m.kind === k))
              .map((k) => (
                <LegendItem
                  key={k}
                  swatch={
                    <span style={{ color: EVENT_COLOUR[k] }} className="font-bold">
                      {EVENT_SYMBOL[k]}
                    </span>
                  }
                >
                  {EVENT_KIND_LABEL[k]}
                </LegendItem>
              ))}
          </Legend>
        ) : null}
      </figcaption>

      {!first ? (
        <p className="mt-2 text-sm text-slate-600">No runs logged up to today.</p>
      ) : series.weeks.length === 1 ? (
        <p className="mt-2 text-sm text-slate-700">
          One week of runs so far: {formatKmValue(first.km)} in {first.runs} run{first.runs === 1 ? "" : "s"} in the week of{" "}
          {formatDate(first.weekStart)}
          {first.acwr !== null ? `, ACWR ${formatAcwr(first.acwr)}` : ""}. The chart appears from the second week.
        </p>
      ) : (
        <ChartFrame label={trainingSummary(series, marks)} height={height}>
          <TrainingComposedChart series={series} marks={weekMarks(marks, weeks)} />
        </ChartFrame>
      )}
      {first ? (
        <p className="mt-1 text-xs text-slate-600">
          ACWR is the distance of the last 7 days divided by the mean weekly distance of the last 28 days. It is shown as a trend only: the
          0.8-1.3 band is weak evidence (Lolli 2019, Impellizzeri 2020) and never a red flag.
        </p>
      ) : null}
      {first ? <TrainingTable series={series} marks={marks} spikePct={spikePct} /> : null}
    </figure>
  );
}

// eslint-disable-next-line max-lines-per-function -- one recharts composition (axes, series, reference lines)
function TrainingComposedChart({ series, marks }: { series: TrainingSeries; marks: EventMark[] }) {
  const byWeek = new Map<string, Spike[]>();
  for (const s of series.spikes) {
    const w = weekStartOf(s.date);
    byWeek.set(w, [...(byWeek.get(w) ?? []), s]);
  }
  const rows: Row[] = series.weeks.map((w) => {
    const spikes = byWeek.get(w.weekStart) ?? [];
    return { ...w, spikes, spikeCount: spikes.length };
  });
  const maxAcwr = rows.reduce((m, r) => Math.max(m, r.acwr ?? 0), 0);
  const acwrTop = Math.max(2, Math.ceil(maxAcwr * 2) / 2);
  const { ticks, monthTicks } = weekTicks(rows.map((r) => r.weekStart));

  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 280 }}>
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
          label={{ value: ACWR_BAND_LABEL, position: "insideBottomLeft", fontSize: 10, fill: "#065f46", ...HALO }}
        />
        <ReferenceLine
          yAxisId="acwr"
          y={1.5}
          stroke={COLOURS.acwrWarning}
          strokeDasharray="6 4"
          label={{ value: "ACWR 1.5", position: "insideTopRight", fontSize: 10, fill: COLOURS.acwrWarning, ...HALO }}
        />
        <XAxis
          dataKey="weekStart"
          ticks={ticks}
          interval={0}
          tickFormatter={(d: string) => (monthTicks ? monthLabel(d) : shortDate(d))}
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
            x={m.date}
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
          content={(props) => {
            const row = props.active ? (props.payload?.[0]?.payload as Row | undefined) : undefined;
            if (!row) return null;
            const weekMarksOfRow = marks.filter((m) => m.date === row.weekStart);
            return (
              <div className="max-w-72 rounded border border-slate-300 bg-white px-2 py-1.5 text-xs text-slate-800 shadow">
                <p className="font-semibold">Week of {formatDate(row.weekStart)}</p>
                <p>
                  Distance: {formatKmValue(row.km)} ({row.runs} run{row.runs === 1 ? "" : "s"}
                  {row.runs ? `, longest ${formatKmValue(row.longestKm)}` : ""})
                </p>
                <p>
                  ACWR on {formatDate(row.acwrOn)}: {formatAcwr(row.acwr)}
                  {row.acwr !== null && row.acwr > 1.5 ? " (above 1.5)" : ""}
                </p>
                {row.spikes.map((s, i) => (
                  <p key={`s-${i}`} className="text-orange-900">
                    ▲ Spike {spikeText(s)}
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
            content={(props: { x?: number | string; y?: number | string; width?: number | string; index?: number }) => {
              const row = props.index === undefined ? undefined : rows[props.index];
              if (!row || row.spikeCount === 0) return <g />;
              const x = Number(props.x ?? 0) + Number(props.width ?? 0) / 2;
              const y = Number(props.y ?? 0) - 3;
              return (
                <g>
                  <title>{`Week of ${formatDate(row.weekStart)}: ${row.spikes.map((s) => `spike ${spikeText(s)}`).join("; ")}`}</title>
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

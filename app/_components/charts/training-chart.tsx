import { dayNumber } from "@/lib/clinical/dates";
import { weekStartOf, type TrainingSeries } from "@/lib/clinical/timeline";
import { ChartFrame } from "./chart-frame";
import { TrainingTable } from "./data-tables";
import { EVENT_COLOUR } from "./event-marker";
import { EVENT_KIND_LABEL, EVENT_SYMBOL, groupEvents, type EventMark } from "./events";
import { formatAcwr, formatDate, formatKmValue } from "./format";
import { Legend, LegendItem } from "./legend";
import { TrainingPlot } from "./plots";
import { spikeText, trainingSummary } from "./summary";
import type { TrainingPlotProps } from "./training-plot";
import type { TimelineEvent } from "./types";

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
          <TrainingPlot {...trainingPlotProps(series, weekMarks(marks, weeks))} />
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

/** What the plot draws, worked out here (on the server): per week its numbers, the spikes in words, the ticks and week marks. */
export function trainingPlotProps(series: TrainingSeries, marks: EventMark[]): TrainingPlotProps {
  const weeks = series.weeks.map((w): TrainingPlotProps["weeks"][number] => [dayNumber(w.weekStart), w.km, w.acwr, w.runs, w.longestKm]);
  const maxAcwr = series.weeks.reduce((m, w) => Math.max(m, w.acwr ?? 0), 0);
  const { ticks, monthTicks } = weekTicks(series.weeks.map((w) => w.weekStart));
  const last = series.weeks[series.weeks.length - 1];
  return {
    weeks,
    lastAcwrDay: last ? dayNumber(last.acwrOn) : 0,
    spikes: series.spikes.map((s) => [dayNumber(weekStartOf(s.date)), spikeText(s)]),
    marks,
    ticks: ticks.map(dayNumber),
    monthTicks,
    acwrTop: Math.max(2, Math.ceil(maxAcwr * 2) / 2),
    bandLabel: ACWR_BAND_LABEL,
  };
}

import { dayNumber } from "@/lib/clinical/dates";
import type { MeasureSeries } from "@/lib/clinical/timeline";
import { ChartFrame } from "./chart-frame";
import { MeasureTable } from "./data-tables";
import { EVENT_COLOUR } from "./event-marker";
import { EVENT_KIND_LABEL, EVENT_SYMBOL, groupEvents, type EventMark } from "./events";
import { bandSegments, judgedAsNow, formatDate, formatMeasureValue, judgedWithText, measureTitle } from "./format";
import { Legend, LegendItem } from "./legend";
import { COMPANION_STYLE, LineSwatch, MAIN_STYLE } from "./line-styles";
import type { MeasurePlotProps, PlotKind } from "./measure-plot";
import { MeasurePlot } from "./plots";
import { measureSummary } from "./summary";
import type { AssessmentKind, TimelineEvent } from "./types";

export interface MeasureChartProps {
  series: MeasureSeries;
  /** Red flags, signing and other events to mark (those outside the time axis are left out). */
  events?: TimelineEvent[];
  /**
   * The marks of `events` on the time axis, when the caller has grouped them
   * already (`groupEvents`): the charts of an episode share one array, which
   * the page's payload then carries once for all their plots.
   */
  marks?: EventMark[];
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

const KIND_LABEL: Record<AssessmentKind, string> = { intake: "Intake", follow_up: "Follow-up" };

/**
 * One outcome measure over time: its scores, the band of the important change
 * around the baseline (each score in the band it was judged with when signed), and vertical marks for red flags and signing. With
 * fewer than two scores a sentence replaces the chart. The data table is
 * under the chart.
 */
export function MeasureChart({
  series,
  events = [],
  marks: given,
  kinds = {},
  from,
  to,
  height = 200,
  id,
  headingLevel = 3,
}: MeasureChartProps) {
  const Heading = headingLevel === 4 ? "h4" : "h3";
  const { points, unit, band, baseline } = series;
  const pointDays = points.map((p) => dayNumber(p.date));
  const minDay = from ? dayNumber(from) : Math.min(...pointDays, ...events.map((e) => dayNumber(e.date)));
  const maxDay = to ? dayNumber(to) : Math.max(...pointDays, ...events.map((e) => dayNumber(e.date)));
  const marks = given ?? groupEvents(events.filter((e) => dayNumber(e.date) >= minDay && dayNumber(e.date) <= maxDay));
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
          <MeasurePlot {...measurePlotProps(series, marks, kinds, minDay, maxDay)} />
        </ChartFrame>
      )}

      {points.length > 0 || companions.length > 0 ? <MeasureTable series={series} marks={marks} kinds={kinds} /> : null}
    </figure>
  );
}

const KIND_LETTER: Record<AssessmentKind, PlotKind> = { intake: "i", follow_up: "f" };

/**
 * What the plot draws, and no more: per assessment its day and scores (the
 * companions' beside the measure's), the kinds as letters, the band's
 * stretches as numbers. The series itself (ids, judged changes, texts) stays
 * on the server.
 */
export function measurePlotProps(
  series: MeasureSeries,
  marks: readonly EventMark[],
  kinds: Readonly<Record<string, AssessmentKind>>,
  minDay: number,
  maxDay: number,
): MeasurePlotProps {
  const byAssessment = new Map<string, (number | null)[]>();
  const width = 2 + series.companions.length;
  const rowOf = (p: { assessmentId: string; date: string }) => {
    let row = byAssessment.get(p.assessmentId);
    if (!row) {
      row = [dayNumber(p.date), ...Array<null>(width - 1).fill(null)];
      byAssessment.set(p.assessmentId, row);
    }
    return row;
  };
  for (const p of series.points) rowOf(p)[1] = p.value;
  series.companions.forEach((c, i) => {
    for (const p of c.points) rowOf(p)[2 + i] = p.value;
  });
  const rows = [...byAssessment.entries()].sort(([, a], [, b]) => (a[0] as number) - (b[0] as number));
  const kindOf = (id: string): PlotKind => {
    const kind = kinds[id];
    return kind ? KIND_LETTER[kind] : "-";
  };
  return {
    label: series.label,
    unit: series.unit,
    companions: series.companions.map((c) => [c.key, c.label]),
    points: rows.map(([, row]) => row),
    kinds: rows.map(([id]) => kindOf(id)).join(""),
    domain: series.domain,
    baseline: series.baseline,
    band: series.band ? bandSegments(series, minDay, maxDay).map((b) => [b.x1, b.x2, b.low, b.high]) : [],
    marks,
    minDay,
    maxDay,
  };
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

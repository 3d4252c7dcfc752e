/**
 * One-sentence summaries of the charts: the accessible name of each chart
 * (role="img") and the sentence shown instead of a chart with too few points.
 */
import { SPIKE_BAND_LABELS } from "@/lib/domain";
import { type Spike } from "@/lib/clinical";
import type { MeasureSeries, TrainingSeries } from "@/lib/clinical/timeline";
import type { EventMark } from "./events";
import { formatAcwr, formatDate, formatKmValue, formatMeasureValue, judgedAsNow, judgedWithText } from "./format";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function marksSentence(marks: readonly EventMark[]): string {
  const redFlags = marks.filter((m) => m.kind === "red_flag");
  const signed = marks.filter((m) => m.kind === "signed");
  const other = marks.filter((m) => m.kind === "other");
  const parts: string[] = [];
  if (redFlags.length) parts.push(`red flags on ${redFlags.map((m) => formatDate(m.date)).join(", ")}`);
  if (signed.length) parts.push(`signed on ${signed.map((m) => formatDate(m.date)).join(", ")}`);
  if (other.length) parts.push(`other events on ${other.map((m) => formatDate(m.date)).join(", ")}`);
  return parts.length ? ` Marked on the time axis: ${parts.join("; ")}.` : "";
}

/** "Pain NRS, 4 points from 6/10 on 3 Jan 2026 to 2/10 on 20 Feb 2026; lower is better. …" */
export function measureSummary(series: MeasureSeries, marks: readonly EventMark[] = []): string {
  const { points, unit } = series;
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return `${series.label}: no scores yet.${companionsSentence(series)}`;
  const range =
    points.length === 1
      ? `1 point: ${formatMeasureValue(first.value, unit)} on ${formatDate(first.date)}`
      : `${plural(points.length, "point")} from ${formatMeasureValue(first.value, unit)} on ${formatDate(first.date)} to ${formatMeasureValue(last.value, unit)} on ${formatDate(last.date)}`;
  const band = series.band
    ? ` Shaded band of important change around the baseline ${formatMeasureValue(series.baseline, unit)}: ${formatMeasureValue(series.band.low, unit)} to ${formatMeasureValue(series.band.high, unit)}${judgedAsNow(series) ? "" : ` at the latest score (important change ${judgedWithText(series)})`}.`
    : "";
  return `${series.label}, ${range}; ${series.betterIs} is better.${band}${companionsSentence(series)}${marksSentence(marks)}`;
}

/** " Also drawn: worst pain in the last week from 7/10 on … to 3/10 on …; pain during running …." */
function companionsSentence(series: MeasureSeries): string {
  const parts = series.companions.map((c) => {
    const first = c.points[0];
    const last = c.points[c.points.length - 1];
    if (!first || !last) return `${c.label}: none`;
    return c.points.length === 1
      ? `${c.label} ${formatMeasureValue(first.value, series.unit)} on ${formatDate(first.date)}`
      : `${c.label} from ${formatMeasureValue(first.value, series.unit)} on ${formatDate(first.date)} to ${formatMeasureValue(last.value, series.unit)} on ${formatDate(last.date)}`;
  });
  return parts.length ? ` Also drawn: ${parts.join("; ")}.` : "";
}

function spikeText(spike: Spike): string {
  return `${formatDate(spike.date)}: ${formatKmValue(spike.distanceKm)} vs ${formatKmValue(spike.longestPrior30dKm)} longest in the previous 30 days (${SPIKE_BAND_LABELS[spike.band]})`;
}

export { spikeText };

/** "Weekly distance, 12 weeks from the week of 3 Aug 2026 to the week of 19 Oct 2026: …" */
export function trainingSummary(series: TrainingSeries, marks: readonly EventMark[] = []): string {
  const first = series.weeks[0];
  const last = series.weeks[series.weeks.length - 1];
  if (!first || !last) return "Weekly distance: no runs logged.";
  const total = series.weeks.reduce((sum, w) => sum + w.km, 0);
  const peak = series.weeks.reduce((max, w) => (w.km > max.km ? w : max), first);
  const spikes = series.spikes.length
    ? ` ${plural(series.spikes.length, "single-run spike")}, the latest on ${formatDate(series.spikes[series.spikes.length - 1]?.date)}.`
    : " No single-run spikes.";
  return (
    `Weekly distance, ${plural(series.weeks.length, "week")} from the week of ${formatDate(first.weekStart)} to the week of ${formatDate(last.weekStart)}: ` +
    `latest week ${formatKmValue(last.km)}, highest ${formatKmValue(peak.km)} (week of ${formatDate(peak.weekStart)}), average ${formatKmValue(Math.round((total / series.weeks.length) * 10) / 10)}. ` +
    `Acute:chronic workload ratio (ACWR) at the end of the latest week: ${formatAcwr(last.acwr)}; band 0.8-1.3 shown as weak evidence (Lolli 2019, Impellizzeri 2020), dashed line at 1.5.` +
    spikes +
    marksSentence(marks)
  );
}

/**
 * Formatting and axis helpers of the timeline charts. Pure; no `Date`.
 */
import { dateParts, dayNumber, fromDayNumber } from "@/lib/clinical/dates";
import type { MeasureSeries, MeasureUnit } from "@/lib/clinical/timeline";
import { formatDate, formatOneDecimal } from "@/lib/format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Calm colours of the charts (Tailwind palette). */
export const COLOURS = {
  line: "#0369a1", // sky-700
  lineDot: "#0c4a6e", // sky-900
  band: "#e0f2fe", // sky-100
  bandStroke: "#7dd3fc", // sky-300
  baseline: "#64748b", // slate-500
  grid: "#e2e8f0", // slate-200
  axis: "#475569", // slate-600
  redFlag: "#b91c1c", // red-700
  signed: "#475569", // slate-600
  other: "#7c3aed", // violet-600
  bar: "#93c5fd", // blue-300
  barStroke: "#2563eb", // blue-600
  acwr: "#4338ca", // indigo-700
  acwrBand: "#d1fae5", // emerald-100
  acwrBandStroke: "#6ee7b7", // emerald-300
  acwrWarning: "#b45309", // amber-700
  spike: "#c2410c", // orange-700
  painWorstWeek: "#9a3412", // orange-800
  painDuringRun: "#0f766e", // teal-700
} as const;

/** "6/10", "72.2/100", "61/80", "level 6". */
export function formatMeasureValue(value: number | null | undefined, unit: MeasureUnit): string {
  if (value === null || value === undefined) return "—";
  const n = formatOneDecimal(value);
  return unit === "level" ? `level ${n}` : `${n}${unit}`;
}

/** "0-10", "0-100", "0-80": the range of a measure, for headers. */
export function measureRange(series: Pick<MeasureSeries, "domain">): string {
  return `${series.domain[0]}-${series.domain[1]}`;
}

/** "Score (0-10)" / "Level (0-10)": the value column header with its unit. */
export function valueHeader(unit: MeasureUnit, domain: readonly [number, number]): string {
  return `${unit === "level" ? "Level" : "Score"} (${domain[0]}-${domain[1]})`;
}

/** The title of a measure chart: "Pain NRS (0-10, lower is better)". */
export function measureTitle(series: Pick<MeasureSeries, "label" | "domain" | "betterIs">): string {
  return `${series.label} (${measureRange(series)}, ${series.betterIs} is better)`;
}

/** "1.18", or "—" when there is no ratio. */
export function formatAcwr(acwr: number | null): string {
  return acwr === null ? "—" : acwr.toFixed(2);
}

/** "12.5 km" (one decimal at most). */
export function formatKmValue(km: number): string {
  return `${formatOneDecimal(km)} km`;
}

/** "3 Nov" for axis ticks (the year is in the tooltips and tables). */
export function shortDate(date: string): string {
  const { month, day } = dateParts(date);
  return `${day} ${MONTHS[month - 1] ?? ""}`;
}

/** "Nov 2026" for month ticks. */
export function monthLabel(date: string): string {
  const { year, month } = dateParts(date);
  return `${MONTHS[month - 1] ?? ""} ${year}`;
}

export { formatDate };

/** A tick formatter for a day-number axis: "3 Nov", or "Nov 2026" when the ticks are month starts. */
export function dayTickLabel(day: number, monthTicks: boolean): string {
  const date = fromDayNumber(day);
  return monthTicks ? monthLabel(date) : shortDate(date);
}

/**
 * Ticks for a time axis of day numbers from `from` to `to`: Mondays for short
 * spans, first days of months (every 1, 2, 3, 6 or 12 months) for longer
 * ones; at most `max` ticks.
 */
export function timeTicks(from: number, to: number, max = 6): { ticks: number[]; monthTicks: boolean } {
  if (to < from) return { ticks: [], monthTicks: false };
  const span = to - from;
  if (span <= 7 * max * 2) {
    const firstMonday = from + ((7 - ((((from + 3) % 7) + 7) % 7)) % 7);
    const mondays: number[] = [];
    for (let d = firstMonday; d <= to; d += 7) mondays.push(d);
    if (mondays.length === 0) return { ticks: [from], monthTicks: false };
    const step = Math.ceil(mondays.length / max);
    return { ticks: mondays.filter((_, i) => i % step === 0), monthTicks: false };
  }
  const starts: number[] = [];
  const { year, month } = dateParts(fromDayNumber(from));
  let y = year;
  let m = month;
  for (;;) {
    const day = dayNumber(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`);
    if (day > to) break;
    if (day >= from) starts.push(day);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  const steps = [1, 2, 3, 6, 12, 24, 60];
  const step = steps.find((s) => Math.ceil(starts.length / s) <= max) ?? Math.ceil(starts.length / max);
  // Keep month starts on a regular grid (January-aligned) so that ticks read "Jan, Apr, Jul, Oct".
  const ticks = starts.filter((d) => {
    const p = dateParts(fromDayNumber(d));
    return (p.year * 12 + p.month - 1) % step === 0;
  });
  return { ticks: ticks.length > 0 ? ticks : starts.slice(0, 1), monthTicks: true };
}

/** Ticks of a measure's value axis. */
export function valueTicks(domain: [number, number]): number[] {
  const [min, max] = domain;
  const span = max - min;
  const step = span >= 100 ? 25 : span >= 80 ? 20 : span >= 10 ? 2 : 1;
  const ticks: number[] = [];
  for (let v = min; v <= max; v += step) ticks.push(v);
  return ticks;
}

/** "point"/"points", "level"/"levels": the unit of an important change. */
export function changeUnit(unit: MeasureUnit, n: number): string {
  return unit === "level" ? (n === 1 ? "level" : "levels") : n === 1 ? "point" : "points";
}

/**
 * A change with its sign and unit: "−5 points", "+12.5 points", "±0 points",
 * "+1 level". Taken in tenths (the scores carry one decimal), so 83.3 − 73.3
 * is +10, not +9.99999999999999.
 */
export function formatDelta(before: number, now: number, unit: MeasureUnit): string {
  const tenths = Math.round(now * 10) - Math.round(before * 10);
  const size = Math.abs(tenths) / 10;
  const sign = tenths > 0 ? "+" : tenths < 0 ? "−" : "±";
  return `${sign}${formatOneDecimal(size)} ${changeUnit(unit, size)}`;
}

/** "6/10 → 1/10": a measure at the baseline, then now. */
export function formatFromTo(before: number, now: number, unit: MeasureUnit): string {
  return `${formatMeasureValue(before, unit)} → ${formatMeasureValue(now, unit)}`;
}

/**
 * The important change the scores were judged with (the one stored with each
 * assessment when it was signed), and the clinic's setting now where it
 * differs: "± 8 points", "± 8 points as judged when signed; the clinic's
 * setting now ± 10 points", "± 8 or ± 10 points, as each assessment was judged …".
 */
export function judgedWithText(series: Pick<MeasureSeries, "points" | "currentImportantChange" | "unit">): string {
  const now = series.currentImportantChange;
  const used = [...new Set(series.points.map((p) => p.importantChange))];
  if (used.length === 0) used.push(now);
  const last = used[used.length - 1]!;
  const judged =
    used.length === 1
      ? `± ${last} ${changeUnit(series.unit, last)}`
      : `± ${used.slice(0, -1).join(", ± ")} or ± ${last} ${changeUnit(series.unit, last)}, as each assessment was judged`;
  if (used.every((u) => u === now)) return judged;
  return `${judged}${used.length === 1 ? " as judged when signed" : ""}; the clinic's setting now ± ${now} ${changeUnit(series.unit, now)}`;
}

/** Every score judged with the clinic's important change as it is now (nothing to name). */
export function judgedAsNow(series: Pick<MeasureSeries, "points" | "currentImportantChange">): boolean {
  return series.points.every((p) => p.importantChange === series.currentImportantChange);
}

/**
 * The shaded band of important change, drawn per assessment: each score sits
 * in the band it was judged with (from halfway to the previous score to
 * halfway to the next; the first and last reach the chart's edges). One
 * segment when every score was judged with the same important change.
 */
export function bandSegments(
  series: Pick<MeasureSeries, "points" | "band">,
  minDay: number,
  maxDay: number,
): { x1: number; x2: number; low: number; high: number }[] {
  const withBand = series.points.filter((p) => p.band !== null);
  const days = withBand.map((p) => dayNumber(p.date));
  const segments: { x1: number; x2: number; low: number; high: number }[] = [];
  withBand.forEach((p, i) => {
    const x1 = i === 0 ? minDay : (days[i - 1]! + days[i]!) / 2;
    const x2 = i === withBand.length - 1 ? maxDay : (days[i]! + days[i + 1]!) / 2;
    const { low, high } = p.band!;
    const prev = segments[segments.length - 1];
    if (prev && prev.low === low && prev.high === high) prev.x2 = x2;
    else segments.push({ x1, x2, low, high });
  });
  if (segments.length === 0 && series.band) segments.push({ x1: minDay, x2: maxDay, ...series.band });
  return segments;
}

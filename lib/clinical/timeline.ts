/**
 * Series for the patient timeline (SPEC.md sections 5 and 6, EVALUATE.md
 * sections 5 and 6). Pure: no clock, no I/O, no `Date`; usable on the server
 * and in the browser.
 *
 * - `trainingSeries`: weekly distance per ISO week (Monday to Sunday) from the
 *   week of the first run to the week of `today`, each week with the ACWR at
 *   its last day (Sunday, or `today` for the current week) exactly as
 *   `computeLoad` computes it for that day, and every single-run spike of the
 *   whole history by the rule of EVALUATE.md section 5. Like the engine, it
 *   reads the log as complete only from `loggedSince` (default: the first
 *   run): an ACWR whose 28 days start earlier is null, and a run is a spike
 *   only when its 30 days before lie inside the log.
 * - `measureSeries`: one series per outcome measure that has at least one
 *   score, with its baseline (first score) and the band of the important
 *   change around it; pain now carries the worst pain of the last week and
 *   pain during running as companion series on the same scale.
 */

import { dayNumber, fromDayNumber } from "./dates";
import { MEASURES, PAIN_COMPANIONS, type MeasureUnit, type PainCompanion } from "../domain/measures";
import { ACUTE_DAYS, CHRONIC_DAYS, SPIKE_LOOKBACK_DAYS } from "../domain/windows";
import { spikeBand } from "./load";
import { exceeds, round1, round2 } from "./rounding";
import { scoreOf as scoreOfMeasure } from "./changes";
import type { ChangeClass, ChangeMeasure, Changes, ImportantChange, IsoDate, Scores, Spike } from "./types";

// ---------------------------------------------------------------------------
// Training
// ---------------------------------------------------------------------------

export interface TimelineRun {
  date: IsoDate;
  distanceKm: number;
  /** From imported files (and durations typed in): the derived training (training-detail.ts). */
  durationSec?: number | null;
  elevationGainM?: number | null;
  elevationLossM?: number | null;
  avgCadenceSpm?: number | null;
  /** Indoor or surface treadmill. */
  treadmill?: boolean;
}

export interface TrainingWeek {
  /** Monday of the ISO week. */
  weekStart: IsoDate;
  /** The day the ACWR is computed at: the Sunday, or `today` for the current week. */
  acwrOn: IsoDate;
  /** Total distance of the week (up to `today`), one decimal. */
  km: number;
  /** Number of runs in the week. */
  runs: number;
  /** Longest run of the week, one decimal (0 without runs). */
  longestKm: number;
  /**
   * Acute 7 days / (28 days / 4) at `acwrOn` (EVALUATE.md section 5), two
   * decimals; null when the 28 days hold no distance or start before the log
   * is complete.
   */
  acwr: number | null;
}

export interface TrainingSeries {
  weeks: TrainingWeek[];
  /** Every spike of the whole history (runs up to `today`), by date. */
  spikes: Spike[];
}

/** Day number of the Monday of the ISO week holding day `day` (1970-01-01 was a Thursday). */
export function isoWeekStart(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7; // Monday = 0 .. Sunday = 6
  return day - weekday;
}

/** The Monday (`YYYY-MM-DD`) of the ISO week holding `date`. */
export function weekStartOf(date: IsoDate): IsoDate {
  return fromDayNumber(isoWeekStart(dayNumber(date)));
}

interface SortedRun {
  day: number;
  km: number;
  date: IsoDate;
  index: number;
}

/**
 * Weekly distance, ACWR per week and single-run spikes. `runs` in any order;
 * runs after `today` are ignored. O(n log n) for the sort, then linear.
 */
export function trainingSeries(runs: readonly TimelineRun[], today: IsoDate, spikePct: number, loggedSince?: IsoDate): TrainingSeries {
  const todayDay = dayNumber(today);
  const sorted: SortedRun[] = [];
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index] as TimelineRun;
    const day = dayNumber(run.date);
    if (day > todayDay) continue;
    sorted.push({ day, km: run.distanceKm, date: run.date, index });
  }
  if (sorted.length === 0) return { weeks: [], spikes: [] };
  // Same-day runs keep their input order, as in computeLoad.
  sorted.sort((a, b) => a.day - b.day || a.index - b.index);
  const start = loggedSince === undefined ? (sorted[0] as SortedRun).day : dayNumber(loggedSince);

  return { weeks: weeksOf(sorted, todayDay, start), spikes: spikesOf(sorted, spikePct, start) };
}

function weeksOf(sorted: readonly SortedRun[], todayDay: number, start: number): TrainingWeek[] {
  const weeks: TrainingWeek[] = [];
  const first = sorted[0] as SortedRun;
  const lastMonday = isoWeekStart(todayDay);
  // Three pointers into the sorted runs, all moving forward only:
  //   weekFrom: first run of the current week
  //   windowFrom: first run of the 28-day window ending at D
  //   upTo: first run after D
  let weekFrom = 0;
  let windowFrom = 0;
  let upTo = 0;
  for (let monday = isoWeekStart(first.day); monday <= lastMonday; monday += 7) {
    const d = Math.min(monday + 6, todayDay);
    while (upTo < sorted.length && (sorted[upTo] as SortedRun).day <= d) upTo++;
    while (weekFrom < upTo && (sorted[weekFrom] as SortedRun).day < monday) weekFrom++;
    while (windowFrom < upTo && (sorted[windowFrom] as SortedRun).day < d - (CHRONIC_DAYS - 1)) windowFrom++;

    let km = 0;
    let count = 0;
    let longest = 0;
    for (let i = weekFrom; i < upTo; i++) {
      const run = sorted[i] as SortedRun;
      km += run.km;
      count++;
      if (run.km > longest) longest = run.km;
    }
    // Acute D-6 .. D and chronic D-27 .. D, summed as computeLoad does (raw km, rounded once).
    let acute = 0;
    let chronic = 0;
    for (let i = windowFrom; i < upTo; i++) {
      const run = sorted[i] as SortedRun;
      chronic += run.km;
      if (run.day >= d - (ACUTE_DAYS - 1)) acute += run.km;
    }
    const chronicWeekly = chronic / (CHRONIC_DAYS / 7);
    weeks.push({
      weekStart: fromDayNumber(monday),
      acwrOn: fromDayNumber(d),
      km: round1(km),
      runs: count,
      longestKm: round1(longest),
      acwr: chronicWeekly === 0 || d - (CHRONIC_DAYS - 1) < start ? null : round2(acute / chronicWeekly),
    });
  }
  return weeks;
}

/**
 * Spikes over the whole history: each run compared with the longest run dated
 * in its previous 30 days (its date - 30 .. its date - 1), kept with a
 * sliding-window maximum (a deque of runs with decreasing distance).
 */
function spikesOf(sorted: readonly SortedRun[], spikePct: number, start: number): Spike[] {
  const factor = 1 + spikePct / 100;
  const spikes: Spike[] = [];
  const deque: number[] = []; // indices into sorted; distances strictly decreasing
  let head = 0;
  let next = 0; // first run not yet pushed into the window
  for (let i = 0; i < sorted.length; i++) {
    const candidate = sorted[i] as SortedRun;
    // Add the runs dated before the candidate's day.
    while (next < sorted.length && (sorted[next] as SortedRun).day < candidate.day) {
      const km = (sorted[next] as SortedRun).km;
      while (deque.length > head && (sorted[deque[deque.length - 1] as number] as SortedRun).km <= km) deque.pop();
      deque.push(next);
      next++;
    }
    // Drop the runs dated before the candidate's day - 30.
    while (deque.length > head && (sorted[deque[head] as number] as SortedRun).day < candidate.day - SPIKE_LOOKBACK_DAYS) head++;
    const longest = deque.length > head ? (sorted[deque[head] as number] as SortedRun).km : 0;
    if (longest <= 0) continue; // no earlier run, or only runs of 0 km
    if (candidate.day - SPIKE_LOOKBACK_DAYS < start) continue; // its 30 days before reach before the log is complete
    if (!exceeds(candidate.km, factor * longest)) continue;
    spikes.push({
      date: candidate.date,
      distanceKm: round1(candidate.km),
      longestPrior30dKm: round1(longest),
      band: spikeBand(candidate.km, longest),
    });
  }
  return spikes;
}

// ---------------------------------------------------------------------------
// Outcome measures
// ---------------------------------------------------------------------------

export { MEASURES, type MeasureDefinition, type MeasureUnit } from "../domain/measures";

export interface TimelineMeasureAssessment {
  id: string;
  assessedOn: IsoDate;
  kind: "intake" | "follow_up";
  /** The stored evaluation: its scores, and its changes as judged when it was signed. */
  evaluation: { scores: Scores; changes?: Changes };
  /** The important changes it was judged with (the settings stored with it at signing); null or absent: none stored. */
  judgedWith?: ImportantChange | null;
  /** Worst pain of the last week and pain during running (from the answers), charted beside pain now. */
  pain?: Partial<Record<PainCompanion, number>>;
}

export interface MeasurePoint {
  assessmentId: string;
  date: IsoDate;
  value: number;
}

/** A score of the measure itself, with how its assessment judged it. */
export interface JudgedPoint extends MeasurePoint {
  /**
   * The important change this assessment was judged with: the one stored with
   * it at signing (the clinic's current one only for a record that stored none).
   */
  importantChange: number;
  /** Its band: baseline ± its important change, clamped to the domain; null without a baseline. */
  band: { low: number; high: number } | null;
  /** The change vs the baseline as recorded when it was signed (absent for the baseline itself). */
  vsBaseline?: ChangeClass;
}

export interface MeasureSeries {
  measure: ChangeMeasure;
  label: string;
  unit: MeasureUnit;
  betterIs: "higher" | "lower";
  domain: [number, number];
  /** The important change of the latest score (as it was judged); each point carries its own. */
  importantChange: number;
  /** The clinic's important change now: differs from a point's when the setting changed after that point was signed. */
  currentImportantChange: number;
  /** The first score of the series; null only when there are no points. */
  baseline: number | null;
  /** baseline ± importantChange of the latest score, clamped to the domain. */
  band: { low: number; high: number } | null;
  points: JudgedPoint[];
  /** Series drawn beside this one on the same scale (pain now: worst pain of the week, pain during running); those with points only. */
  companions: CompanionSeries[];
}

export interface CompanionSeries {
  key: PainCompanion;
  label: string;
  points: MeasurePoint[];
}

/** The score of one measure, or null when not given or not computable. */
export function scoreOf(scores: Scores, measure: ChangeMeasure): number | null {
  return scoreOfMeasure(scores, measure) ?? null;
}

/** The important changes an assessment was judged with: those stored with it, else the clinic's current ones. */
export function judgedWithOf(a: Pick<TimelineMeasureAssessment, "judgedWith">, current: ImportantChange): ImportantChange {
  return a.judgedWith ?? current;
}

/**
 * One series per measure with at least one score, in CHANGE_MEASURES order.
 * `assessments`: signed, not entered in error, oldest first (the caller
 * filters). Null scores are skipped. Every point is judged as its assessment
 * was when signed (its stored important change, its stored change class), so
 * the chart, its table and the assessment history agree; `current` (the
 * clinic's setting now) is used only for a record that stored none, and is
 * named where it differs.
 */
export function measureSeries(assessments: readonly TimelineMeasureAssessment[], current: ImportantChange): MeasureSeries[] {
  const series: MeasureSeries[] = [];
  for (const def of MEASURES) {
    const plain = pointsOf(assessments, (a) => scoreOf(a.evaluation.scores, def.measure));
    const companions =
      def.measure === "painNow"
        ? PAIN_COMPANIONS.map((c) => ({
            key: c.key,
            label: c.label,
            points: pointsOf(assessments, (a) => a.pain?.[c.key] ?? null),
          })).filter((c) => c.points.length > 0)
        : [];
    if (plain.length === 0 && companions.length === 0) continue;
    const baseline = plain[0]?.value ?? null;
    const [min, max] = def.range;
    const bandOf = (threshold: number) =>
      baseline === null ? null : { low: Math.max(min, round1(baseline - threshold)), high: Math.min(max, round1(baseline + threshold)) };
    const byId = new Map(assessments.map((a) => [a.id, a]));
    const points: JudgedPoint[] = plain.map((p, i) => {
      const a = byId.get(p.assessmentId);
      const threshold = judgedWithOf(a ?? {}, current)[def.importantChangeKey];
      const vsBaseline = i === 0 ? undefined : a?.evaluation.changes?.[def.measure]?.vsBaseline;
      return { ...p, importantChange: threshold, band: bandOf(threshold), ...(vsBaseline ? { vsBaseline } : {}) };
    });
    const latest = points[points.length - 1]?.importantChange ?? current[def.importantChangeKey];
    series.push({
      measure: def.measure,
      label: def.chartLabel,
      unit: def.unit,
      betterIs: def.betterIs,
      domain: [min, max],
      importantChange: latest,
      currentImportantChange: current[def.importantChangeKey],
      baseline,
      band: bandOf(latest),
      points,
      companions,
    });
  }
  return series;
}

function pointsOf(
  assessments: readonly TimelineMeasureAssessment[],
  valueOf: (a: TimelineMeasureAssessment) => number | null | undefined,
): MeasurePoint[] {
  const points: MeasurePoint[] = [];
  for (const a of assessments) {
    const value = valueOf(a);
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    points.push({ assessmentId: a.id, date: a.assessedOn, value });
  }
  return points;
}

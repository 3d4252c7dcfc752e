/**
 * What a detailed run log (imported from a watch) says beyond distance:
 * weekly descent, pace and cadence trends, consecutive running days and the
 * treadmill share; and, for the intake, suggested answers to "recent
 * increase in speed work" and "recent increase in hills" with the numbers
 * behind them. Pure: no clock, no I/O.
 *
 * None of this enters evaluate() directly (EVALUATE.md has no field for it):
 * indoor runs reach the engine as `surface: treadmill`, and a suggestion
 * becomes `training.recentSpeedIncrease` / `recentHillIncrease` only when
 * the clinician confirms it on the form. The suggestion thresholds are this
 * app's, not the seed's: a hint for the clinician, never a rule.
 */
import { TRAINING_SUGGESTION_DAYS } from "../domain/windows";
import { addDays, dayNumber, fromDayNumber } from "./dates";
import { round1 } from "./rounding";
import { isoWeekStart } from "./timeline";
import type { IsoDate } from "./types";

export interface DetailRun {
  date: IsoDate;
  distanceKm: number;
  durationSec?: number | null;
  elevationGainM?: number | null;
  elevationLossM?: number | null;
  avgCadenceSpm?: number | null;
  /** Indoor or treadmill (surface treadmill). */
  treadmill?: boolean;
}

export interface TrainingDetailWeek {
  weekStart: IsoDate;
  km: number;
  /** Total descent of the week's runs that recorded it, metres; null when none did. */
  descentM: number | null;
  /** Mean pace of the week's timed runs (total time / total distance), seconds per km. */
  paceSecPerKm: number | null;
  /** Distance-weighted mean cadence of the runs that recorded it, steps per minute. */
  cadenceSpm: number | null;
  /** Share of the week's distance run on a treadmill, percent. */
  treadmillPct: number | null;
  /** The longest run of consecutive days with a run that ends in this week (days). */
  longestStreakDays: number;
}

export interface TrainingDetail {
  weeks: TrainingDetailWeek[];
  /** Consecutive days with a run up to today (or yesterday, when today has none yet). */
  currentStreakDays: number;
  /** Treadmill share of the distance of the last 28 days, percent (null without runs). */
  treadmillPct28d: number | null;
}

export function trainingDetail(runs: readonly DetailRun[], today: IsoDate): TrainingDetail {
  const todayDay = dayNumber(today);
  const past = runs.filter((r) => dayNumber(r.date) <= todayDay);
  if (past.length === 0) return { weeks: [], currentStreakDays: 0, treadmillPct28d: null };
  const days = new Set(past.map((r) => dayNumber(r.date)));
  const first = Math.min(...days);

  // Streak length ending at each day with a run.
  const streakAt = new Map<number, number>();
  for (let d = first; d <= todayDay; d++) if (days.has(d)) streakAt.set(d, (streakAt.get(d - 1) ?? 0) + 1);

  const byWeek = new Map<number, DetailRun[]>();
  for (const r of past) {
    const w = isoWeekStart(dayNumber(r.date));
    byWeek.set(w, [...(byWeek.get(w) ?? []), r]);
  }
  const weeks: TrainingDetailWeek[] = [];
  for (let monday = isoWeekStart(first); monday <= isoWeekStart(todayDay); monday += 7) {
    const list = byWeek.get(monday) ?? [];
    const km = list.reduce((s, r) => s + r.distanceKm, 0);
    const withDescent = list.filter((r) => r.elevationLossM != null && !r.treadmill);
    const timed = list.filter((r) => r.durationSec != null && r.durationSec > 0 && r.distanceKm > 0);
    const timedKm = timed.reduce((s, r) => s + r.distanceKm, 0);
    const cad = list.filter((r) => r.avgCadenceSpm != null && r.avgCadenceSpm > 0 && r.distanceKm > 0);
    const cadKm = cad.reduce((s, r) => s + r.distanceKm, 0);
    let longest = 0;
    for (let d = monday; d < monday + 7 && d <= todayDay; d++) longest = Math.max(longest, streakAt.get(d) ?? 0);
    weeks.push({
      weekStart: fromDayNumber(monday),
      km: round1(km),
      descentM: withDescent.length ? Math.round(withDescent.reduce((s, r) => s + (r.elevationLossM as number), 0)) : null,
      paceSecPerKm: timedKm > 0 ? Math.round(timed.reduce((s, r) => s + (r.durationSec as number), 0) / timedKm) : null,
      cadenceSpm: cadKm > 0 ? Math.round(cad.reduce((s, r) => s + (r.avgCadenceSpm as number) * r.distanceKm, 0) / cadKm) : null,
      treadmillPct: km > 0 ? Math.round((list.filter((r) => r.treadmill).reduce((s, r) => s + r.distanceKm, 0) / km) * 100) : null,
      longestStreakDays: longest,
    });
  }
  const currentStreakDays = streakAt.get(todayDay) ?? streakAt.get(todayDay - 1) ?? 0;
  const last28 = past.filter((r) => dayNumber(r.date) > todayDay - 28);
  const km28 = last28.reduce((s, r) => s + r.distanceKm, 0);
  return {
    weeks,
    currentStreakDays,
    treadmillPct28d: km28 > 0 ? Math.round((last28.filter((r) => r.treadmill).reduce((s, r) => s + r.distanceKm, 0) / km28) * 100) : null,
  };
}

// ---------------------------------------------------------------------------
// Suggested answers for the intake
// ---------------------------------------------------------------------------

/** The recent window is the last 28 days (D-27 .. D), compared with the 28 days before (D-55 .. D-28). */
export const SUGGESTION_WINDOW_DAYS = TRAINING_SUGGESTION_DAYS;
/** At least this many runs with the data in each window, or no suggestion. */
export const SUGGESTION_MIN_RUNS = 3;
/** Speed: the recent mean pace at least this much faster (percent). */
export const SPEED_INCREASE_PCT = 5;
/** Hills: climb plus descent per km up by at least this much (percent) and at least HILL_MIN_M_PER_KM. */
export const HILL_INCREASE_PCT = 30;
export const HILL_MIN_M_PER_KM = 2;

export interface Suggestion {
  answer: boolean;
  /** The numbers behind it, in words. */
  because: string;
}

export interface TrainingSuggestions {
  recentSpeedIncrease: Suggestion | null;
  recentHillIncrease: Suggestion | null;
}

const pace = (sec: number) => `${Math.floor(Math.round(sec) / 60)}:${String(Math.round(sec) % 60).padStart(2, "0")}`;

export function suggestTrainingAnswers(runs: readonly DetailRun[], assessedOn: IsoDate): TrainingSuggestions {
  const recentFrom = addDays(assessedOn, -(SUGGESTION_WINDOW_DAYS - 1));
  const beforeFrom = addDays(assessedOn, -(2 * SUGGESTION_WINDOW_DAYS - 1));
  const recent = runs.filter((r) => r.date >= recentFrom && r.date <= assessedOn);
  const before = runs.filter((r) => r.date >= beforeFrom && r.date < recentFrom);

  const timed = (list: readonly DetailRun[]) => list.filter((r) => r.durationSec != null && r.durationSec > 0 && r.distanceKm > 0);
  const meanPace = (list: readonly DetailRun[]) =>
    list.reduce((s, r) => s + (r.durationSec as number), 0) / list.reduce((s, r) => s + r.distanceKm, 0);
  let recentSpeedIncrease: Suggestion | null = null;
  const [tA, tB] = [timed(recent), timed(before)];
  if (tA.length >= SUGGESTION_MIN_RUNS && tB.length >= SUGGESTION_MIN_RUNS) {
    const [pA, pB] = [meanPace(tA), meanPace(tB)];
    const faster = ((pB - pA) / pB) * 100;
    recentSpeedIncrease = {
      answer: faster >= SPEED_INCREASE_PCT,
      because: `mean pace ${pace(pA)} min/km over the last 4 weeks (${tA.length} runs) against ${pace(pB)} min/km over the 4 weeks before (${tB.length} runs): ${faster >= 0 ? `${round1(faster)}% faster` : `${round1(-faster)}% slower`}${faster >= SPEED_INCREASE_PCT ? "" : ` (a suggestion needs ${SPEED_INCREASE_PCT}% faster)`}`,
    };
  }

  const hilly = (list: readonly DetailRun[]) =>
    list.filter((r) => !r.treadmill && r.elevationGainM != null && r.elevationLossM != null && r.distanceKm > 0);
  const perKm = (list: readonly DetailRun[]) =>
    list.reduce((s, r) => s + (r.elevationGainM as number) + (r.elevationLossM as number), 0) / list.reduce((s, r) => s + r.distanceKm, 0);
  let recentHillIncrease: Suggestion | null = null;
  const [hA, hB] = [hilly(recent), hilly(before)];
  if (hA.length >= SUGGESTION_MIN_RUNS && hB.length >= SUGGESTION_MIN_RUNS) {
    const [a, b] = [perKm(hA), perKm(hB)];
    const up = b > 0 ? ((a - b) / b) * 100 : a > 0 ? Infinity : 0;
    const answer = up >= HILL_INCREASE_PCT && a - b >= HILL_MIN_M_PER_KM;
    recentHillIncrease = {
      answer,
      because: `climb and descent ${round1(a)} m per km over the last 4 weeks (${hA.length} runs) against ${round1(b)} m per km over the 4 weeks before (${hB.length} runs)${Number.isFinite(up) ? `: ${up >= 0 ? `up ${Math.round(up)}%` : `down ${Math.round(-up)}%`}` : ""}${answer ? "" : ` (a suggestion needs ${HILL_INCREASE_PCT}% and ${HILL_MIN_M_PER_KM} m per km more)`}`,
    };
  }
  return { recentSpeedIncrease, recentHillIncrease };
}

/** Distance-weighted mean cadence of the runs of the last 28 days that recorded one (steps/min), with their count. */
export function recentCadence(runs: readonly DetailRun[], today: IsoDate): { spm: number; runs: number } | null {
  const from = addDays(today, -(SUGGESTION_WINDOW_DAYS - 1));
  const list = runs.filter((r) => r.date >= from && r.date <= today && r.avgCadenceSpm != null && r.avgCadenceSpm > 0 && r.distanceKm > 0);
  const km = list.reduce((s, r) => s + r.distanceKm, 0);
  if (km <= 0) return null;
  return { spm: Math.round(list.reduce((s, r) => s + (r.avgCadenceSpm as number) * r.distanceKm, 0) / km), runs: list.length };
}

/**
 * Training load from individual runs (EVALUATE.md section 5, SPEC.md section 5).
 * Day D is the assessment day; runs dated after D are ignored everywhere.
 *
 * L is the first day from which the runs are complete: `training.loggedSince`
 * when given, else the date of the earliest run dated on or before D (the log
 * cannot say anything about the days before its first run). Days before L
 * may have runs that were never entered, so a value whose window starts
 * before L is null, not a small number: a new log never reads an ACWR of 4.0
 * against unlogged weeks.
 *
 * - acute7dKm:        total distance on days D-6 .. D; null when L > D-6.
 * - chronicWeeklyKm:  total distance on days D-27 .. D, divided by 4 (the 28
 *                     days include the acute 7); null when L > D-27.
 * - acwr:             acute7dKm / chronicWeeklyKm (unrounded values), null
 *                     when chronicWeeklyKm is 0 or null. Weak evidence (Lolli
 *                     2019; Impellizzeri 2020): shown as a trend, never a red flag.
 * - twoWeekChangePct: (A - B) / B x 100 with A = total on D-13 .. D and
 *                     B = total on D-27 .. D-14; null when B is 0 or L > D-27.
 *                     Flagged above the clinic's threshold (default +30%; Nielsen 2014).
 * - spikes:           every run dated D-29 .. D longer than (1 + spikePct/100)
 *                     times the longest run dated in the 30 days before it
 *                     (its date - 30 .. its date - 1), when that whole window
 *                     lies on or after L. No run, or only runs of 0 km, in the
 *                     window: not a spike. Band from the ratio to that longest
 *                     run: "10-30" up to 1.3, "30-100" above 1.3 up to 2.0,
 *                     ">100" above 2.0 (Frandsen 2025). Sorted by date (runs of
 *                     the same day in input order).
 *
 * Distances are rounded to one decimal, the ACWR to two, as output.
 */

import { ACUTE_DAYS, CHRONIC_DAYS, RUN_WINDOW_DAYS, SPIKE_CANDIDATE_DAYS, SPIKE_LOOKBACK_DAYS, TWO_WEEK_DAYS } from "../domain/windows";
import { dayNumber } from "./dates";
import type { IsoDate, RunInput } from "./input";
import { exceeds, round1, round2 } from "./rounding";
import type { Load, Spike, SpikeBand } from "./types";

/** Spike bands by ratio to the longest run of the previous 30 days (Frandsen 2025). */
export function spikeBand(distanceKm: number, longestKm: number): SpikeBand {
  if (!exceeds(distanceKm, 1.3 * longestKm)) return "10-30";
  if (!exceeds(distanceKm, 2 * longestKm)) return "30-100";
  return ">100";
}

/**
 * The day number of L (see above), or undefined when `loggedSince` is omitted
 * and no run is dated on or before `today`: there is no logged day to start from.
 */
export function logStart(runs: readonly { date: IsoDate }[], today: number, loggedSince?: IsoDate): number | undefined {
  if (loggedSince !== undefined) return dayNumber(loggedSince);
  let first: number | undefined;
  for (const run of runs) {
    const day = dayNumber(run.date);
    if (day <= today && (first === undefined || day < first)) first = day;
  }
  return first;
}

/**
 * `today` is the day number of D (see dates.ts); runs are not modified.
 * Undefined when there is no logged day to start from (load omitted).
 */
export function computeLoad(runs: readonly RunInput[], today: number, spikePct: number, loggedSince?: IsoDate): Load | undefined {
  const start = logStart(runs, today, loggedSince);
  if (start === undefined) return undefined;
  let acute = 0;
  let lastTwoWeeks = 0;
  let twoWeeksBefore = 0;
  // Runs of the run window D-59 .. D: the spike candidates (D-29 .. D) and their 30-day windows.
  const recent: { index: number; day: number; km: number; date: string }[] = [];

  for (let index = 0; index < runs.length; index++) {
    const run = runs[index] as RunInput;
    const day = dayNumber(run.date);
    const daysAgo = today - day;
    if (daysAgo < 0) continue; // after D: ignored everywhere
    const km = run.distanceKm;
    if (daysAgo < ACUTE_DAYS) acute += km;
    if (daysAgo < TWO_WEEK_DAYS) lastTwoWeeks += km;
    else if (daysAgo < CHRONIC_DAYS) twoWeeksBefore += km;
    if (daysAgo <= RUN_WINDOW_DAYS) recent.push({ index, day, km, date: run.date });
  }
  const acuteKnown = start <= today - (ACUTE_DAYS - 1);
  const chronicKnown = start <= today - (CHRONIC_DAYS - 1);

  // Sorted once by date (same-day runs keep their input order): spikes come out in date order,
  // and each run's 30-day window is the runs just before it.
  recent.sort((a, b) => a.day - b.day || a.index - b.index);
  const spikeFactor = 1 + spikePct / 100;
  const spikes: Spike[] = [];
  for (let i = 0; i < recent.length; i++) {
    const candidate = recent[i] as (typeof recent)[number];
    if (candidate.day <= today - SPIKE_CANDIDATE_DAYS) continue;
    if (candidate.day - SPIKE_LOOKBACK_DAYS < start) continue; // its window reaches before the log is complete
    let longest = 0;
    for (let j = i - 1; j >= 0; j--) {
      const other = recent[j] as (typeof recent)[number];
      if (other.day < candidate.day - SPIKE_LOOKBACK_DAYS) break;
      if (other.day < candidate.day && other.km > longest) longest = other.km;
    }
    if (longest <= 0) continue; // no earlier run, or only runs of 0 km
    if (!exceeds(candidate.km, spikeFactor * longest)) continue;
    spikes.push({
      date: candidate.date,
      distanceKm: round1(candidate.km),
      longestPrior30dKm: round1(longest),
      band: spikeBand(candidate.km, longest),
    });
  }

  const chronicWeekly = (lastTwoWeeks + twoWeeksBefore) / (CHRONIC_DAYS / 7);
  return {
    acute7dKm: acuteKnown ? round1(acute) : null,
    chronicWeeklyKm: chronicKnown ? round1(chronicWeekly) : null,
    acwr: !chronicKnown || chronicWeekly === 0 ? null : round2(acute / chronicWeekly),
    twoWeekChangePct: !chronicKnown || twoWeeksBefore === 0 ? null : round1(((lastTwoWeeks - twoWeeksBefore) / twoWeeksBefore) * 100),
    spikes,
  };
}

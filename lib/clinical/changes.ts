/**
 * Change of each outcome measure since the intake (baseline) and since the
 * previous assessment (EVALUATE.md section 6, SPEC.md section 6).
 *
 * `improved` when the score moved by at least the important change in the
 * better direction, `worsened` when it moved by at least that much in the
 * worse direction, else `unchanged`. The scores are compared as rounded for
 * output. Lower is better only for pain. A measure is compared only when it
 * has a value both now and in the compared assessment; a comparison that
 * cannot be made is omitted (and a measure with neither is omitted).
 */

import { MEASURES } from "../domain/measures";
import { atLeast } from "./rounding";
import type { Change, ChangeClass, ChangeMeasure, Changes, ImportantChange, Scores } from "./types";

/** The (rounded) score of `measure`, or undefined when absent or not computable. */
export function scoreOf(scores: Scores, measure: ChangeMeasure): number | undefined {
  switch (measure) {
    case "painNow":
    case "lefs":
    case "psfs":
    case "tegner":
      return scores[measure];
    default: {
      const subscale = scores.koos?.[measure.slice(5) as keyof NonNullable<Scores["koos"]>];
      return subscale === null ? undefined : subscale;
    }
  }
}

/**
 * Classify the move from `before` to `now`. Scores carry at most one decimal,
 * so the difference is taken in tenths (exact integers) before comparing it
 * with the threshold: 83.3 - 73.3 is exactly 10, not 9.99999999999999.
 */
export function classifyChange(before: number, now: number, importantChange: number, lowerIsBetter: boolean): ChangeClass {
  const tenths = Math.round(now * 10) - Math.round(before * 10);
  const better = lowerIsBetter ? -tenths : tenths;
  const threshold = importantChange * 10;
  if (atLeast(better, threshold)) return "improved";
  if (atLeast(-better, threshold)) return "worsened";
  return "unchanged";
}

export function computeChanges(now: Scores, baseline: Scores, previous: Scores, importantChange: ImportantChange): Changes {
  const changes: Changes = {};
  for (const { measure, importantChangeKey: setting, betterIs } of MEASURES) {
    const current = scoreOf(now, measure);
    if (current === undefined) continue;
    const lowerIsBetter = betterIs === "lower";
    const change: Change = {};
    const base = scoreOf(baseline, measure);
    if (base !== undefined) change.vsBaseline = classifyChange(base, current, importantChange[setting], lowerIsBetter);
    const prev = scoreOf(previous, measure);
    if (prev !== undefined) change.vsPrevious = classifyChange(prev, current, importantChange[setting], lowerIsBetter);
    if (change.vsBaseline !== undefined || change.vsPrevious !== undefined) changes[measure] = change;
  }
  return changes;
}

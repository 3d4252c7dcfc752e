/**
 * Outcome measures (EVALUATE.md section 6, SPEC.md section 6). Every score is
 * rounded to one decimal as output; a score that cannot be computed is `null`;
 * a measure that was not given is omitted.
 *
 * | measure | score                                   | better is |
 * |---------|-----------------------------------------|-----------|
 * | pain    | NRS 0-10 as given                       | lower     |
 * | KOOS    | per subscale 100 - mean(items) x 25     | higher    |
 * | LEFS    | sum of the 20 items, 0-80               | higher    |
 * | PSFS    | mean of the activity scores, 0-10       | higher    |
 * | Tegner  | activity level 0-10 as given            | higher    |
 */

import { round1 } from "./rounding";
import {
  KOOS_SUBSCALE_ITEMS,
  KOOS_SUBSCALES,
  type KoosResponses,
  type KoosScores,
  type KoosSubscale,
  type MeasuresInput,
  type PsfsItem,
  type Scores,
} from "./types";

/**
 * A KOOS subscale is scored only when at least half of its items are
 * answered; otherwise it is missing (`null`), never zero.
 */
export const KOOS_MIN_ANSWERED: Readonly<Record<KoosSubscale, number>> = Object.freeze({
  pain: 5, // of 9
  symptoms: 4, // of 7
  adl: 9, // of 17
  sport: 3, // of 5
  qol: 2, // of 4
});

/** KOOS subscale 0-100 (100 = no problems): 100 - mean(answered items) x 25, or null. Unrounded. */
export function koosSubscale(responses: KoosResponses, subscale: KoosSubscale): number | null {
  let sum = 0;
  let answered = 0;
  for (const item of KOOS_SUBSCALE_ITEMS[subscale]) {
    const value = responses[item];
    if (value !== undefined) {
      sum += value;
      answered += 1;
    }
  }
  if (answered < KOOS_MIN_ANSWERED[subscale]) return null;
  return 100 - (sum / answered) * 25;
}

/** All five KOOS subscales, rounded to one decimal (there is no KOOS total). */
export function koosScores(responses: KoosResponses): KoosScores {
  const out = {} as KoosScores;
  for (const subscale of KOOS_SUBSCALES) {
    const score = koosSubscale(responses, subscale);
    out[subscale] = score === null ? null : round1(score);
  }
  return out;
}

/** LEFS: the sum of the 20 items (0-80). */
export function lefsScore(items: readonly number[]): number {
  let sum = 0;
  for (const item of items) sum += item;
  return sum;
}

/** PSFS: the mean of the activity scores, rounded to one decimal. */
export function psfsScore(items: readonly PsfsItem[]): number {
  let sum = 0;
  for (const item of items) sum += item.score;
  return round1(sum / items.length);
}

/**
 * The scores of one assessment. `fallbackPainNow` is `symptoms.painNow`,
 * used when `measures.painNow` is absent (current assessment only).
 */
export function computeScores(measures: MeasuresInput | undefined, fallbackPainNow?: number): Scores {
  const scores: Scores = {};
  const painNow = measures?.painNow ?? fallbackPainNow;
  if (painNow !== undefined) scores.painNow = round1(painNow);
  if (measures?.koos !== undefined) scores.koos = koosScores(measures.koos);
  if (measures?.lefs !== undefined) scores.lefs = lefsScore(measures.lefs);
  if (measures?.psfs !== undefined && measures.psfs.length > 0) scores.psfs = psfsScore(measures.psfs);
  if (measures?.tegner !== undefined) scores.tegner = round1(measures.tegner);
  return scores;
}

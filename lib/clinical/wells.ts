/**
 * The two-level Wells score for DVT (NICE NG158), from its criteria: one
 * point each, except "an alternative diagnosis is at least as likely as
 * DVT", which takes 2 away. From -2 to 9; 1 or less "DVT unlikely", 2 or
 * more "DVT likely". The form's calculator and the server both compute
 * `exam.wellsDvt` with it.
 */
import type { WellsDvtCriterion } from "../domain/codes";

export function wellsDvtScore(criteria: readonly WellsDvtCriterion[]): number {
  const ticked = new Set(criteria);
  let score = 0;
  for (const criterion of ticked) score += criterion === "alternative_diagnosis_as_likely" ? -2 : 1;
  return score;
}

/** "unlikely" (1 or less) or "likely" (2 or more). */
export function wellsDvtLikelihood(score: number): "unlikely" | "likely" {
  return score <= 1 ? "unlikely" : "likely";
}

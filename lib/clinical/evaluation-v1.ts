/**
 * The output of rules version 1, as it was (shared/clinical/EVALUATE.md of
 * version 1). Evaluations stored under version 1 keep it: they are read
 * through lib/stored/evaluation.ts and shown labelled "rules version 1". No
 * code makes new version 1 evaluations.
 */
import type { Changes, Consideration, Evaluation, FindingPath, RiskFactor, Scores, Spike, Urgency } from "./types";

/** The 14 red flags of version 1 (all of them are also version 2 codes). */
export const RED_FLAG_CODES_V1 = [
  "septic_arthritis_suspected",
  "neurovascular_compromise",
  "dvt_suspected",
  "ottawa_knee_rule_positive",
  "haemarthrosis_suspected",
  "locked_knee",
  "bone_stress_injury_suspected",
  "tumour_suspected",
  "scfe_suspected",
  "instability",
  "persistent_pain",
  "visible_swelling",
  "catching",
  "sharp_weight_bearing_pain",
] as const;
export type RedFlagCodeV1 = (typeof RED_FLAG_CODES_V1)[number];

export interface RedFlagV1 {
  code: RedFlagCodeV1;
  urgency: Urgency;
  because: FindingPath[];
}

/** Version 1 computed every load value from the runs given, as if the log were complete. */
export interface LoadV1 {
  acute7dKm: number;
  chronicWeeklyKm: number;
  acwr: number | null;
  twoWeekChangePct: number | null;
  spikes: Spike[];
}

/** An evaluation as stored, of any rules version: tell them apart by `rulesVersion`. */
export type StoredEvaluation = Evaluation | EvaluationV1;

export interface EvaluationV1 {
  rulesVersion: "1";
  ageYears: number;
  urgency: Urgency;
  redFlags: RedFlagV1[];
  redFlagsAbsent: RedFlagCodeV1[];
  redFlagsNotAssessed: RedFlagCodeV1[];
  riskFactors: RiskFactor[];
  considerations: Consideration[];
  scores: Scores;
  load?: LoadV1;
  changes?: Changes;
}

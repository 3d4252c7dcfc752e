/**
 * Types of the evaluation contract (`rulesVersion` 2), as specified in
 * shared/clinical/EVALUATE.md: the input (input.ts) and the output. The
 * output of version 1, which stored evaluations may still hold, is in
 * evaluation-v1.ts.
 */

import type { ChangeClass, ConsiderationCode, RiskFactorCode, RunningAdviceMode, SpikeBand } from "../domain/codes";
import type { ChangeMeasure } from "../domain/measures";
import type { Urgency } from "../domain/urgency";
import type { RedFlag, RedFlagCode } from "./red-flags";
import type { IsoDate } from "./input";
import type { FindingPath } from "./logic";

export * from "./input";
export type { ImportantChange, Settings, ClinicSettings } from "../domain/settings";
export {
  SEXES,
  MECHANISMS,
  SIDES,
  EFFUSION_GRADES,
  TENDERNESS_SITES,
  VALGUS_STRESS_RESULTS,
  TEST_RESULTS,
  RUN_SURFACES,
  RISK_FACTOR_CODES,
  CONSIDERATION_CODES,
  SPIKE_BANDS,
  CHANGE_CLASSES,
  RUNNING_ADVICE_MODES,
  type Sex,
  type Mechanism,
  type Side,
  type EffusionGrade,
  type TendernessSite,
  type ValgusStressResult,
  type TestResult,
  type RunSurface,
  type RiskFactorCode,
  type ConsiderationCode,
  type SpikeBand,
  type ChangeClass,
  type RunningAdviceMode,
} from "../domain/codes";
export { KOOS_SUBSCALES, CHANGE_MEASURES, type KoosSubscale, type ChangeMeasure } from "../domain/measures";
export { URGENCY_ORDER, type Urgency } from "../domain/urgency";
export { RED_FLAG_CODES, type RedFlag, type RedFlagCode } from "./red-flags";

/** The version of the rules stored with every evaluation. */
export const RULES_VERSION = "2" as const;
export type RulesVersion = typeof RULES_VERSION;

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

export type { FindingPath };

export interface RiskFactor {
  code: RiskFactorCode;
  because: FindingPath[];
}

export interface Consideration {
  code: ConsiderationCode;
  supporting: FindingPath[];
}

/** Each subscale 0-100 (100 = no problems); `null` when too few items were answered. */
export interface KoosScores {
  pain: number | null;
  symptoms: number | null;
  adl: number | null;
  sport: number | null;
  qol: number | null;
}

/** A measure that was not given is omitted. */
export interface Scores {
  painNow?: number;
  koos?: KoosScores;
  lefs?: number;
  psfs?: number;
  tegner?: number;
}

export interface Spike {
  date: IsoDate;
  distanceKm: number;
  longestPrior30dKm: number;
  band: SpikeBand;
}

/** A value whose window starts before the log is complete (`training.loggedSince`) is null. */
export interface Load {
  acute7dKm: number | null;
  chronicWeeklyKm: number | null;
  acwr: number | null;
  twoWeekChangePct: number | null;
  spikes: Spike[];
}

export interface Change {
  vsBaseline?: ChangeClass;
  vsPrevious?: ChangeClass;
}

export type Changes = Partial<Record<ChangeMeasure, Change>>;

/** EVALUATE.md section 7. */
export interface RunningAdvice {
  mode: RunningAdviceMode;
  /** 0 for pain_free, settings.maxRunPain for pain_monitored, else null. */
  maxPainDuringRun: number | null;
  /** True exactly when redFlagsNotAssessed is empty. */
  screenComplete: boolean;
  because: FindingPath[];
}

export interface Evaluation {
  rulesVersion: RulesVersion;
  ageYears: number;
  urgency: Urgency;
  redFlags: RedFlag[];
  redFlagsAbsent: RedFlagCode[];
  redFlagsNotAssessed: RedFlagCode[];
  riskFactors: RiskFactor[];
  runningAdvice: RunningAdvice;
  considerations: Consideration[];
  scores: Scores;
  /** Omitted when `training.runs` is absent, or no logged day to start from. */
  load?: Load;
  /** Present only when `priorAssessments` is not empty. */
  changes?: Changes;
}

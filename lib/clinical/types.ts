/**
 * Types of the evaluation contract (`rulesVersion` 1), as specified in
 * shared/clinical/EVALUATE.md. The input shape is validated at run time by
 * lib/validation/evaluate-input.ts (zod); `evaluate()` trusts it.
 *
 * An omitted field means "not asked", which is NOT the same as `false`.
 */

import type {
  ChangeClass,
  ConsiderationCode,
  EffusionGrade,
  Mechanism,
  RiskFactorCode,
  RunSurface,
  Sex,
  Side,
  SpikeBand,
  TendernessSite,
  TestResult,
  ValgusStressResult,
} from "../domain/codes";
import { KOOS_SUBSCALES, type ChangeMeasure, type KoosSubscale } from "../domain/measures";
import type { ClinicSettings, ImportantChange } from "../domain/settings";
import type { Urgency } from "../domain/urgency";

/** The version of the rules stored with every evaluation. */
export const RULES_VERSION = "1" as const;
export type RulesVersion = typeof RULES_VERSION;

// ---------------------------------------------------------------------------
// Enumerations used by the input (the product's vocabulary: lib/domain)
// ---------------------------------------------------------------------------

export {
  SEXES,
  MECHANISMS,
  SIDES,
  EFFUSION_GRADES,
  TENDERNESS_SITES,
  VALGUS_STRESS_RESULTS,
  TEST_RESULTS,
  RUN_SURFACES,
  type Sex,
  type Mechanism,
  type Side,
  type EffusionGrade,
  type TendernessSite,
  type ValgusStressResult,
  type TestResult,
  type RunSurface,
} from "../domain/codes";

/** KOOS item ids per subscale (SPEC.md section 6). */
export const KOOS_SUBSCALE_ITEMS = {
  pain: ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"],
  symptoms: ["S1", "S2", "S3", "S4", "S5", "S6", "S7"],
  adl: ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "A14", "A15", "A16", "A17"],
  sport: ["SP1", "SP2", "SP3", "SP4", "SP5"],
  qol: ["Q1", "Q2", "Q3", "Q4"],
} as const;
export { KOOS_SUBSCALES, type KoosSubscale } from "../domain/measures";
export type KoosItemId = (typeof KOOS_SUBSCALE_ITEMS)[KoosSubscale][number];
export const KOOS_ITEM_IDS: readonly KoosItemId[] = KOOS_SUBSCALES.flatMap((s) => KOOS_SUBSCALE_ITEMS[s]);

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;

export interface PatientInput {
  birthDate: IsoDate;
  sex?: Sex;
}

export interface EpisodeInput {
  mechanism?: Mechanism;
  side?: Side;
  onsetDate?: IsoDate;
}

export interface SymptomsInput {
  /** Pain NRS 0-10. */
  painNow?: number;
  painWorstWeek?: number;
  painDuringRun?: number;
  painAtRest?: boolean;
  nightPain?: boolean;
  morningStiffnessOver30Min?: boolean;
  painOnStairs?: boolean;
  painRisingFromChair?: boolean;
  painProlongedSitting?: boolean;
  visibleSwelling?: boolean;
  swellingWithin2hOfInjury?: boolean;
  /** True locking: the knee gets stuck and cannot be straightened. */
  locking?: boolean;
  catching?: boolean;
  instability?: boolean;
  sharpWeightBearingPain?: boolean;
  limp?: boolean;
  /** Unable to take four steps (limping counts as bearing weight). */
  unableToBearWeightImmediately?: boolean;
  unableToBearWeightNow?: boolean;
  burningOrTinglingInnerLeg?: boolean;
  newNumbnessOrWeakness?: boolean;
  coldOrPaleLimb?: boolean;
  suspectedDislocation?: boolean;
  calfSwellingOrTenderness?: boolean;
  fever?: boolean;
  hotSwollenJoint?: boolean;
  unexplainedWeightLoss?: boolean;
  /** Integer >= 0. */
  daysPersistingDespiteReducedTraining?: number;
}

export interface HistoryInput {
  priorKneeInjury?: boolean;
  previousBoneStressInjury?: boolean;
  historyOfCancer?: boolean;
  recentJointInjection?: boolean;
  immunosuppressed?: boolean;
  lowEnergyAvailability?: boolean;
}

export interface ExamInput {
  effusion?: EffusionGrade;
  fullExtension?: boolean;
  flexionTo90?: boolean;
  /** Sites found tender; an empty list means palpated and nothing tender. */
  tenderness?: TendernessSite[];
  valgusStress0?: ValgusStressResult;
  valgusStress30?: ValgusStressResult;
  mcmurray?: TestResult;
  thessaly?: TestResult;
  hopPain?: boolean;
  singleLegSquatValgus?: boolean;
  hipAbductorWeakness?: boolean;
  quadricepsControlDeficit?: boolean;
  hamstringTightness?: boolean;
  ankleDorsiflexionLimited?: boolean;
  hipInternalRotationReduced?: boolean;
  saphenousTinel?: boolean;
}

export interface RunInput {
  date: IsoDate;
  /** 0 to 1000 km. */
  distanceKm: number;
  surface?: RunSurface;
}

export interface TrainingInput {
  /** Individual runs, in any order. */
  runs?: RunInput[];
  hardSurfaces?: boolean;
  camberedRoads?: boolean;
  trackSameDirection?: boolean;
  treadmillMostly?: boolean;
  recentSpeedIncrease?: boolean;
  recentHillIncrease?: boolean;
  overstriding?: boolean;
  warmUp?: boolean;
  restDaysPerWeek?: number;
  shoeDistanceKm?: number;
  shoePairsInRotation?: number;
}

export type KoosResponses = Partial<Record<KoosItemId, number>>;

export interface PsfsItem {
  activity: string;
  /** 0 (unable) to 10 (as before the injury). */
  score: number;
}

export interface MeasuresInput {
  /** Pain NRS 0-10; when absent, `symptoms.painNow` is used. */
  painNow?: number;
  /** KOOS item id -> 0 (none) .. 4 (extreme); unanswered items omitted. */
  koos?: KoosResponses;
  /** Exactly 20 items, each 0 (extreme difficulty) .. 4 (no difficulty). */
  lefs?: number[];
  /** 1 to 5 patient-chosen activities. */
  psfs?: PsfsItem[];
  /** Tegner activity level 0-10. */
  tegner?: number;
}

export interface PriorAssessmentInput {
  assessedOn: IsoDate;
  measures: MeasuresInput;
}

export type { ImportantChange, Settings, ClinicSettings } from "../domain/settings";

export interface EvaluationInput {
  /** The day of the assessment: "today" for every window. */
  assessedOn: IsoDate;
  patient: PatientInput;
  episode?: EpisodeInput;
  symptoms?: SymptomsInput;
  history?: HistoryInput;
  exam?: ExamInput;
  training?: TrainingInput;
  measures?: MeasuresInput;
  /** Oldest first; the first is the baseline (intake). */
  priorAssessments?: PriorAssessmentInput[];
  settings?: ClinicSettings;
}

// ---------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------

export { URGENCY_ORDER, type Urgency } from "../domain/urgency";
export {
  RISK_FACTOR_CODES,
  CONSIDERATION_CODES,
  SPIKE_BANDS,
  CHANGE_CLASSES,
  type RiskFactorCode,
  type ConsiderationCode,
  type SpikeBand,
  type ChangeClass,
} from "../domain/codes";
export { CHANGE_MEASURES, type ChangeMeasure } from "../domain/measures";

export const RED_FLAG_CODES = [
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
export type RedFlagCode = (typeof RED_FLAG_CODES)[number];

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/**
 * An input path such as "symptoms.visibleSwelling", or a derived value:
 * "ageYears", "load.twoWeekChangePct", "load.spikes".
 */
export type FindingPath = string;

export interface RedFlag {
  code: RedFlagCode;
  urgency: Urgency;
  because: FindingPath[];
}

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

export interface Load {
  acute7dKm: number;
  chronicWeeklyKm: number;
  acwr: number | null;
  twoWeekChangePct: number | null;
  spikes: Spike[];
}

export interface Change {
  vsBaseline?: ChangeClass;
  vsPrevious?: ChangeClass;
}

export type Changes = Partial<Record<ChangeMeasure, Change>>;

export interface Evaluation {
  rulesVersion: RulesVersion;
  ageYears: number;
  urgency: Urgency;
  redFlags: RedFlag[];
  redFlagsAbsent: RedFlagCode[];
  redFlagsNotAssessed: RedFlagCode[];
  riskFactors: RiskFactor[];
  considerations: Consideration[];
  scores: Scores;
  /** Omitted when `training.runs` is absent. */
  load?: Load;
  /** Present only when `priorAssessments` is not empty. */
  changes?: Changes;
}

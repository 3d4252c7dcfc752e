/**
 * The input of the evaluation contract (`rulesVersion` 2, EVALUATE.md
 * section 1). Validated at run time by lib/validation/evaluate-input.ts
 * (zod); `evaluate()` trusts it.
 *
 * An omitted field means "not asked", which is NOT the same as `false`.
 */

import type { EffusionGrade, Mechanism, RunSurface, Sex, Side, TendernessSite, TestResult, ValgusStressResult } from "../domain/codes";
import { KOOS_SUBSCALES, type KoosSubscale } from "../domain/measures";
import type { ClinicSettings } from "../domain/settings";

/** KOOS item ids per subscale (SPEC.md section 6). */
export const KOOS_SUBSCALE_ITEMS = {
  pain: ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"],
  symptoms: ["S1", "S2", "S3", "S4", "S5", "S6", "S7"],
  adl: ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "A14", "A15", "A16", "A17"],
  sport: ["SP1", "SP2", "SP3", "SP4", "SP5"],
  qol: ["Q1", "Q2", "Q3", "Q4"],
} as const;
export type KoosItemId = (typeof KOOS_SUBSCALE_ITEMS)[KoosSubscale][number];
export const KOOS_ITEM_IDS: readonly KoosItemId[] = KOOS_SUBSCALES.flatMap((s) => KOOS_SUBSCALE_ITEMS[s]);

/** A calendar date written `YYYY-MM-DD`. */
export type IsoDate = string;

export interface PatientInput {
  birthDate: IsoDate;
  sex?: Sex;
}

export interface EpisodeInput {
  mechanism?: Mechanism;
  side?: Side;
  /** Not after `assessedOn`. */
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
  /** A tibiofemoral (knee joint) dislocation. */
  suspectedDislocation?: boolean;
  /** A dislocation of the kneecap. */
  patellarDislocation?: boolean;
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
  /** Two-level Wells score for DVT, -2 to 9 (NICE NG158): 1 or less "unlikely", 2 or more "likely". */
  wellsDvt?: number;
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
  /**
   * The first day from which `runs` is complete (not after `assessedOn`);
   * omitted: the log begins with its earliest run on or before `assessedOn`.
   */
  loggedSince?: IsoDate;
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

/**
 * Types of the evaluation contract (`rulesVersion` 1), as specified in
 * shared/clinical/EVALUATE.md. The input shape is validated at run time by
 * lib/validation/evaluate-input.ts (zod); `evaluate()` trusts it.
 *
 * An omitted field means "not asked", which is NOT the same as `false`.
 */

/** The version of the rules stored with every evaluation. */
export const RULES_VERSION = "1" as const;
export type RulesVersion = typeof RULES_VERSION;

// ---------------------------------------------------------------------------
// Enumerations used by the input
// ---------------------------------------------------------------------------

export const SEXES = ["female", "male", "other", "unknown"] as const;
export type Sex = (typeof SEXES)[number];

export const MECHANISMS = ["gradual", "acute_trauma"] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const SIDES = ["left", "right", "both"] as const;
export type Side = (typeof SIDES)[number];

export const EFFUSION_GRADES = ["none", "trace", "moderate", "large"] as const;
export type EffusionGrade = (typeof EFFUSION_GRADES)[number];

export const TENDERNESS_SITES = [
  "medial_joint_line",
  "mcl",
  "pes_anserine",
  "proximal_medial_tibia_bony",
  "medial_patellar_facet",
  "patella_only",
  "fibular_head",
] as const;
export type TendernessSite = (typeof TENDERNESS_SITES)[number];

export const VALGUS_STRESS_RESULTS = ["normal", "pain", "laxity"] as const;
export type ValgusStressResult = (typeof VALGUS_STRESS_RESULTS)[number];

export const TEST_RESULTS = ["negative", "positive"] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

export const RUN_SURFACES = ["road", "track", "treadmill", "trail"] as const;
export type RunSurface = (typeof RUN_SURFACES)[number];

/** KOOS item ids per subscale (SPEC.md section 6). */
export const KOOS_SUBSCALE_ITEMS = {
  pain: ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"],
  symptoms: ["S1", "S2", "S3", "S4", "S5", "S6", "S7"],
  adl: ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13", "A14", "A15", "A16", "A17"],
  sport: ["SP1", "SP2", "SP3", "SP4", "SP5"],
  qol: ["Q1", "Q2", "Q3", "Q4"],
} as const;
export type KoosSubscale = keyof typeof KOOS_SUBSCALE_ITEMS;
export const KOOS_SUBSCALES = ["pain", "symptoms", "adl", "sport", "qol"] as const satisfies readonly KoosSubscale[];
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

export interface ImportantChange {
  painNow: number;
  koos: number;
  lefs: number;
  psfs: number;
  tegner: number;
}

/** Complete thresholds, as used by the rules. */
export interface Settings {
  persistentPainDays: number;
  twoWeekIncreasePct: number;
  spikePct: number;
  minRestDaysPerWeek: number;
  shoeReplaceKm: number;
  importantChange: ImportantChange;
}

/** Partial thresholds: a clinic's settings, or the overrides of one input. */
export interface ClinicSettings {
  persistentPainDays?: number;
  twoWeekIncreasePct?: number;
  spikePct?: number;
  minRestDaysPerWeek?: number;
  shoeReplaceKm?: number;
  importantChange?: Partial<ImportantChange>;
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

// ---------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------

/** Most severe first. */
export const URGENCY_ORDER = ["emergency", "urgent", "soon", "routine"] as const;
export type Urgency = (typeof URGENCY_ORDER)[number];

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

export const RISK_FACTOR_CODES = [
  "age_over_30",
  "prior_knee_injury",
  "previous_bone_stress_injury",
  "low_energy_availability",
  "rapid_distance_increase",
  "single_run_spike",
  "speed_or_hill_increase",
  "hard_surfaces",
  "cambered_or_one_direction",
  "treadmill_monotony",
  "insufficient_rest",
  "worn_footwear",
  "single_shoe_pair",
  "overstriding",
  "no_warm_up",
  "dynamic_knee_valgus",
  "hip_abductor_weakness",
  "quadriceps_control_deficit",
  "hamstring_tightness",
  "ankle_dorsiflexion_limited",
] as const;
export type RiskFactorCode = (typeof RISK_FACTOR_CODES)[number];

export const CONSIDERATION_CODES = [
  "mcl",
  "pes_anserine",
  "medial_meniscus",
  "medial_compartment_overload",
  "bone_stress_injury",
  "patellofemoral",
  "saphenous_nerve",
  "referred_hip",
] as const;
export type ConsiderationCode = (typeof CONSIDERATION_CODES)[number];

export const SPIKE_BANDS = ["10-30", "30-100", ">100"] as const;
export type SpikeBand = (typeof SPIKE_BANDS)[number];

export const CHANGE_CLASSES = ["improved", "unchanged", "worsened"] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

/** The measures compared in `changes`, in output order. */
export const CHANGE_MEASURES = [
  "painNow",
  "koos.pain",
  "koos.symptoms",
  "koos.adl",
  "koos.sport",
  "koos.qol",
  "lefs",
  "psfs",
  "tegner",
] as const;
export type ChangeMeasure = (typeof CHANGE_MEASURES)[number];

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

/**
 * Human labels (English) of every code, in one table. Red-flag labels are
 * defined with their rules (lib/clinical/red-flags/<code>.ts, one file per
 * rule, collected as RED_FLAG_LABELS); everything else is here.
 */
import type {
  AssessmentKind,
  ChangeClass,
  ConsiderationCode,
  DischargeReason,
  EffusionGrade,
  EpisodeStatus,
  Mechanism,
  PainTime,
  PlanItem,
  RedFlagAction,
  Response,
  RiskFactorCode,
  RunningAdviceMode,
  RunningLevel,
  RunSurface,
  TreatmentCode,
  Sex,
  Side,
  SpikeBand,
  SwellingTiming,
  TendernessSite,
  TestResult,
  ValgusStressResult,
  WellsDvtCriterion,
} from "./codes";
import type { Urgency } from "./urgency";

export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = Object.freeze({
  emergency: "Emergency: same day, emergency department",
  urgent: "Urgent: physician within days, stop running",
  soon: "Soon: medical evaluation within 1-2 weeks",
  routine: "Routine: conservative care in clinic with planned review",
});

/** What was done about a red flag (RedFlagAction rows). */
export const RED_FLAG_ACTION_LABELS: Readonly<Record<RedFlagAction, string>> = Object.freeze({
  sent_to_ed: "Sent to the emergency department",
  urgent_referral: "Urgent referral made",
  discussed_with_doctor: "Discussed with a doctor",
  advised_safety_netted: "Runner advised and safety-netted",
  not_applicable: "Not applicable",
});

/** Treatment given at a visit (answers.treatment). */
export const TREATMENT_LABELS: Readonly<Record<TreatmentCode, string>> = Object.freeze({
  education: "Education about the condition",
  load_advice: "Load and training advice",
  manual_therapy: "Manual therapy",
  taping: "Taping",
  dry_needling: "Dry needling",
  footwear_advice: "Footwear advice",
  gait_retraining: "Gait retraining",
  injection_by_doctor: "Injection (by a doctor)",
  other: "Other treatment",
});

/** One treatment as a record line: "Gait retraining (cadence target 172 steps/min): shorter strides". */
export function treatmentText(t: { code: TreatmentCode; notes?: string | undefined; cadenceTargetSpm?: number | undefined }): string {
  const cadence = t.cadenceTargetSpm !== undefined ? ` (cadence target ${t.cadenceTargetSpm} steps/min)` : "";
  return `${TREATMENT_LABELS[t.code]}${cadence}${t.notes ? `: ${t.notes}` : ""}`;
}

/** Why an episode ended (Discharge rows). */
export const DISCHARGE_REASON_LABELS: Readonly<Record<DischargeReason, string>> = Object.freeze({
  returned_to_full_running: "Returned to full running",
  goal_race_completed: "Goal race completed",
  referred_on: "Referred on",
  self_discharged: "Self-discharged",
  lost_to_follow_up: "Lost to follow-up",
  other: "Other",
});

export const RISK_FACTOR_LABELS: Readonly<Record<RiskFactorCode, string>> = Object.freeze({
  age_over_30: "Age over 30",
  prior_knee_injury: "Previous knee injury",
  previous_bone_stress_injury: "Previous bone stress injury",
  low_energy_availability: "Low energy availability",
  rapid_distance_increase: "Rapid increase in distance (two weeks)",
  single_run_spike: "Single-run spike",
  speed_or_hill_increase: "Recent increase in speed or hills",
  hard_surfaces: "Hard surfaces",
  cambered_or_one_direction: "Cambered roads or one direction on the track",
  treadmill_monotony: "Mostly treadmill running",
  insufficient_rest: "Too few rest days",
  worn_footwear: "Worn footwear",
  single_shoe_pair: "Only one pair of shoes",
  overstriding: "Overstriding",
  no_warm_up: "No warm-up",
  dynamic_knee_valgus: "Dynamic knee valgus",
  hip_abductor_weakness: "Hip abductor weakness",
  quadriceps_control_deficit: "Quadriceps control deficit",
  hamstring_tightness: "Hamstring tightness",
  ankle_dorsiflexion_limited: "Limited ankle dorsiflexion",
});

export const CONSIDERATION_LABELS: Readonly<Record<ConsiderationCode, string>> = Object.freeze({
  mcl: "MCL irritation or sprain",
  pes_anserine: "Pes anserine tendinopathy or bursitis",
  medial_meniscus: "Medial meniscus",
  medial_compartment_overload: "Medial compartment overload / early osteoarthritis",
  bone_stress_injury: "Bone stress injury of the medial tibia",
  patellofemoral: "Patellofemoral pain with a medial component",
  saphenous_nerve: "Saphenous nerve irritation",
  referred_hip: "Pain referred from the hip",
});

export const SPIKE_BAND_LABELS: Readonly<Record<SpikeBand, string>> = Object.freeze({
  "10-30": "more than 10% up to 30% longer",
  "30-100": "more than 30% up to 100% longer",
  ">100": "more than twice as long",
});

export const CHANGE_CLASS_LABELS: Readonly<Record<ChangeClass, string>> = Object.freeze({
  improved: "Improved",
  unchanged: "Unchanged",
  worsened: "Worsened",
});

// ---------------------------------------------------------------------------
// Running advice (EVALUATE.md section 7)
// ---------------------------------------------------------------------------

export const RUNNING_ADVICE_LABELS: Readonly<Record<RunningAdviceMode, string>> = Object.freeze({
  stop: "Stop running",
  screen_incomplete: "No running advice until the screen is complete",
  pain_free: "Pain-free running only",
  pain_monitored: "Pain-monitored running",
});

/** What each mode asks of the runner, in a sentence. */
export const RUNNING_ADVICE_DETAILS: Readonly<Record<RunningAdviceMode, string>> = Object.freeze({
  stop: "No running until the red flags named are assessed by a physician.",
  screen_incomplete: "Assess the red flags not yet assessed before giving any running advice.",
  pain_free:
    "No running until 30 minutes of walking and 10 single-leg hops are pain-free; then walk-run at 0/10 with no pain the next day (Warden 2014; Hoenig 2022).",
  pain_monitored:
    "Pain during the run at most the limit, back to its usual level by the next morning, and no increase from week to week (Silbernagel 2007).",
});

/**
 * The advice as one line: "Stop running", "No running advice until the
 * screen is complete: 3 red flags not assessed", "Pain-free running only",
 * "Pain up to 3 of 10 during the run, settled by the next morning".
 */
export function runningAdviceText(advice: {
  mode: RunningAdviceMode;
  maxPainDuringRun: number | null;
  because: readonly string[];
}): string {
  switch (advice.mode) {
    case "stop":
      return RUNNING_ADVICE_LABELS.stop;
    case "screen_incomplete": {
      const n = advice.because.length;
      return `${RUNNING_ADVICE_LABELS.screen_incomplete}: ${n} red flag${n === 1 ? "" : "s"} not assessed`;
    }
    case "pain_free":
      return RUNNING_ADVICE_LABELS.pain_free;
    case "pain_monitored":
      return `Pain up to ${advice.maxPainDuringRun ?? 0} of 10 during the run, settled by the next morning`;
  }
}

/** Shown where a stored evaluation predates running advice. */
export const NO_RUNNING_ADVICE_V1 = "No running advice: this evaluation was made under rules version 1, which gave none";

// ---------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------

export const SEX_LABELS: Readonly<Record<Sex, string>> = Object.freeze({
  female: "Female",
  male: "Male",
  other: "Other",
  unknown: "Unknown",
});
export const SIDE_LABELS: Readonly<Record<Side, string>> = Object.freeze({ left: "Left knee", right: "Right knee", both: "Both knees" });
export const EPISODE_STATUS_LABELS: Readonly<Record<EpisodeStatus, string>> = Object.freeze({
  open: "Open",
  discharged: "Discharged",
  opened_in_error: "Opened in error",
});
export const LEVEL_LABELS: Readonly<Record<RunningLevel, string>> = Object.freeze({
  novice: "Novice (< 1 year)",
  recreational: "Recreational",
  competitive: "Competitive",
});
export const MECHANISM_LABELS: Readonly<Record<Mechanism, string>> = Object.freeze({
  gradual: "Gradual (overuse)",
  acute_trauma: "Acute trauma",
});
export const SURFACE_LABELS: Readonly<Record<RunSurface, string>> = Object.freeze({
  road: "Road",
  track: "Track",
  treadmill: "Treadmill",
  trail: "Trail",
});
export const ASSESSMENT_KIND_LABELS: Readonly<Record<AssessmentKind, string>> = Object.freeze({ intake: "Intake", follow_up: "Follow-up" });

export const EFFUSION_LABELS: Readonly<Record<EffusionGrade, string>> = Object.freeze({
  none: "None",
  trace: "Trace",
  moderate: "Moderate",
  large: "Large",
});
export const VALGUS_LABELS: Readonly<Record<ValgusStressResult, string>> = Object.freeze({
  normal: "Normal",
  pain: "Pain",
  laxity: "Laxity",
});
export const TEST_RESULT_LABELS: Readonly<Record<TestResult, string>> = Object.freeze({ negative: "Negative", positive: "Positive" });

/** Tenderness sites as the form asks them. */
export const TENDERNESS_LABELS: Readonly<Record<TendernessSite, string>> = Object.freeze({
  medial_joint_line: "Medial joint line",
  mcl: "Along the MCL",
  pes_anserine: "Pes anserine insertion (2-5 cm below the joint line)",
  proximal_medial_tibia_bony: "Focal bony tenderness, proximal medial tibia",
  medial_patellar_facet: "Medial patellar facet / medial to the patella",
  patella_only: "Patella only (no other bony tenderness)",
  fibular_head: "Fibular head",
});

/** Tenderness sites in a sentence: "Tenderness: medial joint line, MCL". */
export const TENDERNESS_SHORT: Readonly<Record<TendernessSite, string>> = Object.freeze({
  medial_joint_line: "medial joint line",
  mcl: "MCL",
  pes_anserine: "pes anserine insertion",
  proximal_medial_tibia_bony: "focal bony tenderness of the proximal medial tibia",
  medial_patellar_facet: "medial patellar facet",
  patella_only: "patella only",
  fibular_head: "fibular head",
});

export const SWELLING_TIMING_LABELS: Readonly<Record<SwellingTiming, string>> = Object.freeze({
  none: "No swelling",
  within_2h: "Within 2 hours of the injury",
  "2_to_24h": "2-24 hours after the injury",
  gradual: "Gradually, without an injury",
});

export const PAIN_TIME_LABELS: Readonly<Record<PainTime, string>> = Object.freeze({
  during_run: "During the run",
  after_run: "After the run",
  next_morning: "The next morning",
});

/** The criteria of the two-level Wells score for DVT, as NICE NG158 words them. */
export const WELLS_DVT_CRITERION_LABELS: Readonly<Record<WellsDvtCriterion, string>> = Object.freeze({
  active_cancer: "Active cancer (treatment ongoing, within 6 months, or palliative)",
  paralysis_or_plaster: "Paralysis, paresis or recent plaster immobilisation of the legs",
  bedridden_or_major_surgery: "Recently bedridden for 3 days or more, or major surgery within 12 weeks",
  deep_vein_tenderness: "Localised tenderness along the deep venous system",
  entire_leg_swollen: "Entire leg swollen",
  calf_swelling_3cm: "Calf swelling at least 3 cm larger than the other side",
  pitting_oedema: "Pitting oedema confined to the symptomatic leg",
  collateral_superficial_veins: "Collateral superficial veins (non-varicose)",
  previous_dvt: "Previously documented DVT",
  alternative_diagnosis_as_likely: "An alternative diagnosis is at least as likely as DVT",
});

export const PLAN_ITEM_LABELS: Readonly<Record<PlanItem, string>> = Object.freeze({
  reduce_running_volume: "Reduce or modify running volume",
  avoid_hills: "Avoid hills (especially downhill) for now",
  warm_up: "Warm up before every run",
  ice_after_runs: "Ice the inner knee after runs (10-15 min)",
  strengthen_hip_thigh: "Strengthen hip and thigh stabilisers (gluteus medius, quadriceps control)",
  mobility_hamstrings_ankle: "Hamstring and ankle mobility work",
  footwear_review: "Review footwear: replace worn shoes, rotate more than one pair",
  cadence_increase: "Raise step rate by 5-10% to lower knee load",
  pain_monitoring:
    "Pain monitoring: up to 3/10 while running is acceptable, 4-5 is a caution, above 5 stop; pain must not be higher the next morning",
  walk_run_progression: "Walk-run progression starting at 3 × (4 min walk / 1 min run) on alternate days",
  no_progress_if_symptoms_24h: "Do not progress while pain or swelling lasts more than 24 hours",
  refer_physician: "Refer to a physician (red flag or no progress)",
});

export const RESPONSE_LABELS: Readonly<Record<Response, string>> = Object.freeze({
  much_better: "Much better",
  better: "Better",
  unchanged: "Unchanged",
  worse: "Worse",
  much_worse: "Much worse",
});

/**
 * Labels of the paths that appear in `because` / `supporting` lists (input
 * paths and derived values). tests/unit/clinical/rule-inputs.test.ts fails
 * when a path a rule reads has none.
 */
export const FINDING_LABELS: Readonly<Record<string, string>> = Object.freeze({
  ageYears: "Age",
  "load.twoWeekChangePct": "Two-week distance change",
  "load.spikes": "Single-run spikes",
  "episode.mechanism": "Mechanism of injury",
  "episode.onsetDate": "Onset date",
  "symptoms.painDuringRun": "Pain during running",
  "symptoms.painAtRest": "Pain at rest",
  "symptoms.nightPain": "Night pain",
  "symptoms.morningStiffnessOver30Min": "Morning stiffness over 30 minutes",
  "symptoms.painOnStairs": "Pain on stairs",
  "symptoms.painRisingFromChair": "Pain rising from a chair",
  "symptoms.painProlongedSitting": "Pain with prolonged sitting",
  "symptoms.visibleSwelling": "Visible swelling",
  "symptoms.swellingWithin2hOfInjury": "Swelling within 2 hours of injury",
  "symptoms.locking": "Locking",
  "symptoms.catching": "Catching",
  "symptoms.instability": "Instability",
  "symptoms.sharpWeightBearingPain": "Sharp pain on weight-bearing",
  "symptoms.limp": "Limp",
  "symptoms.unableToBearWeightImmediately": "Unable to bear weight immediately after injury",
  "symptoms.unableToBearWeightNow": "Unable to bear weight now",
  "symptoms.burningOrTinglingInnerLeg": "Burning or tingling along the inner leg",
  "symptoms.newNumbnessOrWeakness": "New numbness or weakness",
  "symptoms.coldOrPaleLimb": "Cold or pale limb",
  "symptoms.suspectedDislocation": "Suspected knee joint dislocation",
  "symptoms.patellarDislocation": "Kneecap dislocation",
  "symptoms.calfSwellingOrTenderness": "Calf swelling or tenderness",
  "symptoms.fever": "Fever",
  "symptoms.hotSwollenJoint": "Hot swollen joint",
  "symptoms.unexplainedWeightLoss": "Unexplained weight loss",
  "symptoms.daysPersistingDespiteReducedTraining": "Days of pain despite reduced training",
  "history.priorKneeInjury": "Previous knee injury",
  "history.previousBoneStressInjury": "Previous bone stress injury",
  "history.historyOfCancer": "History of cancer",
  "history.recentJointInjection": "Recent joint injection",
  "history.immunosuppressed": "Immunosuppressed",
  "history.lowEnergyAvailability": "Low energy availability",
  "exam.effusion": "Effusion",
  "exam.flexionTo90": "Flexion to 90 degrees",
  "exam.tenderness": "Tenderness",
  "exam.valgusStress0": "Valgus stress at 0 degrees",
  "exam.valgusStress30": "Valgus stress at 30 degrees",
  "exam.mcmurray": "McMurray test",
  "exam.thessaly": "Thessaly test",
  "exam.wellsDvt": "Two-level Wells score for DVT",
  "exam.hopPain": "Pain on single-leg hop",
  "exam.singleLegSquatValgus": "Dynamic knee valgus on single-leg squat",
  "exam.hipAbductorWeakness": "Hip abductor weakness",
  "exam.quadricepsControlDeficit": "Quadriceps control deficit",
  "exam.hamstringTightness": "Hamstring tightness",
  "exam.ankleDorsiflexionLimited": "Limited ankle dorsiflexion",
  "exam.hipInternalRotationReduced": "Reduced hip internal rotation",
  "exam.saphenousTinel": "Tinel's sign over the saphenous nerve",
  "training.hardSurfaces": "Hard surfaces",
  "training.camberedRoads": "Cambered roads",
  "training.trackSameDirection": "Always the same direction on the track",
  "training.treadmillMostly": "Mostly treadmill",
  "training.recentSpeedIncrease": "Recent increase in speed work",
  "training.recentHillIncrease": "Recent increase in hills",
  "training.overstriding": "Overstriding",
  "training.warmUp": "Warm-up",
  "training.restDaysPerWeek": "Rest days per week",
  "training.shoeDistanceKm": "Distance on the shoes",
  "training.shoePairsInRotation": "Shoe pairs in rotation",
});

/** The label of a finding path ("symptoms.locking" -> "Locking"); unknown paths as they are. */
export function findingLabel(path: string): string {
  return FINDING_LABELS[path] ?? path;
}

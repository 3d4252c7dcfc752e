/**
 * The codes of the product's vocabulary: every enumerated answer and every
 * code of the engine's output except the red flags, whose codes are defined
 * with their rules (lib/clinical/red-flags, one file per rule). Their labels
 * are in labels.ts.
 */

// ---------------------------------------------------------------------------
// Answers (EVALUATE.md section 1)
// ---------------------------------------------------------------------------

export const SEXES = ["female", "male", "other", "unknown"] as const;
export type Sex = (typeof SEXES)[number];

export const MECHANISMS = ["gradual", "acute_trauma"] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const SIDES = ["left", "right", "both"] as const;
export type Side = (typeof SIDES)[number];

/** An episode is open, discharged, or withdrawn as opened in error (a duplicate made by mistake: kept, never a discharge). */
export const EPISODE_STATUSES = ["open", "discharged", "opened_in_error"] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];

/** One open episode per knee: "both" is both knees, so it overlaps an open left or right episode. */
export function kneesOverlap(a: Side, b: Side): boolean {
  return a === b || a === "both" || b === "both";
}

export const RUNNING_LEVELS = ["novice", "recreational", "competitive"] as const;
export type RunningLevel = (typeof RUNNING_LEVELS)[number];

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

/** When the swelling appeared: asked once (it decides `symptoms.swellingWithin2hOfInjury`). */
export const SWELLING_TIMING = ["none", "within_2h", "2_to_24h", "gradual"] as const;
export type SwellingTiming = (typeof SWELLING_TIMING)[number];

export const PAIN_TIMES = ["during_run", "after_run", "next_morning"] as const;
export type PainTime = (typeof PAIN_TIMES)[number];

/**
 * The criteria of the two-level Wells score for DVT (NICE NG158), each worth
 * one point except an alternative diagnosis at least as likely (-2): the
 * score runs from -2 to 9.
 */
export const WELLS_DVT_CRITERIA = [
  "active_cancer",
  "paralysis_or_plaster",
  "bedridden_or_major_surgery",
  "deep_vein_tenderness",
  "entire_leg_swollen",
  "calf_swelling_3cm",
  "pitting_oedema",
  "collateral_superficial_veins",
  "previous_dvt",
  "alternative_diagnosis_as_likely",
] as const;
export type WellsDvtCriterion = (typeof WELLS_DVT_CRITERIA)[number];

/** The seed article's initial management and the return-to-run guidance (SPEC.md section 6). */
export const PLAN_ITEMS = [
  "reduce_running_volume",
  "avoid_hills",
  "warm_up",
  "ice_after_runs",
  "strengthen_hip_thigh",
  "mobility_hamstrings_ankle",
  "footwear_review",
  "cadence_increase",
  "pain_monitoring",
  "walk_run_progression",
  "no_progress_if_symptoms_24h",
  "refer_physician",
] as const;
export type PlanItem = (typeof PLAN_ITEMS)[number];

/** Treatment given at a visit (issue 14 item 3), recorded with the assessment's answers. */
export const TREATMENT_CODES = [
  "education",
  "load_advice",
  "manual_therapy",
  "taping",
  "dry_needling",
  "footwear_advice",
  "gait_retraining",
  "injection_by_doctor",
  "other",
] as const;
export type TreatmentCode = (typeof TREATMENT_CODES)[number];

export const RESPONSES = ["much_better", "better", "unchanged", "worse", "much_worse"] as const;
export type Response = (typeof RESPONSES)[number];

export const ASSESSMENT_KINDS = ["intake", "follow_up"] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

// ---------------------------------------------------------------------------
// Output codes (EVALUATE.md sections 2 to 7)
// ---------------------------------------------------------------------------

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

/** Running advice (EVALUATE.md section 7), in the order the rules are tried. */
export const RUNNING_ADVICE_MODES = ["stop", "screen_incomplete", "pain_free", "pain_monitored"] as const;
export type RunningAdviceMode = (typeof RUNNING_ADVICE_MODES)[number];

// ---------------------------------------------------------------------------
// What was done about a red flag (labels in labels.ts; lib/domain/red-flag-items.ts)
// ---------------------------------------------------------------------------

export const RED_FLAG_ACTIONS = [
  "sent_to_ed",
  "urgent_referral",
  "discussed_with_doctor",
  "advised_safety_netted",
  "not_applicable",
] as const;
export type RedFlagAction = (typeof RED_FLAG_ACTIONS)[number];
/** The actions that need a reason (why the flag does not apply). */
export const RED_FLAG_ACTIONS_NEEDING_REASON: readonly RedFlagAction[] = ["not_applicable"];

// ---------------------------------------------------------------------------
// Discharge (issue 14 item 4)

/** Why an episode of care ends. `other` carries its own words. */
export const DISCHARGE_REASONS = [
  "returned_to_full_running",
  "goal_race_completed",
  "referred_on",
  "self_discharged",
  "lost_to_follow_up",
  "other",
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];

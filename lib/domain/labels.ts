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

// ---------------------------------------------------------------------------
// The audit log (admin page and its CSV export)
// ---------------------------------------------------------------------------

/** The kinds of action the audit log filters by. */
export const AUDIT_KIND_LABELS = Object.freeze({
  view: "Views of records",
  change: "Records made or changed",
  sign: "Signed, sent or discharged",
  export: "Exports",
  refused: "Refused writes",
  access: "Sign-ins and accounts",
  admin: "Users and clinic settings",
  runner: "By the runner (through a link)",
} as const);
export type AuditKind = keyof typeof AUDIT_KIND_LABELS;

/**
 * Every action an audit event records: what it says in the log (`{record}`
 * is replaced by the record's name, "the follow-up of 3 Nov 2026", or where
 * the record cannot be named and in the filter, by `record`: "an
 * assessment") and its kind. lib/data/audit.ts accepts only these codes.
 */
export const AUDIT_ACTIONS = Object.freeze({
  "assessment.addendum": { label: "Added an addendum to {record}", kind: "change", record: "an assessment" },
  "assessment.continue_draft": { label: "Opened a draft assessment of {record}", kind: "view", record: "an episode" },
  "assessment.create": { label: "Started {record}", kind: "change", record: "an assessment" },
  "assessment.discard_draft": { label: "Discarded {record}", kind: "change", record: "a draft assessment" },
  "assessment.entered_in_error": { label: "Marked {record} as entered in error", kind: "change", record: "an assessment" },
  "assessment.open_new": { label: "Opened a new assessment form for {record}", kind: "view", record: "an episode" },
  "assessment.sign": { label: "Signed {record}", kind: "sign", record: "an assessment" },
  "assessment.update": { label: "Saved {record}", kind: "change", record: "a draft assessment" },
  "assessment.view": { label: "Viewed {record}", kind: "view", record: "an assessment" },
  "assessments.list": { label: "Viewed the assessments of {record}", kind: "view", record: "an episode" },
  "audit.view": { label: "Viewed the audit log", kind: "admin" },
  "audit.export": { label: "Exported the audit log as CSV", kind: "export" },
  "auth.login": { label: "Signed in", kind: "access" },
  "auth.login_failed": { label: "Tried to sign in with a wrong password or code", kind: "access" },
  "auth.login_refused": { label: "Was refused sign-in (account locked or code already used)", kind: "access" },
  "auth.account_locked": { label: "Account locked after too many failed sign-ins", kind: "access" },
  "auth.logout": { label: "Signed out", kind: "access" },
  "auth.second_factor_required": { label: "Gave the right password and was asked for the sign-in code", kind: "access" },
  "caseload.view": { label: "Viewed the caseload", kind: "view" },
  "diary.create": { label: "Made a diary link", kind: "change" },
  "diary.email": { label: "E-mailed a diary link to the runner", kind: "change" },
  "diary.entry": { label: "Wrote a diary entry", kind: "runner" },
  "diary.next_morning": { label: "Wrote how the knee was the next morning", kind: "runner" },
  "diary.open": { label: "Opened the diary link", kind: "runner" },
  "diary.review_alerts": { label: "Reviewed the diary alerts of {record}", kind: "change", record: "an episode" },
  "diary.revoke": { label: "Revoked {record}", kind: "change", record: "a diary link" },
  "diary.view": { label: "Viewed the diary of {record}", kind: "view", record: "an episode" },
  "discharge.preview": { label: "Previewed the discharge summary of {record}", kind: "view", record: "an episode" },
  "episode.correct": { label: "Corrected {record}", kind: "change", record: "an episode" },
  "episode.create": { label: "Opened {record}", kind: "change", record: "an episode" },
  "episode.discharge": { label: "Discharged {record}", kind: "sign", record: "an episode" },
  "episode.opened_in_error": { label: "Withdrew {record} as opened in error", kind: "change", record: "an episode" },
  "episode.reopen": { label: "Reopened {record}", kind: "change", record: "an episode" },
  "episode.update": { label: "Updated {record}", kind: "change", record: "an episode" },
  "outcomes.view": { label: "Viewed the clinic outcomes (aggregates)", kind: "view" },
  "outcomes.export": { label: "Exported the clinic outcomes (aggregates) as CSV", kind: "export" },
  "patient.create": { label: "Registered {record}", kind: "change", record: "a runner" },
  "patient.header": { label: "Viewed the summary of {record}", kind: "view", record: "a runner" },
  "patient.runs_logged_since": { label: "Set since when the run log of {record} is complete", kind: "change", record: "a runner" },
  "patient.update": { label: "Changed the details of {record}", kind: "change", record: "a runner" },
  "patient.view": { label: "Viewed the record of {record}", kind: "view", record: "a runner" },
  "patients.search": { label: "Searched the patient directory", kind: "view" },
  "programme.save": { label: "Saved the exercise programme of {record}", kind: "change", record: "an episode" },
  "programme.stop": { label: "Stopped the exercise programme of {record}", kind: "change", record: "an episode" },
  "programme.handout": { label: "Downloaded the exercise handout of {record}", kind: "export", record: "an episode" },
  "programme.tick": { label: "Ticked an exercise as done", kind: "runner" },
  "programme.untick": { label: "Unticked an exercise", kind: "runner" },
  "exercise.add": { label: "Added an exercise to the clinic's library", kind: "admin" },
  "exercise.retire": { label: "Retired an exercise of the clinic's library", kind: "admin" },
  "programme.view": { label: "Viewed the exercise programme of {record}", kind: "view", record: "an episode" },
  "return_to_run.create": { label: "Made the return-to-run plan of {record}", kind: "change", record: "an episode" },
  "return_to_run.decide": { label: "Recorded a return-to-run decision for {record}", kind: "change", record: "an episode" },
  "return_to_run.ladder": { label: "Changed the clinic's return-to-run ladder", kind: "admin" },
  "return_to_run.view": { label: "Viewed the return-to-run plan of {record}", kind: "view", record: "an episode" },
  "letter.sign": { label: "Signed a discharge summary or GP letter of {record}", kind: "sign", record: "an episode" },
  "letter.download": { label: "Downloaded a discharge summary or GP letter of {record}", kind: "export", record: "an episode" },
  "letter.print": { label: "Opened the print page of a discharge summary or GP letter of {record}", kind: "export", record: "an episode" },
  "questionnaire.create": { label: "Made a questionnaire link", kind: "change" },
  "questionnaire.email": { label: "E-mailed a questionnaire link to the runner", kind: "change" },
  "questionnaire.list": { label: "Viewed the questionnaire links of {record}", kind: "view", record: "an episode" },
  "questionnaire.open": { label: "Opened the questionnaire link", kind: "runner" },
  "questionnaire.prefill": {
    label: "Pre-filled an assessment of {record} from the runner's questionnaire",
    kind: "change",
    record: "an episode",
  },
  "questionnaire.read_used": { label: "Viewed the questionnaire {record} was pre-filled from", kind: "view", record: "an assessment" },
  "questionnaire.review": { label: "Reviewed the runner's questionnaire", kind: "change" },
  "questionnaire.save": { label: "Saved answers to the questionnaire", kind: "runner" },
  "questionnaire.submit": { label: "Returned the questionnaire", kind: "runner" },
  "questionnaire.withdraw": { label: "Withdrew a questionnaire link", kind: "change" },
  "red_flag.action": { label: "Recorded what was done about a red flag in {record}", kind: "change", record: "an episode" },
  "red_flags.view": { label: "Viewed the red flags of {record}", kind: "view", record: "an episode" },
  "referral.cancel": { label: "Cancelled {record}", kind: "change", record: "a referral" },
  "referral.create": { label: "Started {record}", kind: "change", record: "a referral" },
  "referral.delete_draft": { label: "Deleted {record}", kind: "change", record: "a draft referral" },
  "referral.export_fhir": { label: "Exported {record} as FHIR", kind: "export", record: "a referral" },
  "referral.export_pdf": { label: "Exported {record} as PDF", kind: "export", record: "a referral" },
  "referral.export_print": { label: "Printed {record}", kind: "export", record: "a referral" },
  "referral.preview": { label: "Previewed {record}", kind: "view", record: "a referral" },
  "referral.send": { label: "Marked {record} as sent", kind: "sign", record: "a referral" },
  "referral.sign": { label: "Signed {record}", kind: "sign", record: "a referral" },
  "referral.update": { label: "Saved {record}", kind: "change", record: "a draft referral" },
  "referral.view": { label: "Viewed {record}", kind: "view", record: "a referral" },
  "referrals.list": { label: "Viewed a list of referrals", kind: "view" },
  "run.assign_shoe": { label: "Changed the shoe of {record}", kind: "change", record: "a run" },
  "run.create": { label: "Added {record}", kind: "change", record: "a run" },
  "run.delete": { label: "Deleted {record}", kind: "change", record: "a run" },
  "run.import": { label: "Imported runs", kind: "change" },
  "run.import_file": { label: "Imported runs from a file", kind: "change" },
  "run.import_upload": { label: "Uploaded run files", kind: "change" },
  "run.update": { label: "Changed {record}", kind: "change", record: "a run" },
  "runs.import_preview": { label: "Previewed a run import", kind: "view" },
  "runs.view": { label: "Viewed the run log of {record}", kind: "view", record: "a runner" },
  "settings.two_factor_policy": { label: "Changed the clinic's two-factor sign-in rule", kind: "admin" },
  "settings.update": { label: "Changed the clinic settings", kind: "admin" },
  "shoe.create": { label: "Added {record}", kind: "change", record: "a shoe" },
  "shoe.delete": { label: "Deleted {record}", kind: "change", record: "a shoe" },
  "shoe.update": { label: "Changed {record}", kind: "change", record: "a shoe" },
  "shoes.view": { label: "Viewed the shoes of {record}", kind: "view", record: "a runner" },
  "timeline.view": { label: "Viewed the timeline of {record}", kind: "view", record: "a runner" },
  "user.create": { label: "Added the user {record}", kind: "admin", record: "a user" },
  "user.deactivate": { label: "Deactivated the user {record}", kind: "admin", record: "a user" },
  "user.reactivate": { label: "Reactivated the user {record}", kind: "admin", record: "a user" },
  "user.reset_password": { label: "Reset the password of {record}", kind: "admin", record: "a user" },
  "user.reset_two_factor": { label: "Reset the two-factor sign-in of {record}", kind: "admin", record: "a user" },
  "user.two_factor_enabled": { label: "Turned on two-factor sign-in", kind: "access" },
  "user.two_factor_setup_started": { label: "Started setting up two-factor sign-in", kind: "access" },
  "user.update": { label: "Changed the account of {record}", kind: "admin", record: "a user" },
  "write.refused": { label: "Was refused", kind: "refused" },
} as const satisfies Record<string, { label: string; kind: AuditKind; record?: string }>);
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, code);
}

/** An action in words without a particular record ("Signed an assessment"), for the filter. */
export function auditActionLabel(action: AuditAction, record?: string | null): string {
  const a: { label: string; record?: string } = AUDIT_ACTIONS[action];
  return a.label.replace("{record}", record ?? a.record ?? "a record");
}

/** The actions of one kind, in the table's order. */
export function auditActionsOf(kind: AuditKind): AuditAction[] {
  return (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((a) => AUDIT_ACTIONS[a].kind === kind);
}

/**
 * What a refused write tried to do, in words ("sign an assessment"): each
 * server action names one (lib/actions/define.ts); an API route names its
 * permission's.
 */
export const AUDIT_ATTEMPT_LABELS = Object.freeze({
  "assessment.save": "save an assessment",
  "assessment.sign": "sign an assessment",
  "assessment.addendum": "add an addendum",
  "assessment.entered_in_error": "mark an assessment as entered in error",
  "assessment.discard_draft": "discard a draft assessment",
  "patient.create": "register a runner",
  "patient.update": "change a runner's details",
  "patient.runs_logged_since": "set since when the run log is complete",
  "episode.create": "open an episode",
  "episode.update": "update an episode",
  "episode.discharge": "discharge an episode",
  "episode.opened_in_error": "withdraw an episode as opened in error",
  "episode.correct": "correct an episode",
  "red_flag.action": "record what was done about a red flag",
  "run.save": "save a run",
  "run.delete": "delete a run",
  "run.import": "import runs",
  "run.assign_shoe": "change the shoe of a run",
  "shoe.save": "save a shoe",
  "shoe.delete": "delete a shoe",
  "referral.save": "save a referral",
  "referral.sign": "sign a referral",
  "referral.send": "mark a referral as sent",
  "referral.cancel": "cancel a referral",
  "referral.delete_draft": "delete a draft referral",
  "portal.link": "make, send or withdraw a runner's link",
  "portal.review": "review what the runner returned",
  "programme.save": "save an exercise programme",
  "return_to_run.save": "make or change a return-to-run plan",
  "letter.sign": "sign a discharge summary or GP letter",
  "programme.stop": "stop an exercise programme",
  "exercise.add": "add an exercise to the library",
  "exercise.retire": "retire an exercise",
  "user.create": "add a user",
  "user.update": "change a user",
  "user.reset_password": "reset a password",
  "user.reset_two_factor": "reset a user's two-factor sign-in",
  "user.two_factor": "set up two-factor sign-in",
  "settings.update": "change the clinic settings",
  "return_to_run.ladder": "change the clinic's return-to-run ladder",
  "settings.two_factor_policy": "change the clinic's two-factor sign-in rule",
  "api.write": "change records through the API",
} as const);
export type AuditAttempt = keyof typeof AUDIT_ATTEMPT_LABELS;

/** Why a write was refused (the error that refused it). */
export const AUDIT_REFUSAL_LABELS = Object.freeze({
  permission: "no permission",
  invalid: "invalid input",
  conflict: "not allowed in the record's state",
  not_found: "record not found",
  gone: "link no longer valid",
} as const);
export type AuditRefusal = keyof typeof AUDIT_REFUSAL_LABELS;

/** Fields whose before and after the log shows, in words. */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  givenName: "Given name",
  familyName: "Family name",
  birthDate: "Date of birth",
  sex: "Sex",
  mrn: "MRN",
  email: "E-mail",
  phone: "Phone",
  name: "Name",
  role: "Role",
  title: "Title",
  active: "Active",
  date: "Date",
  distanceKm: "Distance",
  durationSec: "Duration",
  surface: "Surface",
  type: "Type",
  dropMm: "Drop",
  introducedOn: "In use from",
  retiredOn: "Retired on",
  status: "Status",
  nextReviewDate: "Next review",
  side: "Knee",
  complaint: "Complaint",
  onsetDate: "Onset",
  mechanism: "Mechanism",
  runsLoggedSince: "Run log complete since",
  confirmed: "Confirmed",
  timezone: "Time zone",
  twoFactorRequired: "Two-factor sign-in required",
  reason: "Reason",
  urgency: "Urgency",
  kind: "Kind",
  version: "Version",
  to: "Sent to",
  file: "File",
  imported: "Imported",
  duplicates: "Duplicates",
  skipped: "Skipped",
  rows: "Rows",
  importable: "Importable",
  validUntil: "Valid until",
  instruments: "Questionnaires",
  exercises: "Exercises",
  assignedRuns: "Runs assigned",
  unassignedRuns: "Runs unassigned",
  failedAttempts: "Failed attempts",
  lockedForMinutes: "Locked for (min)",
  secondFactor: "Second factor",
  rulesVersion: "Rules version",
  redFlags: "Red flags",
  redFlagsNotAssessed: "Red flags not assessed",
  screenAttestation: "Screen attestation",
  variant: "Document",
  assessedOn: "Assessed on",
  via: "Opened through",
  message: "Message",
  fields: "Fields",
});

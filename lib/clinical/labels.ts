/**
 * Human labels (English) for every code of the contract, for the UI.
 */

import type { ChangeClass, ChangeMeasure, ConsiderationCode, RedFlagCode, RiskFactorCode, SpikeBand, Urgency } from "./types";

export const URGENCY_LABELS: Readonly<Record<Urgency, string>> = Object.freeze({
  emergency: "Emergency: same day, emergency department",
  urgent: "Urgent: physician within days, stop running",
  soon: "Soon: medical evaluation within 1-2 weeks",
  routine: "Routine: conservative care in clinic with planned review",
});

export const RED_FLAG_LABELS: Readonly<Record<RedFlagCode, string>> = Object.freeze({
  septic_arthritis_suspected: "Suspected septic arthritis",
  neurovascular_compromise: "Neurovascular compromise",
  dvt_suspected: "Suspected deep vein thrombosis",
  ottawa_knee_rule_positive: "Ottawa knee rule positive (X-ray indicated)",
  haemarthrosis_suspected: "Suspected haemarthrosis",
  locked_knee: "Locked knee",
  bone_stress_injury_suspected: "Suspected bone stress injury (medial tibial plateau)",
  tumour_suspected: "Suspected tumour",
  scfe_suspected: "Suspected slipped capital femoral epiphysis",
  instability: "Instability or giving way",
  persistent_pain: "Pain persisting despite reduced training",
  visible_swelling: "Visible swelling or effusion",
  catching: "Catching",
  sharp_weight_bearing_pain: "Sharp pain on weight-bearing",
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

export const CHANGE_MEASURE_LABELS: Readonly<Record<ChangeMeasure, string>> = Object.freeze({
  painNow: "Pain now (NRS)",
  "koos.pain": "KOOS Pain",
  "koos.symptoms": "KOOS Symptoms",
  "koos.adl": "KOOS Activities of daily living",
  "koos.sport": "KOOS Sport and recreation",
  "koos.qol": "KOOS Quality of life",
  lefs: "LEFS",
  psfs: "PSFS",
  tegner: "Tegner activity level",
});

/**
 * Labels for the paths that appear in `because` / `supporting` lists.
 * Unlisted paths can be shown as they are.
 */
export const FINDING_LABELS: Readonly<Record<string, string>> = Object.freeze({
  ageYears: "Age",
  "load.twoWeekChangePct": "Two-week distance change",
  "load.spikes": "Single-run spikes",
  "episode.mechanism": "Mechanism of injury",
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
  "symptoms.suspectedDislocation": "Suspected dislocation",
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

/**
 * Risk factors: what in training and body raises the load on the medial knee
 * (EVALUATE.md section 4, SPEC.md section 4).
 *
 * A risk factor is listed only when its rule is true; unanswered questions
 * list nothing. Output sorted by code.
 */

import type { Facts } from "./facts";
import { or, type Finding } from "./logic";
import type { RiskFactor, RiskFactorCode } from "./types";

export interface RiskFactorRule {
  code: RiskFactorCode;
  when: (f: Facts) => Finding;
  explanation: string;
  source: string;
}

const SEED = "Seed article (SPEC.md section 4)";

export const RISK_FACTOR_RULES: readonly RiskFactorRule[] = [
  {
    code: "age_over_30",
    explanation: "Older than 30 years: medial knee pain appears frequently in runners over 30.",
    source: SEED,
    when: (f) => f.ageAbove(30),
  },
  {
    code: "prior_knee_injury",
    explanation: "A previous knee injury or surgery: the most consistent risk factor for running injury.",
    source: "Seed article; van Gent 2007; Malisoux 2015 (HR 1.72) (SPEC.md section 4)",
    when: (f) => f.yes("history.priorKneeInjury"),
  },
  {
    code: "previous_bone_stress_injury",
    explanation: "A previous bone stress injury raises the risk of another.",
    source: "Previous injury as risk factor: van Gent 2007; Malisoux 2015 (SPEC.md section 4)",
    when: (f) => f.yes("history.previousBoneStressInjury"),
  },
  {
    code: "low_energy_availability",
    explanation: "Low energy availability or menstrual disturbance weakens bone and slows tissue recovery.",
    source: "Common clinical practice (SPEC.md sections 2 and 7)",
    when: (f) => f.yes("history.lowEnergyAvailability"),
  },
  {
    code: "rapid_distance_increase",
    explanation:
      "The distance of the last two weeks is more than the configured percentage (default 30%) above the two weeks before " +
      "(load.twoWeekChangePct as shown, rounded to one decimal).",
    source: "Nielsen 2014: >30% increase over two weeks, HR 1.59; seed article: sudden increases in mileage (SPEC.md section 4)",
    when: (f) => f.loadAbove("twoWeekChangePct", f.settings.twoWeekIncreasePct),
  },
  {
    code: "single_run_spike",
    explanation:
      "In the last 30 days, a run more than the configured percentage (default 10%) longer than the longest run of the 30 days before it.",
    source: "Frandsen 2025: HR 1.64 (>10-30%), 1.52 (30-100%), 2.28 (>100%) (SPEC.md section 4)",
    when: (f) => f.spikes(),
  },
  {
    code: "speed_or_hill_increase",
    explanation: "A recent increase in speed work or hill running.",
    source: SEED,
    when: (f) => or(f.yes("training.recentSpeedIncrease"), f.yes("training.recentHillIncrease")),
  },
  {
    code: "hard_surfaces",
    explanation: "Running mostly on hard surfaces.",
    source: SEED,
    when: (f) => f.yes("training.hardSurfaces"),
  },
  {
    code: "cambered_or_one_direction",
    explanation: "Cambered roads, or always the same direction on a track, bias load toward the inner knee.",
    source: SEED,
    when: (f) => or(f.yes("training.camberedRoads"), f.yes("training.trackSameDirection")),
  },
  {
    code: "treadmill_monotony",
    explanation: "Mostly treadmill running: repetitive mechanics without natural variation.",
    source: SEED,
    when: (f) => f.yes("training.treadmillMostly"),
  },
  {
    code: "insufficient_rest",
    explanation: "Fewer rest days per week than the configured minimum (default 1).",
    source: SEED,
    when: (f) => f.below("training.restDaysPerWeek", f.settings.minRestDaysPerWeek),
  },
  {
    code: "worn_footwear",
    explanation: "Shoes used for more than the configured distance (default 800 km).",
    source: "Seed article: improper or worn footwear (SPEC.md section 4)",
    when: (f) => f.above("training.shoeDistanceKm", f.settings.shoeReplaceKm),
  },
  {
    code: "single_shoe_pair",
    explanation: "Only one pair of running shoes: rotating more than one pair was protective.",
    source: "Malisoux 2015: HR 0.61 for rotating shoes (SPEC.md section 4)",
    when: (f) => f.equals("training.shoePairsInRotation", 1),
  },
  {
    code: "overstriding",
    explanation: "Overstriding observed; raising step rate by 5-10% lowers knee load.",
    source: "Seed article; Heiderscheit 2011 (SPEC.md section 4)",
    when: (f) => f.yes("training.overstriding"),
  },
  {
    code: "no_warm_up",
    explanation: "No warm-up before running.",
    source: "Seed article: attention to proper warm-up (SPEC.md section 4)",
    when: (f) => f.no("training.warmUp"),
  },
  {
    code: "dynamic_knee_valgus",
    explanation: "Dynamic knee valgus (inward collapse of the knee) on the single-leg squat.",
    source: SEED,
    when: (f) => f.yes("exam.singleLegSquatValgus"),
  },
  {
    code: "hip_abductor_weakness",
    explanation: "Hip abductor (gluteus medius) weakness.",
    source: SEED,
    when: (f) => f.yes("exam.hipAbductorWeakness"),
  },
  {
    code: "quadriceps_control_deficit",
    explanation: "Poor quadriceps control.",
    source: SEED,
    when: (f) => f.yes("exam.quadricepsControlDeficit"),
  },
  {
    code: "hamstring_tightness",
    explanation: "Tight or underactive hamstrings.",
    source: SEED,
    when: (f) => f.yes("exam.hamstringTightness"),
  },
  {
    code: "ankle_dorsiflexion_limited",
    explanation: "Limited ankle dorsiflexion alters lower-limb alignment during running.",
    source: SEED,
    when: (f) => f.yes("exam.ankleDorsiflexionLimited"),
  },
];

export function evaluateRiskFactors(f: Facts): RiskFactor[] {
  const out: RiskFactor[] = [];
  for (const rule of RISK_FACTOR_RULES) {
    const finding = rule.when(f);
    if (finding.value === true) out.push({ code: rule.code, because: [...finding.because] });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

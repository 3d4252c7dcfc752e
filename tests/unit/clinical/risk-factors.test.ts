/**
 * Risk factors (EVALUATE.md section 4): listed only when true, sorted by code,
 * each with the inputs behind it.
 */
import { RISK_FACTOR_CODES, type EvaluationInput, type RiskFactorCode } from "@/lib/clinical";
import { evaluateWith } from "./helpers";

/** Born so that the patient is `age` on 2026-06-15 (baseInput's assessment day). */
const aged = (age: number) => ({ patient: { birthDate: `${2026 - age}-06-15` } });

type Row = [description: string, input: Partial<EvaluationInput>, code: RiskFactorCode, fires: boolean, because: string[]];

/** Runs giving A (D-13..D) and B (D-27..D-14) totals for D = 2026-06-15. */
function twoWeeks(a: number, b: number) {
  return {
    training: {
      // A log complete long before the assessment: every load window counts.
      loggedSince: "2000-01-01",
      runs: [
        { date: "2026-06-10", distanceKm: a },
        { date: "2026-05-25", distanceKm: b },
      ],
    },
  };
}

const ROWS: Row[] = [
  ["age 31", aged(31), "age_over_30", true, ["ageYears"]],
  ["age 30", aged(30), "age_over_30", false, []],
  ["turns 31 on the assessment day", { patient: { birthDate: "1995-06-15" } }, "age_over_30", true, ["ageYears"]],
  ["turns 31 the day after", { patient: { birthDate: "1995-06-16" } }, "age_over_30", false, []],
  ["prior knee injury", { ...aged(20), history: { priorKneeInjury: true } }, "prior_knee_injury", true, ["history.priorKneeInjury"]],
  ["no prior knee injury", { history: { priorKneeInjury: false } }, "prior_knee_injury", false, []],
  [
    "previous bone stress injury",
    { history: { previousBoneStressInjury: true } },
    "previous_bone_stress_injury",
    true,
    ["history.previousBoneStressInjury"],
  ],
  [
    "low energy availability",
    { history: { lowEnergyAvailability: true } },
    "low_energy_availability",
    true,
    ["history.lowEnergyAvailability"],
  ],
  ["two-week change 30.1%", twoWeeks(13.01, 10), "rapid_distance_increase", true, ["load.twoWeekChangePct"]],
  ["two-week change exactly 30%", twoWeeks(13, 10), "rapid_distance_increase", false, []],
  ["two-week change 30.04% shows as 30.0: not above", twoWeeks(13.004, 10), "rapid_distance_increase", false, []],
  ["two-week change with B = 0 (null)", twoWeeks(50, 0), "rapid_distance_increase", false, []],
  [
    "two-week change 40% with threshold 50",
    { ...twoWeeks(14, 10), settings: { twoWeekIncreasePct: 50 } },
    "rapid_distance_increase",
    false,
    [],
  ],
  [
    "two-week change 40% with threshold 35",
    { ...twoWeeks(14, 10), settings: { twoWeekIncreasePct: 35 } },
    "rapid_distance_increase",
    true,
    ["load.twoWeekChangePct"],
  ],
  ["no runs: not known", {}, "rapid_distance_increase", false, []],
  [
    "a spike",
    {
      training: {
        // A log complete long before the assessment: every load window counts.
        loggedSince: "2000-01-01",
        runs: [
          { date: "2026-06-01", distanceKm: 10 },
          { date: "2026-06-10", distanceKm: 15 },
        ],
      },
    },
    "single_run_spike",
    true,
    ["load.spikes"],
  ],
  [
    "no spike",
    {
      training: {
        // A log complete long before the assessment: every load window counts.
        loggedSince: "2000-01-01",
        runs: [
          { date: "2026-06-01", distanceKm: 10 },
          { date: "2026-06-10", distanceKm: 10 },
        ],
      },
    },
    "single_run_spike",
    false,
    [],
  ],
  ["speed increase", { training: { recentSpeedIncrease: true } }, "speed_or_hill_increase", true, ["training.recentSpeedIncrease"]],
  [
    "hill increase",
    { training: { recentHillIncrease: true, recentSpeedIncrease: false } },
    "speed_or_hill_increase",
    true,
    ["training.recentHillIncrease"],
  ],
  [
    "speed and hills",
    { training: { recentHillIncrease: true, recentSpeedIncrease: true } },
    "speed_or_hill_increase",
    true,
    ["training.recentSpeedIncrease", "training.recentHillIncrease"],
  ],
  ["hard surfaces", { training: { hardSurfaces: true } }, "hard_surfaces", true, ["training.hardSurfaces"]],
  ["cambered roads", { training: { camberedRoads: true } }, "cambered_or_one_direction", true, ["training.camberedRoads"]],
  [
    "same direction on the track",
    { training: { trackSameDirection: true } },
    "cambered_or_one_direction",
    true,
    ["training.trackSameDirection"],
  ],
  ["treadmill", { training: { treadmillMostly: true } }, "treadmill_monotony", true, ["training.treadmillMostly"]],
  ["0 rest days", { training: { restDaysPerWeek: 0 } }, "insufficient_rest", true, ["training.restDaysPerWeek"]],
  ["1 rest day", { training: { restDaysPerWeek: 1 } }, "insufficient_rest", false, []],
  [
    "1 rest day, minimum 2 (clinic)",
    { training: { restDaysPerWeek: 1 }, settings: { minRestDaysPerWeek: 2 } },
    "insufficient_rest",
    true,
    ["training.restDaysPerWeek"],
  ],
  ["shoes 801 km", { training: { shoeDistanceKm: 801 } }, "worn_footwear", true, ["training.shoeDistanceKm"]],
  ["shoes 800 km", { training: { shoeDistanceKm: 800 } }, "worn_footwear", false, []],
  ["shoes 800.5 km", { training: { shoeDistanceKm: 800.5 } }, "worn_footwear", true, ["training.shoeDistanceKm"]],
  [
    "shoes 600 km, replace at 500",
    { training: { shoeDistanceKm: 600 }, settings: { shoeReplaceKm: 500 } },
    "worn_footwear",
    true,
    ["training.shoeDistanceKm"],
  ],
  ["one pair", { training: { shoePairsInRotation: 1 } }, "single_shoe_pair", true, ["training.shoePairsInRotation"]],
  ["two pairs", { training: { shoePairsInRotation: 2 } }, "single_shoe_pair", false, []],
  ["overstriding", { training: { overstriding: true } }, "overstriding", true, ["training.overstriding"]],
  ["no warm-up", { training: { warmUp: false } }, "no_warm_up", true, ["training.warmUp"]],
  ["warms up", { training: { warmUp: true } }, "no_warm_up", false, []],
  ["warm-up not asked", {}, "no_warm_up", false, []],
  ["dynamic knee valgus", { exam: { singleLegSquatValgus: true } }, "dynamic_knee_valgus", true, ["exam.singleLegSquatValgus"]],
  ["hip abductor weakness", { exam: { hipAbductorWeakness: true } }, "hip_abductor_weakness", true, ["exam.hipAbductorWeakness"]],
  [
    "quadriceps control deficit",
    { exam: { quadricepsControlDeficit: true } },
    "quadriceps_control_deficit",
    true,
    ["exam.quadricepsControlDeficit"],
  ],
  ["hamstring tightness", { exam: { hamstringTightness: true } }, "hamstring_tightness", true, ["exam.hamstringTightness"]],
  [
    "limited ankle dorsiflexion",
    { exam: { ankleDorsiflexionLimited: true } },
    "ankle_dorsiflexion_limited",
    true,
    ["exam.ankleDorsiflexionLimited"],
  ],
  ["normal ankle dorsiflexion", { exam: { ankleDorsiflexionLimited: false } }, "ankle_dorsiflexion_limited", false, []],
];

describe("risk factors", () => {
  it.each(ROWS.map((row) => [`${row[2]}: ${row[0]}`, row] as const))("%s", (_d, [, input, code, fires, because]) => {
    const found = evaluateWith(input).riskFactors.find((r) => r.code === code);
    if (fires) expect(found).toEqual({ code, because });
    else expect(found).toBeUndefined();
  });

  it("covers every risk factor code", () => {
    const tested = new Set(ROWS.filter((r) => r[3]).map((r) => r[2]));
    expect(RISK_FACTOR_CODES.filter((c) => !tested.has(c))).toEqual([]);
  });

  it("lists nothing but age when nothing is asked (age 36)", () => {
    expect(evaluateWith({}).riskFactors).toEqual([{ code: "age_over_30", because: ["ageYears"] }]);
  });

  it("sorts by code", () => {
    const e = evaluateWith({
      history: { priorKneeInjury: true },
      training: { warmUp: false, hardSurfaces: true, shoePairsInRotation: 1, overstriding: true },
      exam: { hamstringTightness: true, ankleDorsiflexionLimited: true },
    });
    const codes = e.riskFactors.map((r) => r.code);
    expect(codes).toEqual([
      "age_over_30",
      "ankle_dorsiflexion_limited",
      "hamstring_tightness",
      "hard_surfaces",
      "no_warm_up",
      "overstriding",
      "prior_knee_injury",
      "single_shoe_pair",
    ]);
  });
});

/**
 * Audit of the engine against shared/clinical/EVALUATE.md (rules version 2),
 * claim by claim; each item of "Changes from version 1" has its rows, marked
 * "v2 change N".
 *
 * Every expected value here was worked out by hand from the contract (the
 * arithmetic is in the comments), never copied from the engine's output. A
 * representative subset runs through the command itself
 * (`node scripts/run-evaluate.cjs -`, what `npm run --silent evaluate -- -`
 * runs), the rest through the library, which the command only wraps.
 *
 * Day D is 2026-06-15 throughout (`baseInput`: born 1990-06-15, 36 years
 * old, nothing asked). Dates used below, counted by hand:
 *   D+1 06-16   D-5 06-10   D-6 06-09   D-7 06-08   D-10 06-05   D-13 06-02
 *   D-14 06-01  D-20 05-26  D-27 05-19  D-28 05-18  D-29 05-17   D-30 05-16
 *   D-31 05-15  D-40 05-06  D-59 04-17  D-60 04-16
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluate, type Evaluation, type EvaluationInput, type RedFlagCode, type Urgency } from "@/lib/clinical";
import { parseEvaluationInput } from "@/lib/validation/evaluate-input";
import { EXAMPLES } from "@/tests/helpers/evaluate-examples";
import { ROOT, runCli } from "../cli-helpers";
import { baseInput, flagState, type FlagState } from "./helpers";

jest.setTimeout(60_000);

const D = "2026-06-15";

/** The evaluation as the command prints it (exit 0, nothing on stderr). */
function cliEvaluate(input: unknown): Evaluation {
  const r = runCli(["-"], JSON.stringify(input));
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
  return JSON.parse(r.stdout) as Evaluation;
}

/** The issues the command prints for invalid input (exit 2, nothing on stdout). */
function cliIssues(text: string): unknown {
  const r = runCli(["-"], text);
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: "" });
  const body = JSON.parse(r.stderr) as { error: string; issues: unknown };
  expect(body.error).toBe("invalid input");
  return body.issues;
}

/** Runs of a log complete since long before D (every window counts): the window arithmetic. */
const runs = (...list: [date: string, km: number][]) => ({
  training: { loggedSince: "2000-01-01", runs: list.map(([date, distanceKm]) => ({ date, distanceKm })) },
});
/** The same runs without loggedSince: the log begins at the earliest run on or before D. */
const runsFromFirst = (...list: [date: string, km: number][]) => ({
  training: { runs: list.map(([date, distanceKm]) => ({ date, distanceKm })) },
});
const bornOn = (birthDate: string) => ({ patient: { birthDate } });
const acute = { episode: { mechanism: "acute_trauma" as const } };
const gradual = { episode: { mechanism: "gradual" as const } };

// ---------------------------------------------------------------------------
// Section 2: three-valued logic, one row per claim
// ---------------------------------------------------------------------------

type FlagRow = [claim: string, input: Partial<EvaluationInput>, code: RedFlagCode, state: FlagState, urgency?: Urgency];

const FLAG_ROWS: FlagRow[] = [
  // the contract's own example
  [
    "hotSwollenJoint false, nothing else asked: septic arthritis absent",
    { symptoms: { hotSwollenJoint: false } },
    "septic_arthritis_suspected",
    "absent",
  ],
  [
    "v2 change 3: hotSwollenJoint true, nothing else asked: fires, emergency",
    { symptoms: { hotSwollenJoint: true } },
    "septic_arthritis_suspected",
    "fired",
    "emergency",
  ],
  [
    "v2 change 3: hot joint with fever, injection and immunosuppression all false: still fires",
    { symptoms: { hotSwollenJoint: true, fever: false }, history: { recentJointInjection: false, immunosuppressed: false } },
    "septic_arthritis_suspected",
    "fired",
    "emergency",
  ],
  [
    "v2 change 3: hot joint not asked, fever, injection and immunosuppression false: still unknown (they only add reasons)",
    { symptoms: { fever: false }, history: { recentJointInjection: false, immunosuppressed: false } },
    "septic_arthritis_suspected",
    "notAssessed",
  ],
  ["hot joint unknown, fever true: unknown", { symptoms: { fever: true } }, "septic_arthritis_suspected", "notAssessed"],
  [
    "hot joint and immunosuppressed",
    { symptoms: { hotSwollenJoint: true }, history: { immunosuppressed: true } },
    "septic_arthritis_suspected",
    "fired",
    "emergency",
  ],
  ["OR true as soon as one side is true", { symptoms: { suspectedDislocation: true } }, "neurovascular_compromise", "fired", "emergency"],
  [
    "v2 change 9: new numbness after acute trauma: neurovascular, emergency",
    { ...acute, symptoms: { newNumbnessOrWeakness: true } },
    "neurovascular_compromise",
    "fired",
    "emergency",
  ],
  [
    "v2 change 9: new numbness, gradual, cold limb and dislocation no: not neurovascular",
    { ...gradual, symptoms: { newNumbnessOrWeakness: true, coldOrPaleLimb: false, suspectedDislocation: false } },
    "neurovascular_compromise",
    "absent",
  ],
  [
    "v2 change 9: new numbness, gradual: new neurological symptoms, urgent",
    { ...gradual, symptoms: { newNumbnessOrWeakness: true } },
    "new_neurological_symptoms",
    "fired",
    "urgent",
  ],
  [
    "v2 change 9: new numbness no: new neurological symptoms absent",
    { symptoms: { newNumbnessOrWeakness: false } },
    "new_neurological_symptoms",
    "absent",
  ],
  [
    "v2 change 9: burning along the inner leg alone: not assessed",
    { symptoms: { burningOrTinglingInnerLeg: true } },
    "new_neurological_symptoms",
    "notAssessed",
  ],
  ["v2 change 10: kneecap dislocation: urgent", { symptoms: { patellarDislocation: true } }, "patellar_dislocation", "fired", "urgent"],
  ["v2 change 10: kneecap dislocation no: absent", { symptoms: { patellarDislocation: false } }, "patellar_dislocation", "absent"],
  [
    "v2 change 11: unable to bear weight now, gradual: urgent",
    { ...gradual, symptoms: { unableToBearWeightNow: true } },
    "unable_to_bear_weight",
    "fired",
    "urgent",
  ],
  ["v2 change 11: able now: absent", { symptoms: { unableToBearWeightNow: false } }, "unable_to_bear_weight", "absent"],
  [
    "v2 change 12: valgus laxity at 0 degrees, acute trauma: urgent",
    { ...acute, exam: { valgusStress0: "laxity" } },
    "valgus_laxity_in_extension",
    "fired",
    "urgent",
  ],
  [
    "v2 change 12: valgus laxity at 0 degrees, gradual: soon",
    { ...gradual, exam: { valgusStress0: "laxity" } },
    "valgus_laxity_in_extension",
    "fired",
    "soon",
  ],
  [
    "v2 change 12: valgus laxity, mechanism omitted: urgent",
    { exam: { valgusStress0: "laxity" } },
    "valgus_laxity_in_extension",
    "fired",
    "urgent",
  ],
  ["v2 change 12: valgus pain at 0 degrees: absent", { exam: { valgusStress0: "pain" } }, "valgus_laxity_in_extension", "absent"],
  [
    "v2 change 8: femoral neck: 17, reduced hip IR, night pain: urgent",
    { ...bornOn("2009-06-15"), exam: { hipInternalRotationReduced: true }, symptoms: { nightPain: true } },
    "femoral_neck_bsi_suspected",
    "fired",
    "urgent",
  ],
  [
    "v2 change 8: femoral neck: 16 (17 tomorrow): absent",
    { ...bornOn("2009-06-16"), exam: { hipInternalRotationReduced: true }, symptoms: { nightPain: true } },
    "femoral_neck_bsi_suspected",
    "absent",
  ],
  [
    "v2 change 8: femoral neck: reduced hip IR, hop, rest and night pain not asked: unknown",
    { exam: { hipInternalRotationReduced: true } },
    "femoral_neck_bsi_suspected",
    "notAssessed",
  ],
  [
    "OR with two false and one omitted: unknown",
    { symptoms: { coldOrPaleLimb: false, newNumbnessOrWeakness: false } },
    "neurovascular_compromise",
    "notAssessed",
  ],
  [
    "OR all false: absent",
    { symptoms: { coldOrPaleLimb: false, newNumbnessOrWeakness: false, suspectedDislocation: false } },
    "neurovascular_compromise",
    "absent",
  ],
  [
    "v2 change 6: dvt, Wells score omitted: emergency",
    { symptoms: { calfSwellingOrTenderness: true } },
    "dvt_suspected",
    "fired",
    "emergency",
  ],
  [
    "v2 change 6: dvt, Wells 1: urgent",
    { symptoms: { calfSwellingOrTenderness: true }, exam: { wellsDvt: 1 } },
    "dvt_suspected",
    "fired",
    "urgent",
  ],
  [
    "v2 change 6: dvt, Wells 2: emergency",
    { symptoms: { calfSwellingOrTenderness: true }, exam: { wellsDvt: 2 } },
    "dvt_suspected",
    "fired",
    "emergency",
  ],
  [
    "v2 change 6: dvt, Wells -2: urgent",
    { symptoms: { calfSwellingOrTenderness: true }, exam: { wellsDvt: -2 } },
    "dvt_suspected",
    "fired",
    "urgent",
  ],
  ["dvt no", { symptoms: { calfSwellingOrTenderness: false } }, "dvt_suspected", "absent"],
  // Ottawa
  ["Ottawa: acute trauma at exactly 55", { ...acute, ...bornOn("1971-06-15") }, "ottawa_knee_rule_positive", "fired", "urgent"],
  [
    "Ottawa: acute trauma at 54 (55 tomorrow), nothing else: unknown",
    { ...acute, ...bornOn("1971-06-16") },
    "ottawa_knee_rule_positive",
    "notAssessed",
  ],
  ["Ottawa: patella_only", { ...acute, exam: { tenderness: ["patella_only"] } }, "ottawa_knee_rule_positive", "fired", "urgent"],
  ["Ottawa: fibular_head", { ...acute, exam: { tenderness: ["fibular_head"] } }, "ottawa_knee_rule_positive", "fired", "urgent"],
  ["Ottawa: flexionTo90 false", { ...acute, exam: { flexionTo90: false } }, "ottawa_knee_rule_positive", "fired", "urgent"],
  // v2 change 5: D = 06-15; onset 06-08 is 7 days before (urgent), 06-07 is 8 days (soon)
  [
    "v2 change 5: Ottawa, onset 7 days before: urgent",
    { episode: { mechanism: "acute_trauma", onsetDate: "2026-06-08" }, exam: { flexionTo90: false } },
    "ottawa_knee_rule_positive",
    "fired",
    "urgent",
  ],
  [
    "v2 change 5: Ottawa, onset 8 days before: soon",
    { episode: { mechanism: "acute_trauma", onsetDate: "2026-06-07" }, exam: { flexionTo90: false } },
    "ottawa_knee_rule_positive",
    "fired",
    "soon",
  ],
  [
    "v2 change 5: Ottawa, onset on the assessment day: urgent",
    { episode: { mechanism: "acute_trauma", onsetDate: D }, exam: { flexionTo90: false } },
    "ottawa_knee_rule_positive",
    "fired",
    "urgent",
  ],
  [
    "v2 change 5: Ottawa, onset months ago, every criterion no: absent (the date decides only the tier)",
    {
      episode: { mechanism: "acute_trauma", onsetDate: "2026-01-15" },
      exam: { tenderness: [], flexionTo90: true },
      symptoms: { unableToBearWeightNow: false },
    },
    "ottawa_knee_rule_positive",
    "absent",
  ],
  [
    "Ottawa: unable to bear weight immediately and now",
    { ...acute, symptoms: { unableToBearWeightImmediately: true, unableToBearWeightNow: true } },
    "ottawa_knee_rule_positive",
    "fired",
    "urgent",
  ],
  [
    "Ottawa: unable immediately only, now not asked: unknown",
    { ...acute, exam: { tenderness: [], flexionTo90: true }, symptoms: { unableToBearWeightImmediately: true } },
    "ottawa_knee_rule_positive",
    "notAssessed",
  ],
  [
    "Ottawa: every criterion no (empty tenderness list = palpated)",
    { ...acute, exam: { tenderness: [], flexionTo90: true }, symptoms: { unableToBearWeightNow: false } },
    "ottawa_knee_rule_positive",
    "absent",
  ],
  [
    "Ottawa: tenderness not examined: unknown",
    { ...acute, exam: { flexionTo90: true }, symptoms: { unableToBearWeightNow: false } },
    "ottawa_knee_rule_positive",
    "notAssessed",
  ],
  [
    "Ottawa: gradual with every criterion: absent",
    { ...gradual, ...bornOn("1950-01-01"), exam: { tenderness: ["patella_only"], flexionTo90: false } },
    "ottawa_knee_rule_positive",
    "absent",
  ],
  [
    "Ottawa: mechanism omitted, every criterion no: false (AND with a false side)",
    { exam: { tenderness: [], flexionTo90: true }, symptoms: { unableToBearWeightImmediately: false } },
    "ottawa_knee_rule_positive",
    "absent",
  ],
  ["Ottawa: mechanism omitted, age 70: unknown", { ...bornOn("1956-01-01") }, "ottawa_knee_rule_positive", "notAssessed"],
  // haemarthrosis
  [
    "haemarthrosis: acute with swelling within 2 h",
    { ...acute, symptoms: { swellingWithin2hOfInjury: true } },
    "haemarthrosis_suspected",
    "fired",
    "urgent",
  ],
  [
    "haemarthrosis: gradual with swelling within 2 h: absent",
    { ...gradual, symptoms: { swellingWithin2hOfInjury: true } },
    "haemarthrosis_suspected",
    "absent",
  ],
  ["haemarthrosis: acute, swelling not asked: unknown", { ...acute }, "haemarthrosis_suspected", "notAssessed"],
  [
    "haemarthrosis: mechanism omitted, swelling true: unknown",
    { symptoms: { swellingWithin2hOfInjury: true } },
    "haemarthrosis_suspected",
    "notAssessed",
  ],
  [
    "haemarthrosis: mechanism omitted, swelling false: absent",
    { symptoms: { swellingWithin2hOfInjury: false } },
    "haemarthrosis_suspected",
    "absent",
  ],
  ["locked knee", { symptoms: { locking: true } }, "locked_knee", "fired", "urgent"],
  // bone stress
  [
    "bone stress: bony tenderness and night pain",
    { exam: { tenderness: ["proximal_medial_tibia_bony"] }, symptoms: { nightPain: true } },
    "bone_stress_injury_suspected",
    "fired",
    "urgent",
  ],
  ["bone stress: empty tenderness list: absent", { exam: { tenderness: [], hopPain: true } }, "bone_stress_injury_suspected", "absent"],
  [
    "bone stress: omitted tenderness list with hop pain: unknown",
    { exam: { hopPain: true } },
    "bone_stress_injury_suspected",
    "notAssessed",
  ],
  [
    "v2 change 7: bone stress: tenderness, hop false, the rest not asked: urgent",
    { exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: false } },
    "bone_stress_injury_suspected",
    "fired",
    "urgent",
  ],
  [
    "v2 change 7: bone stress: tenderness, all five findings false: soon",
    {
      exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: false },
      symptoms: { painAtRest: false, nightPain: false },
      history: { previousBoneStressInjury: false, lowEnergyAvailability: false },
    },
    "bone_stress_injury_suspected",
    "fired",
    "soon",
  ],
  [
    "v2 change 7: bone stress: four findings false, low energy availability true: urgent",
    {
      exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: false },
      symptoms: { painAtRest: false, nightPain: false },
      history: { previousBoneStressInjury: false, lowEnergyAvailability: true },
    },
    "bone_stress_injury_suspected",
    "fired",
    "urgent",
  ],
  [
    "v2 change 7: bone stress: no tenderness list, all pains false: not assessed",
    { exam: { hopPain: false }, symptoms: { painAtRest: false, nightPain: false } },
    "bone_stress_injury_suspected",
    "notAssessed",
  ],
  // tumour
  [
    "tumour: rest pain and cancer history",
    { symptoms: { painAtRest: true }, history: { historyOfCancer: true } },
    "tumour_suspected",
    "fired",
    "urgent",
  ],
  ["tumour: no night or rest pain: absent", { symptoms: { painAtRest: false, nightPain: false } }, "tumour_suspected", "absent"],
  ["tumour: night pain only: unknown", { symptoms: { nightPain: true } }, "tumour_suspected", "notAssessed"],
  [
    "tumour: no weight loss, no cancer: absent",
    { symptoms: { unexplainedWeightLoss: false }, history: { historyOfCancer: false } },
    "tumour_suspected",
    "absent",
  ],
  // SCFE: age 10 to 16 inclusive
  [
    "v2 change 4: SCFE: 16 today, limp, hip not examined: not assessed",
    { ...bornOn("2010-06-15"), symptoms: { limp: true } },
    "scfe_suspected",
    "notAssessed",
  ],
  [
    "v2 change 4: SCFE: 16 today, limp, hip rotation normal: absent",
    { ...bornOn("2010-06-15"), symptoms: { limp: true }, exam: { hipInternalRotationReduced: false } },
    "scfe_suspected",
    "absent",
  ],
  [
    "v2 change 4: SCFE: 16 today, reduced hip IR: emergency",
    { ...bornOn("2010-06-15"), exam: { hipInternalRotationReduced: true } },
    "scfe_suspected",
    "fired",
    "emergency",
  ],
  [
    "SCFE: 17 today, reduced hip IR: absent",
    { ...bornOn("2009-06-15"), exam: { hipInternalRotationReduced: true } },
    "scfe_suspected",
    "absent",
  ],
  [
    "SCFE: 10 today, reduced hip IR",
    { ...bornOn("2016-06-15"), exam: { hipInternalRotationReduced: true } },
    "scfe_suspected",
    "fired",
    "emergency",
  ],
  ["SCFE: 9 (10 tomorrow), limp: absent", { ...bornOn("2016-06-16"), symptoms: { limp: true } }, "scfe_suspected", "absent"],
  ["SCFE: 13, nothing asked: unknown", { ...bornOn("2013-01-01") }, "scfe_suspected", "notAssessed"],
  ["SCFE: 13, limp no, hip IR not asked: unknown", { ...bornOn("2013-01-01"), symptoms: { limp: false } }, "scfe_suspected", "notAssessed"],
  ["SCFE: 36, nothing asked: absent", {}, "scfe_suspected", "absent"],
  // instability
  ["instability after acute trauma: urgent", { ...acute, symptoms: { instability: true } }, "instability", "fired", "urgent"],
  ["instability, gradual: soon", { ...gradual, symptoms: { instability: true } }, "instability", "fired", "soon"],
  ["v2 change 13: instability, mechanism omitted: urgent", { symptoms: { instability: true } }, "instability", "fired", "urgent"],
  // persistent pain >= 14
  ["persistent pain: 14 days", { symptoms: { daysPersistingDespiteReducedTraining: 14 } }, "persistent_pain", "fired", "soon"],
  ["persistent pain: 13 days: absent", { symptoms: { daysPersistingDespiteReducedTraining: 13 } }, "persistent_pain", "absent"],
  [
    "persistent pain: days not asked: unknown (comparison with an omitted number)",
    { symptoms: { painNow: 5 } },
    "persistent_pain",
    "notAssessed",
  ],
  [
    "persistent pain: settings 7, 7 days",
    { symptoms: { daysPersistingDespiteReducedTraining: 7 }, settings: { persistentPainDays: 7 } },
    "persistent_pain",
    "fired",
    "soon",
  ],
  [
    "persistent pain: settings 7, 6 days: absent",
    { symptoms: { daysPersistingDespiteReducedTraining: 6 }, settings: { persistentPainDays: 7 } },
    "persistent_pain",
    "absent",
  ],
  // visible swelling
  ["swelling: effusion moderate", { exam: { effusion: "moderate" } }, "visible_swelling", "fired", "soon"],
  ["swelling: effusion large", { symptoms: { visibleSwelling: false }, exam: { effusion: "large" } }, "visible_swelling", "fired", "soon"],
  [
    "swelling: none reported, trace effusion: absent",
    { symptoms: { visibleSwelling: false }, exam: { effusion: "trace" } },
    "visible_swelling",
    "absent",
  ],
  ["swelling: effusion none, swelling not asked: unknown", { exam: { effusion: "none" } }, "visible_swelling", "notAssessed"],
  ["catching", { symptoms: { catching: true } }, "catching", "fired", "soon"],
  ["sharp weight-bearing pain", { symptoms: { sharpWeightBearingPain: true } }, "sharp_weight_bearing_pain", "fired", "soon"],
];

describe("red flags in three-valued logic (sections 2 and 3)", () => {
  // A rest parameter: jest would take a fifth declared parameter for its `done` callback.
  it.each(FLAG_ROWS)("%s", (...[, extra, code, state, urgency]: FlagRow) => {
    const evaluation = evaluate(baseInput(extra));
    expect(flagState(evaluation, code)).toBe(state);
    if (urgency !== undefined) expect(evaluation.redFlags.find((f) => f.code === code)?.urgency).toBe(urgency);
  });

  it("sorts raised flags by urgency then code, the other lists by code, each code in exactly one list (CLI)", () => {
    const e = cliEvaluate({
      assessedOn: D,
      patient: { birthDate: "1960-01-01" }, // 66: Ottawa by age, SCFE ruled out
      ...acute,
      symptoms: {
        hotSwollenJoint: true,
        fever: true,
        nightPain: true,
        unexplainedWeightLoss: true,
        instability: true,
        daysPersistingDespiteReducedTraining: 20,
        sharpWeightBearingPain: true,
        swellingWithin2hOfInjury: false,
        locking: false,
        calfSwellingOrTenderness: false,
      },
    });
    expect({
      urgency: e.urgency,
      redFlags: e.redFlags.map((f) => `${f.urgency} ${f.code}`),
      absent: e.redFlagsAbsent,
      notAssessed: e.redFlagsNotAssessed,
    }).toEqual({
      urgency: "emergency",
      redFlags: [
        "emergency septic_arthritis_suspected",
        "urgent instability",
        "urgent ottawa_knee_rule_positive",
        "urgent tumour_suspected",
        "soon persistent_pain",
        "soon sharp_weight_bearing_pain",
      ],
      absent: ["dvt_suspected", "haemarthrosis_suspected", "locked_knee", "scfe_suspected"],
      // tenderness not examined; hip rotation, catching, the neurovascular signs, weight-bearing now, the kneecap,
      // valgus stress and swelling not asked
      notAssessed: [
        "bone_stress_injury_suspected",
        "catching",
        "femoral_neck_bsi_suspected",
        "neurovascular_compromise",
        "new_neurological_symptoms",
        "patellar_dislocation",
        "unable_to_bear_weight",
        "valgus_laxity_in_extension",
        "visible_swelling",
      ],
    });
    // Section 7: emergency and urgent flags and sharp weight-bearing pain stop running, in redFlags order; persistent pain does not.
    expect(e.runningAdvice).toEqual({
      mode: "stop",
      maxPainDuringRun: null,
      screenComplete: false,
      because: [
        "redFlags.septic_arthritis_suspected",
        "redFlags.instability",
        "redFlags.ottawa_knee_rule_positive",
        "redFlags.tumour_suspected",
        "redFlags.sharp_weight_bearing_pain",
      ],
    });
  });

  it("the fixed reasons of section 3, in their order", () => {
    const because = (extra: Partial<EvaluationInput>, code: RedFlagCode) =>
      evaluate(baseInput(extra)).redFlags.find((f) => f.code === code)?.because;
    expect(
      because(
        { symptoms: { hotSwollenJoint: true, fever: true }, history: { recentJointInjection: false, immunosuppressed: true } },
        "septic_arthritis_suspected",
      ),
    ).toEqual(["symptoms.hotSwollenJoint", "symptoms.fever", "history.immunosuppressed"]);
    expect(because({ symptoms: { calfSwellingOrTenderness: true } }, "dvt_suspected")).toEqual(["symptoms.calfSwellingOrTenderness"]);
    expect(because({ symptoms: { calfSwellingOrTenderness: true }, exam: { wellsDvt: 3 } }, "dvt_suspected")).toEqual([
      "symptoms.calfSwellingOrTenderness",
      "exam.wellsDvt",
    ]);
    expect(
      because({ ...bornOn("2012-01-01"), exam: { hipInternalRotationReduced: true }, symptoms: { limp: false } }, "scfe_suspected"),
    ).toEqual(["ageYears", "exam.hipInternalRotationReduced"]);
    expect(
      because(
        { exam: { hipInternalRotationReduced: true, hopPain: true }, symptoms: { painAtRest: false, nightPain: true } },
        "femoral_neck_bsi_suspected",
      ),
    ).toEqual(["ageYears", "exam.hipInternalRotationReduced", "exam.hopPain", "symptoms.nightPain"]);
    expect(
      because(
        { exam: { tenderness: ["proximal_medial_tibia_bony", "mcl"], hopPain: false }, history: { lowEnergyAvailability: true } },
        "bone_stress_injury_suspected",
      ),
    ).toEqual(["exam.tenderness", "history.lowEnergyAvailability"]);
    // Ottawa names the onset date when it is given, not when it is omitted.
    expect(because({ ...acute, exam: { flexionTo90: false } }, "ottawa_knee_rule_positive")).not.toContain("episode.onsetDate");
    expect(
      because(
        { episode: { mechanism: "acute_trauma", onsetDate: "2026-06-01" }, exam: { flexionTo90: false } },
        "ottawa_knee_rule_positive",
      ),
    ).toContain("episode.onsetDate");
  });

  it("urgency is routine without flags", () => {
    expect(evaluate(baseInput()).urgency).toBe("routine");
  });
});

// ---------------------------------------------------------------------------
// Age (section 1)
// ---------------------------------------------------------------------------

describe("age in full years on assessedOn", () => {
  it.each([
    ["2000-02-29", "2025-02-28", 24],
    ["2000-02-29", "2025-03-01", 25], // a year older on 1 March in common years
    ["2000-02-29", "2024-02-28", 23],
    ["2000-02-29", "2024-02-29", 24],
    ["1990-06-15", "2026-06-14", 35],
    ["1990-06-15", "2026-06-15", 36],
    ["1995-12-31", "2026-01-01", 30],
    ["2026-06-15", "2026-06-15", 0],
  ])("born %s, on %s: %d", (birthDate, assessedOn, age) => {
    expect(evaluate({ assessedOn, patient: { birthDate } }).ageYears).toBe(age);
  });

  it("age_over_30 only above 30 (CLI: 29 February birthday)", () => {
    // born 1996-02-29: 30 on 2026-03-01 (common year), 29 the day before
    expect(cliEvaluate({ assessedOn: "2026-02-28", patient: { birthDate: "1996-02-29" } }).ageYears).toBe(29);
    const on1March = cliEvaluate({ assessedOn: "2026-03-01", patient: { birthDate: "1996-02-29" } });
    expect(on1March.ageYears).toBe(30);
    expect(on1March.riskFactors).toEqual([]);
    expect(evaluate({ assessedOn: "2026-03-01", patient: { birthDate: "1995-02-28" } }).riskFactors.map((r) => r.code)).toEqual([
      "age_over_30",
    ]);
  });
});

// ---------------------------------------------------------------------------
// Section 4: risk factors
// ---------------------------------------------------------------------------

const riskCodes = (extra: Partial<EvaluationInput>) =>
  evaluate(baseInput({ ...bornOn("2000-01-01"), ...extra })).riskFactors.map((r) => r.code);

describe("risk factors (section 4)", () => {
  it.each<[string, Partial<EvaluationInput>, string[]]>([
    ["rest days 0 < 1", { training: { restDaysPerWeek: 0 } }, ["insufficient_rest"]],
    ["rest days 1: not < 1", { training: { restDaysPerWeek: 1 } }, []],
    ["rest days 1 < settings 2", { training: { restDaysPerWeek: 1 }, settings: { minRestDaysPerWeek: 2 } }, ["insufficient_rest"]],
    ["shoes 800 km: not > 800", { training: { shoeDistanceKm: 800 } }, []],
    ["shoes 800.5 km", { training: { shoeDistanceKm: 800.5 } }, ["worn_footwear"]],
    ["shoes 500 km > settings 400", { training: { shoeDistanceKm: 500 }, settings: { shoeReplaceKm: 400 } }, ["worn_footwear"]],
    ["one pair", { training: { shoePairsInRotation: 1 } }, ["single_shoe_pair"]],
    ["two pairs", { training: { shoePairsInRotation: 2 } }, []],
    ["warm-up false", { training: { warmUp: false } }, ["no_warm_up"]],
    ["warm-up true", { training: { warmUp: true } }, []],
    [
      "every boolean factor, sorted by code",
      {
        history: { priorKneeInjury: true, previousBoneStressInjury: true, lowEnergyAvailability: true },
        training: { recentHillIncrease: true, hardSurfaces: true, trackSameDirection: true, treadmillMostly: true, overstriding: true },
        exam: {
          singleLegSquatValgus: true,
          hipAbductorWeakness: true,
          quadricepsControlDeficit: true,
          hamstringTightness: true,
          ankleDorsiflexionLimited: true,
        },
      },
      [
        "ankle_dorsiflexion_limited",
        "cambered_or_one_direction",
        "dynamic_knee_valgus",
        "hamstring_tightness",
        "hard_surfaces",
        "hip_abductor_weakness",
        "low_energy_availability",
        "overstriding",
        "previous_bone_stress_injury",
        "prior_knee_injury",
        "quadriceps_control_deficit",
        "speed_or_hill_increase",
        "treadmill_monotony",
      ],
    ],
    // A = D-13..D, B = D-27..D-14
    ["two-week change exactly 30%: not > 30", runs(["2026-06-01", 10], ["2026-06-02", 13]), ["single_run_spike"]],
    ["two-week change 30.1%", runs(["2026-06-01", 10], ["2026-06-10", 13.01]), ["rapid_distance_increase", "single_run_spike"]],
    [
      "two-week change 25% > settings 20",
      { ...runs(["2026-05-19", 8], ["2026-06-02", 10]), settings: { twoWeekIncreasePct: 20 } },
      ["rapid_distance_increase", "single_run_spike"],
    ],
    ["no runs: no load factors", { training: { runs: [] } }, []],
    // v2 change 16: the same 30.1% increase, read from a log that begins at its first run (D-14): B's window starts D-27
    ["v2 change 16: log from its first run: no two-week change, no spike", runsFromFirst(["2026-06-01", 10], ["2026-06-10", 13.01]), []],
  ])("%s", (_claim, extra, codes) => {
    expect(riskCodes(extra)).toEqual(codes);
  });
});

// ---------------------------------------------------------------------------
// Section 5: load
// ---------------------------------------------------------------------------

const loadOf = (extra: Partial<EvaluationInput>) => evaluate(baseInput(extra)).load;

describe("load (section 5)", () => {
  it("windows D-6..D, D-27..D, D-13..D / D-27..D-14; runs after D ignored; negative change rounded half away from zero (CLI)", () => {
    const e = cliEvaluate(
      baseInput(
        runs(
          ["2026-06-16", 50],
          ["2026-06-15", 1],
          ["2026-06-09", 2],
          ["2026-06-08", 4],
          ["2026-06-02", 8],
          ["2026-06-01", 16],
          ["2026-05-19", 32],
          ["2026-05-18", 64],
        ),
      ),
    );
    // acute 1 + 2 = 3; 28 days 1+2+4+8+16+32 = 63, / 4 = 15.75 -> 15.8; acwr 3 / 15.75 = 0.1905 -> 0.19
    // A = 1+2+4+8 = 15, B = 16+32 = 48: (15 - 48) / 48 x 100 = -68.75 -> -68.8
    // no spikes: 05-18 has no earlier run; every later run is shorter than one before it
    expect(e.load).toEqual({ acute7dKm: 3, chronicWeeklyKm: 15.8, acwr: 0.19, twoWeekChangePct: -68.8, spikes: [] });
  });

  it("acwr from the unrounded chronic load (worked example 1: 36 / 23.75 = 1.516 -> 1.52)", () => {
    const load = loadOf(runs(["2026-06-15", 20], ["2026-06-10", 16], ["2026-05-20", 35], ["2026-05-25", 24]));
    // acute 36; 28 days 95 / 4 = 23.75 -> 23.8; A = 36, B = 59: (36 - 59) / 59 x 100 = -38.98 -> -39
    // spikes: 05-25 (24) vs 35: no; 06-10 (16) vs 35: no; 06-15 (20) vs 35: no
    expect(load).toEqual({ acute7dKm: 36, chronicWeeklyKm: 23.8, acwr: 1.52, twoWeekChangePct: -39, spikes: [] });
  });

  it("zero windows: acwr and twoWeekChangePct null", () => {
    expect(loadOf({ training: { runs: [], loggedSince: "2000-01-01" } })).toEqual({
      acute7dKm: 0,
      chronicWeeklyKm: 0,
      acwr: null,
      twoWeekChangePct: null,
      spikes: [],
    });
    // only a run on D-28 (outside 28 days) and one after D
    expect(loadOf(runs(["2026-05-18", 5], ["2026-06-20", 9]))).toEqual({
      acute7dKm: 0,
      chronicWeeklyKm: 0,
      acwr: null,
      twoWeekChangePct: null,
      spikes: [],
    });
    // runs of 0 km only
    expect(loadOf(runs(["2026-06-10", 0], ["2026-05-25", 0]))).toEqual({
      acute7dKm: 0,
      chronicWeeklyKm: 0,
      acwr: null,
      twoWeekChangePct: null,
      spikes: [],
    });
  });

  it("B only: change -100%, acwr 0", () => {
    // D-20 10 km: acute 0, chronic 2.5, acwr 0; A = 0, B = 10: -100
    expect(loadOf(runs(["2026-05-26", 10]))).toEqual({ acute7dKm: 0, chronicWeeklyKm: 2.5, acwr: 0, twoWeekChangePct: -100, spikes: [] });
  });

  it("window edges: D-6 in acute, D-7 not; D-13 in A, D-14 in B; D-27 in, D-28 out", () => {
    const load = loadOf(
      runs(["2026-06-09", 1], ["2026-06-08", 2], ["2026-06-02", 4], ["2026-06-01", 8], ["2026-05-19", 16], ["2026-05-18", 32]),
    );
    // acute 1; 28 days 1+2+4+8+16 = 31 / 4 = 7.75 -> 7.8; acwr 1 / 7.75 = 0.129 -> 0.13
    // A = 1+2+4 = 7, B = 8+16 = 24: -70.83 -> -70.8
    expect(load).toMatchObject({ acute7dKm: 1, chronicWeeklyKm: 7.8, acwr: 0.13, twoWeekChangePct: -70.8 });
  });

  it("v2 change 16: load omitted without runs, or without loggedSince and any run on or before D; an empty complete log is present", () => {
    expect(evaluate(baseInput({ training: { hardSurfaces: true } }))).not.toHaveProperty("load");
    expect(evaluate(baseInput())).not.toHaveProperty("load");
    expect(evaluate(baseInput({ training: { runs: [] } }))).not.toHaveProperty("load");
    expect(evaluate(baseInput(runsFromFirst(["2026-06-16", 5])))).not.toHaveProperty("load"); // a run after D only
    expect(evaluate(baseInput({ training: { runs: [], loggedSince: "2026-06-15" } })).load).toEqual({
      acute7dKm: null, // L = D is after D-6
      chronicWeeklyKm: null,
      acwr: null,
      twoWeekChangePct: null,
      spikes: [],
    });
  });

  it("v2 change 16: values whose window starts before L are null (CLI)", () => {
    // L = D-6 (06-09): acute D-6..D = 3 + 4 = 7 is logged; chronic and two-week change reach back to D-27: null.
    const fromD6 = cliEvaluate(
      baseInput({
        training: {
          loggedSince: "2026-06-09",
          runs: [
            { date: "2026-06-09", distanceKm: 3 },
            { date: D, distanceKm: 4 },
          ],
        },
      }),
    );
    expect(fromD6.load).toEqual({ acute7dKm: 7, chronicWeeklyKm: null, acwr: null, twoWeekChangePct: null, spikes: [] });
    // L = D-5 (06-10): even the acute window reaches before it.
    expect(loadOf({ training: { loggedSince: "2026-06-10", runs: [{ date: D, distanceKm: 4 }] } })?.acute7dKm).toBeNull();
    // L = D-27 (05-19): every window logged: acute 4; 28 days 4 + 8 = 12 / 4 = 3; acwr 4 / 3 = 1.33; A = 4, B = 8: -50
    expect(
      loadOf({
        training: {
          loggedSince: "2026-05-19",
          runs: [
            { date: "2026-05-19", distanceKm: 8 },
            { date: D, distanceKm: 4 },
          ],
        },
      }),
    ).toEqual({
      acute7dKm: 4,
      chronicWeeklyKm: 3,
      acwr: 1.33,
      twoWeekChangePct: -50,
      spikes: [],
    });
    // L = D-26: the same runs (the one on D-27 was before L: it changes nothing) give chronic null.
    expect(
      loadOf({
        training: {
          loggedSince: "2026-05-20",
          runs: [
            { date: "2026-05-19", distanceKm: 8 },
            { date: D, distanceKm: 4 },
          ],
        },
      }),
    ).toEqual({
      acute7dKm: 4,
      chronicWeeklyKm: null,
      acwr: null,
      twoWeekChangePct: null,
      spikes: [],
    });
  });

  it("v2 change 16: a run is a spike only if its whole 30-day look-back lies on or after L", () => {
    // D 12 km vs 10 km on 06-05: a spike when L <= 05-16 (D - 30), not when L = 05-17.
    const with_ = (loggedSince: string) =>
      loadOf({
        training: {
          loggedSince,
          runs: [
            { date: "2026-06-05", distanceKm: 10 },
            { date: D, distanceKm: 12 },
          ],
        },
      })?.spikes;
    expect(with_("2026-05-16")).toEqual([{ date: D, distanceKm: 12, longestPrior30dKm: 10, band: "10-30" }]);
    expect(with_("2026-05-17")).toEqual([]);
    // Without loggedSince the log begins at 06-05: no spike.
    expect(loadOf(runsFromFirst(["2026-06-05", 10], ["2026-06-15", 12]))?.spikes).toEqual([]);
  });

  const spike = (date: string, distanceKm: number, longestPrior30dKm: number, band: string) => ({
    date,
    distanceKm,
    longestPrior30dKm,
    band,
  });

  it.each<[string, Partial<EvaluationInput>, unknown[]]>([
    ["exactly 1.1 times: not more than", runs(["2026-06-05", 10], ["2026-06-15", 11]), []],
    ["1.101 times: band 10-30", runs(["2026-06-05", 10], ["2026-06-15", 11.01]), [spike(D, 11, 10, "10-30")]],
    ["exactly 1.3 times: band 10-30", runs(["2026-06-05", 10], ["2026-06-15", 13]), [spike(D, 13, 10, "10-30")]],
    ["1.31 times: band 30-100", runs(["2026-06-05", 10], ["2026-06-15", 13.1]), [spike(D, 13.1, 10, "30-100")]],
    ["exactly 2 times: band 30-100", runs(["2026-06-05", 10], ["2026-06-15", 20]), [spike(D, 20, 10, "30-100")]],
    ["2.01 times: band >100", runs(["2026-06-05", 10], ["2026-06-15", 20.1]), [spike(D, 20.1, 10, ">100")]],
    ["decimal distances exactly 1.1 times (10.1 -> 11.11): not a spike", runs(["2026-06-05", 10.1], ["2026-06-15", 11.11]), []],
    ["window reaches its date - 30", runs(["2026-05-16", 10], ["2026-06-15", 12]), [spike(D, 12, 10, "10-30")]],
    ["nothing in the window (its date - 31): not a spike", runs(["2026-05-15", 10], ["2026-06-15", 12]), []],
    ["a run on the same day is not in the window", runs(["2026-06-15", 10], ["2026-06-15", 20]), []],
    ["window of 0 km runs only: not a spike", runs(["2026-06-05", 0], ["2026-06-10", 0], ["2026-06-15", 5]), []],
    [
      "candidate on D-29 with its window back to D-59",
      runs(["2026-04-17", 10], ["2026-05-17", 12]),
      [spike("2026-05-17", 12, 10, "10-30")],
    ],
    ["candidate on D-29, window run on D-60: not a spike", runs(["2026-04-16", 10], ["2026-05-17", 12]), []],
    ["candidate on D-30 is not listed", runs(["2026-05-06", 10], ["2026-05-16", 12]), []],
    ["a run after D is ignored", runs(["2026-06-05", 10], ["2026-06-16", 30]), []],
    [
      "longest of the window; sorted by date whatever the input order; rounded to one decimal",
      runs(["2026-06-15", 12.04], ["2026-06-10", 9], ["2026-06-05", 10.25], ["2026-05-26", 8]),
      // 06-05: 10.25 / 8 = 1.28 -> 10-30, shown 10.3 (half up); 06-10: 9 < 10.25; D: 12.04 / 10.25 = 1.17 -> 10-30
      [spike("2026-06-05", 10.3, 8, "10-30"), spike(D, 12, 10.3, "10-30")],
    ],
  ])("spikes: %s", (_claim, extra, spikes) => {
    expect(loadOf(extra)?.spikes).toEqual(spikes);
  });

  it("spikePct changes what is a spike, not the band", () => {
    const withPct = (km: number) => loadOf({ ...runs(["2026-06-05", 10], ["2026-06-15", km]), settings: { spikePct: 50 } })?.spikes;
    expect(withPct(15)).toEqual([]); // exactly 1.5
    expect(withPct(16)).toEqual([spike(D, 16, 10, "30-100")]);
    expect(loadOf({ ...runs(["2026-06-05", 10], ["2026-06-15", 10.5]), settings: { spikePct: 0 } })?.spikes).toEqual([
      spike(D, 10.5, 10, "10-30"),
    ]);
  });
});

// ---------------------------------------------------------------------------
// Section 7: running advice (v2 change 14)
// ---------------------------------------------------------------------------

/** Every red-flag question of version 2 answered with nothing found, at 36 (SCFE absent by age). */
const SCREENED: Partial<EvaluationInput> = {
  ...gradual,
  symptoms: {
    hotSwollenJoint: false,
    coldOrPaleLimb: false,
    suspectedDislocation: false,
    newNumbnessOrWeakness: false,
    calfSwellingOrTenderness: false,
    unableToBearWeightNow: false,
    swellingWithin2hOfInjury: false,
    locking: false,
    patellarDislocation: false,
    nightPain: false,
    painAtRest: false,
    instability: false,
    daysPersistingDespiteReducedTraining: 0,
    visibleSwelling: false,
    catching: false,
    sharpWeightBearingPain: false,
  },
  exam: { tenderness: [], hipInternalRotationReduced: false, valgusStress0: "normal", effusion: "none", flexionTo90: true },
};
const screened = (symptoms: Partial<NonNullable<EvaluationInput["symptoms"]>> = {}, rest: Partial<EvaluationInput> = {}) =>
  baseInput({ ...SCREENED, ...rest, symptoms: { ...SCREENED.symptoms, ...symptoms } });

describe("running advice (section 7)", () => {
  it("a complete screen with nothing found: pain-monitored at the default 3 (CLI)", () => {
    const e = cliEvaluate(screened());
    // tumour: night and rest pain no -> absent; every code absent
    expect(e.redFlagsNotAssessed).toEqual([]);
    expect(e.runningAdvice).toEqual({ mode: "pain_monitored", maxPainDuringRun: 3, screenComplete: true, because: [] });
  });

  it("pain-monitored at the clinic's maxRunPain (settings, or the input's settings)", () => {
    expect(evaluate(screened(), { maxRunPain: 5 }).runningAdvice.maxPainDuringRun).toBe(5);
    expect(evaluate(screened({}, { settings: { maxRunPain: 0 } }), { maxRunPain: 5 }).runningAdvice.maxPainDuringRun).toBe(0);
  });

  it("a soon flag that does not stop running (catching, persistent pain, instability after a gradual onset): still pain-monitored", () => {
    const e = evaluate(screened({ catching: true, instability: true, daysPersistingDespiteReducedTraining: 20 }));
    expect(e.redFlags.map((f) => `${f.urgency} ${f.code}`)).toEqual(["soon catching", "soon instability", "soon persistent_pain"]);
    expect(e.runningAdvice).toEqual({ mode: "pain_monitored", maxPainDuringRun: 3, screenComplete: true, because: [] });
  });

  it("a swollen knee or sharp weight-bearing pain stops running whatever their soon urgency", () => {
    expect(evaluate(screened({ visibleSwelling: true, catching: true })).runningAdvice).toEqual({
      mode: "stop",
      maxPainDuringRun: null,
      screenComplete: true,
      because: ["redFlags.visible_swelling"],
    });
    expect(evaluate(screened({ sharpWeightBearingPain: true })).runningAdvice.because).toEqual(["redFlags.sharp_weight_bearing_pain"]);
  });

  it("an urgent flag stops running even with the screen incomplete", () => {
    const e = evaluate(baseInput({ symptoms: { locking: true } }));
    expect(e.runningAdvice).toEqual({ mode: "stop", maxPainDuringRun: null, screenComplete: false, because: ["redFlags.locked_knee"] });
  });

  it("no running advice while a red flag is not assessed, naming them in code order", () => {
    // SCREENED without hip rotation: SCFE is absent at 36, but femoral neck stays unknown (IR not examined)
    const { hipInternalRotationReduced: _h, ...exam } = SCREENED.exam!;
    const e = evaluate(baseInput({ ...SCREENED, exam }));
    expect(e.runningAdvice).toEqual({
      mode: "screen_incomplete",
      maxPainDuringRun: null,
      screenComplete: false,
      because: ["redFlagsNotAssessed.femoral_neck_bsi_suspected"],
    });
  });

  it("a 14-year-old with hip rotation not examined gets no running advice (SCFE not assessed)", () => {
    const { hipInternalRotationReduced: _h, ...exam } = SCREENED.exam!;
    const e = evaluate(baseInput({ ...SCREENED, ...bornOn("2012-01-01"), exam, symptoms: { ...SCREENED.symptoms, limp: true } }));
    expect(e.runningAdvice.mode).toBe("screen_incomplete");
    expect(e.runningAdvice.because).toContain("redFlagsNotAssessed.scfe_suspected");
  });

  it("bone stress suspected at soon: pain-free, maximum 0 whatever maxRunPain", () => {
    const e = evaluate(
      screened(
        {},
        {
          exam: { ...SCREENED.exam, tenderness: ["proximal_medial_tibia_bony"], hopPain: false },
          history: { previousBoneStressInjury: false, lowEnergyAvailability: false },
        },
      ),
      { maxRunPain: 5 },
    );
    expect(e.redFlags).toEqual([{ code: "bone_stress_injury_suspected", urgency: "soon", because: ["exam.tenderness"] }]);
    expect(e.runningAdvice).toEqual({
      mode: "pain_free",
      maxPainDuringRun: 0,
      screenComplete: true,
      because: ["redFlags.bone_stress_injury_suspected"],
    });
  });

  it("bone stress at urgent stops running instead", () => {
    const e = evaluate(screened({}, { exam: { ...SCREENED.exam, tenderness: ["proximal_medial_tibia_bony"], hopPain: true } }));
    expect(e.runningAdvice.mode).toBe("stop");
    expect(e.runningAdvice.because).toEqual(["redFlags.bone_stress_injury_suspected"]);
  });
});

// ---------------------------------------------------------------------------
// Section 6: scores
// ---------------------------------------------------------------------------

const items = (prefix: string, values: number[]) => Object.fromEntries(values.map((v, i) => [`${prefix}${i + 1}`, v]));

describe("scores (section 6)", () => {
  it("KOOS: at the minimum items each subscale is scored, one fewer gives null (CLI)", () => {
    const at = {
      ...items("P", [1, 1, 1, 1, 1]),
      ...items("S", [0, 1, 1, 1]),
      ...items("A", [2, 2, 2, 2, 2, 2, 2, 2, 2]),
      ...items("SP", [4, 4, 3]),
      ...items("Q", [0, 1]),
    };
    // pain 100 - 1 x 25 = 75; symptoms mean 0.75 -> 81.25 -> 81.3; adl 100 - 50 = 50;
    // sport mean 11/3 -> 100 - 91.67 = 8.33 -> 8.3; qol mean 0.5 -> 87.5
    expect(cliEvaluate(baseInput({ measures: { koos: at } })).scores).toEqual({
      koos: { pain: 75, symptoms: 81.3, adl: 50, sport: 8.3, qol: 87.5 },
    });
    const below = {
      ...items("P", [1, 1, 1, 1]),
      ...items("S", [0, 1, 1]),
      ...items("A", [2, 2, 2, 2, 2, 2, 2, 2]),
      ...items("SP", [4, 4]),
      ...items("Q", [0]),
    };
    expect(evaluate(baseInput({ measures: { koos: below } })).scores).toEqual({
      koos: { pain: null, symptoms: null, adl: null, sport: null, qol: null },
    });
    expect(evaluate(baseInput({ measures: { koos: {} } })).scores).toEqual({
      koos: { pain: null, symptoms: null, adl: null, sport: null, qol: null },
    });
  });

  it("LEFS sum, PSFS mean, Tegner and pain as given", () => {
    const lefs = [4, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 4]; // 16+12+8+4+0+4 = 44
    const psfs = [7, 8, 8].map((score, i) => ({ activity: `a${i}`, score })); // 23/3 = 7.67 -> 7.7
    expect(evaluate(baseInput({ measures: { lefs, psfs, tegner: 0, painNow: 0 } })).scores).toEqual({
      painNow: 0,
      lefs: 44,
      psfs: 7.7,
      tegner: 0,
    });
    expect(
      evaluate(
        baseInput({
          measures: {
            psfs: [
              { activity: "x", score: 5 },
              { activity: "y", score: 6 },
            ],
          },
        }),
      ).scores,
    ).toEqual({ psfs: 5.5 });
  });

  it("measures.painNow falls back to symptoms.painNow; a measure not given is omitted", () => {
    expect(evaluate(baseInput({ symptoms: { painNow: 6 } })).scores).toEqual({ painNow: 6 });
    expect(evaluate(baseInput({ symptoms: { painNow: 6 }, measures: { painNow: 3 } })).scores).toEqual({ painNow: 3 });
    expect(evaluate(baseInput({ symptoms: { painWorstWeek: 6 } })).scores).toEqual({});
  });
});

// ---------------------------------------------------------------------------
// Section 6: changes and settings
// ---------------------------------------------------------------------------

const prior = (assessedOn: string, measures: EvaluationInput["measures"] & object) => ({ assessedOn, measures });

describe("changes (section 6)", () => {
  it("absent without priorAssessments or with an empty list; {} when nothing compares", () => {
    expect(evaluate(baseInput({ measures: { painNow: 3 } }))).not.toHaveProperty("changes");
    expect(evaluate(baseInput({ measures: { painNow: 3 }, priorAssessments: [] }))).not.toHaveProperty("changes");
    expect(evaluate(baseInput({ measures: { painNow: 3 }, priorAssessments: [prior("2026-05-01", { tegner: 4 })] })).changes).toEqual({});
  });

  it("baseline is the first prior, previous the last; only where a value exists now and then (CLI)", () => {
    const e = cliEvaluate(
      baseInput({
        symptoms: { painNow: 4 }, // measures.painNow absent: symptoms.painNow is used now
        measures: { tegner: 5, lefs: Array(20).fill(3) }, // LEFS 60
        priorAssessments: [
          prior("2026-04-01", { painNow: 6, tegner: 6 }), // baseline: no LEFS
          prior("2026-05-01", { painNow: 1, tegner: 2, lefs: Array(20).fill(4) }),
          prior("2026-06-01", { painNow: 5, lefs: [...Array(19).fill(3), 0], tegner: 5 }), // previous: LEFS 57
        ],
      }),
    );
    expect(e.changes).toEqual({
      painNow: { vsBaseline: "improved", vsPrevious: "unchanged" }, // 6 -> 4 is 2 lower (better); 5 -> 4 only 1
      lefs: { vsPrevious: "unchanged" }, // 57 -> 60: 3 < 9
      tegner: { vsBaseline: "worsened", vsPrevious: "unchanged" }, // 6 -> 5: 1 down (worse), 5 -> 5
    });
  });

  it("at least the important change counts, in each direction; lower is better only for pain", () => {
    const change = (measures: EvaluationInput["measures"], before: EvaluationInput["measures"] & object) =>
      evaluate(baseInput({ measures, priorAssessments: [prior("2026-05-01", before)] })).changes;
    expect(change({ painNow: 8 }, { painNow: 6 })).toEqual({ painNow: { vsBaseline: "worsened", vsPrevious: "worsened" } });
    expect(change({ lefs: Array(20).fill(3) }, { lefs: [...Array(17).fill(3), 0, 0, 0] })).toEqual({
      lefs: { vsBaseline: "improved", vsPrevious: "improved" },
    }); // 51 -> 60: 9
    expect(change({ lefs: [...Array(17).fill(3), 0, 0, 0] }, { lefs: Array(20).fill(3) })).toEqual({
      lefs: { vsBaseline: "worsened", vsPrevious: "worsened" },
    });
    expect(change({ tegner: 7 }, { tegner: 6 })).toEqual({ tegner: { vsBaseline: "improved", vsPrevious: "improved" } });
    // KOOS pain 100 - 25 x 6/9 = 83.33 vs 100 - 25 x 10/9 = 72.22: 11.1 >= 10; a null subscale is not compared
    expect(
      change(
        { koos: items("P", [1, 1, 1, 0, 1, 1, 0, 1, 0]) },
        { koos: { ...items("P", [2, 1, 1, 1, 1, 1, 1, 1, 1]), ...items("Q", [1, 1]) } },
      ),
    ).toEqual({
      "koos.pain": { vsBaseline: "improved", vsPrevious: "improved" },
    });
  });

  it("compares the scores as rounded for output", () => {
    // PSFS 7.26 -> 7.3 vs 5.3: 2.0 >= 2 although 7.26 - 5.3 = 1.96
    const psfs = (score: number) => [{ activity: "run", score }];
    expect(
      evaluate(baseInput({ measures: { psfs: psfs(7.26) }, priorAssessments: [prior("2026-05-01", { psfs: psfs(5.3) })] })).changes,
    ).toEqual({
      psfs: { vsBaseline: "improved", vsPrevious: "improved" },
    });
    // KOOS pain 91.67 -> 91.7 vs 72.22 -> 72.2: 19.5 >= 19.5 (setting) although 91.67 - 72.22 = 19.44
    const e = evaluate(
      baseInput({
        measures: { koos: items("P", [1, 1, 1, 0, 0, 0, 0, 0, 0]), painNow: 4 },
        priorAssessments: [prior("2026-05-01", { koos: items("P", [2, 1, 1, 1, 1, 1, 1, 1, 1]), painNow: 6 })],
        settings: { importantChange: { koos: 19.5 } }, // partial: pain keeps its default 2
      }),
    );
    expect(e.changes).toEqual({
      painNow: { vsBaseline: "improved", vsPrevious: "improved" },
      "koos.pain": { vsBaseline: "improved", vsPrevious: "improved" },
    });
  });
});

// ---------------------------------------------------------------------------
// Worked examples through the command
// ---------------------------------------------------------------------------

describe("worked examples through the command", () => {
  const DIR = join(ROOT, "tests", "fixtures", "evaluate");
  it.each(EXAMPLES)("%s", (name) => {
    const read = (suffix: string) => JSON.parse(readFileSync(join(DIR, `${name}.${suffix}.json`), "utf8")) as Record<string, unknown>;
    const e = cliEvaluate(read("input"));
    const { riskFactors, redFlags, ...expected } = read("expected");
    expect(e.riskFactors.map((r) => r.code)).toEqual(riskFactors);
    // `because` is compared where the expected file fixes it (the five flags of section 3).
    expect(
      e.redFlags.map((f) =>
        (redFlags as { because?: unknown }[]).some((x) => "because" in x && (x as { code: string }).code === f.code)
          ? f
          : { code: f.code, urgency: f.urgency },
      ),
    ).toEqual(redFlags);
    for (const [key, value] of Object.entries(expected)) expect([key, e[key as keyof Evaluation]]).toEqual([key, value]);
    if (!("load" in expected)) expect(e).not.toHaveProperty("load");
    if (!("changes" in expected)) expect(e).not.toHaveProperty("changes");
  });
});

// ---------------------------------------------------------------------------
// Invalid input
// ---------------------------------------------------------------------------

const base = { assessedOn: D, patient: { birthDate: "1990-06-15" } };
const issuesOf = (input: unknown) => {
  const r = parseEvaluationInput(input);
  return r.ok ? [] : r.issues.map((i) => i.path);
};

describe("invalid input through the command: exit 2, issues with dotted paths", () => {
  it("bad JSON", () => {
    expect(cliIssues('{"assessedOn": ')).toEqual([{ path: "", message: expect.stringMatching(/^Send valid JSON: /) }]);
  });

  it.each<[string, unknown, string]>([
    ["unknown key inside a run", { ...base, training: { runs: [{ date: "2026-06-01", distanceKm: 5, pace: 5 }] } }, "training.runs.0.pace"],
    ["unknown key inside psfs", { ...base, measures: { psfs: [{ activity: "run", score: 5, note: "x" }] } }, "measures.psfs.0.note"],
    [
      "unknown key inside a prior assessment's measures",
      { ...base, priorAssessments: [{ assessedOn: "2026-05-01", measures: { pain: 3 } }] },
      "priorAssessments.0.measures.pain",
    ],
    [
      "unknown key inside settings.importantChange",
      { ...base, settings: { importantChange: { kooss: 5 } } },
      "settings.importantChange.kooss",
    ],
    ["unknown KOOS item", { ...base, measures: { koos: { P10: 1 } } }, "measures.koos.P10"],
    ["impossible date 2026-02-30", { ...base, episode: { onsetDate: "2026-02-30" } }, "episode.onsetDate"],
    [
      "2025-02-29 (not a leap year)",
      { ...base, priorAssessments: [{ assessedOn: "2025-02-29", measures: {} }] },
      "priorAssessments.0.assessedOn",
    ],
    ["non-integer pain", { ...base, symptoms: { painNow: 2.5 } }, "symptoms.painNow"],
    ["shoePairsInRotation 0", { ...base, training: { shoePairsInRotation: 0 } }, "training.shoePairsInRotation"],
    ["LEFS of 19 items", { ...base, measures: { lefs: Array(19).fill(2) } }, "measures.lefs"],
    ["empty psfs", { ...base, measures: { psfs: [] } }, "measures.psfs"],
    ["v2 change 5: onset date after assessedOn", { ...base, episode: { onsetDate: "2026-06-16" } }, "episode.onsetDate"],
    ["v2 change 16: loggedSince after assessedOn", { ...base, training: { loggedSince: "2026-06-16", runs: [] } }, "training.loggedSince"],
    ["v2 change 6: Wells score 10", { ...base, exam: { wellsDvt: 10 } }, "exam.wellsDvt"],
    ["v2 change 14: maxRunPain 6", { ...base, settings: { maxRunPain: 6 } }, "settings.maxRunPain"],
  ])("%s", (_claim, input, path) => {
    expect(cliIssues(JSON.stringify(input))).toEqual([{ path, message: expect.any(String) }]);
  });
});

describe("invalid input through the library", () => {
  const psfsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ activity: `a${i}`, score: 5 }));
  it.each<[string, unknown, string[]]>([
    ["not an object", [base], [""]],
    ["null", null, [""]],
    ["unknown top-level key", { ...base, note: "x" }, ["note"]],
    ["unknown key in patient", { ...base, patient: { birthDate: "1990-06-15", name: "x" } }, ["patient.name"]],
    ["unknown key in episode", { ...base, episode: { mechanisms: "gradual" } }, ["episode.mechanisms"]],
    ["unknown key in symptoms", { ...base, symptoms: { painnow: 2 } }, ["symptoms.painnow"]],
    ["unknown key in history", { ...base, history: { cancer: true } }, ["history.cancer"]],
    ["unknown key in exam", { ...base, exam: { effusions: "none" } }, ["exam.effusions"]],
    ["unknown key in training", { ...base, training: { run: [] } }, ["training.run"]],
    ["unknown key in measures", { ...base, measures: { kooss: {} } }, ["measures.kooss"]],
    [
      "unknown key in a prior assessment",
      { ...base, priorAssessments: [{ assessedOn: "2026-05-01", measures: {}, x: 1 }] },
      ["priorAssessments.0.x"],
    ],
    ["unknown key in settings", { ...base, settings: { spikePercent: 5 } }, ["settings.spikePercent"]],
    ["lower-case KOOS id", { ...base, measures: { koos: { p1: 1 } } }, ["measures.koos.p1"]],
    ["KOOS item 5", { ...base, measures: { koos: { Q4: 5 } } }, ["measures.koos.Q4"]],
    ["KOOS item 1.5", { ...base, measures: { koos: { S1: 1.5 } } }, ["measures.koos.S1"]],
    ["LEFS of 21 items", { ...base, measures: { lefs: Array(21).fill(2) } }, ["measures.lefs"]],
    ["LEFS item 5", { ...base, measures: { lefs: [...Array(19).fill(2), 5] } }, ["measures.lefs.19"]],
    ["LEFS item 2.5", { ...base, measures: { lefs: [2.5, ...Array(19).fill(2)] } }, ["measures.lefs.0"]],
    ["six PSFS activities", { ...base, measures: { psfs: psfsOf(6) } }, ["measures.psfs"]],
    ["PSFS score 10.5", { ...base, measures: { psfs: [{ activity: "run", score: 10.5 }] } }, ["measures.psfs.0.score"]],
    ["PSFS score -1", { ...base, measures: { psfs: [{ activity: "run", score: -1 }] } }, ["measures.psfs.0.score"]],
    ["tegner 11", { ...base, measures: { tegner: 11 } }, ["measures.tegner"]],
    ["measures.painNow 1.5", { ...base, measures: { painNow: 1.5 } }, ["measures.painNow"]],
    ["painWorstWeek -1", { ...base, symptoms: { painWorstWeek: -1 } }, ["symptoms.painWorstWeek"]],
    ["days 2.5", { ...base, symptoms: { daysPersistingDespiteReducedTraining: 2.5 } }, ["symptoms.daysPersistingDespiteReducedTraining"]],
    ["restDaysPerWeek 8", { ...base, training: { restDaysPerWeek: 8 } }, ["training.restDaysPerWeek"]],
    ["restDaysPerWeek 1.5", { ...base, training: { restDaysPerWeek: 1.5 } }, ["training.restDaysPerWeek"]],
    ["shoePairsInRotation 1.5", { ...base, training: { shoePairsInRotation: 1.5 } }, ["training.shoePairsInRotation"]],
    ["shoeDistanceKm -1", { ...base, training: { shoeDistanceKm: -1 } }, ["training.shoeDistanceKm"]],
    ["run of 1000.1 km", { ...base, training: { runs: [{ date: "2026-06-01", distanceKm: 1000.1 }] } }, ["training.runs.0.distanceKm"]],
    ["run of -0.1 km", { ...base, training: { runs: [{ date: "2026-06-01", distanceKm: -0.1 }] } }, ["training.runs.0.distanceKm"]],
    [
      "unknown surface",
      { ...base, training: { runs: [{ date: "2026-06-01", distanceKm: 1, surface: "grass" }] } },
      ["training.runs.0.surface"],
    ],
    ["unknown tenderness site", { ...base, exam: { tenderness: ["mcl", "lcl"] } }, ["exam.tenderness.1"]],
    ["boolean as a string", { ...base, symptoms: { locking: "false" } }, ["symptoms.locking"]],
    ["null for an omitted answer", { ...base, symptoms: { locking: null } }, ["symptoms.locking"]],
    ["date with time", { ...base, assessedOn: "2026-06-15T10:00:00Z" }, ["assessedOn"]],
    ["date without leading zeros", { ...base, patient: { birthDate: "1990-6-5" } }, ["patient.birthDate"]],
    ["month 13", { ...base, assessedOn: "2026-13-01" }, ["assessedOn"]],
    ["31 April", { ...base, training: { runs: [{ date: "2026-04-31", distanceKm: 1 }] } }, ["training.runs.0.date"]],
    ["missing birthDate", { assessedOn: D, patient: {} }, ["patient.birthDate"]],
    ["missing patient", { assessedOn: D }, ["patient"]],
    ["prior without measures", { ...base, priorAssessments: [{ assessedOn: "2026-05-01" }] }, ["priorAssessments.0.measures"]],
    ["settings importantChange 0", { ...base, settings: { importantChange: { psfs: 0 } } }, ["settings.importantChange.psfs"]],
    ["Wells score -3", { ...base, exam: { wellsDvt: -3 } }, ["exam.wellsDvt"]],
    ["Wells score 1.5", { ...base, exam: { wellsDvt: 1.5 } }, ["exam.wellsDvt"]],
    ["maxRunPain -1", { ...base, settings: { maxRunPain: -1 } }, ["settings.maxRunPain"]],
    ["maxRunPain 2.5", { ...base, settings: { maxRunPain: 2.5 } }, ["settings.maxRunPain"]],
    ["patellarDislocation as a string", { ...base, symptoms: { patellarDislocation: "yes" } }, ["symptoms.patellarDislocation"]],
    ["loggedSince not a date", { ...base, training: { loggedSince: "2026-02-30" } }, ["training.loggedSince"]],
  ])("%s", (_claim, input, paths) => {
    expect(issuesOf(input)).toEqual(paths);
  });

  it.each<[string, unknown]>([
    ["29 February in a leap year", { ...base, episode: { onsetDate: "2024-02-29" } }],
    ["LEFS of exactly 20", { ...base, measures: { lefs: Array(20).fill(0) } }],
    [
      "five PSFS activities, scores 0 and 10",
      { ...base, measures: { psfs: [...psfsOf(3), { activity: "a", score: 0 }, { activity: "b", score: 10 }] } },
    ],
    [
      "a run of 0 and of 1000 km",
      {
        ...base,
        training: {
          runs: [
            { date: "2026-06-01", distanceKm: 0 },
            { date: "2026-06-02", distanceKm: 1000 },
          ],
        },
      },
    ],
    ["shoePairsInRotation 1, restDaysPerWeek 0 and 7", { ...base, training: { shoePairsInRotation: 1, restDaysPerWeek: 7 } }],
    ["every KOOS item id at 0 and 4", { ...base, measures: { koos: { P9: 4, S7: 0, A17: 4, SP5: 0, Q4: 4 } } }],
    ["settings: a partial importantChange", { ...base, settings: { importantChange: { lefs: 5 } } }],
    ["onset date and loggedSince on assessedOn itself", { ...base, episode: { onsetDate: D }, training: { loggedSince: D } }],
    ["Wells score -2 and 9, maxRunPain 0 and 5", { ...base, exam: { wellsDvt: -2 }, settings: { maxRunPain: 0 } }],
    ["Wells score 9, maxRunPain 5", { ...base, exam: { wellsDvt: 9 }, settings: { maxRunPain: 5 } }],
  ])("valid: %s", (_claim, input) => {
    expect(issuesOf(input)).toEqual([]);
  });
});

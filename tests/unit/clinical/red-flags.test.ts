/**
 * Red flags (EVALUATE.md section 3), table-driven, each with its boundaries
 * and its three-valued cases. `baseInput` is assessed 2026-06-15 for a
 * patient born 1990-06-15 with nothing asked.
 */
import { evaluate, RED_FLAG_CODES, type EvaluationInput, type RedFlagCode, type Urgency } from "@/lib/clinical";
import { baseInput, evaluateWith, flagState, type FlagState } from "./helpers";

type Row = [description: string, input: Partial<EvaluationInput>, expected: FlagState, because?: string[]];

/** Born so that the patient is `age` on 2026-06-15. */
const aged = (age: number) => ({ patient: { birthDate: `${2026 - age}-06-15` } });
const acute = { episode: { mechanism: "acute_trauma" as const } };
const gradual = { episode: { mechanism: "gradual" as const } };

const TABLE: Record<RedFlagCode, Row[]> = {
  septic_arthritis_suspected: [
    ["nothing asked", {}, "notAssessed"],
    ["hot swollen joint false alone: ruled out", { symptoms: { hotSwollenJoint: false } }, "absent"],
    ["hot swollen joint true alone: not assessed", { symptoms: { hotSwollenJoint: true } }, "notAssessed"],
    [
      "hot swollen joint with fever",
      { symptoms: { hotSwollenJoint: true, fever: true } },
      "fired",
      ["symptoms.hotSwollenJoint", "symptoms.fever"],
    ],
    [
      "hot swollen joint after an injection",
      { symptoms: { hotSwollenJoint: true }, history: { recentJointInjection: true } },
      "fired",
      ["symptoms.hotSwollenJoint", "history.recentJointInjection"],
    ],
    [
      "hot swollen joint, immunosuppressed",
      { symptoms: { hotSwollenJoint: true }, history: { immunosuppressed: true } },
      "fired",
      ["symptoms.hotSwollenJoint", "history.immunosuppressed"],
    ],
    [
      "hot swollen joint, all three no",
      { symptoms: { hotSwollenJoint: true, fever: false }, history: { recentJointInjection: false, immunosuppressed: false } },
      "absent",
    ],
    ["hot swollen joint, fever no, others not asked", { symptoms: { hotSwollenJoint: true, fever: false } }, "notAssessed"],
    ["fever without a hot swollen joint", { symptoms: { hotSwollenJoint: false, fever: true } }, "absent"],
    ["fever alone", { symptoms: { fever: true } }, "notAssessed"],
  ],
  neurovascular_compromise: [
    ["nothing asked", {}, "notAssessed"],
    ["cold or pale limb", { symptoms: { coldOrPaleLimb: true } }, "fired", ["symptoms.coldOrPaleLimb"]],
    ["new numbness or weakness", { symptoms: { newNumbnessOrWeakness: true } }, "fired", ["symptoms.newNumbnessOrWeakness"]],
    ["suspected dislocation", { symptoms: { suspectedDislocation: true } }, "fired", ["symptoms.suspectedDislocation"]],
    [
      "two true branches are both named",
      { symptoms: { coldOrPaleLimb: true, suspectedDislocation: true, newNumbnessOrWeakness: false } },
      "fired",
      ["symptoms.coldOrPaleLimb", "symptoms.suspectedDislocation"],
    ],
    ["all three no", { symptoms: { coldOrPaleLimb: false, newNumbnessOrWeakness: false, suspectedDislocation: false } }, "absent"],
    ["two no, one not asked", { symptoms: { coldOrPaleLimb: false, newNumbnessOrWeakness: false } }, "notAssessed"],
  ],
  dvt_suspected: [
    ["nothing asked", {}, "notAssessed"],
    ["calf swelling or tenderness", { symptoms: { calfSwellingOrTenderness: true } }, "fired", ["symptoms.calfSwellingOrTenderness"]],
    ["answered no", { symptoms: { calfSwellingOrTenderness: false } }, "absent"],
  ],
  ottawa_knee_rule_positive: [
    ["nothing asked", {}, "notAssessed"],
    ["acute trauma at 55", { ...acute, ...aged(55) }, "fired", ["episode.mechanism", "ageYears"]],
    ["acute trauma at 54, nothing else asked", { ...acute, ...aged(54) }, "notAssessed"],
    [
      "acute trauma at 54, all other criteria no",
      { ...acute, ...aged(54), exam: { tenderness: ["mcl"], flexionTo90: true }, symptoms: { unableToBearWeightImmediately: false } },
      "absent",
    ],
    [
      "acute trauma, patella only tender",
      { ...acute, exam: { tenderness: ["patella_only"] } },
      "fired",
      ["episode.mechanism", "exam.tenderness"],
    ],
    [
      "acute trauma, fibular head tender",
      { ...acute, exam: { tenderness: ["mcl", "fibular_head"] } },
      "fired",
      ["episode.mechanism", "exam.tenderness"],
    ],
    ["acute trauma, cannot flex to 90", { ...acute, exam: { flexionTo90: false } }, "fired", ["episode.mechanism", "exam.flexionTo90"]],
    [
      "acute trauma, weight-bearing impossible then and now",
      { ...acute, symptoms: { unableToBearWeightImmediately: true, unableToBearWeightNow: true } },
      "fired",
      ["episode.mechanism", "symptoms.unableToBearWeightImmediately", "symptoms.unableToBearWeightNow"],
    ],
    [
      "acute trauma, weight-bearing impossible only immediately",
      {
        ...acute,
        exam: { tenderness: [], flexionTo90: true },
        symptoms: { unableToBearWeightImmediately: true, unableToBearWeightNow: false },
      },
      "absent",
    ],
    [
      "acute trauma, weight-bearing impossible immediately, now not asked",
      { ...acute, exam: { tenderness: [], flexionTo90: true }, symptoms: { unableToBearWeightImmediately: true } },
      "notAssessed",
    ],
    [
      "gradual onset at 70 with every criterion: absent",
      {
        ...gradual,
        ...aged(70),
        exam: { tenderness: ["patella_only", "fibular_head"], flexionTo90: false },
        symptoms: { unableToBearWeightImmediately: true, unableToBearWeightNow: true },
      },
      "absent",
    ],
    ["mechanism not asked, age 70", { ...aged(70) }, "notAssessed"],
    [
      "mechanism not asked, every criterion no",
      { exam: { tenderness: [], flexionTo90: true }, symptoms: { unableToBearWeightNow: false } },
      "absent",
    ],
  ],
  haemarthrosis_suspected: [
    ["nothing asked", {}, "notAssessed"],
    [
      "acute trauma with swelling within 2 h",
      { ...acute, symptoms: { swellingWithin2hOfInjury: true } },
      "fired",
      ["episode.mechanism", "symptoms.swellingWithin2hOfInjury"],
    ],
    ["acute trauma, no early swelling", { ...acute, symptoms: { swellingWithin2hOfInjury: false } }, "absent"],
    ["acute trauma, swelling timing not asked", { ...acute }, "notAssessed"],
    ["gradual onset with early swelling: absent", { ...gradual, symptoms: { swellingWithin2hOfInjury: true } }, "absent"],
    ["gradual onset alone: absent", { ...gradual }, "absent"],
    ["early swelling, mechanism not asked", { symptoms: { swellingWithin2hOfInjury: true } }, "notAssessed"],
  ],
  locked_knee: [
    ["nothing asked", {}, "notAssessed"],
    ["locking", { symptoms: { locking: true } }, "fired", ["symptoms.locking"]],
    ["no locking", { symptoms: { locking: false } }, "absent"],
  ],
  bone_stress_injury_suspected: [
    ["nothing asked", {}, "notAssessed"],
    [
      "bony tenderness with hop pain",
      { exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: true } },
      "fired",
      ["exam.tenderness", "exam.hopPain"],
    ],
    [
      "bony tenderness with rest pain",
      { exam: { tenderness: ["proximal_medial_tibia_bony"] }, symptoms: { painAtRest: true } },
      "fired",
      ["exam.tenderness", "symptoms.painAtRest"],
    ],
    [
      "bony tenderness with night pain",
      { exam: { tenderness: ["proximal_medial_tibia_bony"] }, symptoms: { nightPain: true } },
      "fired",
      ["exam.tenderness", "symptoms.nightPain"],
    ],
    [
      "bony tenderness, hop/rest/night all no",
      { exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: false }, symptoms: { painAtRest: false, nightPain: false } },
      "absent",
    ],
    ["bony tenderness alone", { exam: { tenderness: ["proximal_medial_tibia_bony"] } }, "notAssessed"],
    ["palpated, nothing tender (empty list)", { exam: { tenderness: [] } }, "absent"],
    ["other site tender, hop pain", { exam: { tenderness: ["pes_anserine"], hopPain: true } }, "absent"],
    ["hop pain, tenderness not examined", { exam: { hopPain: true } }, "notAssessed"],
  ],
  tumour_suspected: [
    ["nothing asked", {}, "notAssessed"],
    [
      "night pain with weight loss",
      { symptoms: { nightPain: true, unexplainedWeightLoss: true } },
      "fired",
      ["symptoms.nightPain", "symptoms.unexplainedWeightLoss"],
    ],
    [
      "rest pain with a history of cancer",
      { symptoms: { painAtRest: true }, history: { historyOfCancer: true } },
      "fired",
      ["symptoms.painAtRest", "history.historyOfCancer"],
    ],
    ["no night or rest pain", { symptoms: { nightPain: false, painAtRest: false } }, "absent"],
    ["no weight loss, no cancer", { symptoms: { unexplainedWeightLoss: false }, history: { historyOfCancer: false } }, "absent"],
    ["night pain alone", { symptoms: { nightPain: true } }, "notAssessed"],
  ],
  scfe_suspected: [
    ["age 36, nothing asked: absent", {}, "absent"],
    ["age 10 with a limp", { ...aged(10), symptoms: { limp: true } }, "fired", ["ageYears", "symptoms.limp"]],
    [
      "age 16 with reduced hip internal rotation",
      { ...aged(16), exam: { hipInternalRotationReduced: true } },
      "fired",
      ["ageYears", "exam.hipInternalRotationReduced"],
    ],
    ["age 9 with a limp", { ...aged(9), symptoms: { limp: true } }, "absent"],
    ["age 17 with a limp", { ...aged(17), symptoms: { limp: true } }, "absent"],
    ["age 13, nothing asked", { ...aged(13) }, "notAssessed"],
    [
      "age 13, no limp, normal hip rotation",
      { ...aged(13), symptoms: { limp: false }, exam: { hipInternalRotationReduced: false } },
      "absent",
    ],
    ["turns 17 on the assessment day", { patient: { birthDate: "2009-06-15" }, symptoms: { limp: true } }, "absent"],
    ["turns 17 the day after", { patient: { birthDate: "2009-06-16" }, symptoms: { limp: true } }, "fired", ["ageYears", "symptoms.limp"]],
  ],
  instability: [
    ["nothing asked", {}, "notAssessed"],
    ["no instability", { symptoms: { instability: false } }, "absent"],
  ],
  persistent_pain: [
    ["nothing asked", {}, "notAssessed"],
    ["14 days", { symptoms: { daysPersistingDespiteReducedTraining: 14 } }, "fired", ["symptoms.daysPersistingDespiteReducedTraining"]],
    ["13 days", { symptoms: { daysPersistingDespiteReducedTraining: 13 } }, "absent"],
    ["0 days", { symptoms: { daysPersistingDespiteReducedTraining: 0 } }, "absent"],
    [
      "13 days, input settings 13",
      { symptoms: { daysPersistingDespiteReducedTraining: 13 }, settings: { persistentPainDays: 13 } },
      "fired",
      ["symptoms.daysPersistingDespiteReducedTraining"],
    ],
    [
      "14 days, input settings 15",
      { symptoms: { daysPersistingDespiteReducedTraining: 14 }, settings: { persistentPainDays: 15 } },
      "absent",
    ],
  ],
  visible_swelling: [
    ["nothing asked", {}, "notAssessed"],
    ["reported swelling", { symptoms: { visibleSwelling: true } }, "fired", ["symptoms.visibleSwelling"]],
    ["moderate effusion", { exam: { effusion: "moderate" } }, "fired", ["exam.effusion"]],
    [
      "large effusion and reported swelling",
      { symptoms: { visibleSwelling: true }, exam: { effusion: "large" } },
      "fired",
      ["symptoms.visibleSwelling", "exam.effusion"],
    ],
    ["trace effusion, no reported swelling", { symptoms: { visibleSwelling: false }, exam: { effusion: "trace" } }, "absent"],
    ["no effusion, swelling not asked", { exam: { effusion: "none" } }, "notAssessed"],
    ["no swelling, effusion not examined", { symptoms: { visibleSwelling: false } }, "notAssessed"],
  ],
  catching: [
    ["nothing asked", {}, "notAssessed"],
    ["catching", { symptoms: { catching: true } }, "fired", ["symptoms.catching"]],
    ["no catching", { symptoms: { catching: false } }, "absent"],
  ],
  sharp_weight_bearing_pain: [
    ["nothing asked", {}, "notAssessed"],
    ["sharp pain", { symptoms: { sharpWeightBearingPain: true } }, "fired", ["symptoms.sharpWeightBearingPain"]],
    ["no sharp pain", { symptoms: { sharpWeightBearingPain: false } }, "absent"],
  ],
};

describe.each(RED_FLAG_CODES.map((code) => [code] as const))("%s", (code) => {
  // Rows are passed whole: jest gives a `done` callback to functions with more parameters than the row has values.
  it.each(TABLE[code].map((row) => [row[0], row] as const))("%s", (_description, [, input, expected, because]) => {
    const evaluation = evaluateWith(input);
    expect(flagState(evaluation, code)).toBe(expected);
    if (because !== undefined) {
      expect(evaluation.redFlags.find((f) => f.code === code)?.because).toEqual(because);
    }
  });
});

describe("urgency of each flag", () => {
  const URGENCY: [RedFlagCode, Partial<EvaluationInput>, Urgency][] = [
    ["septic_arthritis_suspected", { symptoms: { hotSwollenJoint: true, fever: true } }, "emergency"],
    ["neurovascular_compromise", { symptoms: { coldOrPaleLimb: true } }, "emergency"],
    ["dvt_suspected", { symptoms: { calfSwellingOrTenderness: true } }, "emergency"],
    ["ottawa_knee_rule_positive", { ...acute, exam: { flexionTo90: false } }, "urgent"],
    ["haemarthrosis_suspected", { ...acute, symptoms: { swellingWithin2hOfInjury: true } }, "urgent"],
    ["locked_knee", { symptoms: { locking: true } }, "urgent"],
    ["bone_stress_injury_suspected", { exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: true } }, "urgent"],
    ["tumour_suspected", { symptoms: { nightPain: true }, history: { historyOfCancer: true } }, "urgent"],
    ["scfe_suspected", { ...aged(12), symptoms: { limp: true } }, "urgent"],
    ["persistent_pain", { symptoms: { daysPersistingDespiteReducedTraining: 30 } }, "soon"],
    ["visible_swelling", { symptoms: { visibleSwelling: true } }, "soon"],
    ["catching", { symptoms: { catching: true } }, "soon"],
    ["sharp_weight_bearing_pain", { symptoms: { sharpWeightBearingPain: true } }, "soon"],
  ];
  it.each(URGENCY)("%s is %s", (code, input, urgency) => {
    const evaluation = evaluateWith(input);
    expect(evaluation.redFlags).toEqual([expect.objectContaining({ code, urgency })]);
    expect(evaluation.urgency).toBe(urgency);
  });

  it("instability is urgent after acute trauma, naming the mechanism", () => {
    const e = evaluateWith({ ...acute, symptoms: { instability: true } });
    expect(e.redFlags).toContainEqual({ code: "instability", urgency: "urgent", because: ["symptoms.instability", "episode.mechanism"] });
  });
  it("instability is soon after a gradual onset", () => {
    const e = evaluateWith({ ...gradual, symptoms: { instability: true } });
    expect(e.redFlags).toEqual([{ code: "instability", urgency: "soon", because: ["symptoms.instability"] }]);
  });
  it("instability is soon when the mechanism was not asked", () => {
    const e = evaluateWith({ symptoms: { instability: true } });
    expect(e.redFlags).toEqual([{ code: "instability", urgency: "soon", because: ["symptoms.instability"] }]);
    expect(e.urgency).toBe("soon");
  });
});

describe("lists and ordering", () => {
  it("is routine with no flag", () => {
    expect(evaluate(baseInput()).urgency).toBe("routine");
  });

  it("sorts raised flags by urgency, then code, and takes the most severe urgency", () => {
    const e = evaluateWith({
      ...acute,
      symptoms: {
        visibleSwelling: true,
        catching: true,
        locking: true,
        instability: true,
        calfSwellingOrTenderness: true,
        coldOrPaleLimb: true,
      },
    });
    expect(e.redFlags.map((f) => [f.code, f.urgency])).toEqual([
      ["dvt_suspected", "emergency"],
      ["neurovascular_compromise", "emergency"],
      ["instability", "urgent"],
      ["locked_knee", "urgent"],
      ["catching", "soon"],
      ["visible_swelling", "soon"],
    ]);
    expect(e.urgency).toBe("emergency");
  });

  it("puts every code in exactly one list, absent and not-assessed sorted by code", () => {
    const e = evaluateWith({ symptoms: { locking: false, catching: true, fever: false } });
    const all = [...e.redFlags.map((f) => f.code), ...e.redFlagsAbsent, ...e.redFlagsNotAssessed];
    expect([...all].sort()).toEqual([...RED_FLAG_CODES].sort());
    expect(e.redFlagsAbsent).toEqual([...e.redFlagsAbsent].sort());
    expect(e.redFlagsNotAssessed).toEqual([...e.redFlagsNotAssessed].sort());
  });
});

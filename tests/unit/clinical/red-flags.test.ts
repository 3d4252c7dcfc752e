/**
 * Red flags (EVALUATE.md section 3, rules version 2), table-driven, each with
 * its boundaries and its three-valued cases, then the urgency of each flag
 * with every tier (an omitted deciding input gives the higher level).
 * `baseInput` is assessed 2026-06-15 for a patient born 1990-06-15 with
 * nothing asked.
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
    // Version 2: a hot swollen joint alone fires (version 1: not assessed).
    ["hot swollen joint alone fires", { symptoms: { hotSwollenJoint: true } }, "fired", ["symptoms.hotSwollenJoint"]],
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
      "hot swollen joint, all three findings: in the fixed order",
      { symptoms: { hotSwollenJoint: true, fever: true }, history: { recentJointInjection: true, immunosuppressed: true } },
      "fired",
      ["symptoms.hotSwollenJoint", "symptoms.fever", "history.recentJointInjection", "history.immunosuppressed"],
    ],
    [
      "hot swollen joint without fever, injection or immunosuppression: still fires (version 1: absent)",
      { symptoms: { hotSwollenJoint: true, fever: false }, history: { recentJointInjection: false, immunosuppressed: false } },
      "fired",
      ["symptoms.hotSwollenJoint"],
    ],
    ["fever without a hot swollen joint", { symptoms: { hotSwollenJoint: false, fever: true } }, "absent"],
    ["fever alone", { symptoms: { fever: true } }, "notAssessed"],
  ],
  neurovascular_compromise: [
    ["nothing asked", {}, "notAssessed"],
    ["cold or pale limb", { symptoms: { coldOrPaleLimb: true } }, "fired", ["symptoms.coldOrPaleLimb"]],
    [
      "new numbness or weakness after acute trauma",
      { ...acute, symptoms: { newNumbnessOrWeakness: true } },
      "fired",
      ["symptoms.newNumbnessOrWeakness", "episode.mechanism"],
    ],
    [
      "new numbness with a gradual onset: not this flag (version 1: emergency)",
      { ...gradual, symptoms: { newNumbnessOrWeakness: true, coldOrPaleLimb: false, suspectedDislocation: false } },
      "absent",
    ],
    [
      "new numbness, mechanism not recorded, the rest no: not assessed",
      { symptoms: { newNumbnessOrWeakness: true, coldOrPaleLimb: false, suspectedDislocation: false } },
      "notAssessed",
    ],
    ["suspected (knee joint) dislocation", { symptoms: { suspectedDislocation: true } }, "fired", ["symptoms.suspectedDislocation"]],
    [
      "two true branches are both named",
      { symptoms: { coldOrPaleLimb: true, suspectedDislocation: true, newNumbnessOrWeakness: false } },
      "fired",
      ["symptoms.coldOrPaleLimb", "symptoms.suspectedDislocation"],
    ],
    ["all three no", { symptoms: { coldOrPaleLimb: false, newNumbnessOrWeakness: false, suspectedDislocation: false } }, "absent"],
    ["two no, one not asked", { symptoms: { coldOrPaleLimb: false, newNumbnessOrWeakness: false } }, "notAssessed"],
    [
      "a kneecap dislocation is not a knee joint dislocation",
      { symptoms: { patellarDislocation: true, suspectedDislocation: false, coldOrPaleLimb: false, newNumbnessOrWeakness: false } },
      "absent",
    ],
  ],
  dvt_suspected: [
    ["nothing asked", {}, "notAssessed"],
    ["calf swelling or tenderness", { symptoms: { calfSwellingOrTenderness: true } }, "fired", ["symptoms.calfSwellingOrTenderness"]],
    [
      "with a Wells score, it is a reason",
      { symptoms: { calfSwellingOrTenderness: true }, exam: { wellsDvt: 0 } },
      "fired",
      ["symptoms.calfSwellingOrTenderness", "exam.wellsDvt"],
    ],
    ["answered no", { symptoms: { calfSwellingOrTenderness: false } }, "absent"],
    ["a Wells score alone does not fire it", { exam: { wellsDvt: 6 } }, "notAssessed"],
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
    // Version 2: the bony tenderness alone fires (a pain-free hop does not exclude it).
    ["bony tenderness alone", { exam: { tenderness: ["proximal_medial_tibia_bony"] } }, "fired", ["exam.tenderness"]],
    [
      "bony tenderness with hop pain",
      { exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: true } },
      "fired",
      ["exam.tenderness", "exam.hopPain"],
    ],
    [
      "bony tenderness with every finding: in the fixed order",
      {
        exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: true },
        symptoms: { painAtRest: true, nightPain: true },
        history: { previousBoneStressInjury: true, lowEnergyAvailability: true },
      },
      "fired",
      [
        "exam.tenderness",
        "exam.hopPain",
        "symptoms.painAtRest",
        "symptoms.nightPain",
        "history.previousBoneStressInjury",
        "history.lowEnergyAvailability",
      ],
    ],
    [
      "bony tenderness, hop/rest/night all no: still fires (version 1: absent)",
      { exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: false }, symptoms: { painAtRest: false, nightPain: false } },
      "fired",
      ["exam.tenderness"],
    ],
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
    [
      "age 16 with reduced hip internal rotation",
      { ...aged(16), exam: { hipInternalRotationReduced: true } },
      "fired",
      ["ageYears", "exam.hipInternalRotationReduced"],
    ],
    [
      "age 10 with reduced hip internal rotation and a limp: the limp is a reason",
      { ...aged(10), exam: { hipInternalRotationReduced: true }, symptoms: { limp: true } },
      "fired",
      ["ageYears", "exam.hipInternalRotationReduced", "symptoms.limp"],
    ],
    // Version 2: a limp alone does not fire it; with the hip not examined it is not assessed.
    ["age 14 with a limp, hip not examined: not assessed", { ...aged(14), symptoms: { limp: true } }, "notAssessed"],
    [
      "age 14 with a limp, hip rotation normal: absent",
      { ...aged(14), symptoms: { limp: true }, exam: { hipInternalRotationReduced: false } },
      "absent",
    ],
    ["age 9 with reduced rotation", { ...aged(9), exam: { hipInternalRotationReduced: true } }, "absent"],
    ["age 17 with reduced rotation", { ...aged(17), exam: { hipInternalRotationReduced: true } }, "absent"],
    ["age 13, nothing asked", { ...aged(13) }, "notAssessed"],
    ["turns 17 on the assessment day", { patient: { birthDate: "2009-06-15" }, exam: { hipInternalRotationReduced: true } }, "absent"],
    [
      "turns 17 the day after",
      { patient: { birthDate: "2009-06-16" }, exam: { hipInternalRotationReduced: true } },
      "fired",
      ["ageYears", "exam.hipInternalRotationReduced"],
    ],
  ],
  femoral_neck_bsi_suspected: [
    ["age 36, nothing asked", {}, "notAssessed"],
    [
      "age 17, reduced hip rotation, hop pain",
      { ...aged(17), exam: { hipInternalRotationReduced: true, hopPain: true } },
      "fired",
      ["ageYears", "exam.hipInternalRotationReduced", "exam.hopPain"],
    ],
    [
      "reduced rotation with rest and night pain: in the fixed order",
      { exam: { hipInternalRotationReduced: true, hopPain: false }, symptoms: { nightPain: true, painAtRest: true } },
      "fired",
      ["ageYears", "exam.hipInternalRotationReduced", "symptoms.painAtRest", "symptoms.nightPain"],
    ],
    ["age 16 (SCFE age)", { ...aged(16), exam: { hipInternalRotationReduced: true, hopPain: true } }, "absent"],
    ["normal hip rotation", { exam: { hipInternalRotationReduced: false } }, "absent"],
    [
      "reduced rotation, hop, rest and night pain all no",
      { exam: { hipInternalRotationReduced: true, hopPain: false }, symptoms: { painAtRest: false, nightPain: false } },
      "absent",
    ],
    ["reduced rotation, hop pain not asked", { exam: { hipInternalRotationReduced: true } }, "notAssessed"],
  ],
  new_neurological_symptoms: [
    ["nothing asked", {}, "notAssessed"],
    ["new numbness or weakness", { symptoms: { newNumbnessOrWeakness: true } }, "fired", ["symptoms.newNumbnessOrWeakness"]],
    ["answered no", { symptoms: { newNumbnessOrWeakness: false } }, "absent"],
    ["burning along the inner leg is not it", { symptoms: { burningOrTinglingInnerLeg: true } }, "notAssessed"],
  ],
  patellar_dislocation: [
    ["nothing asked", {}, "notAssessed"],
    ["the kneecap dislocated", { symptoms: { patellarDislocation: true } }, "fired", ["symptoms.patellarDislocation"]],
    ["answered no", { symptoms: { patellarDislocation: false } }, "absent"],
    ["a knee joint dislocation is not it", { symptoms: { suspectedDislocation: true } }, "notAssessed"],
  ],
  unable_to_bear_weight: [
    ["nothing asked", {}, "notAssessed"],
    ["unable now, gradual onset", { ...gradual, symptoms: { unableToBearWeightNow: true } }, "fired", ["symptoms.unableToBearWeightNow"]],
    ["able now", { symptoms: { unableToBearWeightNow: false, unableToBearWeightImmediately: true } }, "absent"],
    ["unable only immediately after the injury", { symptoms: { unableToBearWeightImmediately: true } }, "notAssessed"],
  ],
  valgus_laxity_in_extension: [
    ["nothing asked", {}, "notAssessed"],
    ["laxity at 0 degrees", { exam: { valgusStress0: "laxity" } }, "fired", ["exam.valgusStress0"]],
    ["pain at 0 degrees: absent", { exam: { valgusStress0: "pain" } }, "absent"],
    ["normal at 0 degrees", { exam: { valgusStress0: "normal" } }, "absent"],
    ["laxity at 30 degrees only", { exam: { valgusStress30: "laxity" } }, "notAssessed"],
  ],
  instability: [
    ["nothing asked", {}, "notAssessed"],
    ["no instability", { symptoms: { instability: false } }, "absent"],
    ["instability", { symptoms: { instability: true } }, "fired", ["symptoms.instability"]],
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
    ["septic_arthritis_suspected", { symptoms: { hotSwollenJoint: true } }, "emergency"],
    ["neurovascular_compromise", { symptoms: { coldOrPaleLimb: true } }, "emergency"],
    ["dvt_suspected", { symptoms: { calfSwellingOrTenderness: true } }, "emergency"],
    ["scfe_suspected", { ...aged(12), exam: { hipInternalRotationReduced: true } }, "emergency"],
    ["ottawa_knee_rule_positive", { ...acute, exam: { flexionTo90: false } }, "urgent"],
    ["unable_to_bear_weight", { symptoms: { unableToBearWeightNow: true } }, "urgent"],
    ["haemarthrosis_suspected", { ...acute, symptoms: { swellingWithin2hOfInjury: true } }, "urgent"],
    ["locked_knee", { symptoms: { locking: true } }, "urgent"],
    ["patellar_dislocation", { symptoms: { patellarDislocation: true } }, "urgent"],
    ["femoral_neck_bsi_suspected", { exam: { hipInternalRotationReduced: true, hopPain: true } }, "urgent"],
    ["bone_stress_injury_suspected", { exam: { tenderness: ["proximal_medial_tibia_bony"], hopPain: true } }, "urgent"],
    ["tumour_suspected", { symptoms: { nightPain: true }, history: { historyOfCancer: true } }, "urgent"],
    ["new_neurological_symptoms", { ...gradual, symptoms: { newNumbnessOrWeakness: true } }, "urgent"],
    ["valgus_laxity_in_extension", { exam: { valgusStress0: "laxity" } }, "urgent"],
    ["instability", { symptoms: { instability: true } }, "urgent"],
    ["persistent_pain", { symptoms: { daysPersistingDespiteReducedTraining: 30 } }, "soon"],
    ["visible_swelling", { symptoms: { visibleSwelling: true } }, "soon"],
    ["catching", { symptoms: { catching: true } }, "soon"],
    ["sharp_weight_bearing_pain", { symptoms: { sharpWeightBearingPain: true } }, "soon"],
  ];
  it("covers every flag", () => {
    expect(URGENCY.map(([code]) => code).sort()).toEqual([...RED_FLAG_CODES].sort());
  });
  it.each(URGENCY)("%s is %s (its deciding inputs not asked)", (code, input, urgency) => {
    const evaluation = evaluateWith(input);
    expect(evaluation.redFlags).toContainEqual(expect.objectContaining({ code, urgency }));
    expect(evaluation.redFlags[0]?.urgency).toBe(urgency);
    expect(evaluation.urgency).toBe(urgency);
  });

  /** The urgency of `code` for `input` (the flag must fire). */
  const urgencyOf = (code: RedFlagCode, input: Partial<EvaluationInput>) => {
    const flag = evaluateWith(input).redFlags.find((f) => f.code === code);
    if (!flag) throw new Error(`${code} did not fire`);
    return flag;
  };

  describe("tiers: an omitted deciding input gives the higher level", () => {
    const calf = { symptoms: { calfSwellingOrTenderness: true } };
    it.each([
      [undefined, "emergency"],
      [-2, "urgent"],
      [0, "urgent"],
      [1, "urgent"],
      [2, "emergency"],
      [9, "emergency"],
    ] as const)("DVT with Wells score %s is %s", (wellsDvt, urgency) => {
      const input = wellsDvt === undefined ? calf : { ...calf, exam: { wellsDvt } };
      expect(urgencyOf("dvt_suspected", input).urgency).toBe(urgency);
    });

    const ottawa = (onsetDate?: string) => ({
      episode: { mechanism: "acute_trauma" as const, ...(onsetDate ? { onsetDate } : {}) },
      exam: { flexionTo90: false },
    });
    it.each([
      [undefined, "urgent", ["episode.mechanism", "exam.flexionTo90"]],
      ["2026-06-15", "urgent", ["episode.mechanism", "exam.flexionTo90", "episode.onsetDate"]],
      ["2026-06-08", "urgent", ["episode.mechanism", "exam.flexionTo90", "episode.onsetDate"]],
      ["2026-06-07", "soon", ["episode.mechanism", "exam.flexionTo90", "episode.onsetDate"]],
      ["2026-03-01", "soon", ["episode.mechanism", "exam.flexionTo90", "episode.onsetDate"]],
    ] as const)("Ottawa with onset %s is %s (0-7 days urgent, 8 days and more soon)", (onset, urgency, because) => {
      expect(urgencyOf("ottawa_knee_rule_positive", ottawa(onset))).toEqual({ code: "ottawa_knee_rule_positive", urgency, because });
    });

    const bony = { exam: { tenderness: ["proximal_medial_tibia_bony" as const] } };
    const allNo = {
      exam: { tenderness: ["proximal_medial_tibia_bony" as const], hopPain: false },
      symptoms: { painAtRest: false, nightPain: false },
      history: { previousBoneStressInjury: false, lowEnergyAvailability: false },
    };
    it("bone stress is soon only when all five findings are answered no", () => {
      expect(urgencyOf("bone_stress_injury_suspected", allNo).urgency).toBe("soon");
      expect(urgencyOf("bone_stress_injury_suspected", bony).urgency).toBe("urgent");
      for (const [group, key] of [
        ["exam", "hopPain"],
        ["symptoms", "painAtRest"],
        ["symptoms", "nightPain"],
        ["history", "previousBoneStressInjury"],
        ["history", "lowEnergyAvailability"],
      ] as const) {
        const notAsked = structuredClone(allNo) as Record<string, Record<string, unknown>>;
        delete notAsked[group]![key];
        expect([key, "not asked", urgencyOf("bone_stress_injury_suspected", notAsked).urgency]).toEqual([key, "not asked", "urgent"]);
        const present = structuredClone(allNo) as Record<string, Record<string, unknown>>;
        present[group]![key] = true;
        expect([key, "present", urgencyOf("bone_stress_injury_suspected", present).urgency]).toEqual([key, "present", "urgent"]);
      }
    });

    it.each([
      ["instability", { symptoms: { instability: true } }],
      ["valgus_laxity_in_extension", { exam: { valgusStress0: "laxity" as const } }],
    ] as const)("%s: soon after a gradual onset, urgent after trauma or with the mechanism not recorded", (code, input) => {
      expect(urgencyOf(code, { ...input, ...gradual }).urgency).toBe("soon");
      expect(urgencyOf(code, { ...input, ...gradual }).because).toContain("episode.mechanism");
      expect(urgencyOf(code, { ...input, ...acute }).urgency).toBe("urgent");
      expect(urgencyOf(code, input).urgency).toBe("urgent");
      expect(urgencyOf(code, input).because).not.toContain("episode.mechanism");
    });
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
    expect(e.runningAdvice).toEqual({
      mode: "stop",
      maxPainDuringRun: null,
      screenComplete: false,
      because: [
        "redFlags.dvt_suspected",
        "redFlags.neurovascular_compromise",
        "redFlags.instability",
        "redFlags.locked_knee",
        "redFlags.visible_swelling",
      ],
    });
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

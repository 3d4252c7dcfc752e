/** Considerations (SPEC.md section 7): findings that point to a structure, not diagnoses. */
import { CONSIDERATION_CODES, type ConsiderationCode, type EvaluationInput } from "@/lib/clinical";
import { evaluateWith } from "./helpers";

const aged = (age: number) => ({ patient: { birthDate: `${2026 - age}-06-15` } });
type Row = [description: string, input: Partial<EvaluationInput>, code: ConsiderationCode, supporting: string[] | null];

const ROWS: Row[] = [
  ["MCL tenderness", { exam: { tenderness: ["mcl"] } }, "mcl", ["exam.tenderness"]],
  ["valgus 30 laxity", { exam: { valgusStress30: "laxity" } }, "mcl", ["exam.valgusStress30"]],
  ["valgus 30 normal", { exam: { valgusStress30: "normal", tenderness: [] } }, "mcl", null],
  ["valgus 0 pain alone", { exam: { valgusStress0: "pain" } }, "mcl", null],
  [
    "MCL tenderness with valgus 0 pain",
    { exam: { tenderness: ["mcl"], valgusStress0: "pain" } },
    "mcl",
    ["exam.tenderness", "exam.valgusStress0"],
  ],
  [
    "pes anserine tenderness with stairs and chair",
    { exam: { tenderness: ["pes_anserine"] }, symptoms: { painOnStairs: true, painRisingFromChair: true } },
    "pes_anserine",
    ["exam.tenderness", "symptoms.painOnStairs", "symptoms.painRisingFromChair"],
  ],
  ["pes anserine and joint-line tenderness", { exam: { tenderness: ["pes_anserine", "medial_joint_line"] } }, "pes_anserine", null],
  ["stairs alone", { symptoms: { painOnStairs: true } }, "pes_anserine", null],
  [
    "joint line + McMurray",
    { exam: { tenderness: ["medial_joint_line"], mcmurray: "positive" } },
    "medial_meniscus",
    ["exam.tenderness", "exam.mcmurray"],
  ],
  [
    "catching + trace effusion",
    { symptoms: { catching: true }, exam: { effusion: "trace" } },
    "medial_meniscus",
    ["symptoms.catching", "exam.effusion"],
  ],
  ["joint line alone", { exam: { tenderness: ["medial_joint_line"], mcmurray: "negative" } }, "medial_meniscus", null],
  [
    "age 45, pain during run",
    { ...aged(45), symptoms: { painDuringRun: 3, morningStiffnessOver30Min: false } },
    "medial_compartment_overload",
    ["ageYears", "symptoms.painDuringRun", "symptoms.morningStiffnessOver30Min"],
  ],
  ["age 44, pain during run", { ...aged(44), symptoms: { painDuringRun: 3 } }, "medial_compartment_overload", null],
  [
    "age 60, long morning stiffness",
    { ...aged(60), symptoms: { painDuringRun: 3, morningStiffnessOver30Min: true } },
    "medial_compartment_overload",
    null,
  ],
  [
    "age 60, stairs, stiffness not asked",
    { ...aged(60), symptoms: { painOnStairs: true } },
    "medial_compartment_overload",
    ["ageYears", "symptoms.painOnStairs"],
  ],
  ["age 60, no pain during run", { ...aged(60), symptoms: { painDuringRun: 0 } }, "medial_compartment_overload", null],
  ["bony tenderness alone", { exam: { tenderness: ["proximal_medial_tibia_bony"] } }, "bone_stress_injury", ["exam.tenderness"]],
  [
    "hop pain + low energy availability",
    { exam: { hopPain: true }, history: { lowEnergyAvailability: true } },
    "bone_stress_injury",
    ["exam.hopPain", "history.lowEnergyAvailability"],
  ],
  [
    "night pain + spike",
    {
      symptoms: { nightPain: true },
      training: {
        // A log complete long before the assessment: every load window counts.
        loggedSince: "2000-01-01",
        runs: [
          { date: "2026-06-01", distanceKm: 10 },
          { date: "2026-06-10", distanceKm: 20 },
        ],
      },
    },
    "bone_stress_injury",
    ["symptoms.nightPain", "load.spikes"],
  ],
  ["hop pain alone", { exam: { hopPain: true } }, "bone_stress_injury", null],
  [
    "medial patellar facet tenderness",
    { exam: { tenderness: ["medial_patellar_facet"], effusion: "none" } },
    "patellofemoral",
    ["exam.tenderness", "exam.effusion"],
  ],
  [
    "sitting + stairs",
    { symptoms: { painProlongedSitting: true, painOnStairs: true } },
    "patellofemoral",
    ["symptoms.painProlongedSitting", "symptoms.painOnStairs"],
  ],
  ["sitting alone", { symptoms: { painProlongedSitting: true } }, "patellofemoral", null],
  [
    "burning along the inner leg",
    { symptoms: { burningOrTinglingInnerLeg: true } },
    "saphenous_nerve",
    ["symptoms.burningOrTinglingInnerLeg"],
  ],
  ["Tinel's sign", { exam: { saphenousTinel: true } }, "saphenous_nerve", ["exam.saphenousTinel"]],
  ["reduced hip internal rotation", { exam: { hipInternalRotationReduced: true } }, "referred_hip", ["exam.hipInternalRotationReduced"]],
  ["limp at 14", { ...aged(14), symptoms: { limp: true } }, "referred_hip", ["ageYears", "symptoms.limp"]],
  ["limp at 36", { symptoms: { limp: true } }, "referred_hip", null],
];

describe("considerations", () => {
  it.each(ROWS.map((row) => [`${row[2]}: ${row[0]}`, row] as const))("%s", (_d, [, input, code, supporting]) => {
    const found = evaluateWith(input).considerations.find((c) => c.code === code);
    if (supporting === null) expect(found).toBeUndefined();
    else expect(found).toEqual({ code, supporting });
  });

  it("covers every consideration code", () => {
    const tested = new Set(ROWS.filter((r) => r[3] !== null).map((r) => r[2]));
    expect(CONSIDERATION_CODES.filter((c) => !tested.has(c))).toEqual([]);
  });

  it("lists nothing when nothing is asked, and sorts by code", () => {
    expect(evaluateWith({}).considerations).toEqual([]);
    const e = evaluateWith({ exam: { saphenousTinel: true, tenderness: ["mcl", "proximal_medial_tibia_bony"] } });
    expect(e.considerations.map((c) => c.code)).toEqual(["bone_stress_injury", "mcl", "saphenous_nerve"]);
  });
});

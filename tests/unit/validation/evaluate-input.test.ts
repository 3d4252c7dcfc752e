/** The input schema (EVALUATE.md section 1): every kind of invalid input, with its path and message. */
import {
  clinicSettingsSchema,
  invalidInputBody,
  parseClinicSettings,
  parseEvaluationInput,
  parseEvaluationInputText,
} from "@/lib/validation/evaluate-input";

const base = { assessedOn: "2026-06-15", patient: { birthDate: "1990-06-15" } };
const issuesOf = (input: unknown) => {
  const r = parseEvaluationInput(input);
  return r.ok ? [] : r.issues;
};

describe("valid input", () => {
  it("accepts the minimal input and returns it unchanged", () => {
    expect(parseEvaluationInput(base)).toEqual({ ok: true, value: base });
  });

  it("accepts every field at its limits", () => {
    const full = {
      ...base,
      patient: { birthDate: "2024-02-29", sex: "unknown" },
      assessedOn: "2026-02-28",
      episode: { mechanism: "acute_trauma", side: "both", onsetDate: "2026-02-01" },
      symptoms: { painNow: 0, painWorstWeek: 10, painDuringRun: 10, locking: false, daysPersistingDespiteReducedTraining: 0 },
      history: { priorKneeInjury: true },
      exam: {
        effusion: "large",
        tenderness: [],
        valgusStress0: "laxity",
        valgusStress30: "normal",
        mcmurray: "negative",
        thessaly: "positive",
      },
      training: {
        runs: [
          { date: "2026-02-27", distanceKm: 0 },
          { date: "2026-02-26", distanceKm: 1000, surface: "trail" },
          { date: "2026-02-25", distanceKm: 10.55 },
        ],
        restDaysPerWeek: 7,
        shoeDistanceKm: 0,
        shoePairsInRotation: 1,
      },
      measures: {
        painNow: 10,
        koos: { P1: 0, S7: 4, A17: 2, SP5: 1, Q4: 3 },
        lefs: Array(20).fill(4),
        psfs: [1, 2, 3, 4, 5].map((i) => ({ activity: `a${i}`, score: i * 2 })),
        tegner: 10,
      },
      priorAssessments: [
        { assessedOn: "2026-01-01", measures: { painNow: 5 } },
        { assessedOn: "2026-02-01", measures: {} },
      ],
      settings: { persistentPainDays: 1, spikePct: 0, minRestDaysPerWeek: 0, importantChange: { koos: 0.5 } },
    };
    expect(issuesOf(full)).toEqual([]);
  });

  it("accepts a patient born on the assessment day", () => {
    expect(issuesOf({ ...base, patient: { birthDate: "2026-06-15" } })).toEqual([]);
  });
});

describe("invalid input: one issue per problem, with a dotted path and a plain-English message", () => {
  it.each([
    ["missing assessedOn", { patient: base.patient }, [{ path: "assessedOn", message: "Enter the assessed on" }]],
    ["missing patient", { assessedOn: base.assessedOn }, [{ path: "patient", message: "Enter the patient" }]],
    ["missing birth date", { ...base, patient: {} }, [{ path: "patient.birthDate", message: "Enter the birth date" }]],
    ["unknown top-level key", { ...base, notes: "x" }, [{ path: "notes", message: "Remove the unknown field" }]],
    [
      "unknown nested key (typo)",
      { ...base, symptoms: { painnow: 3 } },
      [{ path: "symptoms.painnow", message: "Remove the unknown field" }],
    ],
    [
      "unknown key in a run",
      { ...base, training: { runs: [{ date: "2026-06-01", distanceKm: 5, km: 5 }] } },
      [{ path: "training.runs.0.km", message: "Remove the unknown field" }],
    ],
    [
      "unknown KOOS item",
      { ...base, measures: { koos: { P10: 1 } } },
      [{ path: "measures.koos.P10", message: "Remove the unknown field" }],
    ],
    [
      "unknown setting",
      { ...base, settings: { importantChange: { pain: 2 } } },
      [{ path: "settings.importantChange.pain", message: "Remove the unknown field" }],
    ],
    [
      "pain 11",
      { ...base, symptoms: { painNow: 11 } },
      [{ path: "symptoms.painNow", message: "Enter the pain now as a whole number from 0 to 10" }],
    ],
    [
      "pain -1",
      { ...base, symptoms: { painDuringRun: -1 } },
      [{ path: "symptoms.painDuringRun", message: "Enter the pain during run as a whole number from 0 to 10" }],
    ],
    [
      "pain 2.5",
      { ...base, measures: { painNow: 2.5 } },
      [{ path: "measures.painNow", message: "Enter the pain now as a whole number from 0 to 10" }],
    ],
    [
      "pain as a string",
      { ...base, symptoms: { painNow: "3" } },
      [{ path: "symptoms.painNow", message: "Enter the pain now as a whole number from 0 to 10" }],
    ],
    [
      "null instead of omitted",
      { ...base, symptoms: { locking: null } },
      [{ path: "symptoms.locking", message: "Set locking to true or false" }],
    ],
    [
      "boolean as a string",
      { ...base, history: { priorKneeInjury: "yes" } },
      [{ path: "history.priorKneeInjury", message: "Set prior knee injury to true or false" }],
    ],
    [
      "negative days",
      { ...base, symptoms: { daysPersistingDespiteReducedTraining: -1 } },
      [
        {
          path: "symptoms.daysPersistingDespiteReducedTraining",
          message: "Enter the days persisting despite reduced training as a whole number of 0 or more",
        },
      ],
    ],
    [
      "fractional days",
      { ...base, symptoms: { daysPersistingDespiteReducedTraining: 1.5 } },
      [
        {
          path: "symptoms.daysPersistingDespiteReducedTraining",
          message: "Enter the days persisting despite reduced training as a whole number of 0 or more",
        },
      ],
    ],
    [
      "unknown mechanism",
      { ...base, episode: { mechanism: "fall" } },
      [{ path: "episode.mechanism", message: "Choose the mechanism: gradual or acute_trauma" }],
    ],
    [
      "unknown tenderness site",
      { ...base, exam: { tenderness: ["mcl", "lcl"] } },
      [
        {
          path: "exam.tenderness.1",
          message:
            "Choose the tenderness: medial_joint_line, mcl, pes_anserine, proximal_medial_tibia_bony, medial_patellar_facet, patella_only or fibular_head",
        },
      ],
    ],
    [
      "tenderness not a list",
      { ...base, exam: { tenderness: "mcl" } },
      [{ path: "exam.tenderness", message: "Send the tenderness as a list" }],
    ],
    ["impossible date", { ...base, assessedOn: "2026-02-30" }, [{ path: "assessedOn", message: "Enter the assessed on as a real date" }]],
    [
      "29 Feb of a common year",
      { ...base, patient: { birthDate: "2023-02-29" } },
      [{ path: "patient.birthDate", message: "Enter the birth date as a real date" }],
    ],
    [
      "date with a time",
      { ...base, assessedOn: "2026-06-15T10:00:00Z" },
      [{ path: "assessedOn", message: "Enter the assessed on as a real date" }],
    ],
    [
      "date in another format",
      { ...base, episode: { onsetDate: "15/06/2026" } },
      [{ path: "episode.onsetDate", message: "Enter the onset date as a real date" }],
    ],
    ["date as a number", { ...base, assessedOn: 20260615 }, [{ path: "assessedOn", message: "Enter the assessed on as a real date" }]],
    [
      "run date impossible",
      {
        ...base,
        training: {
          runs: [
            { date: "2026-06-01", distanceKm: 1 },
            { date: "2026-04-31", distanceKm: 1 },
          ],
        },
      },
      [{ path: "training.runs.1.date", message: "Enter the date as a real date" }],
    ],
    [
      "run too long",
      { ...base, training: { runs: [{ date: "2026-06-01", distanceKm: 1000.1 }] } },
      [{ path: "training.runs.0.distanceKm", message: "Enter the distance km as a number from 0 to 1000" }],
    ],
    [
      "negative run",
      { ...base, training: { runs: [{ date: "2026-06-01", distanceKm: -1 }] } },
      [{ path: "training.runs.0.distanceKm", message: "Enter the distance km as a number from 0 to 1000" }],
    ],
    [
      "run without distance",
      { ...base, training: { runs: [{ date: "2026-06-01" }] } },
      [{ path: "training.runs.0.distanceKm", message: "Enter the distance km" }],
    ],
    [
      "unknown surface",
      { ...base, training: { runs: [{ date: "2026-06-01", distanceKm: 3, surface: "grass" }] } },
      [{ path: "training.runs.0.surface", message: "Choose the surface: road, track, treadmill or trail" }],
    ],
    [
      "8 rest days",
      { ...base, training: { restDaysPerWeek: 8 } },
      [{ path: "training.restDaysPerWeek", message: "Enter the rest days per week as a whole number from 0 to 7" }],
    ],
    [
      "0 shoe pairs",
      { ...base, training: { shoePairsInRotation: 0 } },
      [{ path: "training.shoePairsInRotation", message: "Enter the shoe pairs in rotation as a whole number of 1 or more" }],
    ],
    [
      "negative shoe distance",
      { ...base, training: { shoeDistanceKm: -5 } },
      [{ path: "training.shoeDistanceKm", message: "Enter the shoe distance km as a number of 0 or more" }],
    ],
    [
      "LEFS with 19 items",
      { ...base, measures: { lefs: Array(19).fill(1) } },
      [{ path: "measures.lefs", message: "Answer all 20 LEFS items" }],
    ],
    [
      "LEFS with 21 items",
      { ...base, measures: { lefs: Array(21).fill(1) } },
      [{ path: "measures.lefs", message: "Answer all 20 LEFS items" }],
    ],
    [
      "LEFS item 5",
      { ...base, measures: { lefs: [...Array(19).fill(1), 5] } },
      [{ path: "measures.lefs.19", message: "Enter the lefs as a whole number from 0 to 4" }],
    ],
    ["PSFS empty", { ...base, measures: { psfs: [] } }, [{ path: "measures.psfs", message: "List 1 to 5 activities" }]],
    [
      "PSFS with 6 items",
      { ...base, measures: { psfs: Array(6).fill({ activity: "run", score: 5 }) } },
      [{ path: "measures.psfs", message: "List 1 to 5 activities" }],
    ],
    [
      "PSFS score 11",
      { ...base, measures: { psfs: [{ activity: "run", score: 11 }] } },
      [{ path: "measures.psfs.0.score", message: "Enter the score as a number from 0 to 10" }],
    ],
    [
      "PSFS without activity",
      { ...base, measures: { psfs: [{ score: 1 }] } },
      [{ path: "measures.psfs.0.activity", message: "Enter the activity" }],
    ],
    [
      "KOOS item 5",
      { ...base, measures: { koos: { Q1: 5 } } },
      [{ path: "measures.koos.Q1", message: "Enter the q1 as a whole number from 0 to 4" }],
    ],
    [
      "KOOS item 1.5",
      { ...base, measures: { koos: { A3: 1.5 } } },
      [{ path: "measures.koos.A3", message: "Enter the a3 as a whole number from 0 to 4" }],
    ],
    [
      "Tegner 11",
      { ...base, measures: { tegner: 11 } },
      [{ path: "measures.tegner", message: "Enter the tegner as a whole number from 0 to 10" }],
    ],
    [
      "prior without measures",
      { ...base, priorAssessments: [{ assessedOn: "2026-01-01" }] },
      [{ path: "priorAssessments.0.measures", message: "Enter the measures" }],
    ],
    [
      "prior with a bad measure",
      { ...base, priorAssessments: [{ assessedOn: "2026-01-01", measures: { painNow: 12 } }] },
      [{ path: "priorAssessments.0.measures.painNow", message: "Enter the pain now as a whole number from 0 to 10" }],
    ],
    [
      "settings out of range",
      { ...base, settings: { persistentPainDays: 0 } },
      [{ path: "settings.persistentPainDays", message: "Enter the persistent pain days as a whole number from 1 to 365" }],
    ],
    [
      "important change of 0",
      { ...base, settings: { importantChange: { koos: 0 } } },
      [{ path: "settings.importantChange.koos", message: "Enter the koos as a number more than 0 and at most 100" }],
    ],
    ["a group that is not an object", { ...base, symptoms: [] }, [{ path: "symptoms", message: "Send the symptoms as an object" }]],
    [
      "born after the assessment",
      { ...base, patient: { birthDate: "2026-06-16" } },
      [{ path: "patient.birthDate", message: "Enter a birth date on or before the assessment date" }],
    ],
    ["not an object", [], [{ path: "", message: "Send a JSON object" }]],
    ["null", null, [{ path: "", message: "Send a JSON object" }]],
  ] as const)("%s", (_description, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  it("reports several problems at once", () => {
    const issues = issuesOf({ ...base, symptoms: { painNow: 11, locking: 1, typo: true }, measures: { lefs: [] } });
    expect(issues).toEqual([
      { path: "symptoms.painNow", message: "Enter the pain now as a whole number from 0 to 10" },
      { path: "symptoms.locking", message: "Set locking to true or false" },
      { path: "symptoms.typo", message: "Remove the unknown field" },
      { path: "measures.lefs", message: "Answer all 20 LEFS items" },
    ]);
  });
});

describe("JSON text", () => {
  it("reports invalid JSON at the root", () => {
    const r = parseEvaluationInputText("{ not json");
    expect(r).toEqual({ ok: false, issues: [{ path: "", message: expect.stringMatching(/^Send valid JSON: /) }] });
    expect(parseEvaluationInputText("")).toEqual({
      ok: false,
      issues: [{ path: "", message: expect.stringMatching(/^Send valid JSON: /) }],
    });
  });

  it("accepts valid JSON text, with or without a byte-order mark", () => {
    expect(parseEvaluationInputText(JSON.stringify(base))).toEqual({ ok: true, value: base });
    expect(parseEvaluationInputText(`\ufeff${JSON.stringify(base)}`)).toEqual({ ok: true, value: base });
  });

  it("builds the error body of the CLI and the API", () => {
    expect(invalidInputBody([{ path: "a", message: "b" }])).toEqual({ error: "invalid input", issues: [{ path: "a", message: "b" }] });
  });
});

describe("clinic settings schema", () => {
  it("accepts partial settings, rejects unknown keys and out-of-range values", () => {
    expect(parseClinicSettings({ importantChange: { lefs: 7 } })).toEqual({ ok: true, value: { importantChange: { lefs: 7 } } });
    expect(parseClinicSettings({ shoeReplace: 5 })).toEqual({
      ok: false,
      issues: [{ path: "shoeReplace", message: "Remove the unknown field" }],
    });
    expect(parseClinicSettings({ minRestDaysPerWeek: 8 })).toEqual({
      ok: false,
      issues: [{ path: "minRestDaysPerWeek", message: "Enter the min rest days per week as a whole number from 0 to 7" }],
    });
    expect(clinicSettingsSchema.safeParse({}).success).toBe(true);
  });
});

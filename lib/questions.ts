/**
 * The questions of the intake and follow-up forms, in the order a clinician
 * works (SPEC.md section 2). Each question is bound to a path of
 * Assessment.answers, which is the evaluate() input of EVALUATE.md section 1
 * plus context the engine does not score.
 */
import { EFFUSION_GRADES, TENDERNESS_SITES, TEST_RESULTS, VALGUS_STRESS_RESULTS } from "@/lib/domain/codes";
import { inputsOf, RED_FLAG_RULES } from "@/lib/clinical/red-flags";
import { runsInWindow } from "@/lib/clinical/record-input";
import { RUN_WINDOW_DAYS, RUN_WINDOW_DAYS_INCLUSIVE } from "@/lib/domain/windows";
import { addDays, formatDate } from "@/lib/format";
import {
  EFFUSION_LABELS,
  PAIN_TIME_LABELS,
  PAIN_TIMES,
  RESPONSE_LABELS,
  RESPONSES,
  SWELLING_TIMING,
  SWELLING_TIMING_LABELS,
  TENDERNESS_LABELS,
  TEST_RESULT_LABELS as TEST_LABELS,
  VALGUS_LABELS,
  findingLabel,
} from "@/lib/domain";

export type Question =
  | { kind: "tri"; path: string; label: string; hint?: string }
  | { kind: "nrs"; path: string; label: string; hint?: string }
  | { kind: "int" | "number"; path: string; label: string; unit: string; min: number; max?: number; step?: number; hint?: string }
  | { kind: "enum"; path: string; label: string; options: readonly (readonly [string, string])[]; hint?: string }
  | { kind: "multi"; path: string; label: string; options: readonly (readonly [string, string])[]; hint?: string; palpation?: boolean }
  | { kind: "text"; path: string; label: string; max: number; rows?: number; hint?: string }
  /** The two-level Wells score for DVT as a calculator of its criteria (decides exam.wellsDvt). */
  | { kind: "wells"; path: string; label: string; hint?: string; askedWhen: { path: string; equals: unknown } }
  /** Asked on the runner's or the episode's form, not in the assessment. */
  | { kind: "record"; path: string; label: string; hint?: string };

export type Section = { id: string; title: string; intro?: string; questions: Question[] };

const tri = (path: string, label: string, hint?: string): Question => ({ kind: "tri", path, label, hint });

const opts = <T extends string>(values: readonly T[], labels: Readonly<Record<T, string>>) => values.map((v) => [v, labels[v]] as const);

/** The one question on swelling timing (it decides symptoms.swellingWithin2hOfInjury). */
const SWELLING_TIMING_QUESTION: Question = {
  kind: "enum",
  path: "context.swellingTiming",
  label: "Swelling: when it appeared",
  options: opts(SWELLING_TIMING, SWELLING_TIMING_LABELS),
  hint: "Swelling within 2 hours of an injury suggests bleeding into the joint (haemarthrosis).",
};

const WELLS_QUESTION: Question = {
  kind: "wells",
  path: "context.wellsDvtCriteria",
  label: "Two-level Wells score for DVT",
  hint: "Tick the criteria present. 1 or less: DVT unlikely (D-dimer first); 2 or more: DVT likely (ultrasound within 4 hours). NICE NG158.",
  askedWhen: { path: "symptoms.calfSwellingOrTenderness", equals: true },
};

/** The red-flag screen: the questions the red-flag rules read that no other section asks. */
export const RED_FLAG_QUESTIONS: Question[] = [
  tri("symptoms.visibleSwelling", "Visible swelling"),
  SWELLING_TIMING_QUESTION,
  tri("symptoms.locking", "True locking", "The knee gets stuck and cannot be straightened."),
  tri("symptoms.catching", "Catching"),
  tri("symptoms.instability", "Giving way or feeling of instability"),
  tri("symptoms.sharpWeightBearingPain", "Sharp pain on weight-bearing"),
  tri("symptoms.limp", "Limp"),
  tri(
    "symptoms.unableToBearWeightImmediately",
    "Unable to bear weight (4 steps) immediately after the injury",
    "Limping counts as bearing weight.",
  ),
  tri("symptoms.unableToBearWeightNow", "Unable to bear weight (4 steps) now", "Limping counts as bearing weight."),
  tri("symptoms.painAtRest", "Pain at rest"),
  tri("symptoms.nightPain", "Night pain"),
  tri("symptoms.newNumbnessOrWeakness", "New numbness or weakness"),
  tri("symptoms.coldOrPaleLimb", "Cold or pale limb"),
  tri(
    "symptoms.patellarDislocation",
    "Did the kneecap dislocate?",
    "The kneecap slipped out of place to the side, even if it went back by itself.",
  ),
  tri(
    "symptoms.suspectedDislocation",
    "Is a dislocation of the knee joint itself suspected?",
    "The thigh and shin bones knocked out of line: a knee joint (tibiofemoral) dislocation, not the kneecap.",
  ),
  tri("symptoms.calfSwellingOrTenderness", "Calf swelling or tenderness"),
  WELLS_QUESTION,
  tri("symptoms.hotSwollenJoint", "Hot, swollen joint"),
  tri("symptoms.fever", "Fever"),
  tri("history.recentJointInjection", "Recent joint injection"),
  tri("history.immunosuppressed", "Immunosuppressed"),
  tri("symptoms.unexplainedWeightLoss", "Unexplained weight loss"),
  tri("history.historyOfCancer", "History of cancer"),
  {
    kind: "int",
    path: "symptoms.daysPersistingDespiteReducedTraining",
    label: "Days the pain has persisted despite reduced training",
    unit: "days",
    min: 0,
    max: 3650,
  },
];

/**
 * The red-flag screen as the runner answers it at home (a questionnaire
 * link): every question of RED_FLAG_QUESTIONS a runner can answer, in plain
 * words, bound to the same answer path as the clinician's question (swelling
 * timing as the one yes/no it decides). `short` names a "yes" on the
 * caseload and the patient page ("runner reported: swelling, locking").
 * Only the Wells score is left to the clinician.
 */
export type RunnerScreenQuestion = {
  path: string;
  kind: "yesno" | "days";
  question: string;
  hint?: string;
  /** A "yes" in a few words, lower case. */
  short: string;
};

export const RUNNER_SCREEN_QUESTIONS: readonly RunnerScreenQuestion[] = Object.freeze([
  { path: "symptoms.visibleSwelling", kind: "yesno", question: "Is your knee swollen, so that you can see it?", short: "swelling" },
  {
    path: "symptoms.swellingWithin2hOfInjury",
    kind: "yesno",
    question: "Did your knee swell up within 2 hours of an injury, such as a fall, a twist or a knock?",
    hint: "Answer no if there was no injury, or if it swelled up later.",
    short: "swelling within 2 hours of an injury",
  },
  {
    path: "symptoms.locking",
    kind: "yesno",
    question: "Does your knee get stuck, so that you cannot straighten it?",
    short: "locking",
  },
  { path: "symptoms.catching", kind: "yesno", question: "Does your knee catch or snag when you move it?", short: "catching" },
  {
    path: "symptoms.instability",
    kind: "yesno",
    question: "Does your knee give way, or feel as if it might?",
    short: "giving way",
  },
  {
    path: "symptoms.sharpWeightBearingPain",
    kind: "yesno",
    question: "Do you get a sharp pain when you stand or put weight on the leg?",
    short: "sharp pain on standing",
  },
  { path: "symptoms.limp", kind: "yesno", question: "Are you limping?", short: "limping" },
  {
    path: "symptoms.unableToBearWeightImmediately",
    kind: "yesno",
    question: "Right after an injury, were you unable to take four steps on the leg?",
    hint: "Limping still counts as taking steps. Answer no if there was no injury.",
    short: "could not walk right after an injury",
  },
  {
    path: "symptoms.unableToBearWeightNow",
    kind: "yesno",
    question: "Are you unable to take four steps on the leg now?",
    hint: "Limping still counts as taking steps.",
    short: "cannot walk now",
  },
  { path: "symptoms.painAtRest", kind: "yesno", question: "Does your knee hurt when you are resting?", short: "pain at rest" },
  { path: "symptoms.nightPain", kind: "yesno", question: "Does knee pain wake you up at night?", short: "night pain" },
  {
    path: "symptoms.newNumbnessOrWeakness",
    kind: "yesno",
    question: "Have you noticed new numbness or weakness in your leg or foot?",
    short: "new numbness or weakness",
  },
  {
    path: "symptoms.coldOrPaleLimb",
    kind: "yesno",
    question: "Is your leg or foot cold, pale or bluish?",
    short: "cold or pale leg",
  },
  {
    path: "symptoms.patellarDislocation",
    kind: "yesno",
    question: "Has your kneecap slipped out of place to the side?",
    hint: "Answer yes even if it went back by itself.",
    short: "kneecap slipped out",
  },
  {
    path: "symptoms.suspectedDislocation",
    kind: "yesno",
    question: "After an injury, did the knee joint itself look out of line, as if the bones had been knocked out of place?",
    hint: "This is about the whole joint, not the kneecap.",
    short: "knee joint out of line after an injury",
  },
  {
    path: "symptoms.calfSwellingOrTenderness",
    kind: "yesno",
    question: "Is your calf swollen, or sore when you press it?",
    short: "calf swelling or soreness",
  },
  { path: "symptoms.hotSwollenJoint", kind: "yesno", question: "Is your knee hot and swollen?", short: "hot, swollen knee" },
  {
    path: "symptoms.fever",
    kind: "yesno",
    question: "Do you have a fever, or feel hot, shivery and unwell?",
    short: "fever",
  },
  {
    path: "history.recentJointInjection",
    kind: "yesno",
    question: "Have you had an injection into the knee in the last few weeks?",
    short: "recent knee injection",
  },
  {
    path: "history.immunosuppressed",
    kind: "yesno",
    question: "Do you take medicine that weakens your immune system, or have an illness that does?",
    hint: "For example steroid tablets, chemotherapy, or medicine after a transplant.",
    short: "weakened immune system",
  },
  {
    path: "symptoms.unexplainedWeightLoss",
    kind: "yesno",
    question: "Have you lost weight without trying to?",
    short: "weight loss without trying",
  },
  { path: "history.historyOfCancer", kind: "yesno", question: "Have you ever had cancer?", short: "history of cancer" },
  {
    path: "symptoms.daysPersistingDespiteReducedTraining",
    kind: "days",
    question: "For how many days has the pain carried on even though you have run less?",
    hint: "Write 0 if you have not cut down your running.",
    short: "pain despite running less",
  },
]);

/** The runner's short words for a "yes" to a screen question ("swelling"); the clinician's label for any other path. */
export function runnerReportedLabel(path: string): string {
  return RUNNER_SCREEN_QUESTIONS.find((q) => q.path === path)?.short ?? findingLabel(path).toLowerCase();
}

/**
 * The screen questions a runner's answers report as a red flag: every "yes",
 * and pain that has carried on despite running less for at least the clinic's
 * persistent-pain days. Paths in the order of the screen.
 */
export function runnerReportedYes(answers: unknown, persistentPainDays: number): string[] {
  return RUNNER_SCREEN_QUESTIONS.filter((q) => {
    const value = readAnswer(answers, q.path);
    return q.kind === "yesno" ? value === true : typeof value === "number" && value >= persistentPainDays;
  }).map((q) => q.path);
}

/** Background the bone stress tier reads: asked in the intake's history, and again in the follow-up's screen. */
const BONE_HEALTH_QUESTIONS: Question[] = [
  tri("history.previousBoneStressInjury", "Previous bone stress injury"),
  tri("history.lowEnergyAvailability", "Low energy availability or menstrual disturbance"),
];

const PAIN_QUESTIONS: Question[] = [
  { kind: "nrs", path: "symptoms.painNow", label: "Pain now (NRS)" },
  { kind: "nrs", path: "symptoms.painWorstWeek", label: "Worst pain in the last week (NRS)" },
  { kind: "nrs", path: "symptoms.painDuringRun", label: "Pain during running (NRS)" },
];

const TRAINING_QUESTIONS: Question[] = [
  tri("training.recentSpeedIncrease", "Recent increase in speed work"),
  tri("training.recentHillIncrease", "Recent increase in hills"),
  tri("training.hardSurfaces", "Mostly hard surfaces (road, concrete)"),
  tri("training.camberedRoads", "Cambered roads"),
  tri("training.trackSameDirection", "Always the same direction on a track"),
  tri("training.treadmillMostly", "Mostly treadmill"),
  tri("training.warmUp", "Warms up before runs"),
  tri("training.overstriding", "Overstriding observed"),
  { kind: "int", path: "training.restDaysPerWeek", label: "Rest days per week", unit: "days", min: 0, max: 7 },
  { kind: "number", path: "training.shoeDistanceKm", label: "Distance on current shoes", unit: "km", min: 0, step: 1 },
  { kind: "int", path: "training.shoePairsInRotation", label: "Shoe pairs in rotation", unit: "pairs", min: 1, max: 20 },
];

/**
 * The examination the red-flag rules read, asked at intake and at every
 * follow-up: effusion, extension and flexion, palpation, valgus stress in
 * extension, hop and hip internal rotation (of every runner: SCFE and the
 * femoral neck stress fracture depend on it).
 */
const RED_FLAG_EXAM_QUESTIONS: Question[] = [
  { kind: "enum", path: "exam.effusion", label: "Effusion", options: opts(EFFUSION_GRADES, EFFUSION_LABELS) },
  tri("exam.fullExtension", "Full extension possible"),
  tri("exam.flexionTo90", "Flexion to 90° possible"),
  {
    kind: "multi",
    path: "exam.tenderness",
    label: "Tenderness on palpation",
    options: opts(TENDERNESS_SITES, TENDERNESS_LABELS),
    palpation: true,
  },
  { kind: "enum", path: "exam.valgusStress0", label: "Valgus stress at 0°", options: opts(VALGUS_STRESS_RESULTS, VALGUS_LABELS) },
  tri("exam.hopPain", "Pain on single-leg hop"),
  tri(
    "exam.hipInternalRotationReduced",
    "Reduced hip internal rotation",
    "Examine the hip of every runner: a slipped epiphysis and a femoral neck stress fracture refer pain to the knee.",
  ),
];

export const INTAKE_SECTIONS: Section[] = [
  {
    id: "history",
    title: "1. History",
    questions: [
      ...PAIN_QUESTIONS,
      { kind: "multi", path: "context.painTimes", label: "When it hurts", options: opts(PAIN_TIMES, PAIN_TIME_LABELS) },
      tri("symptoms.morningStiffnessOver30Min", "Morning stiffness over 30 minutes"),
      tri("symptoms.painOnStairs", "Pain on stairs"),
      tri("symptoms.painRisingFromChair", "Pain rising from a chair"),
      tri("symptoms.painProlongedSitting", "Pain with prolonged sitting"),
      tri("symptoms.burningOrTinglingInnerLeg", "Numbness, tingling or burning along the inner leg"),
      tri("history.priorKneeInjury", "Previous knee injury or surgery"),
      { kind: "text", path: "context.injuryHistory", label: "Previous injuries and surgery: details", max: 2000 },
      ...BONE_HEALTH_QUESTIONS,
      { kind: "text", path: "context.medication", label: "Medication", max: 1000, rows: 2 },
      { kind: "text", path: "context.allergies", label: "Allergies", max: 1000, rows: 2 },
      { kind: "text", path: "context.comorbidities", label: "Relevant comorbidities", max: 1000, rows: 2 },
      { kind: "text", path: "context.treatmentsTried", label: "Treatments tried so far", max: 2000, rows: 2 },
    ],
  },
  {
    id: "screen",
    title: "2. Red-flag screen",
    intro: "Answer each question yes or no. Unanswered questions are “not asked”: the flags that depend on them stay “not yet assessed”.",
    questions: RED_FLAG_QUESTIONS,
  },
  {
    id: "training",
    title: "3. Training",
    intro: "Distances and spikes come from the run log; record the habits here.",
    questions: [
      ...TRAINING_QUESTIONS,
      { kind: "text", path: "context.trainingChanges", label: "Recent changes in distance, speed or hills", max: 1000, rows: 2 },
      { kind: "text", path: "context.shoeModel", label: "Shoe model", max: 120, rows: 1 },
      { kind: "int", path: "context.cadenceSpm", label: "Cadence", unit: "steps/min", min: 100, max: 250 },
    ],
  },
  {
    id: "exam",
    title: "4. Examination",
    questions: [
      ...RED_FLAG_EXAM_QUESTIONS,
      { kind: "enum", path: "exam.valgusStress30", label: "Valgus stress at 30°", options: opts(VALGUS_STRESS_RESULTS, VALGUS_LABELS) },
      { kind: "enum", path: "exam.mcmurray", label: "McMurray test", options: opts(TEST_RESULTS, TEST_LABELS) },
      { kind: "enum", path: "exam.thessaly", label: "Thessaly test", options: opts(TEST_RESULTS, TEST_LABELS) },
      tri("exam.singleLegSquatValgus", "Dynamic knee valgus on single-leg squat"),
      tri("exam.hipAbductorWeakness", "Hip abductor (gluteus medius) weakness"),
      tri("exam.quadricepsControlDeficit", "Quadriceps control deficit"),
      tri("exam.hamstringTightness", "Hamstring tightness"),
      tri("exam.ankleDorsiflexionLimited", "Limited ankle dorsiflexion"),
      tri("exam.saphenousTinel", "Tinel's sign over the saphenous nerve"),
    ],
  },
];

export const FOLLOW_UP_SECTIONS: Section[] = [
  { id: "pain", title: "1. Pain", questions: PAIN_QUESTIONS },
  {
    id: "response",
    title: "2. Since the last visit",
    questions: [
      {
        kind: "enum",
        path: "followUp.responseToTreatment",
        label: "Response to treatment",
        options: opts(RESPONSES, RESPONSE_LABELS),
      },
      { kind: "text", path: "followUp.trainingSinceLastVisit", label: "Training since the last visit", max: 2000, rows: 2 },
    ],
  },
  {
    id: "screen",
    title: "3. Red-flag re-screen",
    intro:
      "Ask each question again, or start from the previous screen: its answers count only once each is confirmed unchanged or answered again.",
    questions: [...RED_FLAG_QUESTIONS, ...BONE_HEALTH_QUESTIONS],
  },
  {
    id: "exam",
    title: "4. Examination (re-check)",
    intro: "The findings the red-flag rules read (effusion, flexion, bony tenderness, valgus stress in extension, hop pain, hip rotation).",
    questions: RED_FLAG_EXAM_QUESTIONS,
  },
  { id: "training", title: "5. Training habits", questions: TRAINING_QUESTIONS },
];

/** Answers the rules read that are recorded with the runner or the episode, not in the assessment. */
export const RECORD_QUESTIONS: Question[] = [
  { kind: "record", path: "patient.birthDate", label: "Date of birth (the runner's record)" },
  { kind: "record", path: "episode.mechanism", label: "Mechanism of the episode (acute trauma or gradual)", hint: "Set on the episode." },
  { kind: "record", path: "episode.onsetDate", label: "Onset date of the episode", hint: "Set on the episode." },
];

/** Engine inputs the forms do not ask directly, and the question that decides each. */
export const DERIVED_FROM: Readonly<Record<string, string>> = Object.freeze({
  "symptoms.swellingWithin2hOfInjury": "context.swellingTiming",
  "exam.wellsDvt": "context.wellsDvtCriteria",
  ageYears: "patient.birthDate",
});

const ALL_QUESTIONS: ReadonlyMap<string, Question> = new Map(
  [...INTAKE_SECTIONS, ...FOLLOW_UP_SECTIONS, { questions: RECORD_QUESTIONS }]
    .flatMap((section) => section.questions)
    .map((q) => [q.path, q] as const),
);

/** The question that asks (or decides) an engine input path; undefined when none does. */
export function questionFor(path: string): Question | undefined {
  return ALL_QUESTIONS.get(DERIVED_FROM[path] ?? path);
}

/** A question is shown unless it is asked only when another answer is given (the Wells score: with calf swelling), or already answered. */
export function isAsked(q: Question, answers: unknown): boolean {
  if (q.kind === "record") return false;
  if (q.kind !== "wells") return true;
  return readAnswer(answers, q.askedWhen.path) === q.askedWhen.equals || readAnswer(answers, q.path) !== undefined;
}

/** The questions of a form, by path. */
export function questionsOf(kind: "intake" | "follow_up"): Question[] {
  return (kind === "intake" ? INTAKE_SECTIONS : FOLLOW_UP_SECTIONS).flatMap((s) => s.questions);
}

export const KOOS_ITEMS: { subscale: string; title: string; items: [string, string][] }[] = [
  {
    subscale: "pain",
    title: "Pain (P1-P9)",
    items: [
      ["P1", "How often is your knee painful?"],
      ["P2", "Twisting / pivoting on your knee"],
      ["P3", "Straightening the knee fully"],
      ["P4", "Bending the knee fully"],
      ["P5", "Walking on a flat surface"],
      ["P6", "Going up or down stairs"],
      ["P7", "At night while in bed"],
      ["P8", "Sitting or lying"],
      ["P9", "Standing upright"],
    ],
  },
  {
    subscale: "symptoms",
    title: "Symptoms (S1-S7)",
    items: [
      ["S1", "Swelling in the knee"],
      ["S2", "Grinding, clicking or other noise"],
      ["S3", "Knee catching or hanging up"],
      ["S4", "Straightening the knee fully (difficulty)"],
      ["S5", "Bending the knee fully (difficulty)"],
      ["S6", "Stiffness after first waking"],
      ["S7", "Stiffness after sitting or resting later in the day"],
    ],
  },
  {
    subscale: "adl",
    title: "Daily living (A1-A17)",
    items: [
      ["A1", "Descending stairs"],
      ["A2", "Ascending stairs"],
      ["A3", "Rising from sitting"],
      ["A4", "Standing"],
      ["A5", "Bending to the floor / picking up an object"],
      ["A6", "Walking on a flat surface"],
      ["A7", "Getting in or out of a car"],
      ["A8", "Going shopping"],
      ["A9", "Putting on socks"],
      ["A10", "Rising from bed"],
      ["A11", "Taking off socks"],
      ["A12", "Lying in bed (turning over, keeping the knee still)"],
      ["A13", "Getting in or out of the bath"],
      ["A14", "Sitting"],
      ["A15", "Getting on or off the toilet"],
      ["A16", "Heavy domestic duties"],
      ["A17", "Light domestic duties"],
    ],
  },
  {
    subscale: "sport",
    title: "Sport and recreation (SP1-SP5)",
    items: [
      ["SP1", "Squatting"],
      ["SP2", "Running"],
      ["SP3", "Jumping"],
      ["SP4", "Twisting / pivoting on the injured knee"],
      ["SP5", "Kneeling"],
    ],
  },
  {
    subscale: "qol",
    title: "Quality of life (Q1-Q4)",
    items: [
      ["Q1", "How often are you aware of your knee problem?"],
      ["Q2", "Have you modified your lifestyle to avoid damaging activities?"],
      ["Q3", "How troubled are you with lack of confidence in your knee?"],
      ["Q4", "In general, how much difficulty do you have with your knee?"],
    ],
  },
];

/**
 * "12 runs in the 60 days up to the assessment": what the form says about the
 * runs its live evaluation reads (the run window, RUN_WINDOW_DAYS). `loadedFrom`
 * is the first day of the runs the form holds; an assessment date moved
 * earlier than that needs runs that were not loaded, and the text says so.
 */
export function runWindowText(runs: readonly { date: string }[], assessedOn: string, loadedFrom?: string): string {
  const count = runsInWindow(runs, assessedOn).length;
  const text = `${count} run${count === 1 ? "" : "s"} in the ${RUN_WINDOW_DAYS_INCLUSIVE} days up to the assessment`;
  if (loadedFrom !== undefined && addDays(assessedOn, -RUN_WINDOW_DAYS) < loadedFrom)
    return `${text} (runs before ${formatDate(loadedFrom)} are not loaded here: the training load is computed when the draft is saved)`;
  return text;
}

/** What the runner's and the episode's records hold for RECORD_QUESTIONS. */
export type RecordAnswers = { birthDate: string; mechanism: string | null; onsetDate: string | null };

const FIRES_ON: ReadonlyMap<string, readonly string[]> = new Map(RED_FLAG_RULES.map((r) => [r.code, inputsOf(r).fires]));

/**
 * The red-flag questions still to answer: for every red flag not yet
 * assessed, the unanswered questions its trigger reads, once each, in the
 * order of the forms. Empty exactly when no flag is left unassessed for
 * want of an answer: "not yet screened: N questions" counts these.
 */
export function unansweredRedFlagQuestions(notAssessed: readonly string[], answers: unknown, record: RecordAnswers): Question[] {
  const paths = new Set(notAssessed.flatMap((code) => FIRES_ON.get(code) ?? []));
  const out = new Map<string, Question>();
  for (const path of paths) {
    const q = questionFor(path);
    if (!q || out.has(q.path)) continue;
    const value =
      q.kind === "record"
        ? { "patient.birthDate": record.birthDate, "episode.mechanism": record.mechanism, "episode.onsetDate": record.onsetDate }[q.path]
        : readAnswer(answers, q.path);
    if (value === undefined || value === null) out.set(q.path, q);
  }
  const order = [...ALL_QUESTIONS.keys()];
  return [...out.values()].sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path));
}

function readAnswer(answers: unknown, path: string): unknown {
  let cur: unknown = answers;
  for (const key of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}

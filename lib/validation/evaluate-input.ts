/**
 * The input of the clinical evaluation (EVALUATE.md section 1), validated
 * with zod. One schema for the form, the server action, the HTTP API and the
 * command line, so they can never disagree about what is valid.
 *
 * Strict at every level: unknown keys are rejected (they are usually typos).
 * An omitted field means "not asked"; `null` is not accepted in its place.
 * Every issue has a dotted `path` ("symptoms.painNow", "training.runs.3.date",
 * "" for the whole document) and a plain-English `message` saying why.
 */

import * as z from "zod";
import {
  chooseOne,
  enterDateOf,
  enterNumber,
  enterPositiveNumber,
  enterThe,
  enterWholeNumber,
  fieldLabel,
  shortenTo,
  notAfterAssessment,
  trueOrFalse,
  UNKNOWN_FIELD,
} from "./messages";
import { IMPORTANT_CHANGE_DEFINITIONS, SETTING_DEFINITIONS, type ThresholdDefinition } from "../domain/settings";
import { hasIsoDateFormat, isRealIsoDate } from "../clinical/dates";
import {
  EFFUSION_GRADES,
  KOOS_ITEM_IDS,
  MECHANISMS,
  RUN_SURFACES,
  SEXES,
  SIDES,
  TENDERNESS_SITES,
  TEST_RESULTS,
  VALGUS_STRESS_RESULTS,
  type ClinicSettings,
  type EvaluationInput,
  type KoosItemId,
} from "../clinical/types";

// ---------------------------------------------------------------------------
// Building blocks, each with its plain-English message
// ---------------------------------------------------------------------------

/** A field's message from its path: "Enter the pain now as a whole number from 0 to 10" (lib/validation/messages.ts). */
type Said = (label: string) => string;
type IssueLike = { input?: unknown; code?: string; path?: readonly PropertyKey[] };

/** Messages for a missing value ("Enter the …", or `missing`) or a wrong one, naming the field by its path. */
function messageFor(message: Said, missing: Said = enterThe) {
  return (issue: IssueLike) => {
    if (issue.code === "unrecognized_keys") return undefined; // replaced by "unknown field" below
    const label = fieldLabel(issue.path ?? []);
    return issue.input === undefined ? missing(label) : message(label);
  };
}
/** The same message whatever the input (range checks). */
const said = (message: Said) => (issue: IssueLike) => message(fieldLabel(issue.path ?? []));

const PSFS_SCORE: Said = (label) => enterNumber(label, 0, 10);

function yesNo() {
  return z.boolean({ error: messageFor(trueOrFalse) });
}

function integerFromTo(min: number, max: number) {
  const message: Said = (label) => enterWholeNumber(label, min, max);
  return z
    .int({ error: messageFor(message) })
    .min(min, { error: said(message) })
    .max(max, { error: said(message) });
}

function integerAtLeast(min: number) {
  const message: Said = (label) => enterWholeNumber(label, min);
  return z.int({ error: messageFor(message) }).min(min, { error: said(message) });
}

function numberFromTo(min: number, max: number) {
  const message: Said = (label) => enterNumber(label, min, max);
  return z
    .number({ error: messageFor(message) })
    .min(min, { error: said(message) })
    .max(max, { error: said(message) });
}

function numberAtLeast(min: number) {
  const message: Said = (label) => enterNumber(label, min);
  return z.number({ error: messageFor(message) }).min(min, { error: said(message) });
}

function numberAboveZeroTo(max: number) {
  const message: Said = (label) => enterPositiveNumber(label, max);
  return z
    .number({ error: messageFor(message) })
    .gt(0, { error: said(message) })
    .max(max, { error: said(message) });
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: messageFor((label) => chooseOne(label, values)) });
}

/** A real calendar date written YYYY-MM-DD (2024-02-29 yes, 2026-02-30 no). */
function isoDate() {
  return z
    .string({ error: messageFor(enterDateOf) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: said(enterDateOf) })
    .refine((text) => !hasIsoDateFormat(text) || isRealIsoDate(text), { error: said(enterDateOf) })
    .meta({ format: "date" });
}

function object<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, { error: messageFor((label) => `Send the ${label} as an object`) });
}

function list<T extends z.ZodType>(item: T) {
  return z.array(item, { error: messageFor((label) => `Send the ${label} as a list`) });
}

// ---------------------------------------------------------------------------
// Settings (also used by the clinic-settings admin form)
// ---------------------------------------------------------------------------

/** A threshold of lib/domain/settings.ts, with its range and its default in the description. */
function threshold(def: ThresholdDefinition) {
  const schema = def.minExclusive
    ? numberAboveZeroTo(def.max)
    : def.integer
      ? integerFromTo(def.min, def.max)
      : numberFromTo(def.min, def.max);
  return schema.optional().describe(`${def.meaning} (default ${def.default})`);
}

const I = IMPORTANT_CHANGE_DEFINITIONS;
export const importantChangeSchema = object({
  painNow: threshold(I.painNow),
  koos: threshold(I.koos),
  lefs: threshold(I.lefs),
  psfs: threshold(I.psfs),
  tegner: threshold(I.tegner),
});

/**
 * Per-clinic thresholds, every key optional (a missing key keeps the
 * default; `importantChange` may name only some measures).
 */
const T = SETTING_DEFINITIONS;
export const clinicSettingsSchema = object({
  persistentPainDays: threshold(T.persistentPainDays),
  twoWeekIncreasePct: threshold(T.twoWeekIncreasePct),
  spikePct: threshold(T.spikePct),
  minRestDaysPerWeek: threshold(T.minRestDaysPerWeek),
  shoeReplaceKm: threshold(T.shoeReplaceKm),
  maxRunPain: threshold(T.maxRunPain),
  importantChange: importantChangeSchema.optional().describe("smallest change of each measure that counts as improved or worsened"),
});

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

const nrs = () => integerFromTo(0, 10);

const koosSchema = object(
  Object.fromEntries(KOOS_ITEM_IDS.map((id) => [id, integerFromTo(0, 4).optional()])) as Record<
    KoosItemId,
    z.ZodOptional<ReturnType<typeof integerFromTo>>
  >,
).describe("KOOS item id -> 0 (none) .. 4 (extreme); unanswered items omitted");

export const measuresSchema = object({
  painNow: nrs().optional().describe("pain NRS now; when absent, symptoms.painNow is used"),
  koos: koosSchema.optional(),
  lefs: list(integerFromTo(0, 4))
    .length(20, { error: "Answer all 20 LEFS items" })
    .optional()
    .describe("the 20 LEFS items, each 0 (extreme difficulty) .. 4 (no difficulty)"),
  psfs: list(
    object({
      activity: z
        .string({ error: messageFor((label) => `Enter the ${label} as text`) })
        .min(1, { error: said(enterThe) })
        .max(200, { error: said((label) => shortenTo(label, 200)) }),
      // An activity is never scored by default: a missing score is refused, naming the field.
      score: z
        .number({ error: messageFor(PSFS_SCORE, () => "Score the activity from 0 (unable) to 10 (as before the problem)") })
        .min(0, { error: said(PSFS_SCORE) })
        .max(10, { error: said(PSFS_SCORE) }),
    }),
  )
    .min(1, { error: "List 1 to 5 activities" })
    .max(5, { error: "List 1 to 5 activities" })
    .optional()
    .describe("1-5 patient-chosen activities, each scored 0 (unable) .. 10 (as before)"),
  tegner: integerFromTo(0, 10).optional().describe("Tegner activity level"),
});

const patientSchema = object({
  birthDate: isoDate(),
  sex: oneOf(SEXES).optional(),
});

const episodeSchema = object({
  mechanism: oneOf(MECHANISMS).optional(),
  side: oneOf(SIDES).optional(),
  onsetDate: isoDate().optional(),
});

const symptomsSchema = object({
  painNow: nrs().optional(),
  painWorstWeek: nrs().optional(),
  painDuringRun: nrs().optional(),
  painAtRest: yesNo().optional(),
  nightPain: yesNo().optional(),
  morningStiffnessOver30Min: yesNo().optional(),
  painOnStairs: yesNo().optional(),
  painRisingFromChair: yesNo().optional(),
  painProlongedSitting: yesNo().optional(),
  visibleSwelling: yesNo().optional(),
  swellingWithin2hOfInjury: yesNo().optional(),
  locking: yesNo().optional().describe("true locking: the knee gets stuck and cannot be straightened"),
  catching: yesNo().optional(),
  instability: yesNo().optional(),
  sharpWeightBearingPain: yesNo().optional(),
  limp: yesNo().optional(),
  unableToBearWeightImmediately: yesNo().optional().describe("four steps; limping counts as bearing weight"),
  unableToBearWeightNow: yesNo().optional().describe("four steps; limping counts as bearing weight"),
  burningOrTinglingInnerLeg: yesNo().optional(),
  newNumbnessOrWeakness: yesNo().optional(),
  coldOrPaleLimb: yesNo().optional(),
  suspectedDislocation: yesNo().optional().describe("a tibiofemoral (knee joint) dislocation"),
  patellarDislocation: yesNo().optional().describe("a dislocation of the kneecap"),
  calfSwellingOrTenderness: yesNo().optional(),
  fever: yesNo().optional(),
  hotSwollenJoint: yesNo().optional(),
  unexplainedWeightLoss: yesNo().optional(),
  daysPersistingDespiteReducedTraining: integerAtLeast(0).optional(),
});

const historySchema = object({
  priorKneeInjury: yesNo().optional(),
  previousBoneStressInjury: yesNo().optional(),
  historyOfCancer: yesNo().optional(),
  recentJointInjection: yesNo().optional(),
  immunosuppressed: yesNo().optional(),
  lowEnergyAvailability: yesNo().optional(),
});

const examSchema = object({
  effusion: oneOf(EFFUSION_GRADES).optional(),
  fullExtension: yesNo().optional(),
  flexionTo90: yesNo().optional(),
  tenderness: list(oneOf(TENDERNESS_SITES)).optional().describe("tender sites; an empty list means palpated, nothing tender"),
  valgusStress0: oneOf(VALGUS_STRESS_RESULTS).optional(),
  valgusStress30: oneOf(VALGUS_STRESS_RESULTS).optional(),
  mcmurray: oneOf(TEST_RESULTS).optional(),
  thessaly: oneOf(TEST_RESULTS).optional(),
  wellsDvt: integerFromTo(-2, 9)
    .optional()
    .describe('two-level Wells score for DVT (NICE NG158): 1 or less "unlikely", 2 or more "likely"'),
  hopPain: yesNo().optional(),
  singleLegSquatValgus: yesNo().optional(),
  hipAbductorWeakness: yesNo().optional(),
  quadricepsControlDeficit: yesNo().optional(),
  hamstringTightness: yesNo().optional(),
  ankleDorsiflexionLimited: yesNo().optional(),
  hipInternalRotationReduced: yesNo().optional(),
  saphenousTinel: yesNo().optional(),
});

const runSchema = object({
  date: isoDate(),
  distanceKm: numberFromTo(0, 1000),
  surface: oneOf(RUN_SURFACES).optional(),
});

const trainingSchema = object({
  runs: list(runSchema).optional().describe("individual runs, any order"),
  loggedSince: isoDate()
    .optional()
    .describe("the first day from which training.runs is complete; omitted: the log begins with its earliest run on or before assessedOn"),
  hardSurfaces: yesNo().optional(),
  camberedRoads: yesNo().optional(),
  trackSameDirection: yesNo().optional(),
  treadmillMostly: yesNo().optional(),
  recentSpeedIncrease: yesNo().optional(),
  recentHillIncrease: yesNo().optional(),
  overstriding: yesNo().optional(),
  warmUp: yesNo().optional(),
  restDaysPerWeek: integerFromTo(0, 7).optional(),
  shoeDistanceKm: numberAtLeast(0).optional(),
  shoePairsInRotation: integerAtLeast(1).optional(),
});

const priorAssessmentSchema = object({
  assessedOn: isoDate(),
  measures: measuresSchema,
});

export const evaluationInputSchema = object({
  assessedOn: isoDate().describe("the day of the assessment: 'today' for every window"),
  patient: patientSchema,
  episode: episodeSchema.optional(),
  symptoms: symptomsSchema.optional(),
  history: historySchema.optional(),
  exam: examSchema.optional(),
  training: trainingSchema.optional(),
  measures: measuresSchema.optional(),
  priorAssessments: list(priorAssessmentSchema).optional().describe("oldest first; the first is the baseline (intake)"),
  settings: clinicSettingsSchema.optional().describe("overrides of the clinic's thresholds, key by key"),
})
  .superRefine((input, ctx) => {
    const notAfter = (date: string | undefined, path: string[]) => {
      if (date !== undefined && date > input.assessedOn)
        ctx.addIssue({ code: "custom", path, message: notAfterAssessment(fieldLabel(path)) });
    };
    notAfter(input.patient.birthDate, ["patient", "birthDate"]);
    notAfter(input.episode?.onsetDate, ["episode", "onsetDate"]);
    notAfter(input.training?.loggedSince, ["training", "loggedSince"]);
  })
  .meta({
    title: "Knee Clinic evaluation input (rulesVersion 2)",
    description: "Input of evaluate(): see EVALUATE.md. Omitted fields mean 'not asked'. Unknown keys are invalid.",
  });

// Compile-time proof that the schema and the engine's types describe the same input.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inputTypesAgree: Same<z.infer<typeof evaluationInputSchema>, EvaluationInput> = true;
const settingsTypesAgree: Same<z.infer<typeof clinicSettingsSchema>, ClinicSettings> = true;
void inputTypesAgree;
void settingsTypesAgree;

// ---------------------------------------------------------------------------
// Parsing with plain-English issues
// ---------------------------------------------------------------------------

export interface InputIssue {
  /** Dotted path: "symptoms.painNow", "training.runs.3.date"; "" for the whole document. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

/** zod issues -> `{path, message}`; an unknown key is reported at its own path as "unknown field". */
export function toInputIssues(issues: readonly z.core.$ZodIssue[]): InputIssue[] {
  const out: InputIssue[] = [];
  const seen = new Set<string>();
  const add = (path: readonly PropertyKey[], message: string) => {
    const dotted = path.map(String).join(".");
    const key = `${dotted}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path: dotted, message });
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...issue.path, key], UNKNOWN_FIELD);
    } else if (issue.code === "invalid_type" && issue.path.length === 0 && issue.expected === "object") {
      add(issue.path, "Send a JSON object");
    } else {
      add(issue.path, issue.message);
    }
  }
  return out;
}

/** Validate an already-parsed JSON value. */
export function parseEvaluationInput(json: unknown): ParseResult<EvaluationInput> {
  const result = evaluationInputSchema.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toInputIssues(result.error.issues) };
}

/** Validate JSON text (a leading byte-order mark is ignored). */
export function parseEvaluationInputText(text: string): ParseResult<EvaluationInput> {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { ok: false, issues: [{ path: "", message: `Send valid JSON: ${(error as Error).message}` }] };
  }
  return parseEvaluationInput(json);
}

/** Validate clinic settings (admin form). */
export function parseClinicSettings(json: unknown): ParseResult<ClinicSettings> {
  const result = clinicSettingsSchema.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toInputIssues(result.error.issues) };
}

/** The error body shared by the command line (stderr, exit 2) and the HTTP API (status 400). */
export function invalidInputBody(issues: InputIssue[]): { error: "invalid input"; issues: InputIssue[] } {
  return { error: "invalid input", issues };
}

/** The JSON Schema of the input, for the docs (docs/evaluate-input.schema.json). */
export function evaluationInputJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(evaluationInputSchema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

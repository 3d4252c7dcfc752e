import { z } from "zod";
import { evaluationInputSchema, toInputIssues } from "@/lib/validation/evaluate-input";
import { isoDate, uuid } from "@/lib/validation/common";
import { ValidationError } from "@/lib/errors";

/**
 * What a clinician records in an intake or follow-up (Assessment.answers).
 * The clinical parts are exactly the evaluate() input sections of
 * EVALUATE.md section 1 (same schema objects, so the form, the server and the
 * engine cannot disagree); the rest is context the engine does not score:
 * free-text history, the plan checklist and, for follow-ups, the response to
 * treatment. Runs, the patient, the episode, prior assessments and settings
 * come from the database when the evaluation input is assembled.
 */
const S = evaluationInputSchema.shape;

const text = (max: number) =>
  z
    .string({ error: "must be text" })
    .max(max, `must be at most ${max} characters`)
    .transform((v) => v.trim())
    .optional();

/** The seed article's initial management and the return-to-run guidance (SPEC.md section 6). */
export const PLAN_ITEMS = [
  "reduce_running_volume",
  "avoid_hills",
  "warm_up",
  "ice_after_runs",
  "strengthen_hip_thigh",
  "mobility_hamstrings_ankle",
  "footwear_review",
  "cadence_increase",
  "pain_monitoring",
  "walk_run_progression",
  "no_progress_if_symptoms_24h",
  "refer_physician",
] as const;
export type PlanItem = (typeof PLAN_ITEMS)[number];

export const PLAN_ITEM_LABELS: Record<PlanItem, string> = {
  reduce_running_volume: "Reduce or modify running volume",
  avoid_hills: "Avoid hills (especially downhill) for now",
  warm_up: "Warm up before every run",
  ice_after_runs: "Ice the inner knee after runs (10-15 min)",
  strengthen_hip_thigh: "Strengthen hip and thigh stabilisers (gluteus medius, quadriceps control)",
  mobility_hamstrings_ankle: "Hamstring and ankle mobility work",
  footwear_review: "Review footwear: replace worn shoes, rotate more than one pair",
  cadence_increase: "Raise step rate by 5-10% to lower knee load",
  pain_monitoring:
    "Pain monitoring: up to 3/10 while running is acceptable, 4-5 is a caution, above 5 stop; pain must not be higher the next morning",
  walk_run_progression: "Walk-run progression starting at 3 × (4 min walk / 1 min run) on alternate days",
  no_progress_if_symptoms_24h: "Do not progress while pain or swelling lasts more than 24 hours",
  refer_physician: "Refer to a physician (red flag or no progress)",
};

export const RESPONSES = ["much_better", "better", "unchanged", "worse", "much_worse"] as const;
export const RESPONSE_LABELS: Record<(typeof RESPONSES)[number], string> = {
  much_better: "Much better",
  better: "Better",
  unchanged: "Unchanged",
  worse: "Worse",
  much_worse: "Much worse",
};

export const SWELLING_TIMING = ["none", "within_2h", "2_to_24h", "gradual"] as const;
export const SWELLING_TIMING_LABELS: Record<(typeof SWELLING_TIMING)[number], string> = {
  none: "No swelling",
  within_2h: "Within 2 hours of the injury",
  "2_to_24h": "2-24 hours after the injury",
  gradual: "Gradually, without an injury",
};

export const PAIN_TIMES = ["during_run", "after_run", "next_morning"] as const;
export const PAIN_TIME_LABELS: Record<(typeof PAIN_TIMES)[number], string> = {
  during_run: "During the run",
  after_run: "After the run",
  next_morning: "The next morning",
};

const contextSchema = z.strictObject({
  painTimes: z
    .array(z.enum(PAIN_TIMES, { error: `must be one of: ${PAIN_TIMES.join(", ")}` }))
    .max(3)
    .optional(),
  swellingTiming: z.enum(SWELLING_TIMING, { error: `must be one of: ${SWELLING_TIMING.join(", ")}` }).optional(),
  injuryHistory: text(2000),
  medication: text(1000),
  allergies: text(1000),
  comorbidities: text(1000),
  treatmentsTried: text(2000),
  trainingChanges: text(1000),
  shoeModel: text(120),
  cadenceSpm: z
    .int({ error: "must be a whole number of steps per minute" })
    .min(100, "must be from 100 to 250 steps/min")
    .max(250, "must be from 100 to 250 steps/min")
    .optional(),
  notes: text(4000),
});

const followUpSchema = z.strictObject({
  responseToTreatment: z.enum(RESPONSES, { error: "choose how the runner responded to treatment" }).optional(),
  trainingSinceLastVisit: text(2000),
});

const planSchema = z.strictObject({
  items: z
    .array(z.enum(PLAN_ITEMS, { error: "unknown plan item" }))
    .max(PLAN_ITEMS.length)
    .optional(),
  notes: text(4000),
  nextReviewDate: isoDate.optional(),
});

const trainingFlags = S.training.unwrap().omit({ runs: true });

export const answersSchema = z.strictObject({
  symptoms: S.symptoms,
  history: S.history,
  exam: S.exam,
  training: trainingFlags.optional(),
  measures: S.measures,
  context: contextSchema.optional(),
  followUp: followUpSchema.optional(),
  plan: planSchema.optional(),
});

export type Answers = z.output<typeof answersSchema>;

export const ASSESSMENT_KINDS = ["intake", "follow_up"] as const;

/** Saving a draft: new (no assessmentId) or an update naming the version it started from. */
export const saveDraftSchema = z.strictObject({
  assessmentId: uuid.optional(),
  episodeId: uuid,
  kind: z.enum(ASSESSMENT_KINDS, { error: "kind must be intake or follow_up" }),
  assessedOn: isoDate,
  version: z.int().min(1).optional(),
  answers: answersSchema,
});
export type SaveDraftInput = z.output<typeof saveDraftSchema>;

export const signSchema = z.strictObject({ assessmentId: uuid, version: z.int({ error: "version is required" }).min(1) });

export const addendumSchema = z.strictObject({
  assessmentId: uuid,
  text: z.string({ error: "text is required" }).trim().min(1, "write the addendum text").max(4000, "must be at most 4000 characters"),
});

export const enteredInErrorSchema = z.strictObject({
  assessmentId: uuid,
  reason: z
    .string({ error: "reason is required" })
    .trim()
    .min(5, "give the reason (at least 5 characters)")
    .max(1000, "must be at most 1000 characters"),
});

/** Parse with the same dotted paths and "unknown field" messages as the engine's input. */
export function parseWithIssues<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationError(toInputIssues(result.error.issues));
  return result.data;
}

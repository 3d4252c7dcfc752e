import { z } from "zod";
import { evaluationInputSchema, toInputIssues } from "@/lib/validation/evaluate-input";
import { isoDate, uuid } from "@/lib/validation/common";
import { SEND_VERSION, chooseOne, enterThe, enterWholeNumber, shortenTo } from "@/lib/validation/messages";

import { ValidationError } from "@/lib/errors";
import {
  ASSESSMENT_KINDS,
  PAIN_TIMES,
  PLAN_ITEMS,
  RESPONSES,
  SWELLING_TIMING,
  TREATMENT_CODES,
  WELLS_DVT_CRITERIA,
} from "@/lib/domain/codes";
import { wellsDvtScore } from "@/lib/clinical/wells";

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

const text = (max: number, label: string) =>
  z
    .string({ error: enterThe(label) })
    .max(max, shortenTo(label, max))
    .transform((v) => v.trim())
    .optional();

const CADENCE = enterWholeNumber("cadence", 100, 250, "steps/min");
const CADENCE_TARGET = enterWholeNumber("cadence target", 140, 220, "steps/min");

const contextSchema = z.strictObject({
  painTimes: z
    .array(z.enum(PAIN_TIMES, { error: chooseOne("time of pain", PAIN_TIMES) }))
    .max(3)
    .optional(),
  swellingTiming: z.enum(SWELLING_TIMING, { error: chooseOne("swelling timing", SWELLING_TIMING) }).optional(),
  /** The ticked criteria of the two-level Wells score; [] is a score of 0 (scored, nothing present). */
  wellsDvtCriteria: z
    .array(z.enum(WELLS_DVT_CRITERIA, { error: chooseOne("Wells criteria", WELLS_DVT_CRITERIA) }))
    .max(WELLS_DVT_CRITERIA.length)
    .refine((list) => new Set(list).size === list.length, "Remove the criterion listed twice")
    .optional(),
  injuryHistory: text(2000, "injury history"),
  medication: text(1000, "medication"),
  allergies: text(1000, "allergies"),
  comorbidities: text(1000, "comorbidities"),
  treatmentsTried: text(2000, "treatments tried"),
  trainingChanges: text(1000, "training changes"),
  shoeModel: text(120, "shoe model"),
  cadenceSpm: z.int({ error: CADENCE }).min(100, CADENCE).max(250, CADENCE).optional(),
  notes: text(4000, "notes"),
});

const followUpSchema = z.strictObject({
  responseToTreatment: z.enum(RESPONSES, { error: "Choose how the runner responded to treatment" }).optional(),
  trainingSinceLastVisit: text(2000, "training since the last visit"),
});

const planSchema = z.strictObject({
  items: z
    .array(z.enum(PLAN_ITEMS, { error: chooseOne("plan item", PLAN_ITEMS) }))
    .max(PLAN_ITEMS.length)
    .optional(),
  notes: text(4000, "notes"),
  nextReviewDate: isoDate.optional(),
});

/**
 * Treatment given at this visit (issue 14 item 3): each code once, with
 * notes; gait retraining needs its cadence target (steps/min) and only it has
 * one; "other" needs notes saying what was done.
 */
const treatmentItemSchema = z
  .strictObject({
    code: z.enum(TREATMENT_CODES, { error: chooseOne("treatment", TREATMENT_CODES) }),
    notes: text(1000, "notes"),
    cadenceTargetSpm: z.int({ error: CADENCE_TARGET }).min(140, CADENCE_TARGET).max(220, CADENCE_TARGET).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.code === "gait_retraining" && t.cadenceTargetSpm === undefined)
      ctx.addIssue({ code: "custom", path: ["cadenceTargetSpm"], message: "Enter the cadence target of the gait retraining (steps/min)" });
    if (t.code !== "gait_retraining" && t.cadenceTargetSpm !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["cadenceTargetSpm"],
        message: "Remove the cadence target: it belongs to gait retraining only",
      });
    if (t.code === "other" && !t.notes) ctx.addIssue({ code: "custom", path: ["notes"], message: "Write what the other treatment was" });
  });

export const treatmentSchema = z.strictObject({
  given: z
    .array(treatmentItemSchema)
    .max(TREATMENT_CODES.length)
    .refine((list) => new Set(list.map((t) => t.code)).size === list.length, "Remove the treatment listed twice"),
});
export type TreatmentGiven = z.output<typeof treatmentItemSchema>;

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
  treatment: treatmentSchema.optional(),
});

export type Answers = z.output<typeof answersSchema>;

/**
 * The engine inputs the form decides by one question each, set from them so
 * that the answers can never contradict themselves: swelling within 2 hours
 * of the injury from the one question on swelling timing, the Wells score
 * from its ticked criteria. Applied by the form as it is filled and by the
 * server on every save.
 */
export function deriveAnswers(answers: Answers): Answers {
  const out: Answers = { ...answers };
  const timing = answers.context?.swellingTiming;
  if (timing !== undefined) out.symptoms = { ...answers.symptoms, swellingWithin2hOfInjury: timing === "within_2h" };
  const criteria = answers.context?.wellsDvtCriteria;
  if (criteria !== undefined) out.exam = { ...answers.exam, wellsDvt: wellsDvtScore(criteria) };
  else if (answers.exam?.wellsDvt !== undefined) {
    // A score is only ever the calculator's: without its criteria it is not kept.
    const { wellsDvt: _score, ...exam } = answers.exam;
    out.exam = exam;
  }
  return out;
}

/**
 * Answers as the form shows them: an engine input no question shows is not
 * kept hidden. A draft saved before swelling timing was asked once keeps
 * "within 2 hours" as that timing; a "no" is asked again (an unanswered
 * question never lowers the triage).
 */
export function formAnswers(answers: Answers): Answers {
  const early = answers.symptoms?.swellingWithin2hOfInjury;
  if (early === undefined || answers.context?.swellingTiming !== undefined) return deriveAnswers(answers);
  const { swellingWithin2hOfInjury: _early, ...symptoms } = answers.symptoms ?? {};
  const out: Answers = { ...answers, symptoms };
  if (early) out.context = { ...answers.context, swellingTiming: "within_2h" };
  return deriveAnswers(out);
}

/**
 * A save refused because someone else changed or signed the record since it
 * was opened: the record as it now is, so the form can show both versions
 * (lib/data/assessments.ts builds it; lib/actions/state.ts parses it into the
 * action's answer with this schema).
 */
export const recordConflictSchema = z.object({
  version: z.int().min(1),
  status: z.string(),
  assessedOn: z.string(),
  answers: answersSchema,
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type RecordConflict = z.output<typeof recordConflictSchema>;

/** Saving a draft: new (no assessmentId) or an update naming the version it started from. */
export const saveDraftSchema = z.strictObject({
  assessmentId: uuid.optional(),
  episodeId: uuid,
  kind: z.enum(ASSESSMENT_KINDS, { error: chooseOne("kind", ASSESSMENT_KINDS) }),
  assessedOn: isoDate,
  version: z.int({ error: SEND_VERSION }).min(1, SEND_VERSION).optional(),
  answers: answersSchema,
  /** The runner's returned questionnaires these answers were pre-filled from (lib/runner-prefill.ts), taken into this draft as it is saved. */
  runnerRequestIds: z.array(uuid).max(50, "Choose at most 50 questionnaires").optional(),
});
export type SaveDraftInput = z.output<typeof saveDraftSchema>;

/**
 * Signing: the version the signer reviewed, and, when the red-flag screen is
 * incomplete, the signer's attestation of why (required then by lib/data).
 */
export const signSchema = z.strictObject({
  assessmentId: uuid,
  version: z.int({ error: SEND_VERSION }).min(1, SEND_VERSION),
  screenAttestation: z.string().trim().max(1000, shortenTo("attestation", 1000)).optional(),
});

export const addendumSchema = z.strictObject({
  assessmentId: uuid,
  text: z
    .string({ error: enterThe("addendum text") })
    .trim()
    .min(1, enterThe("addendum text"))
    .max(4000, shortenTo("addendum text", 4000)),
});

const REASON = "Enter the reason (at least 5 characters)";

export const enteredInErrorSchema = z.strictObject({
  assessmentId: uuid,
  reason: z.string({ error: REASON }).trim().min(5, REASON).max(1000, shortenTo("reason", 1000)),
});

/** Parse with the same dotted paths and "unknown field" messages as the engine's input. */
export function parseWithIssues<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationError(toInputIssues(result.error.issues));
  return result.data;
}

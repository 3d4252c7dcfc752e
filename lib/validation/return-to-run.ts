import { z } from "zod";
import { ENTRY_CRITERIA, LADDER_LIMITS, type EntryCriterion } from "@/lib/domain/return-to-run";
import { SEND_VERSION, chooseOne, enterWholeNumber, fieldLabel, shortenTo, trueOrFalse } from "@/lib/validation/messages";
import { blankToUndefined, uuid } from "@/lib/validation/common";

/**
 * The return-to-run ladder (the clinic's, and the copy a plan keeps) and the
 * entry criteria recorded at its start. Each stage field is checked against
 * LADDER_LIMITS and named by its path (`ladder.2.runMinutes`).
 */
const bounded = (field: Exclude<keyof typeof LADDER_LIMITS, "stages">, unit: string) => {
  const [min, max] = LADDER_LIMITS[field];
  const message = enterWholeNumber(fieldLabel([field]), min, max, unit);
  return z.int({ error: message }).min(min, message).max(max, message);
};

export const ladderStageSchema = z.strictObject({
  walkMinutes: bounded("walkMinutes", "minutes"),
  runMinutes: bounded("runMinutes", "minutes"),
  repeats: bounded("repeats", "repeats"),
  sessionsPerWeek: bounded("sessionsPerWeek", "sessions a week"),
});

export const ladderSchema = z
  .array(ladderStageSchema)
  .min(LADDER_LIMITS.stages[0], "Add at least one stage to the ladder")
  .max(LADDER_LIMITS.stages[1], `Remove stages: a ladder has at most ${LADDER_LIMITS.stages[1]}`);

const criterion = (c: EntryCriterion) => z.boolean({ error: trueOrFalse(c) });

/** Each criterion met (true) or not (false), with an optional note. */
export const entryCriteriaSchema = z.strictObject({
  met: z.strictObject({
    walk_30_pain_free: criterion("walk_30_pain_free"),
    hops_pain_free: criterion("hops_pain_free"),
    single_leg_squat_controlled: criterion("single_leg_squat_controlled"),
  } satisfies Record<EntryCriterion, z.ZodBoolean>),
  note: z.string().max(500, shortenTo("note", 500)).optional(),
});
export type EntryCriteria = z.output<typeof entryCriteriaSchema>;

/** A clinician's decision on the plan (POST /api/v1/episodes/{id}/return-to-run/decisions, and the episode page's form). */
export const returnToRunDecisionSchema = z.strictObject({
  step: z.enum(["start", "advance", "hold", "step_back", "complete"], {
    error: chooseOne("step", ["start", "advance", "hold", "step_back", "complete"]),
  }),
  /** The stage to move to; by default the next (advance, start), the previous (step back) or the same (hold, complete). */
  toStage: z
    .int({ error: enterWholeNumber("stage", 0) })
    .min(0, enterWholeNumber("stage", 0))
    .optional(),
  reason: z.string().trim().max(1000, shortenTo("reason", 1000)).optional(),
  /** Required with start: each criterion recorded. */
  entryCriteria: entryCriteriaSchema.optional(),
  /** How many decisions the clinician saw (the proposal they confirm was made on them): a decision over a newer one is refused. */
  basedOnDecisions: z.int({ error: SEND_VERSION }).min(0, SEND_VERSION),
});
export type ReturnToRunDecisionInput = z.output<typeof returnToRunDecisionSchema>;

/** The episode page's decision form: the same decision, posted as a form (the entry criteria as ticked boxes). */
export const returnToRunDecisionFormSchema = z.object({
  episodeId: uuid,
  step: returnToRunDecisionSchema.shape.step,
  toStage: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: enterWholeNumber("stage", 0) })
      .pipe(z.int({ error: enterWholeNumber("stage", 0) }).min(0, enterWholeNumber("stage", 0)))
      .optional(),
  ),
  reason: z.preprocess(blankToUndefined, returnToRunDecisionSchema.shape.reason),
  criteria: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(ENTRY_CRITERIA, { error: chooseOne("entry criteria", ENTRY_CRITERIA) })),
  ),
  basedOnDecisions: z.coerce.number({ error: SEND_VERSION }).pipe(z.int({ error: SEND_VERSION }).min(0, SEND_VERSION)),
});

/** The decision as the data layer takes it, from the form: the entry criteria recorded only with start. */
export function decisionOfForm(f: z.output<typeof returnToRunDecisionFormSchema>): ReturnToRunDecisionInput {
  const met = Object.fromEntries(ENTRY_CRITERIA.map((c) => [c, f.criteria.includes(c)]));
  return {
    step: f.step,
    toStage: f.toStage,
    reason: f.reason,
    basedOnDecisions: f.basedOnDecisions,
    entryCriteria: f.step === "start" ? entryCriteriaSchema.parse({ met }) : undefined,
  };
}

export const returnToRunPlanFormSchema = z.object({ episodeId: uuid });

const LADDER_FIELD = /^ladder\.(\d{1,2})\.(walkMinutes|runMinutes|repeats|sessionsPerWeek)$/;

/** A form's `ladder.N.field` entries as stages, in order: blank is missing, a number is a number, anything else stays text (and is refused by name). */
function ladderOfForm(form: unknown): unknown {
  if (!form || typeof form !== "object") return form;
  const stages: Record<string, unknown>[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(form)) {
    const m = LADDER_FIELD.exec(key);
    if (!m) {
      rest[key] = raw;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : raw;
    const value = text === "" ? undefined : typeof text === "string" && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    (stages[Number(m[1])] ??= {})[m[2]!] = value;
  }
  return { ...rest, ladder: stages.filter(Boolean) };
}

/** The admin's ladder form (settings): one row per stage, each field posted as `ladder.N.field`, named by that path when refused. */
export const ladderFormSchema = z.preprocess(ladderOfForm, z.object({ ladder: ladderSchema }));

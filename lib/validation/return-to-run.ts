import { z } from "zod";
import { LADDER_LIMITS, type EntryCriterion } from "@/lib/domain/return-to-run";

/**
 * The return-to-run ladder (the clinic's, and the copy a plan keeps) and the
 * entry criteria recorded at its start. Each stage field is checked against
 * LADDER_LIMITS and named by its path (`ladder.2.runMinutes`).
 */
const bounded = (field: Exclude<keyof typeof LADDER_LIMITS, "stages">, unit: string) => {
  const [min, max] = LADDER_LIMITS[field];
  const message = `${field} must be a whole number from ${min} to ${max} ${unit}`;
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
  .min(LADDER_LIMITS.stages[0], "a ladder has at least one stage")
  .max(LADDER_LIMITS.stages[1], `a ladder has at most ${LADDER_LIMITS.stages[1]} stages`);

const criterion = (c: EntryCriterion) => z.boolean({ error: `${c} must be true or false` });

/** Each criterion met (true) or not (false), with an optional note. */
export const entryCriteriaSchema = z.strictObject({
  met: z.strictObject({
    walk_30_pain_free: criterion("walk_30_pain_free"),
    hops_pain_free: criterion("hops_pain_free"),
    single_leg_squat_controlled: criterion("single_leg_squat_controlled"),
  } satisfies Record<EntryCriterion, z.ZodBoolean>),
  note: z.string().max(500, "note must be at most 500 characters").optional(),
});
export type EntryCriteria = z.output<typeof entryCriteriaSchema>;

import { z } from "zod";
import { DOSAGE_LIMITS, EXERCISE_LIBRARY } from "@/lib/domain/exercises";
import { optionalText } from "@/lib/validation/common";

/**
 * An episode's exercise programme as the clinician saves it (a new version
 * each time): POST /api/v1/episodes/{id}/programme and the stored items share
 * the item schema. Each dosage field is checked against DOSAGE_LIMITS and
 * named by its path (`items.0.sets`); an exercise is repetitions or a hold.
 */
const CODES = EXERCISE_LIBRARY.map((e) => e.code) as [string, ...string[]];

const whole = (field: keyof typeof DOSAGE_LIMITS, unit: string) => {
  const [min, max] = DOSAGE_LIMITS[field];
  return z
    .int({ error: `${field} must be a whole number of ${unit}` })
    .min(min, `${field} must be from ${min} to ${max} ${unit}`)
    .max(max, `${field} must be from ${min} to ${max} ${unit}`);
};

export const programmeItemSchema = z
  .strictObject({
    exercise: z.enum(CODES, { error: "exercise must be one of the library's exercises" }),
    sets: whole("sets", "sets"),
    reps: whole("reps", "repetitions").optional(),
    holdSeconds: whole("holdSeconds", "seconds").optional(),
    loadKg: z
      .number({ error: "loadKg must be a number of kg" })
      .min(DOSAGE_LIMITS.loadKg[0], `loadKg must be from ${DOSAGE_LIMITS.loadKg[0]} to ${DOSAGE_LIMITS.loadKg[1]} kg`)
      .max(DOSAGE_LIMITS.loadKg[1], `loadKg must be from ${DOSAGE_LIMITS.loadKg[0]} to ${DOSAGE_LIMITS.loadKg[1]} kg`)
      .optional(),
    daysPerWeek: whole("daysPerWeek", "days a week"),
    notes: optionalText(500, "notes"),
  })
  .superRefine((item, ctx) => {
    if ((item.reps === undefined) === (item.holdSeconds === undefined))
      ctx.addIssue({ code: "custom", path: ["reps"], message: "give either reps or holdSeconds (a hold), not both or neither" });
  });
export type ProgrammeItem = z.output<typeof programmeItemSchema>;

export const programmeItemsSchema = z
  .array(programmeItemSchema)
  .min(1, "add at least one exercise")
  .max(20, "a programme holds at most 20 exercises")
  .refine((items) => new Set(items.map((i) => i.exercise)).size === items.length, "an exercise is listed twice");

export const programmeSchema = z.strictObject({
  items: programmeItemsSchema,
  notes: optionalText(2000, "notes"),
  /** The version the clinician started from (0: none yet): a save over a newer version is refused. */
  basedOnVersion: z.int({ error: "basedOnVersion must be a whole number" }).min(0),
});
export type ProgrammeInput = z.output<typeof programmeSchema>;

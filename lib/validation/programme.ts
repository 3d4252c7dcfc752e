import { z } from "zod";
import { CLINIC_EXERCISE_PREFIX, DOSAGE_LIMITS, EXERCISE_CODE_PATTERN } from "@/lib/domain/exercises";
import { SEND_VERSION, enterNumber, enterWholeNumber, fieldLabel } from "@/lib/validation/messages";
import { isoDate, optionalText, requiredText, uuid } from "@/lib/validation/common";

/**
 * An episode's exercise programme as the clinician saves it (a new version
 * each time): POST /api/v1/episodes/{id}/programme and the stored items share
 * the item schema. Each dosage field is checked against DOSAGE_LIMITS and
 * named by its path (`items.0.sets`); an exercise is repetitions or a hold.
 * Whether an exercise is in the clinic's library (built-in or its own) and
 * not retired is checked by lib/data, which knows the clinic.
 */

const REPS_OR_HOLD = "Give either the repetitions or the hold seconds, not both or neither";

const whole = (field: keyof typeof DOSAGE_LIMITS, unit: string) => {
  const [min, max] = DOSAGE_LIMITS[field];
  return z
    .int({ error: enterWholeNumber(fieldLabel([field]), min, max, unit) })
    .min(min, enterWholeNumber(fieldLabel([field]), min, max, unit))
    .max(max, enterWholeNumber(fieldLabel([field]), min, max, unit));
};

const LOAD = enterNumber("load", DOSAGE_LIMITS.loadKg[0], DOSAGE_LIMITS.loadKg[1], "kg");

export const programmeItemSchema = z
  .strictObject({
    exercise: z.string({ error: "Choose an exercise of the library" }).regex(EXERCISE_CODE_PATTERN, "Choose an exercise of the library"),
    sets: whole("sets", "sets"),
    reps: whole("reps", "repetitions").optional(),
    holdSeconds: whole("holdSeconds", "seconds").optional(),
    loadKg: z.number({ error: LOAD }).min(DOSAGE_LIMITS.loadKg[0], LOAD).max(DOSAGE_LIMITS.loadKg[1], LOAD).optional(),
    daysPerWeek: whole("daysPerWeek", "days a week"),
    notes: optionalText(500, "notes"),
  })
  .superRefine((item, ctx) => {
    if ((item.reps === undefined) === (item.holdSeconds === undefined))
      ctx.addIssue({ code: "custom", path: ["reps"], message: REPS_OR_HOLD });
  });
export type ProgrammeItem = z.output<typeof programmeItemSchema>;

export const programmeItemsSchema = z
  .array(programmeItemSchema)
  .min(1, "Add at least one exercise")
  .max(20, "Remove exercises: a programme holds at most 20")
  .refine((items) => new Set(items.map((i) => i.exercise)).size === items.length, "Remove the exercise listed twice");

export const programmeSchema = z.strictObject({
  items: programmeItemsSchema,
  notes: optionalText(2000, "notes"),
  /** The version the clinician started from (0: none yet): a save over a newer version is refused. */
  basedOnVersion: z.int({ error: SEND_VERSION }).min(0, SEND_VERSION),
});
export type ProgrammeInput = z.output<typeof programmeSchema>;

/** Stopping the programme: a last version marked stopped, with the reason (the runner's ticks end there). */
export const stopProgrammeSchema = z.strictObject({
  reason: requiredText(500, "reason for stopping"),
  basedOnVersion: z.coerce.number({ error: SEND_VERSION }).int(SEND_VERSION).min(1, SEND_VERSION),
});
export type StopProgrammeInput = z.output<typeof stopProgrammeSchema>;

/** The programme editor's action: the programme with its episode (and patient, for the page to refresh). */
export const programmeActionSchema = programmeSchema.extend({ episodeId: uuid, patientId: uuid });
export const stopProgrammeActionSchema = stopProgrammeSchema.extend({ episodeId: uuid, patientId: uuid });

// ------------------------------------------------------------------ the clinic's own exercises

const lines = (label: string, maxItems: number, maxLength: number) =>
  z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
        : v,
    z
      .array(requiredText(maxLength, label), { error: `Enter the ${label}` })
      .min(1, `Enter the ${label}`)
      .max(maxItems, `Give at most ${maxItems} ${label}`),
  );

const blankNumber = (v: unknown) => (v === "" || v === null ? undefined : typeof v === "string" ? Number(v) : v);
const formWhole = (field: keyof typeof DOSAGE_LIMITS, unit: string) => z.preprocess(blankNumber, whole(field, unit));
const formWholeOptional = (field: keyof typeof DOSAGE_LIMITS, unit: string) => z.preprocess(blankNumber, whole(field, unit).optional());

/**
 * A clinic's own exercise (admin): name, steps for the runner (one a line),
 * target muscles, default dosage and how to progress. Its code is made from
 * the name with the `clinic_` prefix.
 */
export const clinicExerciseSchema = z
  .strictObject({
    name: requiredText(80, "name"),
    steps: lines("steps", 8, 300),
    muscles: z.preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(/[,\n]/)
              .map((l) => l.trim())
              .filter(Boolean)
          : v,
      z.array(requiredText(60, "muscles")).min(1, "Enter the muscles it targets").max(6, "Give at most 6 muscles"),
    ),
    sets: formWhole("sets", "sets"),
    reps: formWholeOptional("reps", "repetitions"),
    holdSeconds: formWholeOptional("holdSeconds", "seconds"),
    loadKg: z.preprocess(
      blankNumber,
      z.number({ error: LOAD }).min(DOSAGE_LIMITS.loadKg[0], LOAD).max(DOSAGE_LIMITS.loadKg[1], LOAD).optional(),
    ),
    daysPerWeek: formWhole("daysPerWeek", "days a week"),
    progression: requiredText(500, "progression"),
  })
  .superRefine((e, ctx) => {
    if ((e.reps === undefined) === (e.holdSeconds === undefined)) ctx.addIssue({ code: "custom", path: ["reps"], message: REPS_OR_HOLD });
  });
export type ClinicExerciseInput = z.output<typeof clinicExerciseSchema>;

export const retireExerciseSchema = z.strictObject({
  code: z.string({ error: "Choose an exercise of the library" }).regex(EXERCISE_CODE_PATTERN, "Choose an exercise of the library"),
});

/** "Hip hikes (band)" -> "clinic_hip_hikes_band". */
export function clinicExerciseCode(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 50);
  return `${CLINIC_EXERCISE_PREFIX}${slug || "exercise"}`;
}

/** The runner ticks (done: true) or unticks an exercise of their programme for a day (POST /api/r/{token}/exercises). */
export const exerciseTickSchema = z.strictObject({
  date: isoDate,
  exercise: z
    .string({ error: "Choose an exercise of your programme" })
    .regex(EXERCISE_CODE_PATTERN, "Choose an exercise of your programme"),
  done: z.boolean({ error: "Tick whether the exercise was done" }),
});

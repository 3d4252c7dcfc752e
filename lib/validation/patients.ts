import { z } from "zod";
import { latestToday } from "@/lib/format";
import { isoDate, optionalText, queryCursor, queryText, requiredText, uuid } from "@/lib/validation/common";

/** Registering or editing a runner (SPEC.md section 2, demographics). */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const SEXES = ["female", "male", "other", "unknown"] as const;
export const RUNNING_LEVELS = ["novice", "recreational", "competitive"] as const;
export const SIDES = ["left", "right", "both"] as const;
export const MECHANISMS = ["gradual", "acute_trauma"] as const;

export const patientSchema = z
  .object({
    mrn: requiredText(40, "MRN").regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "MRN may contain letters, digits and . _ / - only"),
    givenName: requiredText(80, "given name"),
    familyName: requiredText(80, "family name"),
    birthDate: isoDate,
    sex: z.enum(SEXES, { error: "choose female, male, other or unknown" }),
    email: z.preprocess(blank, z.email({ error: "must be a valid email address" }).max(320).optional()),
    phone: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(40, "phone must be at most 40 characters")
        .regex(/^[+0-9 ()-]*$/, "phone may contain digits, spaces, + ( ) and - only")
        .optional(),
    ),
    runningLevel: z.preprocess(blank, z.enum(RUNNING_LEVELS, { error: "choose novice, recreational or competitive" }).optional()),
    weeklyDistanceKm: z.preprocess(
      blank,
      z.coerce
        .number({ error: "must be a number of kilometres" })
        .min(0, "must be 0 km or more")
        .max(1000, "must be at most 1000 km")
        .optional(),
    ),
    goalEvent: optionalText(120, "goal event"),
    goalEventDate: z.preprocess(blank, isoDate.optional()),
  })
  .superRefine((p, ctx) => {
    const today = latestToday();
    if (p.birthDate > today) ctx.addIssue({ code: "custom", path: ["birthDate"], message: "birth date cannot be in the future" });
    if (p.birthDate < "1900-01-01") ctx.addIssue({ code: "custom", path: ["birthDate"], message: "birth date must be after 1900" });
  });

export type PatientInput = z.output<typeof patientSchema>;

export const updatePatientSchema = z.intersection(patientSchema, z.object({ patientId: uuid }));

export const episodeSchema = z
  .object({
    patientId: uuid,
    side: z.enum(SIDES, { error: "choose left, right or both" }),
    complaint: requiredText(500, "complaint"),
    onsetDate: z.preprocess(blank, isoDate.optional()),
    mechanism: z.preprocess(blank, z.enum(MECHANISMS, { error: "choose gradual or acute trauma" }).optional()),
    nextReviewDate: z.preprocess(blank, isoDate.optional()),
  })
  .superRefine((e, ctx) => {
    const today = latestToday();
    if (e.onsetDate && e.onsetDate > today)
      ctx.addIssue({ code: "custom", path: ["onsetDate"], message: "onset date cannot be in the future" });
  });

export type EpisodeInput = z.output<typeof episodeSchema>;

/** Reopening a discharged episode (discharging is lib/validation/discharge.ts). */
export const reopenEpisodeSchema = z.object({
  episodeId: uuid,
  nextReviewDate: z.preprocess(blank, isoDate.optional()),
});

export const patientSearchSchema = z.object({
  q: queryText(80, "search"),
  cursor: queryCursor,
});

/**
 * Correcting the facts of an open episode (side, onset date, mechanism) with
 * a reason: the full new values (an empty onset date or mechanism means "not
 * recorded"). Signed assessments keep the facts they were evaluated with.
 */
export const episodeCorrectionSchema = z
  .object({
    episodeId: uuid,
    side: z.enum(SIDES, { error: "choose left, right or both" }),
    onsetDate: z.preprocess(blank, isoDate.optional()),
    mechanism: z.preprocess(blank, z.enum(MECHANISMS, { error: "choose gradual or acute trauma" }).optional()),
    reason: requiredText(500, "reason"),
  })
  .superRefine((e, ctx) => {
    if (e.onsetDate && e.onsetDate > latestToday())
      ctx.addIssue({ code: "custom", path: ["onsetDate"], message: "onset date cannot be in the future" });
  });

export type EpisodeCorrectionInput = z.output<typeof episodeCorrectionSchema>;

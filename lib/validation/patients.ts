import { z } from "zod";
import { latestToday } from "@/lib/format";
import { reviewDateIssues } from "@/lib/validation/review-date";
import { enterNumber, enterPositiveNumber, notInFuture } from "@/lib/validation/messages";
import {
  type SortDir,
  ONE_CURSOR,
  dateOf,
  isoDate,
  oneCursor,
  optionalText,
  queryBefore,
  queryCursor,
  querySort,
  querySortDir,
  queryText,
  requiredText,
  uuid,
} from "@/lib/validation/common";

/** Registering or editing a runner (SPEC.md section 2, demographics). */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const SEXES = ["female", "male", "other", "unknown"] as const;
export const RUNNING_LEVELS = ["novice", "recreational", "competitive"] as const;
export const SIDES = ["left", "right", "both"] as const;
export const MECHANISMS = ["gradual", "acute_trauma"] as const;

const WEEKLY = enterNumber("usual weekly distance", 0, 1000, "km");
const GOAL = enterPositiveNumber("goal race distance", 500, "km");

export const patientSchema = z
  .object({
    mrn: requiredText(40, "MRN").regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "Use only letters, digits and . _ / - in the MRN"),
    givenName: requiredText(80, "given name"),
    familyName: requiredText(80, "family name"),
    birthDate: dateOf("date of birth"),
    sex: z.enum(SEXES, { error: "Choose female, male, other or unknown" }),
    email: z.preprocess(blank, z.email({ error: "Enter a valid email address, like name@example.com" }).max(320).optional()),
    phone: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .max(40, "Shorten the phone number to 40 characters or fewer")
        .regex(/^[+0-9 ()-]*$/, "Use only digits, spaces, + ( ) and - in the phone number")
        .optional(),
    ),
    runningLevel: z.preprocess(blank, z.enum(RUNNING_LEVELS, { error: "Choose novice, recreational or competitive" }).optional()),
    weeklyDistanceKm: z.preprocess(blank, z.coerce.number({ error: WEEKLY }).min(0, WEEKLY).max(1000, WEEKLY).optional()),
    goalEvent: optionalText(120, "goal event"),
    goalEventDate: z.preprocess(blank, dateOf("goal event date").optional()),
    goalEventDistanceKm: z.preprocess(blank, z.coerce.number({ error: GOAL }).gt(0, GOAL).max(500, GOAL).optional()),
    gpName: optionalText(120, "GP's name"),
    gpPractice: optionalText(200, "GP practice"),
    gpAddress: optionalText(500, "GP practice address"),
  })
  .superRefine((p, ctx) => {
    const today = latestToday();
    if (p.birthDate > today) ctx.addIssue({ code: "custom", path: ["birthDate"], message: notInFuture("date of birth") });
    if (p.birthDate < "1900-01-01") ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Enter a date of birth after 1900" });
  });

export type PatientInput = z.output<typeof patientSchema>;

export const updatePatientSchema = z.intersection(patientSchema, z.object({ patientId: uuid }));

export const episodeSchema = z
  .object({
    patientId: uuid,
    side: z.enum(SIDES, { error: "Choose the knee: left, right or both" }),
    complaint: requiredText(500, "complaint"),
    onsetDate: z.preprocess(blank, dateOf("onset date").optional()),
    mechanism: z.preprocess(blank, z.enum(MECHANISMS, { error: "Choose gradual or acute trauma" }).optional()),
    nextReviewDate: z.preprocess(blank, dateOf("first review date").optional()),
  })
  .superRefine((e, ctx) => {
    const today = latestToday();
    if (e.onsetDate && e.onsetDate > today) ctx.addIssue({ code: "custom", path: ["onsetDate"], message: notInFuture("onset date") });
    for (const issue of reviewDateIssues("nextReviewDate", "first review date", e.nextReviewDate, { onsetDate: e.onsetDate }))
      ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  });

export type EpisodeInput = z.output<typeof episodeSchema>;

/** Reopening a discharged episode (discharging is lib/validation/discharge.ts). */
export const reopenEpisodeSchema = z.object({
  episodeId: uuid,
  nextReviewDate: z.preprocess(blank, isoDate.optional()),
});

/** Withdrawing a duplicate episode opened by mistake: the reason is kept with it. */
export const withdrawEpisodeSchema = z.object({
  episodeId: uuid,
  reason: requiredText(500, "reason"),
});

/** The runner directory's sorts (lib/data/patients.ts DIRECTORY_SORTS): by name first. */
export const DIRECTORY_SORT = ["name", "mrn", "born"] as const;
export type DirectorySort = (typeof DIRECTORY_SORT)[number];
/** The direction each sort first reads in: A to Z, oldest first. */
export const DIRECTORY_SORT_DIR = { name: "asc", mrn: "asc", born: "asc" } as const satisfies Record<
  (typeof DIRECTORY_SORT)[number],
  SortDir
>;

export const patientSearchSchema = z
  .object({
    q: queryText(80, "search"),
    sort: querySort(DIRECTORY_SORT),
    dir: querySortDir,
    cursor: queryCursor,
    before: queryBefore,
  })
  .refine(oneCursor, ONE_CURSOR);

export type PatientSearch = z.output<typeof patientSearchSchema> & { limit?: number };

/**
 * Correcting the facts of an open episode (side, onset date, mechanism) with
 * a reason: the full new values (an empty onset date or mechanism means "not
 * recorded"). Signed assessments keep the facts they were evaluated with.
 */
export const episodeCorrectionSchema = z
  .object({
    episodeId: uuid,
    side: z.enum(SIDES, { error: "Choose the knee: left, right or both" }),
    onsetDate: z.preprocess(blank, isoDate.optional()),
    mechanism: z.preprocess(blank, z.enum(MECHANISMS, { error: "Choose gradual or acute trauma" }).optional()),
    reason: requiredText(500, "reason"),
  })
  .superRefine((e, ctx) => {
    if (e.onsetDate && e.onsetDate > latestToday())
      ctx.addIssue({ code: "custom", path: ["onsetDate"], message: notInFuture("onset date") });
  });

export type EpisodeCorrectionInput = z.output<typeof episodeCorrectionSchema>;

import { z } from "zod";
import { REVIEW_INTERVAL_DEFINITION } from "@/lib/domain/settings";
import { timeZones } from "@/lib/format";
import { enterWholeNumber } from "@/lib/validation/messages";
import { clinicSettingsSchema, importantChangeSchema } from "@/lib/validation/evaluate-input";

/**
 * The clinic-settings form: every threshold of EVALUATE.md section 6 is
 * required here (the form shows the current value of each), with the same
 * ranges as the `settings` of the evaluation input (lib/domain/settings.ts).
 */
const num = (v: unknown) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v)) : v);
const s = clinicSettingsSchema.shape;
const ic = importantChangeSchema.shape;
const R = REVIEW_INTERVAL_DEFINITION;
const REVIEW_INTERVAL = enterWholeNumber("review interval", R.min, R.max, "days");

export const settingsFormSchema = z
  .object({
    persistentPainDays: z.preprocess(num, s.persistentPainDays.unwrap()),
    twoWeekIncreasePct: z.preprocess(num, s.twoWeekIncreasePct.unwrap()),
    spikePct: z.preprocess(num, s.spikePct.unwrap()),
    minRestDaysPerWeek: z.preprocess(num, s.minRestDaysPerWeek.unwrap()),
    shoeReplaceKm: z.preprocess(num, s.shoeReplaceKm.unwrap()),
    maxRunPain: z.preprocess(num, s.maxRunPain.unwrap()),
    importantChangePain: z.preprocess(num, ic.painNow.unwrap()),
    importantChangeKoos: z.preprocess(num, ic.koos.unwrap()),
    importantChangeLefs: z.preprocess(num, ic.lefs.unwrap()),
    importantChangePsfs: z.preprocess(num, ic.psfs.unwrap()),
    importantChangeTegner: z.preprocess(num, ic.tegner.unwrap()),
    reviewIntervalDays: z.preprocess(num, z.int({ error: REVIEW_INTERVAL }).min(R.min, REVIEW_INTERVAL).max(R.max, REVIEW_INTERVAL)),
    timezone: z
      .string({ error: "Choose the clinic's time zone" })
      .refine((tz) => timeZones().includes(tz), "Choose a time zone from the list, e.g. Europe/London"),
  })
  .transform((f) => ({
    persistentPainDays: f.persistentPainDays,
    twoWeekIncreasePct: f.twoWeekIncreasePct,
    spikePct: f.spikePct,
    minRestDaysPerWeek: f.minRestDaysPerWeek,
    shoeReplaceKm: f.shoeReplaceKm,
    maxRunPain: f.maxRunPain,
    importantChange: {
      painNow: f.importantChangePain,
      koos: f.importantChangeKoos,
      lefs: f.importantChangeLefs,
      psfs: f.importantChangePsfs,
      tegner: f.importantChangeTegner,
    },
    reviewIntervalDays: f.reviewIntervalDays,
    timezone: f.timezone,
  }));

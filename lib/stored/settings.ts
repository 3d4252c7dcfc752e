/**
 * Stored thresholds (Assessment.settingsUsed, the settings an evaluation was
 * made with) and the referral's draft text (Referral.draft).
 *
 * settingsUsed stored before `maxRunPain` existed (rules version 1
 * evaluations, which give no running advice) read with its default.
 */
import * as z from "zod";
import { DEFAULT_SETTINGS, type Settings } from "@/lib/domain/settings";
import { readStored } from "./read";

const n = z.number();
const settingsSchema = z
  .object({
    persistentPainDays: n,
    twoWeekIncreasePct: n,
    spikePct: n,
    minRestDaysPerWeek: n,
    shoeReplaceKm: n,
    maxRunPain: n.default(DEFAULT_SETTINGS.maxRunPain),
    importantChange: z.object({ painNow: n, koos: n, lefs: n, psfs: n, tegner: n }),
  })
  .strict();

// Compile-time proof that the schema reads every threshold of lib/domain/settings.ts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.output<typeof settingsSchema>, Settings> = true;
void agrees;

/** The thresholds an evaluation was made with; `null` when none were stored (a draft). */
export function readSettingsUsed(json: unknown): Settings | null {
  return json === null || json === undefined ? null : readStored("settings", settingsSchema, json);
}

const referralDraftSchema = z.strictObject({
  treatmentSoFar: z.string().optional(),
  responseToTreatment: z.string().optional(),
  notes: z.string().optional(),
});
export type ReferralDraftText = z.output<typeof referralDraftSchema>;

/** The referrer's free text of a referral. */
export function readReferralDraft(json: unknown): ReferralDraftText {
  return readStored("referral draft", referralDraftSchema, json ?? {});
}

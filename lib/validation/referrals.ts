import { z } from "zod";
import { URGENCY_ORDER } from "@/lib/domain/urgency";
import { queryCursor, uuid } from "@/lib/validation/common";

/** Building, editing, signing and moving referrals (SPEC.md section 8). */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number, label: string) =>
  z.preprocess(blank, z.string().trim().max(max, `${label} must be at most ${max} characters`).optional());

export const URGENCIES = URGENCY_ORDER;
export const REFERRAL_STATUSES = ["draft", "signed", "sent", "cancelled"] as const;

export const createReferralSchema = z.object({
  episodeId: uuid,
  assessmentId: z.preprocess(blank, uuid.optional()),
});

export const updateReferralSchema = z.object({
  referralId: uuid,
  version: z.coerce.number({ error: "version is required" }).int().min(1),
  assessmentId: uuid,
  urgency: z.enum(URGENCIES, { error: "urgency must be emergency, urgent, soon or routine" }),
  reason: z
    .string({ error: "reason is required" })
    .trim()
    .min(1, "state the reason for the referral")
    .max(2000, "reason must be at most 2000 characters"),
  question: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().trim().max(2000, "question must be at most 2000 characters")),
  recipient: text(200, "recipient"),
  treatmentSoFar: text(4000, "treatment so far"),
  responseToTreatment: text(2000, "response to treatment"),
  notes: text(4000, "notes"),
});
export type UpdateReferralInput = z.output<typeof updateReferralSchema>;

export const signReferralSchema = z.object({ referralId: uuid, version: z.coerce.number().int().min(1) });
export const sendReferralSchema = z.object({ referralId: uuid });
export const cancelReferralSchema = z.object({
  referralId: uuid,
  reason: z
    .string({ error: "reason is required" })
    .trim()
    .min(5, "give the reason for cancelling (at least 5 characters)")
    .max(1000, "reason must be at most 1000 characters"),
});

export const referralListQuerySchema = z.object({
  status: z.preprocess(blank, z.enum(REFERRAL_STATUSES, { error: `status must be one of: ${REFERRAL_STATUSES.join(", ")}` }).optional()),
  cursor: queryCursor,
  limit: z.preprocess(
    blank,
    z.coerce
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be from 1 to 100")
      .max(100, "limit must be from 1 to 100")
      .default(25),
  ),
});

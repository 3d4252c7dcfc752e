import { z } from "zod";
import { URGENCY_ORDER } from "@/lib/domain/urgency";
import { queryCursor, queryLimit, uuid } from "@/lib/validation/common";
import { SEND_VERSION, chooseOne, enterThe, shortenTo } from "@/lib/validation/messages";

/** Building, editing, signing and moving referrals (SPEC.md section 8). */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const text = (max: number, label: string) => z.preprocess(blank, z.string().trim().max(max, shortenTo(label, max)).optional());

export const URGENCIES = URGENCY_ORDER;
export const REFERRAL_STATUSES = ["draft", "signed", "sent", "cancelled"] as const;

export const createReferralSchema = z.object({
  episodeId: uuid,
  assessmentId: z.preprocess(blank, uuid.optional()),
});

export const updateReferralSchema = z.object({
  referralId: uuid,
  version: z.coerce.number({ error: SEND_VERSION }).int(SEND_VERSION).min(1, SEND_VERSION),
  assessmentId: uuid,
  urgency: z.enum(URGENCIES, { error: chooseOne("urgency", URGENCIES) }),
  reason: z
    .string({ error: enterThe("reason for the referral") })
    .trim()
    .min(1, enterThe("reason for the referral"))
    .max(2000, shortenTo("reason", 2000)),
  question: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().trim().max(2000, shortenTo("question", 2000))),
  recipient: text(200, "recipient"),
  treatmentSoFar: text(4000, "treatment so far"),
  responseToTreatment: text(2000, "response to treatment"),
  notes: text(4000, "notes"),
});
export type UpdateReferralInput = z.output<typeof updateReferralSchema>;

export const signReferralSchema = z.object({
  referralId: uuid,
  version: z.coerce.number({ error: SEND_VERSION }).int(SEND_VERSION).min(1, SEND_VERSION),
});
export const sendReferralSchema = z.object({ referralId: uuid });
const CANCEL_REASON = "Enter the reason for cancelling (at least 5 characters)";
export const cancelReferralSchema = z.object({
  referralId: uuid,
  reason: z.string({ error: CANCEL_REASON }).trim().min(5, CANCEL_REASON).max(1000, shortenTo("reason", 1000)),
});

export const referralListQuerySchema = z.object({
  status: z.preprocess(blank, z.enum(REFERRAL_STATUSES, { error: chooseOne("status", REFERRAL_STATUSES) }).optional()),
  cursor: queryCursor,
  limit: queryLimit,
});

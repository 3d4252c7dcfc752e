"use server";

import { revalidatePath } from "next/cache";
import {
  cancelReferral,
  createReferralDraft,
  deleteReferralDraft,
  markReferralSent,
  signReferral,
  updateReferralDraft,
} from "@/lib/data/referrals";
import { defineFormAction } from "@/lib/actions/define";
import {
  cancelReferralSchema,
  createReferralSchema,
  sendReferralSchema,
  signReferralSchema,
  updateReferralSchema,
} from "@/lib/validation/referrals";

export const createReferralAction = defineFormAction({
  access: "referral.write",
  attempt: "referral.save",
  input: createReferralSchema,
  async run(actor, input) {
    const r = await createReferralDraft(actor, input.episodeId, input.assessmentId);
    revalidatePath(`/patients/${r.patientId}/referrals`);
    return { message: "Referral draft created.", data: { id: r.id, patientId: r.patientId } };
  },
});

export const updateReferralAction = defineFormAction({
  access: "referral.write",
  attempt: "referral.save",
  input: updateReferralSchema,
  async run(actor, input) {
    const r = await updateReferralDraft(actor, input);
    revalidatePath(`/patients/${r.patientId}/referrals/${r.id}`);
    return { message: "Referral draft saved.", data: { version: r.version } };
  },
});

export const signReferralAction = defineFormAction({
  access: "referral.sign",
  attempt: "referral.sign",
  input: signReferralSchema,
  async run(actor, input) {
    const r = await signReferral(actor, input.referralId, input.version);
    revalidatePath(`/patients/${r.patientId}/referrals/${r.id}`);
    revalidatePath("/referrals");
    return { message: "Referral signed. Its summary is now frozen." };
  },
});

export const sendReferralAction = defineFormAction({
  access: "referral.sign",
  attempt: "referral.send",
  input: sendReferralSchema,
  async run(actor, input) {
    const r = await markReferralSent(actor, input.referralId);
    revalidatePath(`/patients/${r.patientId}/referrals/${r.id}`);
    return { message: "Marked as sent." };
  },
});

export const cancelReferralAction = defineFormAction({
  access: "referral.sign",
  attempt: "referral.cancel",
  input: cancelReferralSchema,
  async run(actor, input) {
    const r = await cancelReferral(actor, input.referralId, input.reason);
    revalidatePath(`/patients/${r.patientId}/referrals/${r.id}`);
    return { message: "Referral cancelled." };
  },
});

export const deleteReferralDraftAction = defineFormAction({
  access: "referral.write",
  attempt: "referral.delete_draft",
  input: sendReferralSchema,
  async run(actor, input) {
    await deleteReferralDraft(actor, input.referralId);
    revalidatePath("/referrals");
    return { message: "Draft referral deleted." };
  },
});

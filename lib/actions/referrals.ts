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
import { runAction, type ActionState } from "@/lib/actions/state";
import { formDataToObject, parseOrThrow } from "@/lib/validation/common";
import {
  cancelReferralSchema,
  createReferralSchema,
  sendReferralSchema,
  signReferralSchema,
  updateReferralSchema,
} from "@/lib/validation/referrals";

export async function createReferralAction(_prev: ActionState, form: FormData): Promise<ActionState<{ id: string; patientId: string }>> {
  return runAction("referral.write", async (actor) => {
    const input = parseOrThrow(createReferralSchema, formDataToObject(form));
    const r = await createReferralDraft(actor, input.episodeId, input.assessmentId);
    revalidatePath(`/patients/${r.patientId}/referrals`);
    return { ok: true, message: "Referral draft created.", data: { id: r.id, patientId: r.patientId } };
  });
}

export async function updateReferralAction(_prev: ActionState, form: FormData): Promise<ActionState<{ version: number }>> {
  return runAction("referral.write", async (actor) => {
    const input = parseOrThrow(updateReferralSchema, formDataToObject(form));
    const r = await updateReferralDraft(actor, input);
    revalidatePath(`/patients/${r.patientId}/referrals/${r.id}`);
    return { ok: true, message: "Referral draft saved.", data: { version: r.version } };
  });
}

export async function signReferralAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("referral.sign", async (actor) => {
    const input = parseOrThrow(signReferralSchema, formDataToObject(form));
    const r = await signReferral(actor, input.referralId, input.version);
    revalidatePath(`/patients/${r.patientId}/referrals/${r.id}`);
    revalidatePath("/referrals");
    return { ok: true, message: "Referral signed. Its summary is now frozen." };
  });
}

export async function sendReferralAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("referral.sign", async (actor) => {
    const input = parseOrThrow(sendReferralSchema, formDataToObject(form));
    const r = await markReferralSent(actor, input.referralId);
    revalidatePath(`/patients/${r.patientId}/referrals/${r.id}`);
    return { ok: true, message: "Marked as sent." };
  });
}

export async function cancelReferralAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("referral.sign", async (actor) => {
    const input = parseOrThrow(cancelReferralSchema, formDataToObject(form));
    const r = await cancelReferral(actor, input.referralId, input.reason);
    revalidatePath(`/patients/${r.patientId}/referrals/${r.id}`);
    return { ok: true, message: "Referral cancelled." };
  });
}

export async function deleteReferralDraftAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("referral.write", async (actor) => {
    const input = parseOrThrow(sendReferralSchema, formDataToObject(form));
    await deleteReferralDraft(actor, input.referralId);
    revalidatePath("/referrals");
    return { ok: true, message: "Draft referral deleted." };
  });
}

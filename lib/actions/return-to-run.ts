"use server";

import { revalidatePath } from "next/cache";
import { defineFormAction } from "@/lib/actions/define";
import { createReturnToRunPlan, decideReturnToRun, updateClinicLadder } from "@/lib/data/return-to-run";
import { RETURN_TO_RUN_STEP_LABELS } from "@/lib/domain/return-to-run";
import { decisionOfForm, ladderFormSchema, returnToRunDecisionFormSchema, returnToRunPlanFormSchema } from "@/lib/validation/return-to-run";

export const createReturnToRunPlanAction = defineFormAction({
  access: "assessment.write",
  attempt: "return_to_run.save",
  input: returnToRunPlanFormSchema,
  async run(actor, { episodeId }) {
    const plan = await createReturnToRunPlan(actor, episodeId);
    revalidatePath("/patients", "layout");
    return { message: "Return-to-run plan made.", data: { planId: plan.planId } };
  },
});

export const decideReturnToRunAction = defineFormAction({
  access: "assessment.write",
  attempt: "return_to_run.save",
  input: returnToRunDecisionFormSchema,
  async run(actor, form) {
    const plan = await decideReturnToRun(actor, form.episodeId, decisionOfForm(form));
    revalidatePath("/patients", "layout");
    return {
      message: `Recorded: ${RETURN_TO_RUN_STEP_LABELS[form.step].toLowerCase()}. Now ${plan.stageName.toLowerCase()}.`,
      data: { stage: plan.currentStage },
    };
  },
});

export const updateLadderAction = defineFormAction({
  access: "admin.settings",
  attempt: "return_to_run.ladder",
  input: ladderFormSchema,
  async run(actor, { ladder }) {
    const saved = await updateClinicLadder(actor, ladder);
    revalidatePath("/admin/settings");
    return {
      message: `Return-to-run ladder saved (${saved.ladder.length} stage${saved.ladder.length === 1 ? "" : "s"}). It applies to plans made from now on; plans already made keep their own ladder.`,
    };
  },
});

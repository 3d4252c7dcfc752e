"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addAddendum, discardDraft, markEnteredInError, saveDraft, signAssessment } from "@/lib/data/assessments";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { addendumSchema, enteredInErrorSchema, saveDraftSchema, signSchema } from "@/lib/validation/assessment";
import { uuid } from "@/lib/validation/common";

/**
 * Assessment actions. The payload is parsed with the same schema the form
 * validates with in the browser; the server never trusts the client, and a
 * rejected save changes nothing (one transaction in lib/data).
 */
type Saved = { id: string; version: number; status: string; urgency: string | null };

export const saveDraftAction = defineAction({
  access: "assessment.write",
  attempt: "assessment.save",
  input: saveDraftSchema,
  async run(actor, input) {
    const a = await saveDraft(actor, input);
    return { message: "Draft saved.", data: { id: a.id, version: a.version, status: a.status, urgency: a.urgency } satisfies Saved };
  },
});

export const signAssessmentAction = defineAction({
  access: "assessment.sign",
  attempt: "assessment.sign",
  input: signSchema,
  async run(actor, input) {
    const a = await signAssessment(actor, input.assessmentId, input.version, input.screenAttestation);
    revalidatePath("/patients", "layout");
    return {
      message: "Assessment signed. It is now read-only.",
      data: { id: a.id, version: a.version, status: a.status, urgency: a.urgency } satisfies Saved,
    };
  },
});

export const discardDraftAction = defineAction({
  access: "assessment.write",
  attempt: "assessment.discard_draft",
  input: z.strictObject({ assessmentId: uuid, version: z.int().min(1) }),
  async run(actor, input) {
    await discardDraft(actor, input.assessmentId, input.version);
    revalidatePath("/patients", "layout");
    return { message: "Draft discarded." };
  },
});

export const addAddendumAction = defineFormAction({
  access: "assessment.write",
  attempt: "assessment.addendum",
  input: addendumSchema,
  async run(actor, input) {
    await addAddendum(actor, input.assessmentId, input.text);
    revalidatePath("/patients", "layout");
    return { message: "Addendum added." };
  },
});

export const enteredInErrorAction = defineFormAction({
  access: "assessment.sign",
  attempt: "assessment.entered_in_error",
  input: enteredInErrorSchema,
  async run(actor, input) {
    await markEnteredInError(actor, input.assessmentId, input.reason);
    revalidatePath("/patients", "layout");
    return { message: "Marked as entered in error. It stays visible, struck through, and is left out of charts and trends." };
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { addAddendum, discardDraft, markEnteredInError, saveDraft, signAssessment } from "@/lib/data/assessments";
import { runAction, type ActionState } from "@/lib/actions/state";
import { formDataToObject } from "@/lib/validation/common";
import { addendumSchema, enteredInErrorSchema, parseWithIssues, saveDraftSchema, signSchema } from "@/lib/validation/assessment";
import { z } from "zod";
import { uuid } from "@/lib/validation/common";

/**
 * Assessment actions. The payload is parsed with the same schema the form
 * validates with in the browser; the server never trusts the client, and a
 * rejected save changes nothing (one transaction in lib/data).
 */
type Saved = { id: string; version: number; status: string; urgency: string | null };

export async function saveDraftAction(payload: unknown): Promise<ActionState<Saved>> {
  return runAction("assessment.write", async (actor) => {
    const input = parseWithIssues(saveDraftSchema, payload);
    const a = await saveDraft(actor, input);
    return { ok: true, message: "Draft saved.", data: { id: a.id, version: a.version, status: a.status, urgency: a.urgency } };
  });
}

export async function signAssessmentAction(payload: unknown): Promise<ActionState<Saved>> {
  return runAction("assessment.sign", async (actor) => {
    const input = parseWithIssues(signSchema, payload);
    const a = await signAssessment(actor, input.assessmentId, input.version, input.screenAttestation);
    revalidatePath("/patients", "layout");
    return {
      ok: true,
      message: "Assessment signed. It is now read-only.",
      data: { id: a.id, version: a.version, status: a.status, urgency: a.urgency },
    };
  });
}

const discardSchema = z.strictObject({ assessmentId: uuid, version: z.int().min(1) });

export async function discardDraftAction(payload: unknown): Promise<ActionState> {
  return runAction("assessment.write", async (actor) => {
    const input = parseWithIssues(discardSchema, payload);
    await discardDraft(actor, input.assessmentId, input.version);
    revalidatePath("/patients", "layout");
    return { ok: true, message: "Draft discarded." };
  });
}

export async function addAddendumAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("assessment.write", async (actor) => {
    const input = parseWithIssues(addendumSchema, formDataToObject(form));
    await addAddendum(actor, input.assessmentId, input.text);
    revalidatePath("/patients", "layout");
    return { ok: true, message: "Addendum added." };
  });
}

export async function enteredInErrorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("assessment.sign", async (actor) => {
    const input = parseWithIssues(enteredInErrorSchema, formDataToObject(form));
    await markEnteredInError(actor, input.assessmentId, input.reason);
    revalidatePath("/patients", "layout");
    return { ok: true, message: "Marked as entered in error. It stays visible, struck through, and is left out of charts and trends." };
  });
}

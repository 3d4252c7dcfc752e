"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/actions/state";
import { assignRunShoe, deleteShoe, saveShoe } from "@/lib/data/shoes";
import { formDataToObject, parseOrThrow } from "@/lib/validation/common";
import { runShoeSchema, shoeDeleteSchema, shoeFormSchema } from "@/lib/validation/shoes";

/** The shoe log: permission run.write, one zod schema each (lib/validation/shoes.ts), audited in lib/data/shoes.ts. */
export async function saveShoeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("run.write", async (actor) => {
    const input = parseOrThrow(shoeFormSchema, formDataToObject(form));
    const { assignedRuns } = await saveShoe(actor, input);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return {
      ok: true,
      message: input.shoeId
        ? `Shoes updated: ${input.name}.`
        : `Shoes added: ${input.name}.${assignedRuns ? ` ${assignedRuns} run${assignedRuns === 1 ? "" : "s"} without shoes from ${input.introducedOn} on now count on this pair.` : ""}`,
    };
  });
}

export async function deleteShoeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("run.write", async (actor) => {
    const input = parseOrThrow(shoeDeleteSchema, formDataToObject(form));
    await deleteShoe(actor, input.patientId, input.shoeId);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return { ok: true, message: "Shoes deleted; their runs are kept without shoes." };
  });
}

export async function assignRunShoeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("run.write", async (actor) => {
    const input = parseOrThrow(runShoeSchema, formDataToObject(form));
    await assignRunShoe(actor, input.patientId, input.runId, input.shoeId ?? null);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return { ok: true, message: "Shoes of the run changed." };
  });
}

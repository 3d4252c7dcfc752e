"use server";

import { revalidatePath } from "next/cache";
import { createEpisode, createPatient, setEpisodeStatus, updatePatient, withdrawEpisode } from "@/lib/data/patients";
import { runAction, type ActionState } from "@/lib/actions/state";
import { formDataToObject, parseOrThrow } from "@/lib/validation/common";
import { episodeSchema, episodeStatusSchema, patientSchema, updatePatientSchema, withdrawEpisodeSchema } from "@/lib/validation/patients";

export async function createPatientAction(_prev: ActionState, form: FormData): Promise<ActionState<{ id: string }>> {
  return runAction("patient.write", async (actor) => {
    const input = parseOrThrow(patientSchema, formDataToObject(form));
    const patient = await createPatient(actor, input);
    revalidatePath("/patients");
    return { ok: true, message: `Registered ${patient.givenName} ${patient.familyName}.`, data: { id: patient.id } };
  });
}

export async function updatePatientAction(_prev: ActionState, form: FormData): Promise<ActionState<{ id: string }>> {
  return runAction("patient.write", async (actor) => {
    const { patientId, ...input } = parseOrThrow(updatePatientSchema, formDataToObject(form));
    const patient = await updatePatient(actor, patientId, input);
    revalidatePath(`/patients/${patientId}`);
    return { ok: true, message: "Demographics saved.", data: { id: patient.id } };
  });
}

export async function createEpisodeAction(_prev: ActionState, form: FormData): Promise<ActionState<{ id: string }>> {
  return runAction("patient.write", async (actor) => {
    const input = parseOrThrow(episodeSchema, formDataToObject(form));
    const episode = await createEpisode(actor, input);
    revalidatePath(`/patients/${input.patientId}`);
    return { ok: true, message: "Episode opened.", data: { id: episode.id } };
  });
}

export async function setEpisodeStatusAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("patient.write", async (actor) => {
    const input = parseOrThrow(episodeStatusSchema, formDataToObject(form));
    const episode = await setEpisodeStatus(actor, input.episodeId, input.status, input.nextReviewDate);
    revalidatePath(`/patients/${episode.patientId}`);
    return { ok: true, message: input.status === "discharged" ? "Episode discharged." : "Episode updated." };
  });
}

export async function withdrawEpisodeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction("patient.write", async (actor) => {
    const input = parseOrThrow(withdrawEpisodeSchema, formDataToObject(form));
    const episode = await withdrawEpisode(actor, input.episodeId, input.reason);
    revalidatePath(`/patients/${episode.patientId}`);
    return { ok: true, message: "Episode withdrawn as opened in error." };
  });
}

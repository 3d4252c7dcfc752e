"use server";

import { revalidatePath } from "next/cache";
import { createEpisode, createPatient, setEpisodeStatus, updatePatient, withdrawEpisode } from "@/lib/data/patients";
import { defineFormAction } from "@/lib/actions/define";
import { episodeSchema, episodeStatusSchema, patientSchema, updatePatientSchema, withdrawEpisodeSchema } from "@/lib/validation/patients";

export const createPatientAction = defineFormAction({
  access: "patient.write",
  input: patientSchema,
  async run(actor, input) {
    const patient = await createPatient(actor, input);
    revalidatePath("/patients");
    return { message: `Registered ${patient.givenName} ${patient.familyName}.`, data: { id: patient.id } };
  },
});

export const updatePatientAction = defineFormAction({
  access: "patient.write",
  input: updatePatientSchema,
  async run(actor, { patientId, ...input }) {
    const patient = await updatePatient(actor, patientId, input);
    revalidatePath(`/patients/${patientId}`);
    return { message: "Demographics saved.", data: { id: patient.id } };
  },
});

export const createEpisodeAction = defineFormAction({
  access: "patient.write",
  input: episodeSchema,
  async run(actor, input) {
    const episode = await createEpisode(actor, input);
    revalidatePath(`/patients/${input.patientId}`);
    return { message: "Episode opened.", data: { id: episode.id } };
  },
});

export const setEpisodeStatusAction = defineFormAction({
  access: "patient.write",
  input: episodeStatusSchema,
  async run(actor, input) {
    const episode = await setEpisodeStatus(actor, input.episodeId, input.status, input.nextReviewDate);
    revalidatePath(`/patients/${episode.patientId}`);
    return { message: input.status === "discharged" ? "Episode discharged." : "Episode updated." };
  },
});

/** Withdraws a duplicate episode opened by mistake (kept, struck through, not a discharge). */
export const withdrawEpisodeAction = defineFormAction({
  access: "patient.write",
  input: withdrawEpisodeSchema,
  async run(actor, input) {
    const episode = await withdrawEpisode(actor, input.episodeId, input.reason);
    revalidatePath(`/patients/${episode.patientId}`);
    return { message: "Episode withdrawn as opened in error." };
  },
});

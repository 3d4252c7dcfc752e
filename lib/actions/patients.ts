"use server";

import { revalidatePath } from "next/cache";
import { createEpisode, createPatient, reopenEpisode, updatePatient, withdrawEpisode } from "@/lib/data/patients";
import { defineFormAction } from "@/lib/actions/define";
import { correctEpisode } from "@/lib/data/episode-corrections";
import {
  episodeCorrectionSchema,
  episodeSchema,
  patientSchema,
  reopenEpisodeSchema,
  updatePatientSchema,
  withdrawEpisodeSchema,
} from "@/lib/validation/patients";

export const createPatientAction = defineFormAction({
  access: "patient.write",
  attempt: "patient.create",
  input: patientSchema,
  async run(actor, input) {
    const patient = await createPatient(actor, input);
    revalidatePath("/patients");
    return { message: `Registered ${patient.givenName} ${patient.familyName}.`, data: { id: patient.id } };
  },
});

export const updatePatientAction = defineFormAction({
  access: "patient.write",
  attempt: "patient.update",
  input: updatePatientSchema,
  async run(actor, { patientId, ...input }) {
    const patient = await updatePatient(actor, patientId, input);
    revalidatePath(`/patients/${patientId}`);
    return { message: "Demographics saved.", data: { id: patient.id } };
  },
});

export const createEpisodeAction = defineFormAction({
  access: "patient.write",
  attempt: "episode.create",
  input: episodeSchema,
  async run(actor, input) {
    const episode = await createEpisode(actor, input);
    revalidatePath(`/patients/${input.patientId}`);
    return { message: "Episode opened.", data: { id: episode.id } };
  },
});

export const reopenEpisodeAction = defineFormAction({
  access: "patient.write",
  attempt: "episode.update",
  input: reopenEpisodeSchema,
  async run(actor, input) {
    const episode = await reopenEpisode(actor, input.episodeId, input.nextReviewDate);
    revalidatePath(`/patients/${episode.patientId}`);
    return { message: "Episode reopened." };
  },
});

/** Withdraws a duplicate episode opened by mistake (kept, struck through, not a discharge). */
export const withdrawEpisodeAction = defineFormAction({
  access: "patient.write",
  attempt: "episode.opened_in_error",
  input: withdrawEpisodeSchema,
  async run(actor, input) {
    const episode = await withdrawEpisode(actor, input.episodeId, input.reason);
    revalidatePath(`/patients/${episode.patientId}`);
    return { message: "Episode withdrawn as opened in error." };
  },
});

export const correctEpisodeAction = defineFormAction({
  access: "patient.write",
  attempt: "episode.correct",
  input: episodeCorrectionSchema,
  async run(actor, input) {
    const episode = await correctEpisode(actor, input);
    revalidatePath(`/patients/${episode.patientId}`, "layout");
    return { message: "Episode corrected. Signed assessments keep the facts they were evaluated with." };
  },
});

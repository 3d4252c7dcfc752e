"use server";

import { revalidatePath } from "next/cache";
import { defineAction, defineFormAction } from "@/lib/actions/define";
import { addClinicExercise, retireExercise } from "@/lib/data/exercise-library";
import { saveProgramme, stopProgramme } from "@/lib/data/programmes";
import { clinicExerciseSchema, programmeActionSchema, retireExerciseSchema, stopProgrammeActionSchema } from "@/lib/validation/programme";

/** The programme editor of the episode page: a new version (the same schema as POST /api/v1/episodes/{id}/programme). */
export const saveProgrammeAction = defineAction({
  access: "assessment.write",
  attempt: "programme.save",
  input: programmeActionSchema,
  async run(actor, { episodeId, patientId, ...input }) {
    const saved = await saveProgramme(actor, episodeId, input);
    revalidatePath(`/patients/${patientId}`, "layout");
    return { message: `Programme saved as version ${saved.version}.`, data: { version: saved.version } };
  },
});

/** "Stop programme": a last version marked stopped, with the reason. */
export const stopProgrammeAction = defineFormAction({
  access: "assessment.write",
  attempt: "programme.stop",
  input: stopProgrammeActionSchema,
  async run(actor, { episodeId, patientId, ...input }) {
    const stopped = await stopProgramme(actor, episodeId, input);
    revalidatePath(`/patients/${patientId}`, "layout");
    return { message: `Programme stopped (version ${stopped.version}).` };
  },
});

/** Admin: a clinic's own exercise in the library. */
export const addClinicExerciseAction = defineFormAction({
  access: "admin.settings",
  attempt: "exercise.add",
  input: clinicExerciseSchema,
  async run(actor, input) {
    const added = await addClinicExercise(actor, input);
    revalidatePath("/admin/exercises");
    return { message: `${added.name} added to the library.` };
  },
});

/** Admin: retire an exercise (built-in or the clinic's own): no new prescriptions; old programmes keep it. */
export const retireExerciseAction = defineFormAction({
  access: "admin.settings",
  attempt: "exercise.retire",
  input: retireExerciseSchema,
  async run(actor, { code }) {
    const retired = await retireExercise(actor, code);
    revalidatePath("/admin/exercises");
    return { message: `${retired.name} retired: it can no longer be prescribed.` };
  },
});

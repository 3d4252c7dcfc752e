"use server";

import { revalidatePath } from "next/cache";
import { defineFormAction } from "@/lib/actions/define";
import { formatDate, plural } from "@/lib/format";
import { assignRunShoe, deleteShoe, saveShoe } from "@/lib/data/shoes";
import { runShoeSchema, shoeDeleteSchema, shoeFormSchema } from "@/lib/validation/shoes";

/** The shoe log: permission run.write, one zod schema each (lib/validation/shoes.ts), audited in lib/data/shoes.ts. */
export const saveShoeAction = defineFormAction({
  access: "run.write",
  attempt: "shoe.save",
  input: shoeFormSchema,
  async run(actor, input) {
    const { assignedRuns } = await saveShoe(actor, input);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return {
      message: input.shoeId
        ? `Shoes updated: ${input.name}.`
        : `Shoes added: ${input.name}.${assignedRuns ? ` ${plural(assignedRuns, "run")} without shoes from ${formatDate(input.introducedOn)} on now count on this pair.` : ""}`,
    };
  },
});

export const deleteShoeAction = defineFormAction({
  access: "run.write",
  attempt: "shoe.delete",
  input: shoeDeleteSchema,
  async run(actor, input) {
    await deleteShoe(actor, input.patientId, input.shoeId);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return { message: "Shoes deleted; their runs are kept without shoes." };
  },
});

export const assignRunShoeAction = defineFormAction({
  access: "run.write",
  attempt: "run.assign_shoe",
  input: runShoeSchema,
  async run(actor, input) {
    await assignRunShoe(actor, input.patientId, input.runId, input.shoeId ?? null);
    revalidatePath(`/patients/${input.patientId}/runs`);
    return { message: "Shoes of the run changed." };
  },
});

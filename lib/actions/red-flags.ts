"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { RED_FLAG_ACTION_LABELS } from "@/lib/domain/labels";
import { recordRedFlagAction } from "@/lib/data/red-flags";
import { redFlagLabel } from "@/lib/data/red-flag-state";
import { defineFormAction } from "@/lib/actions/define";
import { uuid } from "@/lib/validation/common";
import { redFlagActionSchema } from "@/lib/validation/red-flags";

/** The record's form "What was done about this red flag?" (the same schema as the API, with the episode). */
export const recordRedFlagActionAction = defineFormAction({
  access: "assessment.write",
  attempt: "red_flag.action",
  input: z.intersection(redFlagActionSchema, z.object({ episodeId: uuid, patientId: uuid })),
  async run(actor, { episodeId, patientId, ...input }) {
    const recorded = await recordRedFlagAction(actor, episodeId, input);
    revalidatePath(`/patients/${patientId}`, "layout");
    return { message: `${redFlagLabel(recorded.code)}: ${RED_FLAG_ACTION_LABELS[recorded.action].toLowerCase()}, recorded.` };
  },
});

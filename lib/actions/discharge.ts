"use server";

import { revalidatePath } from "next/cache";
import { defineFormAction } from "@/lib/actions/define";
import { dischargeEpisode } from "@/lib/data/discharges";
import { dischargeFormSchema } from "@/lib/validation/discharge";

export const dischargeEpisodeAction = defineFormAction({
  access: "patient.write",
  attempt: "episode.discharge",
  input: dischargeFormSchema,
  async run(actor, { episodeId, ...input }) {
    const discharge = await dischargeEpisode(actor, episodeId, input);
    revalidatePath("/patients", "layout");
    return { message: "Episode discharged.", data: { id: discharge.id } };
  },
});

"use server";

import { revalidatePath } from "next/cache";
import { defineFormAction } from "@/lib/actions/define";
import { signLetter } from "@/lib/data/letters";
import { LETTER_TITLES } from "@/lib/domain/letters";
import { letterFormSchema } from "@/lib/validation/letters";

export const signLetterAction = defineFormAction({
  access: "assessment.write",
  attempt: "letter.sign",
  input: letterFormSchema,
  async run(actor, { episodeId, ...input }) {
    const letter = await signLetter(actor, episodeId, input);
    revalidatePath("/patients", "layout");
    return { message: `${LETTER_TITLES[letter.kind]} signed (version ${letter.version}).`, data: { id: letter.id } };
  },
});

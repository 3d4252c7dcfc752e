import { z } from "zod";
import { blankToUndefined, uuid } from "@/lib/validation/common";
import { chooseOne, enterWholeNumber, shortenTo } from "@/lib/validation/messages";

/** Signing a letter (POST /api/v1/episodes/{id}/letters, and the patient page's form). */
export const letterSchema = z.strictObject({
  kind: z.enum(["discharge_summary", "gp_letter"], { error: chooseOne("kind of letter", ["discharge_summary", "gp_letter"]) }),
  amendmentReason: z.preprocess(blankToUndefined, z.string().trim().max(1000, shortenTo("reason for the amendment", 1000)).optional()),
});

export const letterFormSchema = z.object({ episodeId: uuid, ...letterSchema.shape });

const VERSION = enterWholeNumber("version", 1);

/** ?version=n of a letter's PDF. */
export const letterVersionQuery = z.object({
  version: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: VERSION })
      .pipe(z.int({ error: VERSION }).min(1, VERSION))
      .optional(),
  ),
});
